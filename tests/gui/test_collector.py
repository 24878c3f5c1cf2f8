"""Cycles are collected on the GUI thread only: a worker's allocations never free a widget."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget

from exporter.gui import collector


def test_automatic_collection_is_off_and_the_gui_thread_collects_what_is_due(qapp, qtbot):
    installed = collector.install(qapp)
    assert collector.install(qapp) is installed
    assert not gc.isenabled()

    freed_on: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self
            self.widget = QWidget()

        def __del__(self) -> None:
            freed_on.append(threading.current_thread().name)

    Cycle()
    kept: list[list[object]] = []
    worker = threading.Thread(target=lambda: kept.extend([object()] for _ in range(50_000)), name="worker")
    worker.start()
    worker.join()
    assert gc.get_count()[0] > gc.get_threshold()[0]  # the worker allocated past the threshold...
    assert freed_on == []  # ... and collected nothing

    qtbot.waitUntil(lambda: bool(freed_on), timeout=5 * collector.INTERVAL_MS)
    assert freed_on == [threading.main_thread().name]


def test_uninstalling_gives_collection_back_to_python(qapp):
    collector.install(qapp)
    collector.uninstall(qapp)
    try:
        assert gc.isenabled()
        assert qapp.findChild(collector.MainThreadCollector) is None
    finally:
        collector.install(qapp)  # as the fixture expects


def test_the_program_installs_it_on_its_application(qapp):
    from exporter.gui.app import application

    collector.uninstall(qapp)
    assert application() is qapp
    assert qapp.findChild(collector.MainThreadCollector) is not None
    assert not gc.isenabled()
