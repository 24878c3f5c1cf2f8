"""The archive's inner ZIP opens with every reader a recipient may have, in its plain and its ZIP64 forms.

A real export (through the command line, decrypted with the reference ``age``) has no ZIP64 at all, so even
Java's ``ZipInputStream`` reads it. The ZIP64 layout that exports beyond 4 GiB get is proven here on small files
by lowering the writer's ZIP64 threshold (``zip64_limit``): every size and offset above it is written as ZIP64
would write it above 4 GiB. ``ZipInputStream`` is left out of those, because it picks a data descriptor's width
from the sizes it inflated (8 bytes only above 4 GiB), against APPNOTE 4.3.9.2; ``bench/zip64_bench.py`` runs
every reader, that one included, on a real archive above 4 GiB.

Every archive is also walked the way a streaming reader walks it: local header, data, descriptor of the width
its local header announces, next signature exactly there.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import shlex
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from zip_readers import compiled_java_reader, readers, require

from exporter.archive import DATA_NAME, MANIFEST_NAME, ArchiveWriter, DataBound, manifest_bytes
from exporter.sample import sample_bytes

LOCAL, DESCRIPTOR, CENTRAL, ZIP64_END = b"PK\x03\x04", b"PK\x07\x08", b"PK\x01\x02", b"PK\x06\x06"
# EXPORTER_COMMAND: the program whose export is opened (packaging/ci-package.sh: the installed /usr/bin/exporter)
PROGRAM = tuple(shlex.split(os.environ["EXPORTER_COMMAND"])) if os.environ.get("EXPORTER_COMMAND") else (
    sys.executable, "-m", "exporter")  # fmt: skip
ALL_READERS = ("python", "unzip", "7zz", "bsdtar", "bsdtar-stream", "java-file", "java-stream")
ZIP64_READERS = tuple(name for name in ALL_READERS if name != "java-stream")


@pytest.fixture(scope="session")
def java_classes(tmp_path_factory):
    return tmp_path_factory.mktemp("java")


def reader_named(name, java_classes):
    if name.startswith("java"):
        compiled_java_reader(java_classes)
    return readers(java_classes)[name]


def digests(entries: dict[str, bytes]) -> dict[str, str]:
    return {name: hashlib.sha256(content).hexdigest() for name, content in entries.items()}


def walk_like_a_stream(data: bytes) -> list[dict]:
    """Each entry as a streaming reader meets it; asserts what APPNOTE 4.3.9 and 4.5.3 ask of the layout."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    entries, position = [], 0
    for info in infos:
        assert data[position : position + 4] == LOCAL, f"no local header where {info.filename} should start"
        assert info.header_offset == position
        (version, flags, _method, _t, _d, crc, compressed32, size32, name_length, extra_length) = struct.unpack(
            "<HHHHHIIIHH", data[position + 4 : position + 30]
        )
        extra = data[position + 30 + name_length : position + 30 + name_length + extra_length]
        zip64_local = extra[:2] == b"\x01\x00"
        if zip64_local:
            assert (compressed32, size32) == (0xFFFFFFFF, 0xFFFFFFFF)
            assert version >= 45
        else:
            assert extra == b""
        data_start = position + 30 + name_length + extra_length
        position = data_start + info.compress_size
        streamed = bool(flags & 0x08)
        if streamed:
            assert (crc, compressed32, size32) == ((0, 0xFFFFFFFF, 0xFFFFFFFF) if zip64_local else (0, 0, 0))
            width = 24 if zip64_local else 16
            descriptor = data[position : position + width]
            assert descriptor[:4] == DESCRIPTOR
            fields = struct.unpack("<IQQ" if zip64_local else "<III", descriptor[4:])
            assert fields == (info.CRC, info.compress_size, info.file_size)
            position += width
        else:
            assert crc == info.CRC
        assert data[position : position + 4] in (LOCAL, CENTRAL), "the next record does not start where it should"
        entries.append({"name": info.filename, "zip64_local": zip64_local, "streamed": streamed, "info": info})
    return entries


def write_archive(path: Path, data: bytes, *, bound: int | None, zip64_limit: int | None = None, pieces=7) -> None:
    """An archive as the pipeline writes it (``data.csv`` in pieces, then the manifest), without encryption."""
    with open(path, "wb") as sink:
        writer = ArchiveWriter(
            sink, DataBound(bound, "residents.csv") if bound is not None else None, zip64_limit=zip64_limit
        )
        writer.open_data()
        step = max(len(data) // pieces, 1)
        for start in range(0, len(data), step):
            writer.write_data(data[start : start + step])
        writer.finish({"format": "exporter-archive", "rows": 1, "data": {"size": writer.data_size}})


def noisy_csv(size: int, seed: int = 5) -> bytes:
    """CSV-shaped bytes that deflate hardly shrinks, so compressed sizes and offsets also pass a low threshold."""
    rng = random.Random(seed)
    alphabet = '0123456789abcdefghijklmnopqrstuvwxyzｱｲｳｴｵ漢字架空,"\r\n'
    text = "".join(rng.choice(alphabet) for _ in range(size // 2))
    return text.encode("utf-8")[:size]


# ----------------------------------------------------------------------------------------------------
# A real export: no ZIP64 anywhere, every reader


@pytest.fixture(scope="module")
def exported_zip(tmp_path_factory):
    """The inner ZIP of an export made by the command line (``PROGRAM``) from a CP932 sample, decrypted by age."""
    require("age")
    folder = tmp_path_factory.mktemp("export")
    source = folder / "residents.csv"
    source.write_bytes(sample_bytes(3000, seed=21, encoding="cp932"))

    def exporter(*args):
        done = subprocess.run(
            [*PROGRAM, *map(str, args)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    recipient = exporter("keygen", "--output", folder / "key.txt", "--no-protect").strip()
    archive = folder / "residents.zip.age"
    exporter("export", source, "--column", "family_name", "--column", "address_line", "--column", "phone",
             "--recipient", recipient, "--output", archive)  # fmt: skip
    inner = subprocess.run(
        ["age", "-d", "-i", str(folder / "key.txt"), str(archive)], capture_output=True, timeout=60, check=True
    ).stdout
    path = folder / "inner.zip"
    path.write_bytes(inner)
    with zipfile.ZipFile(path) as opened:
        expected = digests({name: opened.read(name) for name in opened.namelist()})
    return path, expected


def test_exported_zip_uses_no_zip64_and_streams_descriptors_of_16_bytes(exported_zip):
    path, _ = exported_zip
    data = path.read_bytes()
    entries = walk_like_a_stream(data)
    assert [entry["name"] for entry in entries] == [DATA_NAME, MANIFEST_NAME]
    assert [entry["streamed"] for entry in entries] == [True, False]  # the manifest's sizes are in its header
    assert not any(entry["zip64_local"] for entry in entries)
    assert all(entry["info"].extra == b"" for entry in entries), "a ZIP64 field in the central directory"
    assert ZIP64_END not in data


@pytest.mark.oracle
@pytest.mark.parametrize("reader", ALL_READERS)
def test_exported_zip_opens_with_every_reader(exported_zip, reader, java_classes):
    path, expected = exported_zip
    assert reader_named(reader, java_classes)(path) == expected


# ----------------------------------------------------------------------------------------------------
# The ZIP64 layout, on small files with the threshold lowered


LIMIT = 1 << 16  # sizes and offsets at or above 64 KiB are written as ZIP64 would write them above 4 GiB


@pytest.fixture(scope="module")
def zip64_archives(tmp_path_factory):
    """Archives whose every ZIP64 field is in use, or only some, with the threshold lowered to 64 KiB."""
    folder = tmp_path_factory.mktemp("zip64")
    big = noisy_csv(3 * LIMIT)
    small = noisy_csv(LIMIT // 4)
    made = {
        # data.csv above the threshold: sizes in ZIP64, the manifest's offset and the directory's too
        "everything": (big, None),
        # the bound allowed more than the threshold, the data stayed below: ZIP64 header, small sizes
        "bound-above-data-below": (small, 2 * LIMIT),
        # unknown bound (a pipe): ZIP64 header
        "no-bound": (small, None),
    }
    archives = {}
    for name, (data, bound) in made.items():
        path = folder / f"{name}.zip"
        write_archive(path, data, bound=bound, zip64_limit=LIMIT)
        archives[name] = (path, data)
    return archives


def test_lowered_threshold_writes_every_zip64_record(zip64_archives):
    path, data = zip64_archives["everything"]
    raw = path.read_bytes()
    entries = walk_like_a_stream(raw)
    data_entry, manifest_entry = (entry["info"] for entry in entries)
    assert entries[0]["zip64_local"]
    assert data_entry.file_size == len(data) > LIMIT
    assert data_entry.compress_size > LIMIT, "the test data compressed too well to cross the threshold"
    assert not entries[1]["zip64_local"], "the manifest is small: no ZIP64 in its local header"
    assert manifest_entry.header_offset > LIMIT
    assert struct.unpack("<HH", manifest_entry.extra[:4]) == (1, 8), "only the manifest's offset in ZIP64"
    assert ZIP64_END in raw


def test_bound_above_the_threshold_gives_zip64_sizes_even_for_small_data(zip64_archives):
    path, data = zip64_archives["bound-above-data-below"]
    raw = path.read_bytes()
    entries = walk_like_a_stream(raw)
    assert entries[0]["zip64_local"]
    assert entries[0]["info"].file_size == len(data) < LIMIT
    assert ZIP64_END not in raw  # the directory's own offset is small


@pytest.mark.oracle
@pytest.mark.parametrize("reader", ZIP64_READERS)
@pytest.mark.parametrize("archive", ["everything", "bound-above-data-below", "no-bound"])
def test_zip64_layout_opens_with_every_reader_that_follows_the_specification(
    zip64_archives, archive, reader, java_classes
):
    path, data = zip64_archives[archive]
    with zipfile.ZipFile(path) as opened:
        manifest = opened.read(MANIFEST_NAME)
    expected = digests({DATA_NAME: data, MANIFEST_NAME: manifest})
    assert reader_named(reader, java_classes)(path) == expected


def test_data_below_its_bound_and_the_threshold_is_written_without_zip64(tmp_path):
    path = tmp_path / "plain.zip"
    data = noisy_csv(LIMIT // 4)
    write_archive(path, data, bound=LIMIT // 2, zip64_limit=LIMIT)
    raw = path.read_bytes()
    assert not any(entry["zip64_local"] for entry in walk_like_a_stream(raw))
    assert ZIP64_END not in raw


def test_manifest_bytes_are_what_the_archive_holds(tmp_path):
    path = tmp_path / "manifest.zip"
    write_archive(path, b"a,b\r\n", bound=100)
    with zipfile.ZipFile(path) as opened:
        assert opened.read(MANIFEST_NAME) == manifest_bytes(
            {"format": "exporter-archive", "rows": 1, "data": {"size": 5}}
        )
