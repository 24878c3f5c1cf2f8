"""Open a ZIP with readers we did not write and return what each one read, so tests can compare them.

Readers (each returns ``{entry name: SHA-256 of its content}`` after the tool's own CRC and size checks):
    ``python``        the standard library's ``zipfile`` (central directory), ``testzip`` first
    ``unzip``         Info-ZIP (``unzip -t``, then ``unzip -p`` per entry)
    ``7zz``           7-Zip (``7zz t``, then ``7zz x -so`` per entry)
    ``bsdtar``        libarchive reading the file (central directory)
    ``bsdtar-stream`` libarchive reading standard input: local headers and data descriptors only, as it finds them
    ``java-file``     ``java.util.zip.ZipFile`` (JDK 17)
    ``java-stream``   ``java.util.zip.ZipInputStream`` (JDK 17): local headers and data descriptors only

A missing tool skips the test on a developer's machine and fails it in CI (``CI`` set), where ``./dev`` installs
them all (unzip, 7zip, libarchive-tools, openjdk-17-jdk-headless).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

JAVA_SOURCE = Path(__file__).resolve().parent / "java" / "ZipCheck.java"
TIMEOUT = 120
DEBIAN_PACKAGE = {"unzip": "unzip", "7zz": "7zip", "bsdtar": "libarchive-tools", "javac": "openjdk-17-jdk-headless"}


class ReaderFailed(AssertionError):
    """The tool refused the archive; the message holds its own words."""


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install {DEBIAN_PACKAGE.get(tool, tool)})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _run(command: list[str], *, stdin: Path | None = None) -> bytes:
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        done = subprocess.run(command, stdin=source, capture_output=True, timeout=TIMEOUT, check=False)
    if done.returncode != 0:
        raise ReaderFailed(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')}")
    return done.stdout


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_python(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        if (bad := archive.testzip()) is not None:
            raise ReaderFailed(f"zipfile: {bad} fails its CRC")
        return {info.filename: _digest(archive.read(info)) for info in archive.infolist()}


def read_unzip(path: Path) -> dict[str, str]:
    unzip = require("unzip")
    _run([unzip, "-tq", str(path)])
    names = _run([unzip, "-Z1", str(path)]).decode().splitlines()
    return {name: _digest(_run([unzip, "-p", str(path), name])) for name in names}


def read_7zip(path: Path) -> dict[str, str]:
    seven = require("7zz")
    _run([seven, "t", str(path)])
    listing = _run([seven, "l", "-slt", "-ba", str(path)]).decode()
    names = [line.split(" = ", 1)[1] for line in listing.splitlines() if line.startswith("Path = ")]
    return {name: _digest(_run([seven, "x", "-so", str(path), name])) for name in names}


def read_bsdtar(path: Path) -> dict[str, str]:
    bsdtar = require("bsdtar")
    names = _run([bsdtar, "-tf", str(path)]).decode().splitlines()
    return {name: _digest(_run([bsdtar, "-xOf", str(path), name])) for name in names}


def read_bsdtar_stream(path: Path) -> dict[str, str]:
    bsdtar = require("bsdtar")
    names = _run([bsdtar, "-tf", "-"], stdin=path).decode().splitlines()
    return {name: _digest(_run([bsdtar, "-xOf", "-", name], stdin=path)) for name in names}


def compiled_java_reader(folder: Path) -> Path:
    """``ZipCheck.class`` compiled into ``folder``, once per session (the source launcher takes ~1 s a run)."""
    javac = require("javac")
    require("java")
    if not (folder / "ZipCheck.class").exists():
        _run([javac, "-d", str(folder), str(JAVA_SOURCE)])
    return folder


def read_java(path: Path, mode: str, classes: Path) -> dict[str, str]:
    output = _run([require("java"), "-cp", str(classes), "ZipCheck", mode, str(path)]).decode()
    entries = {}
    for line in output.splitlines():
        name, _size, digest = line.split("\t")
        entries[name] = digest
    return entries


def readers(classes: Path) -> dict[str, Callable[[Path], dict[str, str]]]:
    return {
        "python": read_python,
        "unzip": read_unzip,
        "7zz": read_7zip,
        "bsdtar": read_bsdtar,
        "bsdtar-stream": read_bsdtar_stream,
        "java-file": lambda path: read_java(path, "file", classes),
        "java-stream": lambda path: read_java(path, "stream", classes),
    }
