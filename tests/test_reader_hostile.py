"""Resident files and arguments that a fresh pair of eyes used to break the reader: each is one sentence now.

Found by trying exporter as a new user would (a session that had not seen the code): odd --encoding names, UTF-16
without a byte order mark, a source that is a pipe, a file replaced while it is read, file names and options that
are not text in the terminal's encoding, and an export stuck where it cannot look at its cancel flag.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.errors import SourceError
from exporter.sample import sample_bytes
from exporter.source import iter_rows, open_source


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("name", ["rot13", "hex", "base64", "zlib", "uu", "quopri", "undefined", "idna",
                                  "punycode", "unicode_escape", "raw_unicode_escape"])  # fmt: skip
def test_codecs_that_are_not_a_files_encoding_are_refused(tmp_path, name):
    path = tmp_path / "plain.csv"
    path.write_bytes(b"a,b\n\\x41,2\n")
    with pytest.raises(SourceError, match=r"is not an encoding a text file is written in\.$"):
        open_source(path, encoding=name)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_detected(tmp_path, codec):
    path = tmp_path / "u16.csv"
    path.write_bytes("氏名,電話\r\n山田,090\r\nｱｲ,\r\n".encode(codec))
    source = open_source(path)
    assert source.format.encoding == codec
    assert list(iter_rows(source, ["氏名", "電話"])) == [["山田", "090"], ["ｱｲ", ""]]


@pytest.mark.parametrize(("named", "codec"), [("utf-16", "utf-16-le"), ("utf-16", "utf-16-be"),
                                              ("utf-32", "utf-32-le"), ("utf-32", "utf-32-be")])  # fmt: skip
def test_utf16_or_utf32_named_for_a_file_without_a_byte_order_mark_reads_it(tmp_path, named, codec):
    path = tmp_path / "nobom.csv"
    path.write_bytes("a,b\r\n髙,2\r\n".encode(codec))
    source = open_source(path, encoding=named)
    assert source.format.encoding == codec
    assert list(iter_rows(source, ["a"])) == [["髙"]]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_source_that_is_not_an_ordinary_file_is_refused_at_once(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)  # nobody writes: opening it would block for ever
    else:
        path = Path("/dev/zero")
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"is not an ordinary file \(it is a pipe or a device\)\.$"):
        open_source(path)
    assert time.monotonic() - started < 5


def test_a_file_replaced_by_one_with_reordered_columns_is_refused(tmp_path):
    """Sniffed as name,phone,my_number, then replaced: the export must not put My Numbers under "name"."""
    path = tmp_path / "swap.csv"
    path.write_text("name,phone,my_number\nSato,090,123\n", encoding="utf-8")
    source = open_source(path)
    replacement = tmp_path / "replacement.csv"
    replacement.write_text("my_number,phone,name\n123,090,Sato\n", encoding="utf-8")
    replacement.replace(path)
    with pytest.raises(SourceError, match=r"swap\.csv changed while it was being read"):
        list(iter_rows(source, ["name"]))


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 need a byte-name file system")
def test_a_source_whose_name_is_cp932_bytes_is_exported_under_its_readable_name(tmp_path):
    recipient = str(X25519Identity.generate().recipient)
    name = "住民.csv".encode("cp932")  # as unzip leaves names from a Japanese Windows ZIP
    (Path(os.fsdecode(bytes(tmp_path))) / os.fsdecode(name)).write_bytes(b"a,b\n1,2\n")
    result = run("export", os.fsdecode(name), "--column", "a", "--recipient", recipient, "--output", "o.zip.age",
                 cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    from exporter.pipeline import readable_file_name

    assert readable_file_name(os.fsdecode(name)) == "住民.csv"
    assert json.dumps(readable_file_name(os.fsdecode(b"\xff\xfe.csv")), ensure_ascii=False).startswith('"')


def test_a_purpose_that_is_not_text_in_the_terminals_encoding_is_refused(tmp_path):
    (tmp_path / "r.csv").write_bytes(b"a,b\n1,2\n")
    recipient = str(X25519Identity.generate().recipient)
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "export", "r.csv", "--column", "a", "--recipient", recipient,
         "--output", "o.zip.age", "--purpose", os.fsdecode(b"caf\xe9")],
        cwd=tmp_path, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert b"The text given with --purpose is not valid in this terminal's encoding." in result.stderr
    assert not (tmp_path / "o.zip.age").exists()


# An export whose reading of the source never returns (a network share that stopped answering): every block
# after the first waits for ever in a call that Python resumes after a signal handler has run.
STUCK = """
import sys, threading
import exporter.source
from exporter.cli import main
blocks = exporter.source.text_blocks
def stuck_blocks(*args, **kwargs):
    for index, block in enumerate(blocks(*args, **kwargs)):
        if index == 1:
            print("stuck", file=sys.stderr, flush=True)
            threading.Event().wait()
        yield block
exporter.source.text_blocks = stuck_blocks
sys.exit(main(sys.argv[1:]))
"""


def start_stuck_export(
    script: str, tmp_path: Path, rows: int, *options: str, said: str = "stuck"
) -> tuple[subprocess.Popen[str], Path]:
    """An export run by ``script`` (with ``options`` added), once it has said it is stuck (``said``: the line it
    writes then); and the folder its archive would go to."""
    source = tmp_path / "r.csv"
    source.write_bytes(sample_bytes(rows, seed=2))
    target = tmp_path / "target"
    target.mkdir()
    recipient = str(X25519Identity.generate().recipient)
    process = subprocess.Popen(
        [sys.executable, "-c", script, "export", str(source), "--column", "phone", "--recipient", recipient,
         "--output", str(target / "o.zip.age"), *options],
        stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )  # fmt: skip
    assert process.stderr is not None
    assert process.stderr.readline() == said + "\n"
    return process, target


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_export_stuck_in_reading_ends_on_the_first_signal_and_leaves_nothing(tmp_path, signum):
    process, target = start_stuck_export(STUCK, tmp_path, 30_000)
    try:
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 1
    assert stderr.strip() == "exporter: error: The export was cancelled; nothing was written."
    assert list(target.iterdir()) == []


# The main thread itself stuck in a call that Python resumes after a signal handler ran (here: a wait on an event
# nobody sets, as a blocking open or read would be): the first signal only asks, the second ends it.
STUCK_MAIN = """
import sys, threading
import exporter.pipeline
from exporter.cli import main
def stuck_encode(batch):
    print("stuck", file=sys.stderr, flush=True)
    threading.Event().wait()
exporter.pipeline.encode_rows = stuck_encode
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_an_export_stuck_where_it_cannot_look_at_the_flag_ends_on_a_second_signal(tmp_path):
    process, target = start_stuck_export(STUCK_MAIN, tmp_path, 3_000)
    try:
        process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        assert process.poll() is None, "the first signal only asks"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130
    assert stderr.strip() == "exporter: error: The export was cancelled; nothing was written."
    assert list(target.iterdir()) == []


def default_sigint() -> None:
    """A shell's background job inherits SIGINT ignored; a terminal's foreground job has the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ctrl_c_at_any_moment_of_an_export_cancels_it_or_lets_it_finish_never_an_internal_error(tmp_path):
    """pyarrow's own SIGINT handler, active while it parsed, turned Ctrl-C into ArrowCancelled (an internal error)
    or swallowed it; the command line's handler now receives it wherever the export is."""
    source = tmp_path / "r.csv"
    source.write_bytes(sample_bytes(120_000, seed=6))
    recipient = str(X25519Identity.generate().recipient)
    outcomes = []
    for index, delay in enumerate([0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]):
        target = tmp_path / f"t{index}"
        target.mkdir()
        process = subprocess.Popen(
            [sys.executable, "-m", "exporter", "export", str(source), "--column", "phone", "--column",
             "family_name", "--recipient", recipient, "--output", str(target / "o.zip.age")],
            stderr=subprocess.PIPE, text=True, preexec_fn=default_sigint,
            env={**os.environ, "EXPORTER_DEBUG": "1"},  # an internal error shows its traceback (one was seen once)
        )  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        left = sorted(path.name for path in target.iterdir())
        if process.returncode == 0:
            assert left == ["o.zip.age"], stderr
        else:
            assert (process.returncode, left) == (1, []), stderr
            assert stderr.strip() == "exporter: error: The export was cancelled; nothing was written."
        outcomes.append(process.returncode)
    assert 1 in outcomes, "no Ctrl-C landed during an export: the test proved nothing"
