"""Key, passphrase and recipients files are read within a documented limit; anything else gets one sentence.

Run through the real command line: ``/dev/zero`` (which ran 0.1.0 out of memory), folders, devices, FIFOs with
and without a writer, files just under and just over the limit, and the permission warning ssh gives for a
private key that others can open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity, encrypt, format_identity_file
from exporter.errors import PlanError
from exporter.keyfiles import IDENTITY_FILE, PASSPHRASE_FILE, RECIPIENTS_FILE, read_small_file
from exporter.sample import sample_bytes

TIMEOUT = 60  # a hang on a FIFO would stop here; no test asserts how long anything takes
IDENTITY = X25519Identity.generate()


def run_cli(*arguments: object, cwd: Path, stdin: bytes | None = None):
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "exporter", *(str(argument) for argument in arguments)],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT,
        check=False,
    )


def stderr_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keyfiles")
    os.chmod(folder, 0o755)
    (folder / "residents.csv").write_bytes(sample_bytes(10))
    key = folder / "key.txt"
    key.write_text(format_identity_file(IDENTITY, datetime.now(UTC)), encoding="utf-8")
    key.chmod(0o600)
    with open(folder / "hello.age", "wb") as file:
        writer = encrypt(file, [IDENTITY.recipient])
        writer.write(b"hello")
        writer.close()
    return folder


def decrypt_raw(work: Path, *key: object, out: str = "hello.txt", **options: object):
    return run_cli("decrypt", "hello.age", "--raw", "--output", work / out, *key, cwd=work, **options)


@pytest.mark.parametrize(
    ("option", "noun"),
    [("--identity", "identity file"), ("--passphrase-file", "passphrase file")],
)
@pytest.mark.parametrize(
    ("path", "reason"),
    [("/dev/zero", "is a device or socket, not a file."), ("/dev/urandom", "is a device or socket, not a file."),
     ("/tmp", "is a folder, not a file.")],
)  # fmt: skip
def test_devices_and_folders_are_refused_with_a_sentence(work, option, noun, path, reason):
    result = decrypt_raw(work, option, path)

    assert result.returncode == 1
    assert stderr_lines(result) == [f"exporter: error: The {noun} {path} {reason}"]


def test_a_recipients_file_that_is_a_device_is_refused(work):
    result = run_cli(
        "export", "residents.csv", "--column", "phone", "--output", "x.age", "--recipients-file", "/dev/zero", cwd=work
    )

    assert stderr_lines(result) == ["exporter: error: The recipients file /dev/zero is a device or socket, not a file."]


@pytest.mark.parametrize("kind", [IDENTITY_FILE, PASSPHRASE_FILE, RECIPIENTS_FILE], ids=lambda kind: kind.noun)
def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path, kind):
    at_limit = tmp_path / "at.txt"
    at_limit.write_bytes(b"#" * kind.limit)
    over = tmp_path / "over.txt"
    over.write_bytes(b"#" * (kind.limit + 1))

    assert len(read_small_file(at_limit, kind).text) == kind.limit
    with pytest.raises(PlanError) as refused:
        read_small_file(over, kind)
    assert str(refused.value) == f"The {kind.noun} {over} is too large (the limit is {kind.limit >> 10} KiB)."


def test_the_limits_are_the_documented_ones():
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert (IDENTITY_FILE.limit, PASSPHRASE_FILE.limit, RECIPIENTS_FILE.limit) == (64 << 10, 64 << 10, 1 << 20)
    assert "identity and passphrase files 64 KiB, recipients files 1 MiB" in readme


def test_an_identity_file_can_come_through_a_pipe(work):
    key_text = format_identity_file(IDENTITY, datetime.now(UTC)).encode()

    result = decrypt_raw(work, "--identity", "/dev/stdin", stdin=key_text, out="piped.txt")

    assert result.returncode == 0, result.stderr
    assert (work / "piped.txt").read_bytes() == b"hello"


def test_a_fifo_that_nobody_writes_to_does_not_hang(work, tmp_path):
    fifo = tmp_path / "key.fifo"
    os.mkfifo(fifo)

    result = decrypt_raw(work, "--identity", fifo, out="never.txt")

    assert stderr_lines(result)[0] == f"exporter: error: {fifo} holds no secret key."
    assert not (work / "never.txt").exists()


def test_a_fifo_with_a_writer_is_read_within_the_limit(work, tmp_path):
    fifo = tmp_path / "zeros.fifo"
    os.mkfifo(fifo)

    def endless() -> None:
        try:
            with open(fifo, "wb") as pipe:
                while True:
                    pipe.write(bytes(1 << 16))
        except (BrokenPipeError, OSError):
            return

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    result = decrypt_raw(work, "--identity", fifo, out="never.txt")
    writer.join(TIMEOUT)

    assert stderr_lines(result) == [f"exporter: error: The identity file {fifo} is too large (the limit is 64 KiB)."]
    assert not writer.is_alive()


def test_a_missing_recipients_file_is_named(work):
    result = run_cli(
        "export", "residents.csv", "--column", "phone", "--output", "x.age", "--recipients-file", "none.txt", cwd=work
    )

    assert stderr_lines(result) == ["exporter: error: The recipients file none.txt does not exist."]


def without_permission_overrides() -> None:
    """In the child: root's CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped, so file modes apply to it too."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) was refused")


def test_an_unreadable_file_is_refused_with_a_sentence(work):
    locked = work / "locked-key.txt"
    locked.write_text(format_identity_file(IDENTITY, datetime.now(UTC)), encoding="utf-8")
    locked.chmod(0o000)
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}

    result = subprocess.run(
        [sys.executable, "-m", "exporter", "decrypt", "hello.age", "--raw", "--output", "never.txt",
         "--identity", str(locked)],
        cwd=work, env=environment, capture_output=True, timeout=TIMEOUT, check=False,
        preexec_fn=without_permission_overrides if os.geteuid() == 0 else None,
    )  # fmt: skip

    assert stderr_lines(result) == [f"exporter: error: The identity file {locked} cannot be opened: permission denied."]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620, 0o601])
def test_an_identity_file_open_to_others_gets_a_warning_as_ssh_gives(work, mode):
    key = work / f"key-{mode:o}.txt"
    key.write_text(format_identity_file(IDENTITY, datetime.now(UTC)), encoding="utf-8")
    key.chmod(mode)

    result = decrypt_raw(work, "--identity", key.name, out=f"hello-{mode:o}.txt")

    assert result.returncode == 0, result.stderr
    assert stderr_lines(result) == [
        f"exporter: warning: {key.name} can be opened by other users of this computer (permissions {mode:04o}); "
        f"make it private with “chmod 600 {key.name}”.",
        f"exporter: wrote {work / f'hello-{mode:o}.txt'}",
    ]


@pytest.mark.parametrize("mode", [0o600, 0o400])
def test_a_private_identity_file_gets_no_warning(work, mode):
    key = work / f"private-{mode:o}.txt"
    key.write_text(format_identity_file(IDENTITY, datetime.now(UTC)), encoding="utf-8")
    key.chmod(mode)

    result = decrypt_raw(work, "--identity", key.name, out=f"private-{mode:o}.out")

    assert stderr_lines(result) == [f"exporter: wrote {work / f'private-{mode:o}.out'}"]
