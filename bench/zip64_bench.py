"""Export above 4 GiB and open the archive's inner ZIP with every reader (run by hand; see bench/README.md).

Two exports through the real command line, each decrypted with the reference ``age``:

``sample``  a synthetic register whose ``data.csv`` (all columns) exceeds 4 GiB: ZIP64 sizes for ``data.csv``,
            while it compresses to well under 4 GiB, so offsets and the end records stay classic.
``noise``   a table of random base64 values that deflate cannot shrink below 4 GiB: ZIP64 sizes, the manifest's
            offset in ZIP64, and the ZIP64 end of central directory.

Each inner ZIP is described (which ZIP64 fields it uses, walked as a streaming reader walks it) and read by
Python's ``zipfile``, Info-ZIP ``unzip``, ``7zz``, ``bsdtar`` (file and standard input) and Java's ``ZipFile`` and
``ZipInputStream``; every reader's SHA-256 of ``data.csv`` must equal the manifest's. Needs about 30 GB of disk
in ``--workdir`` and some minutes; ``--markdown`` prints a block for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAVA_SOURCE = ROOT / "tests" / "java" / "ZipCheck.java"
GIB = 1 << 30
BLOCK = 1 << 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "work" / "zip64")
    parser.add_argument("--sample-rows", type=int, default=17_500_000, help="rows of the synthetic register")
    parser.add_argument("--noise-gib", type=float, default=6.0, help="size of the random table in GiB")
    parser.add_argument("--cases", default="sample,noise")
    parser.add_argument("--exporter", default=str(Path(sys.executable).parent / "exporter"))
    parser.add_argument("--keep", action="store_true", help="keep the inputs and archives for another run")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    for tool in ("age", "age-keygen", "unzip", "7zz", "bsdtar", "javac", "java"):
        if not shutil.which(tool):
            sys.exit(f"zip64_bench: {tool} is missing (apt-get install age unzip 7zip libarchive-tools openjdk-17-jdk)")
    work: Path = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["javac", "-d", str(work), str(JAVA_SOURCE)], check=True)
    key = work / "key.txt"
    if not key.exists():
        subprocess.run(["age-keygen", "-o", str(key)], check=True, capture_output=True)
    recipient = next(line.split(": ")[1] for line in key.read_text().splitlines() if "public key" in line)

    results = []
    for case in args.cases.split(","):
        source = work / f"{case}.csv"
        if not source.exists():
            timed(f"{case}: writing the input", lambda s=source, c=case: make_input(c, s, args))
        columns = header_of(source)
        archive, inner = work / f"{case}.zip.age", work / f"{case}.zip"
        archive.unlink(missing_ok=True)
        command = [args.exporter, "export", str(source), *[a for c in columns for a in ("--column", c)],
                   "--recipient", recipient, "--output", str(archive)]  # fmt: skip
        export_seconds = timed(f"{case}: exporter export", lambda c=command: subprocess.run(c, check=True))
        decrypt = ["age", "-d", "-i", str(key), str(archive)]
        with inner.open("wb") as sink:
            timed(f"{case}: age -d", lambda d=decrypt, s=sink: subprocess.run(d, stdout=s, check=True))
        layout = describe(inner)
        print(f"{case}: {json.dumps(layout)}", file=sys.stderr)
        verdicts = {}
        for name, read in readers(work).items():
            start = time.perf_counter()
            try:
                digest = read(inner)
                verdict = "same SHA-256 as the manifest" if digest == layout["manifest_sha256"] else f"WRONG {digest}"
            except Exception as err:  # the reader's own words are the result
                verdict = f"FAILED: {err}"
            verdicts[name] = (verdict, time.perf_counter() - start)
            print(f"{case}: {name:<14} {verdicts[name][1]:6.1f} s  {verdict}", file=sys.stderr)
        results.append((case, source.stat().st_size, archive.stat().st_size, export_seconds, layout, verdicts))
        if not args.keep:
            for path in (archive, inner):
                path.unlink(missing_ok=True)
    if args.markdown:
        print(markdown(results, args))
    if any(not v.startswith("same") for *_, verdicts in results for v, _ in verdicts.values()):
        sys.exit("zip64_bench: a reader failed")


def timed(what: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{what}: {seconds:.1f} s", file=sys.stderr)
    return seconds


def make_input(case: str, path: Path, args: argparse.Namespace) -> None:
    part = path.with_suffix(".part")
    if case == "sample":
        command = [args.exporter, "sample", "--rows", str(args.sample_rows), "--output", str(part)]
        subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    else:
        target = int(args.noise_gib * GIB)
        with part.open("wb") as file:
            file.write(b"id,blob\r\n")
            row = 0
            while file.tell() < target:
                lines = []
                for _ in range(4096):
                    row += 1
                    lines.append(b"%d,%s\r\n" % (row, base64.b64encode(os.urandom(96))))
                file.write(b"".join(lines))
    part.rename(path)


def header_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig") as file:
        return file.readline().rstrip("\r\n").split(",")


def describe(path: Path) -> dict:
    """Sizes, offsets and which ZIP64 records the inner ZIP uses, checked as a streaming reader meets them."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        manifest = json.loads(archive.read("manifest.json"))
    layout: dict = {"entries": [], "manifest_sha256": manifest["data"]["sha256"]}
    with path.open("rb") as file:
        for info in infos:
            file.seek(info.header_offset)
            header = file.read(30)
            name_length, extra_length = struct.unpack("<HH", header[26:30])
            file.seek(name_length, 1)
            zip64_local = file.read(extra_length)[:2] == b"\x01\x00"
            descriptor = None
            if info.flag_bits & 0x08:
                file.seek(info.header_offset + 30 + name_length + extra_length + info.compress_size)
                raw = file.read(24 if zip64_local else 16)
                fields = struct.unpack("<IIQQ" if zip64_local else "<IIII", raw)
                assert fields[0] == 0x08074B50, "no data descriptor where the entry's data ends"
                assert fields[2:] == (info.compress_size, info.file_size), fields
                descriptor = len(raw)
            layout["entries"].append({
                "name": info.filename, "size": info.file_size, "compressed": info.compress_size,
                "offset": info.header_offset, "zip64_local_header": zip64_local, "descriptor_bytes": descriptor,
                "zip64_central_extra": bool(info.extra[:2] == b"\x01\x00"),
            })  # fmt: skip
        file.seek(-42, 2)
        locator, end = file.read(20), file.read(22)  # the ZIP64 locator sits just before the end record
    assert end[:4] == b"PK\x05\x06", "the archive has a comment or no end record"
    layout["zip64_end_records"] = locator[:4] == b"PK\x06\x07"
    return layout


def streamed_digest(command: list[str], stdin: Path | None = None) -> str:
    digest = hashlib.sha256()
    with stdin.open("rb") if stdin else open(os.devnull, "rb") as source:
        process = subprocess.Popen(command, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert process.stdout is not None
        while block := process.stdout.read(BLOCK):
            digest.update(block)
        errors = process.stderr.read() if process.stderr else b""
        if process.wait() != 0:
            raise RuntimeError(f"exit {process.returncode}: {errors.decode(errors='replace').strip()}")
    return digest.hexdigest()


def python_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as archive, archive.open("data.csv") as entry:
        while block := entry.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


def java_digest(path: Path, mode: str, classes: Path) -> str:
    done = subprocess.run(["java", "-cp", str(classes), "ZipCheck", mode, str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return next(line.split("\t")[2] for line in done.stdout.splitlines() if line.startswith("data.csv\t"))


def readers(classes: Path) -> dict[str, Callable[[Path], str]]:
    return {
        "python zipfile": python_digest,
        "unzip": lambda p: streamed_digest(["unzip", "-p", str(p), "data.csv"]),
        "7zz": lambda p: streamed_digest(["7zz", "x", "-so", str(p), "data.csv"]),
        "bsdtar": lambda p: streamed_digest(["bsdtar", "-xOf", str(p), "data.csv"]),
        "bsdtar (stdin)": lambda p: streamed_digest(["bsdtar", "-xOf", "-", "data.csv"], stdin=p),
        "Java ZipFile": lambda p: java_digest(p, "file", classes),
        "Java ZipInputStream": lambda p: java_digest(p, "stream", classes),
    }


def tool_versions() -> str:
    def first_line(command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True)
        return (done.stdout or done.stderr).strip().splitlines()[0]

    return "; ".join([
        first_line(["unzip", "-v"]).split(" by ")[0].rstrip(","), first_line(["7zz"]).split(":")[0].strip(),
        first_line(["bsdtar", "--version"]), first_line(["java", "-version"]), f"Python {platform.python_version()}",
    ])  # fmt: skip


def markdown(results: list, args: argparse.Namespace) -> str:
    lines = [f"### {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} (`bench/zip64_bench.py`)", "",
             f"- Tools: {tool_versions()}", ""]  # fmt: skip
    for case, source_size, archive_size, export_seconds, layout, verdicts in results:
        data, manifest = layout["entries"]
        lines += [
            f"**{case}**: resident file {source_size / GIB:.2f} GiB, exported in {export_seconds:.0f} s to "
            f"{archive_size / GIB:.2f} GiB; `data.csv` {data['size']:,} bytes ({data['size'] / GIB:.2f} GiB), "
            f"deflated {data['compressed']:,}; manifest at offset {manifest['offset']:,}; "
            f"ZIP64: local header {'yes' if data['zip64_local_header'] else 'no'}, data descriptor "
            f"{data['descriptor_bytes']} bytes, manifest offset in ZIP64 "
            f"{'yes' if manifest['zip64_central_extra'] else 'no'}, ZIP64 end records "
            f"{'yes' if layout['zip64_end_records'] else 'no'}.",
            "",
            "| reader | time (s) | verdict |",
            "|---|--:|---|",
            *(f"| {name} | {seconds:.0f} | {verdict} |" for name, (verdict, seconds) in verdicts.items()),
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
