"""Drive age implementations we did not write, so tests can prove that ours interoperates with them.

Oracles:
    ``age`` / ``age-keygen``   Debian's reference CLI (Go). It reads passphrases only from a terminal, so the
                               passphrase helpers run it in a pseudo-terminal and type the answers.
    ``node`` + npm ``age-encryption``   the TypeScript implementation, through ``oracles/age_encryption.mjs``.
    ``pyrage``                 Python bindings of rage (Rust); tests call it directly.

Every helper takes and returns bytes, writes its scratch files into a private temporary folder, and raises
:class:`OracleError` (exit code plus the tool's own message) when the tool fails. Passphrases are never put on
a command line and never appear in an :class:`OracleError`. Output is always taken from the tool's standard
output, never ``-o``, because Debian age creates no ``-o`` file for an empty plaintext.

Tools may be missing on a developer's machine: :func:`require_tool` skips the test there, but fails it when
the ``CI`` environment variable is set, because CI installs every oracle.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import termios
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

ORACLES_DIR = Path(__file__).resolve().parent / "oracles"
NODE_SCRIPT = ORACLES_DIR / "age_encryption.mjs"
DEFAULT_TIMEOUT = 60.0

Tool = Literal["age", "node", "pyrage"]
StrPath = str | os.PathLike[str]

# The prompts Debian age 1.1.1 writes to the terminal.
AGE_PROMPT_ENTER = b"Enter passphrase"
AGE_PROMPT_CONFIRM = b"Confirm passphrase"
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class OracleError(RuntimeError):
    """An oracle tool failed or did not answer in time."""


# ----------------------------------------------------------------------------------------------------
# Which tools are here


def have_age() -> bool:
    """The Debian ``age`` and ``age-keygen`` commands are on PATH."""
    return shutil.which("age") is not None and shutil.which("age-keygen") is not None


def have_node_oracles() -> bool:
    """``node`` is on PATH and ``npm ci`` has installed ``age-encryption`` next to the oracle script."""
    return (
        shutil.which("node") is not None
        and NODE_SCRIPT.is_file()
        and (ORACLES_DIR / "node_modules" / "age-encryption" / "package.json").is_file()
    )


def have_pyrage() -> bool:
    """The ``pyrage`` module imports."""
    return importlib.util.find_spec("pyrage") is not None


_INSTALL_HINTS: dict[Tool, str] = {
    "age": "the age CLI is not installed (apt-get install age)",
    "node": "node or tests/oracles/node_modules is missing (apt-get install nodejs; npm ci in tests/oracles)",
    "pyrage": "pyrage is not installed (pip install -e '.[test]')",
}


def tool_missing_reason(tool: Tool) -> str | None:
    """Why ``tool`` cannot be used here, or None when it can."""
    present = {"age": have_age, "node": have_node_oracles, "pyrage": have_pyrage}[tool]()
    return None if present else _INSTALL_HINTS[tool]


def require_tool(*tools: Tool) -> None:
    """Skip the calling test when a tool is missing, but fail it when ``CI`` is set (CI installs them all).

    Works in a test, a fixture, or at module level.
    """
    for tool in tools:
        reason = tool_missing_reason(tool)
        if reason is None:
            continue
        if os.environ.get("CI"):
            pytest.fail(f"oracle missing on CI: {reason}", pytrace=False)
        pytest.skip(f"oracle missing: {reason}", allow_module_level=True)


# ----------------------------------------------------------------------------------------------------
# Running processes


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="oracle-") as name:
        yield Path(name)


def _describe(argv: Sequence[StrPath]) -> str:
    return " ".join(os.fspath(a) for a in argv)


def _run(argv: Sequence[StrPath], *, data: bytes = b"", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Run ``argv`` with ``data`` on stdin; return stdout, or raise OracleError with stderr."""
    try:
        proc = subprocess.run(
            [os.fspath(a) for a in argv], input=data, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise OracleError(f"{_describe(argv)}: no answer within {timeout:g} s") from None
    except OSError as exc:
        raise OracleError(f"{_describe(argv)}: cannot start: {exc.strerror}") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip()
        raise OracleError(f"{_describe(argv)}: exit {proc.returncode}: {message}")
    return proc.stdout


@dataclass(frozen=True)
class PtyRun:
    """What a process run in a pseudo-terminal left behind."""

    returncode: int
    stdout: bytes  # the process's standard output (a file, not the terminal)
    transcript: str  # what it wrote to the terminal (prompts, stderr), with the answers blanked out


def run_in_pty(
    argv: Sequence[StrPath],
    answers: Sequence[tuple[bytes, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> PtyRun:
    """Run ``argv`` with a pseudo-terminal as stdin and stderr, and type each answer once its prompt appears.

    ``answers`` pairs a prompt (bytes the program writes to the terminal) with the line to type, in order.
    The child gets a new session without a controlling terminal, so a program that opens ``/dev/tty`` (as age
    does) falls back to its terminal stdin and never reaches the terminal pytest runs in. Echo is off from
    the start, so typed secrets are not echoed back; they are also blanked from the transcript.
    Standard output goes to a file, so binary output of any size (including none) is collected intact.
    """
    secrets = [answer for _, answer in answers if answer]
    pending = list(answers)
    master, slave = os.openpty()
    try:
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~(termios.ECHO | termios.ECHONL)
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        with _scratch() as scratch, open(scratch / "stdout", "w+b") as out:
            try:
                proc = subprocess.Popen(
                    [os.fspath(a) for a in argv],
                    stdin=slave,
                    stdout=out,
                    stderr=slave,
                    start_new_session=True,
                )
            except OSError as exc:
                raise OracleError(f"{_describe(argv)}: cannot start: {exc.strerror}") from None
            os.close(slave)
            slave = -1
            transcript = bytearray()
            searched = 0
            deadline = time.monotonic() + timeout
            try:
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise OracleError(
                            f"{_describe(argv)}: no answer within {timeout:g} s; "
                            f"terminal: {_scrub(transcript, secrets)!r}"
                        )
                    ready, _, _ = select.select([master], [], [], min(remaining, 0.5))
                    if not ready:
                        continue
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:  # EIO: every copy of the slave side is closed, the child is gone
                        break
                    if not chunk:
                        break
                    transcript += chunk
                    while pending and (found := transcript.find(pending[0][0], searched)) >= 0:
                        prompt, answer = pending.pop(0)
                        searched = found + len(prompt)
                        os.write(master, answer.encode() + b"\n")
                returncode = proc.wait(timeout=max(deadline - time.monotonic(), 1.0))
            except BaseException:
                proc.kill()
                proc.wait()
                raise
            out.seek(0)
            stdout = out.read()
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    return PtyRun(returncode=returncode, stdout=stdout, transcript=_scrub(transcript, secrets))


def _scrub(transcript: bytes | bytearray, secrets: Sequence[str]) -> str:
    text = bytes(transcript).decode("utf-8", "replace")
    for secret in secrets:
        text = text.replace(secret, "***")
    text = _ANSI_ESCAPE.sub("", text)
    return text.replace("\r\n", "\n").strip()


def _checked_pty(argv: Sequence[StrPath], answers: Sequence[tuple[bytes, str]], timeout: float) -> bytes:
    run = run_in_pty(argv, answers, timeout=timeout)
    if run.returncode != 0:
        raise OracleError(f"{_describe(argv)}: exit {run.returncode}: {run.transcript}")
    return run.stdout


# ----------------------------------------------------------------------------------------------------
# Debian age


def age_keygen(identity_path: StrPath) -> str:
    """Write a new X25519 identity file with ``age-keygen -o``; return its recipient (``age1...``)."""
    _run(["age-keygen", "-o", identity_path])
    return age_recipient_of(identity_path)


def age_recipient_of(identity_path: StrPath) -> str:
    """The recipient of an identity file, as ``age-keygen -y`` prints it."""
    return _run(["age-keygen", "-y", identity_path]).decode("ascii").strip()


def age_encrypt_to(
    recipients: str | Sequence[str], data: bytes, *, armor: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """Encrypt ``data`` with ``age -r`` to one or more ``age1...`` recipients (``-a`` when ``armor``)."""
    if isinstance(recipients, str):
        recipients = [recipients]
    argv: list[StrPath] = ["age", "--encrypt"]
    for recipient in recipients:
        argv += ["-r", recipient]
    if armor:
        argv.append("--armor")
    return _run(argv, data=data, timeout=timeout)


def age_encrypt_passphrase(
    data: bytes, passphrase: str, *, armor: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> bytes:
    """Encrypt ``data`` with ``age -p``, typing the passphrase twice into a pseudo-terminal.

    age chooses its own work factor (18: about a second to decrypt).
    """
    with _scratch() as scratch:
        source = scratch / "plaintext"
        source.write_bytes(data)
        argv: list[StrPath] = ["age", "--encrypt", "--passphrase"]
        if armor:
            argv.append("--armor")
        argv.append(source)
        answers = [(AGE_PROMPT_ENTER, passphrase), (AGE_PROMPT_CONFIRM, passphrase)]
        return _checked_pty(argv, answers, timeout)


def age_decrypt(path: StrPath, identity_path: StrPath, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Decrypt the binary or armored file at ``path`` with ``age -d -i identity_path``; return plaintext."""
    return _run(["age", "--decrypt", "-i", identity_path, path], timeout=timeout)


def age_decrypt_passphrase(path: StrPath, passphrase: str, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Decrypt the passphrase-encrypted file at ``path`` with ``age -d``, typing the passphrase into a pty."""
    return _checked_pty(["age", "--decrypt", path], [(AGE_PROMPT_ENTER, passphrase)], timeout)


# ----------------------------------------------------------------------------------------------------
# npm age-encryption


def node_age(*args: StrPath, data: bytes = b"", timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Run ``oracles/age_encryption.mjs`` with ``args`` and ``data`` on stdin; return its stdout."""
    return _run(["node", NODE_SCRIPT, *args], data=data, timeout=timeout)


def node_keygen() -> tuple[str, str]:
    """A new X25519 identity from age-encryption: ``(AGE-SECRET-KEY-1..., age1...)``."""
    pair = json.loads(node_age("keygen"))
    return pair["identity"], pair["recipient"]


def node_encrypt(
    data: bytes,
    *,
    recipients: Sequence[str] = (),
    passphrase: str | None = None,
    work_factor: int | None = None,
    armor: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """Encrypt with age-encryption to ``recipients``, or with ``passphrase`` (scrypt ``work_factor``)."""
    with _scratch() as scratch:
        args: list[StrPath] = ["encrypt"]
        for recipient in recipients:
            args += ["-r", recipient]
        if passphrase is not None:
            args += ["--passphrase-file", _write_secret(scratch / "passphrase", passphrase + "\n")]
        if work_factor is not None:
            args += ["--work-factor", str(work_factor)]
        if armor:
            args.append("--armor")
        return node_age(*args, data=data, timeout=timeout)


def node_decrypt(
    ciphertext: bytes,
    *,
    identities: Sequence[str] = (),
    identity_files: Sequence[StrPath] = (),
    passphrase: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """Decrypt (binary or armored) ``ciphertext`` with age-encryption; return the plaintext.

    ``identities`` are ``AGE-SECRET-KEY-1...`` strings; ``identity_files`` are files in age's format.
    """
    with _scratch() as scratch:
        args: list[StrPath] = ["decrypt"]
        if identities:
            args += ["-i", _write_secret(scratch / "identities", "".join(f"{i}\n" for i in identities))]
        for path in identity_files:
            args += ["-i", path]
        if passphrase is not None:
            args += ["--passphrase-file", _write_secret(scratch / "passphrase", passphrase + "\n")]
        return node_age(*args, data=ciphertext, timeout=timeout)


def _write_secret(path: Path, text: str) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path
