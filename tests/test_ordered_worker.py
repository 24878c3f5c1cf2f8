"""The counting worker: jobs in order, one at a time, a bounded queue, and a job's exception raised on wait."""

from __future__ import annotations

import threading
import time

import pytest

from exporter.ordered_worker import OrderedWorker


def test_jobs_run_in_the_order_given_on_one_other_thread():
    worker = OrderedWorker(waiting=2)
    done: list[int] = []
    threads: set[int] = set()

    def job(number: int) -> None:
        time.sleep(0.002 * (number % 3))  # later jobs may be quicker: order must still hold
        threads.add(threading.get_ident())
        done.append(number)

    for number in range(20):
        worker.submit(job, number)
    worker.wait()
    assert done == list(range(20))
    assert threads != {threading.get_ident()}
    assert len(threads) == 1
    worker.close()


def test_no_more_than_the_waiting_jobs_are_queued():
    worker = OrderedWorker(waiting=2)
    release = threading.Event()
    worker.submit(release.wait)
    worker.submit(lambda: None)
    blocked = threading.Thread(target=worker.submit, args=(lambda: None,))
    blocked.start()
    blocked.join(0.2)
    assert blocked.is_alive()  # a third job waits for room
    release.set()
    blocked.join(5)
    assert not blocked.is_alive()
    worker.wait()
    worker.close()


def test_a_jobs_exception_comes_out_of_the_next_submit_and_that_job_is_not_queued():
    worker = OrderedWorker(waiting=1)
    ran: list[str] = []

    def fails() -> None:
        raise ValueError("counted wrongly")

    worker.submit(fails)
    with pytest.raises(ValueError, match="counted wrongly"):
        worker.submit(ran.append, "after")  # waits for room: the failure comes out here
    worker.wait()
    assert ran == []
