"""Damaged and hostile inner ZIPs and manifests: one sentence each, and the output folder exactly as it was.

Each archive is one a sender, or an attacker who has the recipient's public key, can make: built with exporter's
own ZIP writer, Python's zipfile or field by field, edited byte by byte and sealed with exporter.envelope.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile_archives import (
    C_CRC,
    C_FLAGS,
    C_METHOD,
    C_SIZE,
    CENTRAL,
    DATA,
    DESCRIPTOR,
    END,
    L_CRC,
    L_FLAGS,
    L_METHOD,
    L_SIZE,
    LOCAL,
    both_headers,
    deflated,
    exporter_zip,
    manifest_for,
    offsets,
    patch,
    python_zip,
    raw_entry,
    raw_zip,
    set_field,
    standard_entries,
    throwaway_key,
    write_archive,
)

from exporter.archive import MAX_MANIFEST_BYTES
from exporter.decrypt import decrypt_archive
from exporter.errors import DecryptionError

CASES = Path(__file__).parent / "cases" / "archives"


@pytest.fixture(scope="module")
def case_key(tmp_path_factory) -> Path:
    """The cases' throwaway identity, private as a key file should be (git checks it out readable by all)."""
    path = tmp_path_factory.mktemp("case-key") / "test-identity.key"
    path.write_bytes((CASES / "test-identity.key").read_bytes())
    path.chmod(0o600)
    return path


MANIFEST = json.dumps(manifest_for()).encode()
CRC = zlib.crc32(DATA)
DAMAGED = r"The ZIP inside {name} is damaged: "


def zipped(**manifest_changes):
    return python_zip(standard_entries(manifest=manifest_for(**manifest_changes)))


def with_manifest(raw: bytes) -> bytes:
    return python_zip(standard_entries(manifest=raw))


def without(key: str) -> bytes:
    manifest = manifest_for()
    del manifest[key]
    return with_manifest(json.dumps(manifest).encode())


def data_without_sha256() -> bytes:
    manifest = manifest_for()
    del manifest["data"]["sha256"]
    return with_manifest(json.dumps(manifest).encode())


def nested(depth: int) -> bytes:
    """The manifest with an unknown field holding lists ``depth`` deep (written as text: too deep to build)."""
    return MANIFEST[:-1] + b', "future": ' + b"[" * depth + b"]" * depth + b"}"


def moved(zip_bytes: bytes, junk: bytes, at: int) -> bytes:
    """Insert ``junk`` at ``at`` and shift every offset behind it, so the directory still points at the records."""
    edited = zip_bytes[:at] + junk + zip_bytes[at:]
    for index, position in enumerate(offsets(edited, CENTRAL)):
        local = int.from_bytes(edited[position + 42 : position + 46], "little")
        if local >= at:
            edited = set_field(edited, CENTRAL, index, 42, "<I", local + len(junk))
    end = offsets(edited, END)[-1]
    start = int.from_bytes(edited[end + 16 : end + 20], "little")
    return patch(edited, [(end + 16, (start + len(junk)).to_bytes(4, "little"))])


def exporter_zip_descriptor(field: int, value: int, *, zip64: bool = False) -> bytes:
    """exporter's layout with one field of data.csv's data descriptor (0 CRC, 1 compressed, 2 size) changed."""
    plain = exporter_zip(zip64=zip64)
    size_width = 8 if zip64 else 4
    position = offsets(plain, DESCRIPTOR)[0] + 4 + (0 if field == 0 else 4 + size_width * (field - 1))
    width = 4 if field == 0 else size_width
    return patch(plain, [(position, value.to_bytes(width, "little"))])


def first_compressed_data(zip_bytes: bytes) -> tuple[int, int]:
    """(offset, length) of data.csv's compressed bytes in a zipfile-made ZIP."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        info = archive.getinfo("data.csv")
    name_size, extra_size = int.from_bytes(zip_bytes[26:28], "little"), int.from_bytes(zip_bytes[28:30], "little")
    return info.header_offset + 30 + name_size + extra_size, info.compress_size


def garbage_deflate() -> bytes:
    plain = python_zip(standard_entries())
    start, length = first_compressed_data(plain)
    return patch(plain, [(start, b"\xff" * length)])


def streamed_python_zip() -> bytes:
    """zipfile writing to a stream it cannot seek: data descriptors with signature and 4-byte sizes."""

    class Unseekable(io.RawIOBase):
        def __init__(self) -> None:
            self.written = bytearray()

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            self.written += data
            return len(data)

    sink = Unseekable()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in standard_entries():
            with archive.open(name, "w") as entry:
                entry.write(content)
    assert bytes(sink.written).count(DESCRIPTOR) == 2
    return bytes(sink.written)


# name: (builder of the inner ZIP, the sentence as a regex with {name} for the archive's name)
HOSTILE = {
    # the ZIP's structure
    "not-a-zip": (lambda: bytes(range(256)) * 4, r"{name} decrypted, but it is not an exporter archive\."),
    "empty-content": (lambda: b"", r"{name} decrypted, but it is not an exporter archive\."),
    "cut-in-half": (lambda: python_zip(standard_entries())[:200], r"{name} decrypted, but it is not an exporter .*"),
    "no-entries": (lambda: python_zip([]), r"{name} decrypted, but it does not hold data\.csv and manifest\.json\."),
    "manifest-missing": (lambda: python_zip([("data.csv", DATA)]), r"{name} decrypted, but it does not hold .*"),
    "data-missing": (lambda: python_zip([("manifest.json", MANIFEST)]), r"{name} decrypted, but it does not hold .*"),
    "extra-entry": (lambda: python_zip([*standard_entries(), ("notes.txt", b"hello")]),
                    r"{name} decrypted, but it holds other files than data\.csv and manifest\.json\."),
    "entry-with-a-path": (lambda: python_zip([("../data.csv", DATA), ("manifest.json", MANIFEST)]),
                          r"{name} decrypted, but it holds other files than .*"),
    "data-twice": (lambda: raw_zip([raw_entry("data.csv", DATA), raw_entry("data.csv", DATA),
                                    raw_entry("manifest.json", MANIFEST)]),
                   r"{name} decrypted, but it holds data\.csv twice\."),
    "two-directory-entries-one-record": (
        lambda: raw_zip([raw_entry("data.csv", DATA), raw_entry("manifest.json", MANIFEST)], offsets_from=[0, 0]),
        DAMAGED + r"its directory is malformed\."),
    "junk-before-the-first-entry": (lambda: moved(python_zip(standard_entries()), b"MZ" + bytes(98), 0),
                                    DAMAGED + r"its directory is malformed\."),
    "junk-between-entries": (lambda: raw_zip([raw_entry("data.csv", DATA), raw_entry("manifest.json", MANIFEST)],
                                             gap=b"hidden content"), DAMAGED + r"its directory is malformed\."),
    "directory-count-too-high": (
        lambda: patch(python_zip(standard_entries()), [(offsets(python_zip(standard_entries()), END)[-1] + 8,
                                                        (3).to_bytes(2, "little") * 2)]),
        DAMAGED + r"its directory is malformed\."),
    "second-disk": (
        lambda: patch(python_zip(standard_entries()), [(offsets(python_zip(standard_entries()), END)[-1] + 4,
                                                        (1).to_bytes(2, "little"))]),
        DAMAGED + r"its directory is malformed\."),
    "unknown-flag-bit": (lambda: both_headers(python_zip(standard_entries()), 0, L_FLAGS, C_FLAGS, "<H", 0x0020),
                         DAMAGED + r"its directory is malformed\."),
    "local-and-central-methods-differ": (
        lambda: set_field(python_zip(standard_entries()), LOCAL, 0, L_METHOD, "<H", 0),
        DAMAGED + r"its directory is malformed\."),
    # sizes and checksums
    "crc-wrong": (lambda: both_headers(python_zip(standard_entries()), 0, L_CRC, C_CRC, "<I", CRC ^ 1),
                  DAMAGED + r"data\.csv fails its CRC-32 check\."),
    "crc-wrong-in-exporter-layout": (lambda: set_field(exporter_zip_descriptor(0, CRC ^ 1), CENTRAL, 0, C_CRC, "<I",
                                                       CRC ^ 1), DAMAGED + r"data\.csv fails its CRC-32 check\."),
    "local-size-disagrees": (lambda: set_field(python_zip(standard_entries()), LOCAL, 0, L_SIZE, "<I", len(DATA) + 1),
                             DAMAGED + r"the sizes of data\.csv disagree\."),
    "descriptor-size-disagrees": (lambda: exporter_zip_descriptor(2, len(DATA) + 1),
                                  DAMAGED + r"the sizes of data\.csv disagree\."),
    "zip64-descriptor-size-disagrees": (lambda: exporter_zip_descriptor(2, len(DATA) + 1, zip64=True),
                                        DAMAGED + r"the sizes of data\.csv disagree\."),
    "zip64-crc-wrong-in-exporter-layout": (
        lambda: set_field(exporter_zip_descriptor(0, CRC ^ 1, zip64=True), CENTRAL, 0, C_CRC, "<I", CRC ^ 1),
        DAMAGED + r"data\.csv fails its CRC-32 check\."),
    "descriptor-crc-disagrees": (lambda: exporter_zip_descriptor(0, CRC ^ 1),
                                 DAMAGED + r"the sizes of data\.csv disagree\."),
    "central-size-larger-than-data": (
        lambda: both_headers(python_zip(standard_entries()), 0, L_SIZE, C_SIZE, "<I", len(DATA) + 7),
        r"data\.csv in {name} does not match its manifest: the archive was altered\."),
    # compressed data
    "deflate-garbage": (garbage_deflate, DAMAGED + r"the compressed data of data\.csv is corrupt\."),
    "deflate-without-its-end": (
        lambda: raw_zip([raw_entry("data.csv", DATA, payload=deflated(DATA, finish=False)),
                         raw_entry("manifest.json", MANIFEST)]),
        DAMAGED + r"the compressed data of data\.csv is corrupt\."),
    "bytes-after-the-deflate-stream": (
        lambda: raw_zip([raw_entry("data.csv", DATA, payload=deflated(DATA) + b"trailing"),
                         raw_entry("manifest.json", MANIFEST)]),
        DAMAGED + r"the compressed data of data\.csv is corrupt\."),
    "unpacks-to-more-than-declared": (
        lambda: raw_zip([raw_entry("data.csv", DATA * 50, size=len(DATA), crc=CRC),
                         raw_entry("manifest.json", MANIFEST)]),
        DAMAGED + r"data\.csv unpacks to more than its headers say\."),
    "stored-sizes-disagree": (
        lambda: raw_zip([raw_entry("data.csv", DATA, payload=DATA + b"x", method=0),
                         raw_entry("manifest.json", MANIFEST)]),
        DAMAGED + r"the sizes of data\.csv disagree\."),
    # compression methods and encryption
    "method-deflate64": (lambda: both_headers(python_zip(standard_entries()), 0, L_METHOD, C_METHOD, "<H", 9),
                         r"data\.csv in {name} is compressed with Deflate64 \(method 9\), which exporter never uses\."),
    "method-zstandard": (lambda: both_headers(python_zip(standard_entries()), 0, L_METHOD, C_METHOD, "<H", 93),
                         r"data\.csv in {name} is compressed with Zstandard \(method 93\), .*"),
    "method-unknown": (lambda: both_headers(python_zip(standard_entries()), 1, L_METHOD, C_METHOD, "<H", 77),
                       r"manifest\.json in {name} is compressed with an unknown method \(method 77\), .*"),
    "method-bzip2": (lambda: python_zip(standard_entries(), method=zipfile.ZIP_BZIP2),
                     r"data\.csv in {name} is compressed with bzip2 \(method 12\), .*"),
    "method-lzma": (lambda: python_zip(standard_entries(), method=zipfile.ZIP_LZMA),
                    r"data\.csv in {name} is compressed with LZMA \(method 14\), .*"),
    "encryption-flag": (lambda: both_headers(python_zip(standard_entries()), 0, L_FLAGS, C_FLAGS, "<H", 0x0001),
                        r"data\.csv in {name} is encrypted inside the archive, which exporter never does\."),
    "strong-encryption-flag": (lambda: both_headers(python_zip(standard_entries()), 1, L_FLAGS, C_FLAGS, "<H", 0x41),
                               r"manifest\.json in {name} is encrypted inside the archive, .*"),
    "winzip-aes-method": (lambda: both_headers(python_zip(standard_entries()), 0, L_METHOD, C_METHOD, "<H", 99),
                          r"data\.csv in {name} is encrypted inside the archive, .*"),
    # the manifest
    "manifest-not-utf-8": (lambda: with_manifest(MANIFEST.replace(b"invented", "架空".encode("cp932"))),
                           r"The manifest in {name} is not UTF-8 text\."),
    "manifest-too-large": (lambda: with_manifest(MANIFEST + b" " * MAX_MANIFEST_BYTES),
                           r"The manifest in {name} is too large to be genuine\."),
    "manifest-not-json": (lambda: with_manifest(b"{'format': 'exporter-archive'}"),
                          r"The manifest in {name} is not valid JSON\."),
    "manifest-nan": (lambda: with_manifest(MANIFEST.replace(b'"rows": 2', b'"rows": NaN')),
                     r"The manifest in {name} is not valid JSON\."),
    "manifest-5000-digit-number": (lambda: with_manifest(MANIFEST.replace(b'"rows": 2', b'"rows": ' + b"9" * 5000)),
                                   r"The manifest in {name} is not valid JSON\."),
    "manifest-nested-100000-deep": (lambda: with_manifest(nested(100_000)),
                                    r"The manifest in {name} is nested too deeply\."),
    "manifest-nested-40-deep": (lambda: with_manifest(nested(40)), r"The manifest in {name} is nested too deeply\."),
    "manifest-key-twice": (lambda: with_manifest(MANIFEST.replace(b'"rows": 2', b'"rows": 2, "rows": 3')),
                           r"The manifest in {name} names a field twice\."),
    "manifest-lone-surrogate": (lambda: with_manifest(MANIFEST.replace(b"invented", b"\\ud800")),
                                r"The manifest in {name} holds text that is not valid Unicode\."),
    "manifest-a-list": (lambda: with_manifest(b"[1, 2]"),
                        r"{name} decrypted, but its manifest is not an exporter manifest\."),
    "manifest-other-format": (lambda: zipped(format="something-else"), r"{name} decrypted, but its manifest is not .*"),
    "manifest-newer-format": (lambda: zipped(format_version=2),
                              r"{name} was made by a newer version of exporter \(archive format 2\)\."),
    "rows-not-a-number": (lambda: zipped(rows="many"), r"The manifest in {name} has an invalid “rows”\."),
    "rows-negative": (lambda: zipped(rows=-1), r"The manifest in {name} has an invalid “rows”\."),
    "rows-a-float": (lambda: zipped(rows=2.0), r"The manifest in {name} has an invalid “rows”\."),
    "rows-a-boolean": (lambda: zipped(rows=True), r"The manifest in {name} has an invalid “rows”\."),
    "purpose-too-long": (lambda: zipped(purpose="長" * 5000), r"The manifest in {name} has an invalid “purpose”\."),
    "column-not-text": (lambda: zipped(columns=["name", 7]), r"The manifest in {name} has an invalid “columns\[1\]”\."),
    "delete-by-not-a-date": (lambda: zipped(delete_by="tomorrow"),
                             r"The manifest in {name} has an invalid “delete_by”\."),
    "source-a-string": (lambda: zipped(source="r.csv"), r"The manifest in {name} has an invalid “source”\."),
    "data-file-elsewhere": (lambda: zipped(data={**manifest_for()["data"], "file": "../../.bashrc"}),
                            r"The manifest in {name} has an invalid “data\.file”\."),
    "sha256-missing": (data_without_sha256, r"The manifest in {name} lacks “data\.sha256”\."),
    "rows-missing": (lambda: without("rows"), r"The manifest in {name} lacks “rows”\."),
    "data-missing-from-manifest": (lambda: without("data"), r"The manifest in {name} lacks “data”\."),
    "data-does-not-match-sha256": (lambda: python_zip([("data.csv", DATA.replace(b"0001", b"0009")),
                                                       ("manifest.json", MANIFEST)]),
                                   r"data\.csv in {name} does not match its manifest: the archive was altered\."),
    "data-shorter-than-manifest-says": (lambda: python_zip([("data.csv", DATA[:-2]), ("manifest.json", MANIFEST)]),
                                        r"data\.csv in {name} does not match its manifest: .*"),
}  # fmt: skip


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return throwaway_key(tmp_path_factory.mktemp("key"))


def one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and "internal error" not in text.lower() and len(text) < 300


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_inner_zip_gets_its_sentence_and_no_output_folder(tmp_path, key, case):
    build, expected = HOSTILE[case]
    archive = write_archive(tmp_path, f"{case}.zip.age", build(), key)
    output = tmp_path / "received" / "opened"

    with pytest.raises(DecryptionError) as caught:
        decrypt_archive(archive, output, [key.identity])

    message = str(caught.value)
    assert re.fullmatch(expected.format(name=re.escape(archive.name)), message), message
    assert one_sentence(message), message
    assert sorted(os.listdir(tmp_path)) == [archive.name], "the output folder or a scratch file was left"


@pytest.mark.parametrize(
    "build",
    [
        lambda: exporter_zip(),
        lambda: exporter_zip(zip64=True),
        lambda: python_zip(standard_entries()),
        lambda: python_zip(standard_entries(), comment=b"a comment after the directory"),
        lambda: raw_zip([raw_entry("data.csv", DATA, payload=DATA, method=0), raw_entry("manifest.json", MANIFEST)]),
        lambda: zipped(future_field={"nested": [1, {"a": None}]}, format_version=1),
        lambda: with_manifest(
            json.dumps(
                {key: manifest_for()[key] for key in ("format", "format_version", "columns", "rows", "data")}
            ).encode()
        ),
        lambda: streamed_python_zip(),
    ],
    ids=[
        "exporter-layout",
        "exporter-layout-zip64",
        "zipfile-layout",
        "with-a-zip-comment",
        "stored",
        "unknown-fields",
        "only-required",
        "zipfile-streamed",
    ],
)
def test_well_formed_inner_zips_open_with_exactly_their_data(tmp_path, key, build):
    archive = write_archive(tmp_path, "good.zip.age", build(), key)

    opened = decrypt_archive(archive, tmp_path / "new" / "folder", [key.identity])

    assert opened.data.read_bytes() == DATA
    assert sorted(os.listdir(opened.folder)) == ["data.csv", "manifest.json"]
    assert opened.manifest["data"]["size"] == len(DATA)
    assert sorted(os.listdir(tmp_path)) == ["good.zip.age", "new"]


# ----------------------------------------------------------------------------------------------------
# Through the command line: exit 1, one error line (and maybe a hint), never "internal error"

EXPORTER = (sys.executable, "-m", "exporter")


def run_cli(*args, cwd, env=None):
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(env or {}, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*EXPORTER, *map(str, args)], cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8",
        timeout=120, check=False,
    )  # fmt: skip


def assert_one_error(result) -> str:
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert lines, "a failure must say why"
    assert lines[0].startswith("exporter: error: "), result.stderr
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("exporter: hint: ")), result.stderr
    assert "internal error" not in result.stderr.lower()
    assert "Traceback" not in result.stderr
    return lines[0]


CASE_FILES = {
    "manifest-rows-not-a-number.zip.age": "has an invalid “rows”",
    "data-crc-wrong.zip.age": "fails its CRC-32 check",
    "data-method-deflate64.zip.age": "Deflate64",
    "one-gib-of-zeros.zip.age": "times the size of the archive",
}


@pytest.mark.parametrize("name", CASE_FILES)
def test_reported_archives_are_refused_by_the_command_line_and_leave_no_folder(tmp_path, case_key, name):
    output = tmp_path / "out"

    result = run_cli("decrypt", CASES / name, "--identity", case_key, "--output", output,
                     cwd=tmp_path)  # fmt: skip

    assert CASE_FILES[name] in assert_one_error(result)
    assert not output.exists()
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "case", ["deflate-garbage", "method-bzip2", "encryption-flag", "manifest-nested-100000-deep", "data-twice"]
)
def test_hostile_archives_are_refused_by_the_command_line(tmp_path, key, case):
    archive = write_archive(tmp_path, f"{case}.zip.age", HOSTILE[case][0](), key)

    result = run_cli("decrypt", archive, "--identity", key.path, "--output", tmp_path / "out", cwd=tmp_path)

    assert_one_error(result)
    assert sorted(os.listdir(tmp_path)) == [archive.name]


def test_cli_error_names_the_archive_and_says_how_to_raise_the_expansion_limit(tmp_path, case_key):
    result = run_cli("decrypt", CASES / "one-gib-of-zeros.zip.age", "--identity", case_key,
                     "--output", tmp_path / "out", cwd=tmp_path)  # fmt: skip

    error, hint = result.stderr.splitlines()
    assert "one-gib-of-zeros.zip.age would unpack to 1.0 GB, 1,028 times the size of the archive" in error
    assert "the limit is 100 times" in error
    assert hint == "exporter: hint: If you trust the archive, allow more with --max-expansion 1028."


@pytest.mark.parametrize("value", ["0", "-3", "many", "inf", "nan"])
def test_max_expansion_must_be_a_number_of_at_least_one(tmp_path, case_key, value):
    result = run_cli("decrypt", CASES / "data-crc-wrong.zip.age", "--identity", case_key,
                     "--output", tmp_path / "out", "--max-expansion", value, cwd=tmp_path)  # fmt: skip

    assert result.returncode == 2, result.stderr
    assert "--max-expansion" in result.stderr
    assert not (tmp_path / "out").exists()


OTHER_TOOLS = {
    "info-zip": ["zip", "-q", "-X", "{out}", "data.csv", "manifest.json"],
    "info-zip-with-extra-fields": ["zip", "-q", "{out}", "data.csv", "manifest.json"],
    "info-zip-stored": ["zip", "-q", "-0", "{out}", "data.csv", "manifest.json"],
    "7-zip": ["7zz", "a", "-tzip", "-bd", "-bso0", "{out}", "data.csv", "manifest.json"],
    "bsdtar": ["bsdtar", "--format", "zip", "-cf", "{out}", "data.csv", "manifest.json"],
    "bsdtar-stored": ["bsdtar", "--format", "zip", "--options", "zip:compression=store", "-cf", "{out}", "data.csv",
                      "manifest.json"],
}  # fmt: skip


@pytest.mark.oracle
@pytest.mark.parametrize("tool", OTHER_TOOLS)
def test_zips_made_by_other_tools_open_exactly(tmp_path, key, tool):
    """Strict, but not stricter than the format: a recipient who re-packed the two files with a common tool
    (extra fields, data descriptors with a size filled in, Stored) still gets exactly data.csv."""
    command = OTHER_TOOLS[tool]
    if shutil.which(command[0]) is None:
        pytest.skip(f"{command[0]} is not installed (./dev installs it)")
    source = tmp_path / "files"
    source.mkdir()
    for name, content in standard_entries():
        (source / name).write_bytes(content)
    made = tmp_path / "made.zip"
    subprocess.run([part.format(out=made) for part in command], cwd=source, check=True, timeout=60)
    archive = write_archive(tmp_path, "repacked.zip.age", made.read_bytes(), key)

    opened = decrypt_archive(archive, tmp_path / "out", [key.identity])

    assert opened.data.read_bytes() == DATA
    assert opened.manifest == manifest_for()
