"""The invariants of DESIGN.md for export and decrypt, checked through the real command line.

Every test runs ``python -m exporter`` in a subprocess, on files made by ``exporter.sample`` (the only
personal-looking data the project allows) or on small hand-written tables of obviously fictional values.
"""

from __future__ import annotations

import codecs
import csv
import ctypes
import hashlib
import io
import itertools
import json
import os
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter.sample import SAMPLE_COLUMNS, sample_bytes, write_sample

# EXPORTER_COMMAND runs these tests against another build of the program, such as the installed package
# (packaging/ci-package.sh: EXPORTER_COMMAND=/usr/bin/exporter); by default, this checkout's source.
INSTALLED = os.environ.get("EXPORTER_COMMAND")
EXPORTER = tuple(shlex.split(INSTALLED)) if INSTALLED else (sys.executable, "-m", "exporter")
BIG_ROWS = 150_000
RUN_TIMEOUT = 120  # only to stop a hang; no test asserts how long anything takes
NOBODY = 65534
UTF8_BOM = codecs.BOM_UTF8


# ----------------------------------------------------------------------------------------------------
# Running the command line


def child_env(**extra):
    env = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def command(*args):
    return [*EXPORTER, *(str(arg) for arg in args)]


def run_exporter(*args, cwd, env=None, preexec_fn=None):
    return subprocess.run(
        command(*args),
        cwd=cwd,
        env=env or child_env(),
        preexec_fn=preexec_fn,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=RUN_TIMEOUT,
        check=False,
    )


def start_exporter(*args, cwd, env=None):
    return subprocess.Popen(
        command(*args),
        cwd=cwd,
        env=env or child_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def assert_succeeded(result):
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def error_line(result):
    """The single ``exporter: error:`` line of a failed run, after checking that nothing else was printed."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines, "a failure must say why"
    assert lines[0].startswith("exporter: error: "), result.stderr
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("exporter: hint: ")), result.stderr
    return lines[0]


def all_columns(*extra):
    return [arg for column in (*SAMPLE_COLUMNS, *extra) for arg in ("--column", column)]


def listing(folder):
    return sorted(os.listdir(folder))


def keygen(folder, name="identity.txt"):
    path = folder / name
    result = run_exporter("keygen", "--output", path, "--no-protect", cwd=folder)
    assert_succeeded(result)
    return path, result.stdout.strip()


def secret_key_of(identity_file):
    (line,) = [line for line in identity_file.read_text().splitlines() if line.startswith("AGE-SECRET-KEY-")]
    return line


# Root ignores a folder's mode through the capabilities below. The child of the unwritable-folder test runs
# without them (dropped from the bounding set, so exec does not give them back), or, where the bounding set
# cannot be changed, as 'nobody'. Staying root keeps the interpreter reachable even when it lives under /root.
PR_CAPBSET_DROP = 24
PERMISSION_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform == "linux" else None


def without_permission_overrides():
    for capability in PERMISSION_OVERRIDES:
        if LIBC.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) was refused")


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def limit_file_size(limit):
    def preexec():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


# ----------------------------------------------------------------------------------------------------
# Shared files (session fixtures are per xdist worker)


@pytest.fixture(scope="session")
def big_sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("big-sample") / "register.csv"
    with open(path, "wb") as file:
        write_sample(file, BIG_ROWS, seed=7)
    return path


@pytest.fixture(scope="session")
def long_export_sample(tmp_path_factory):
    """Four times the big sample: an export of it runs long enough (about 1.5 s here) that a signal sent once its
    ciphertext reaches the disk lands before the end even on a loaded machine."""
    path = tmp_path_factory.mktemp("long-export-sample") / "register.csv"
    with open(path, "wb") as file:
        write_sample(file, 4 * BIG_ROWS, seed=8)
    return path


@pytest.fixture(scope="session")
def plaintext_markers(big_sample):
    """Byte strings that appear in the plaintext of any export of all columns of the big sample."""
    with open(big_sample, encoding="utf-8", newline="") as file:
        records = list(itertools.islice(csv.DictReader(file), 2000))
    markers = {b"family_name,given_name"}
    for column, count in (("family_name", 6), ("phone", 6), ("my_number", 4), ("address_line", 4)):
        values = list(dict.fromkeys(record[column] for record in records if record[column]))
        assert len(values) >= count, column
        markers.update(value.encode("utf-8") for value in values[:count])
    return sorted(markers)


@pytest.fixture(scope="session")
def small_sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("small-sample") / "small.csv"
    path.write_bytes(sample_bytes(3000, seed=11))
    return path


@pytest.fixture(scope="session")
def identity_and_recipient(tmp_path_factory):
    return keygen(tmp_path_factory.mktemp("identity"))


@pytest.fixture(scope="session")
def keyed_archive(tmp_path_factory, small_sample, identity_and_recipient):
    """An archive of the small sample (several 64 KiB chunks) and the identity that opens it."""
    folder = tmp_path_factory.mktemp("keyed-archive")
    identity, recipient = identity_and_recipient
    archive = folder / "small.zip.age"
    result = run_exporter(
        "export", small_sample, *all_columns(), "--output", archive, "--recipient", recipient, cwd=folder
    )
    assert_succeeded(result)
    assert archive.stat().st_size > 3 * 64 * 1024
    return archive, identity


@pytest.fixture
def world_readable_folder():
    """A folder the unprivileged user can reach (pytest's tmp_path has 0700 parents)."""
    folder = Path(tempfile.mkdtemp(prefix="exporter-invariants-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder)


# ----------------------------------------------------------------------------------------------------
# 1. Export never writes plaintext personal data to disk


class PlaintextWatch:
    """Reads every file that appears in the watched folders, every byte of it, and notes the markers it finds.

    A file is read on from where the previous poll stopped, less the longest marker's length so that a marker
    split between two reads is still found; a file that shrank or was replaced is read again from its start.
    """

    def __init__(self, folders, markers):
        self.folders = folders
        self.markers = markers
        self.overlap = max(len(marker) for marker in markers) - 1
        self.read_up_to = {}  # path -> (inode, offset)
        self.seen = {folder: set() for folder in folders}
        self.leaks = []
        self.temp_bytes_read = 0

    def poll(self):
        for folder in self.folders:
            for name in os.listdir(folder):
                self.seen[folder].add(name)
                self._read_new_bytes(folder / name)

    def _read_new_bytes(self, path):
        try:
            with open(path, "rb") as file:
                info = os.fstat(file.fileno())
                inode, offset = self.read_up_to.get(path, (None, 0))
                if inode != info.st_ino or info.st_size < offset:
                    offset = 0
                start = max(offset - self.overlap, 0)
                file.seek(start)
                data = file.read()
        except (FileNotFoundError, IsADirectoryError):
            return
        self.read_up_to[path] = (info.st_ino, start + len(data))
        if path.name.endswith(".part"):
            self.temp_bytes_read += len(data)
        self.leaks += [(path.name, marker) for marker in self.markers if marker in data]


@pytest.mark.slow
def test_export_never_writes_plaintext_to_the_target_folder_or_tmpdir(
    tmp_path, identity_and_recipient, big_sample, plaintext_markers
):
    target, private_tmp, cwd = tmp_path / "target", tmp_path / "tmp", tmp_path / "cwd"
    for folder in (target, private_tmp, cwd):
        folder.mkdir()
    source_listing = listing(big_sample.parent)
    _, recipient = identity_and_recipient
    archive = target / "register.zip.age"
    env = child_env(TMPDIR=str(private_tmp), TEMP=str(private_tmp), TMP=str(private_tmp))
    watch = PlaintextWatch((target, private_tmp, cwd), plaintext_markers)

    process = start_exporter(
        "export", big_sample, *all_columns(), "--output", archive, "--recipient", recipient, cwd=cwd, env=env
    )
    try:
        while True:
            finished = process.poll() is not None
            watch.poll()
            if finished:
                break
            time.sleep(0.003)
        _, stderr = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert process.returncode == 0, stderr
    assert not watch.leaks, f"plaintext reached the disk: {watch.leaks[:5]}"
    assert not watch.seen[private_tmp], "the export wrote to TMPDIR"
    assert not watch.seen[cwd], "the export wrote to its working folder"
    assert watch.temp_bytes_read, "the test never read the temporary file's content, so it proved nothing"
    assert {name for name in watch.seen[target] if not name.endswith(".part")} == {archive.name}
    assert listing(target) == [archive.name]
    assert listing(private_tmp) == []
    assert listing(cwd) == []
    assert listing(big_sample.parent) == source_listing
    final = archive.read_bytes()
    assert final.startswith(b"age-encryption.org/v1\n")
    assert not [marker for marker in plaintext_markers if marker in final]


# ----------------------------------------------------------------------------------------------------
# 2. The output appears only when complete; failure leaves nothing behind


def rows_without_line_breaks(count):
    """Sample records (as CSV lines ending in LF) none of whose values holds a line break."""
    text = sample_bytes(count, seed=3).decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header, body = records[0], [r for r in records[1:] if not any("\n" in v or "\r" in v for v in r)]
    assert all(len(record) == len(header) for record in body)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    lines = []
    for record in body:
        writer.writerow(record)
        lines.append(buffer.getvalue())
        buffer.seek(0)
        buffer.truncate()
    assert all(line.count("\n") == 1 for line in lines)
    return header, lines


@pytest.mark.slow
def test_row_missing_a_field_on_line_300000_is_named_and_nothing_is_written(tmp_path, identity_and_recipient):
    header, lines = rows_without_line_breaks(500)  # one record per physical line
    bad_line = 300_000
    body = itertools.islice(itertools.cycle(lines), bad_line - 2)  # the header is line 1
    missing_a_field = lines[0].rstrip("\n").rsplit(",", 1)[0] + "\n"
    assert len(next(csv.reader([missing_a_field]))) == len(header) - 1
    source_folder, target = tmp_path / "source", tmp_path / "target"
    source_folder.mkdir()
    target.mkdir()
    source = source_folder / "register_300k.csv"
    with open(source, "w", encoding="utf-8", newline="") as file:
        file.write(",".join(header) + "\n")
        file.writelines(body)
        file.write(missing_a_field)
        file.writelines(lines[1:50])
    with open(source, "rb") as file:
        physical = file.read().split(b"\n")
    assert physical[bad_line - 1] == missing_a_field.rstrip("\n").encode()
    _, recipient = identity_and_recipient

    result = run_exporter(
        "export", source, "--column", "family_name", "--column", "phone", "--output", target / "out.zip.age",
        "--recipient", recipient, cwd=tmp_path,
    )  # fmt: skip

    line = error_line(result)
    assert source.name in line
    assert "line 300000" in line or "line 300,000" in line, line
    assert listing(target) == []
    assert listing(source_folder) == [source.name]


@pytest.mark.slow
def test_full_disk_fails_with_one_error_line_and_leaves_nothing(tmp_path, identity_and_recipient, big_sample):
    target = tmp_path / "target"
    target.mkdir()
    _, recipient = identity_and_recipient
    archive = target / "register.zip.age"

    result = run_exporter(
        "export", big_sample, *all_columns(), "--output", archive, "--recipient", recipient,
        cwd=tmp_path, preexec_fn=limit_file_size(256 * 1024),
    )  # fmt: skip

    line = error_line(result)
    assert archive.name in line, line
    assert listing(target) == []


# The command line with every block of the resident file after its first 2 MB slowed down, so that the export
# fails (file size limit) while the reader is still busy, as it sometimes was on a busy CI machine.
SLOW_READS = """
import sys, time
import exporter.source
from exporter.cli import main
blocks = exporter.source.text_blocks
def slow_blocks(*args, **kwargs):
    read = 0
    for block in blocks(*args, **kwargs):
        read += len(block)
        if read > 2_000_000:
            time.sleep(0.3)
        yield block
exporter.source.text_blocks = slow_blocks
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.skipif(bool(INSTALLED), reason="patches the source build's reader in the process it starts")
def test_failed_write_while_the_reader_is_busy_still_exits_with_one_error_line(
    tmp_path, identity_and_recipient, big_sample
):
    """A reader thread left inside Python at exit aborted the process (SIGABRT, "terminate called without an
    active exception") instead of exit status 1; pyarrow now runs only on the calling thread (exporter/source.py)."""
    target = tmp_path / "target"
    target.mkdir()
    _, recipient = identity_and_recipient
    archive = target / "register.zip.age"
    result = subprocess.run(
        [sys.executable, "-c", SLOW_READS, "export", str(big_sample), *all_columns(), "--output", str(archive),
         "--recipient", recipient],
        cwd=tmp_path, env=child_env(), preexec_fn=limit_file_size(256 * 1024), capture_output=True, text=True,
        encoding="utf-8", timeout=RUN_TIMEOUT, check=False,
    )  # fmt: skip
    assert archive.name in error_line(result)
    assert listing(target) == []


def test_unwritable_target_folder_is_refused_in_one_sentence_and_nothing_is_created(world_readable_folder):
    base = world_readable_folder
    source = base / "small.csv"
    source.write_bytes(sample_bytes(50, seed=5))
    source.chmod(0o644)
    target = base / "read-only"
    target.mkdir()
    target.chmod(0o555)
    _, recipient = keygen(base, "identity-unwritable.txt")
    args = ("export", source, "--column", "family_name", "--output", target / "out.zip.age", "--recipient", recipient)

    if os.geteuid() != 0:
        result = run_exporter(*args, cwd=base)
    else:
        try:
            result = run_exporter(*args, cwd=base, preexec_fn=without_permission_overrides)
        except subprocess.SubprocessError:  # no CAP_SETPCAP here: fall back to an ordinary user
            result = run_exporter(*args, cwd=base, preexec_fn=as_nobody)

    line = error_line(result)
    assert target.name in line or "out.zip.age" in line, line
    assert listing(target) == []


def test_existing_output_is_not_replaced(tmp_path, identity_and_recipient, small_sample):
    target = tmp_path / "target"
    target.mkdir()
    archive = target / "out.zip.age"
    archive.write_bytes(b"an earlier archive that must survive")
    _, recipient = identity_and_recipient

    result = run_exporter(
        "export", small_sample, "--column", "family_name", "--output", archive, "--recipient", recipient,
        cwd=tmp_path,
    )  # fmt: skip

    line = error_line(result)
    assert archive.name in line
    assert archive.read_bytes() == b"an earlier archive that must survive"
    assert listing(target) == [archive.name]


# ----------------------------------------------------------------------------------------------------
# 2/3. Cancel by signal leaves nothing


def wait_for_temp_file(process, folder, *, with_content):
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return None
        for name in os.listdir(folder):
            if name.endswith(".part"):
                try:
                    size = (folder / name).stat().st_size
                except FileNotFoundError:
                    continue
                if size > 0 or not with_content:
                    return name
        time.sleep(0.002)
    return None


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["temp-file-created", "ciphertext-on-disk"])
@pytest.mark.parametrize(
    "signum",
    [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT],
    ids=["SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT"],
)
def test_signal_during_export_stops_it_and_leaves_nothing(
    tmp_path, identity_and_recipient, long_export_sample, signum, moment
):
    target = tmp_path / "target"
    target.mkdir()
    _, recipient = identity_and_recipient
    process = start_exporter(
        "export", long_export_sample, *all_columns(), "--output", target / "register.zip.age", "--recipient", recipient,
        cwd=tmp_path,
    )  # fmt: skip
    try:
        temp = wait_for_temp_file(process, target, with_content=moment == "ciphertext-on-disk")
        assert temp is not None, "the export ended before the signal could be sent"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()

    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert all(line.startswith("exporter: ") for line in stderr.splitlines()), stderr
    assert listing(target) == []


# ----------------------------------------------------------------------------------------------------
# 3. Decrypt releases no unauthenticated plaintext


def cut_in_the_middle(data):
    return data[: len(data) // 2]


def cut_by_one_byte(data):
    return data[:-1]


def flip_a_byte_near_the_end(data):
    damaged = bytearray(data)
    damaged[-40] ^= 0x01
    return bytes(damaged)


DAMAGES = {"cut-in-the-middle": cut_in_the_middle, "cut-by-one-byte": cut_by_one_byte,
           "flipped-byte-near-the-end": flip_a_byte_near_the_end, "wrong-identity": None}  # fmt: skip


def decrypt_into(archive, identity, mode, work):
    """Decrypt as a folder or with --raw; returns the result and the folder that must stay empty."""
    out = work / "out"
    out.mkdir()
    if mode == "raw":
        args = ("decrypt", archive, "--raw", "--output", out / "content.zip", "--identity", identity)
    else:
        args = ("decrypt", archive, "--output", out, "--identity", identity)
    return run_exporter(*args, cwd=work), out


@pytest.mark.parametrize("mode", ["folder", "raw"])
@pytest.mark.parametrize("damage", DAMAGES)
def test_decrypt_of_a_damaged_archive_or_with_a_wrong_key_releases_nothing(tmp_path, keyed_archive, damage, mode):
    archive, identity = keyed_archive
    if DAMAGES[damage] is None:
        identity, _ = keygen(tmp_path, "someone-else.txt")
    else:
        archive = tmp_path / "damaged.zip.age"
        archive.write_bytes(DAMAGES[damage](keyed_archive[0].read_bytes()))

    result, out = decrypt_into(archive, identity, mode, tmp_path)

    error_line(result)
    assert result.stdout == ""
    assert listing(out) == []


def test_decrypt_of_an_intact_archive_releases_data_and_manifest(tmp_path, keyed_archive):
    archive, identity = keyed_archive
    result, out = decrypt_into(archive, identity, "folder", tmp_path)

    assert_succeeded(result)
    assert listing(out) == ["data.csv", "manifest.json"]


def forged_archive(folder, data, declared):
    """An archive whose manifest describes ``declared`` while its data.csv holds ``data``."""
    from exporter.envelope import X25519Identity, encrypt, format_identity_file

    identity = X25519Identity.generate()
    identity_file = folder / "forger.txt"
    identity_file.write_text(format_identity_file(identity, datetime.now(UTC)), encoding="utf-8")
    identity_file.chmod(0o600)  # a private key file, so decrypt has no warning to give
    manifest = {
        "format": "exporter-archive",
        "format_version": 1,
        "columns": ["name"],
        "rows": 1,
        "data": {"file": "data.csv", "sha256": hashlib.sha256(declared).hexdigest(), "size": len(declared)},
        "recipients": [{"type": "X25519", "recipient": str(identity.recipient)}],
    }
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.csv", data)
        archive.writestr("manifest.json", json.dumps(manifest))
    path = folder / "forged.zip.age"
    with open(path, "wb") as file:
        writer = encrypt(file, [identity.recipient])
        writer.write(plain.getvalue())
        writer.close()
    return path, identity_file


DECLARED = UTF8_BOM + "name\r\n架空 一郎\r\n".encode()
REPLACEMENTS = {
    "same-size": UTF8_BOM + "name\r\n架空 二郎\r\n".encode(),
    "longer": DECLARED + "架空 三郎\r\n".encode(),
    "shorter": UTF8_BOM + b"name\r\n",
}


@pytest.mark.parametrize("replacement", REPLACEMENTS)
def test_archive_whose_data_was_replaced_is_refused_and_nothing_is_released(tmp_path, replacement):
    archive, identity = forged_archive(tmp_path, REPLACEMENTS[replacement], DECLARED)

    result, out = decrypt_into(archive, identity, "folder", tmp_path)

    line = error_line(result)
    assert "does not match its manifest" in line, line
    assert listing(out) == []


# ----------------------------------------------------------------------------------------------------
# 4. Secrets never reach an output


def files_under(folder, *, except_for=()):
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file() and path not in except_for}


def assert_secret_absent(secret, *, results, files):
    needles = {secret.encode(), secret.lower().encode(), secret.upper().encode()}
    for result in results:
        for stream in (result.stdout, result.stderr):
            assert secret.lower() not in stream.lower()
    for path, content in files.items():
        assert not [needle for needle in needles if needle in content], f"the secret is in {path}"


@pytest.mark.slow
def test_passphrase_from_a_file_appears_in_no_output_archive_or_manifest(tmp_path, small_sample):
    from exporter.passphrase import generate

    secrets_folder, work = tmp_path / "secrets", tmp_path / "work"
    secrets_folder.mkdir()
    work.mkdir()
    passphrase, wrong = generate(), generate()
    right_file, wrong_file = secrets_folder / "right.txt", secrets_folder / "wrong.txt"
    right_file.write_text(passphrase + "\n", encoding="utf-8")
    wrong_file.write_text(wrong + "\n", encoding="utf-8")
    archive = work / "small.zip.age"

    exported = run_exporter(
        "export", small_sample, *all_columns(), "--output", archive, "--passphrase-file", right_file,
        "--purpose", "call centre survey", cwd=work,
    )  # fmt: skip
    failed_export = run_exporter(
        "export", small_sample, "--column", "no_such_column", "--output", work / "never.zip.age",
        "--passphrase-file", right_file, cwd=work,
    )  # fmt: skip
    wrong_decrypt = run_exporter(
        "decrypt", archive, "--output", work / "wrong", "--passphrase-file", wrong_file, cwd=work
    )
    opened = run_exporter("decrypt", archive, "--output", work / "opened", "--passphrase-file", right_file, cwd=work)

    assert_succeeded(exported)
    error_line(failed_export)
    error_line(wrong_decrypt)
    assert_succeeded(opened)
    manifest = json.loads((work / "opened" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["recipients"] == [{"type": "passphrase"}]
    results = (exported, failed_export, wrong_decrypt, opened)
    for secret in (passphrase, wrong):
        assert_secret_absent(secret, results=results, files=files_under(work))


@pytest.mark.slow
def test_generated_passphrase_is_printed_once_on_stdout_and_nowhere_else(tmp_path, small_sample):
    secrets_folder, work = tmp_path / "secrets", tmp_path / "work"
    secrets_folder.mkdir()
    work.mkdir()
    archive = work / "small.zip.age"

    exported = run_exporter(
        "export", small_sample, *all_columns(), "--output", archive, "--generate-passphrase", cwd=work
    )

    assert_succeeded(exported)
    lines = exported.stdout.splitlines()
    assert len(lines) == 1, exported.stdout
    passphrase = lines[0]
    assert len(passphrase) >= 20
    assert passphrase not in exported.stderr
    passphrase_file = secrets_folder / "generated.txt"
    passphrase_file.write_text(passphrase + "\n", encoding="utf-8")
    opened = run_exporter(
        "decrypt", archive, "--output", work / "opened", "--passphrase-file", passphrase_file, cwd=work
    )
    assert_succeeded(opened)
    assert_secret_absent(passphrase, results=(opened,), files=files_under(work))


def test_keygen_writes_a_private_identity_file_and_prints_only_the_public_key(tmp_path):
    identity, recipient = keygen(tmp_path)
    secret = secret_key_of(identity)

    assert recipient.startswith("age1")
    assert (identity.stat().st_mode & 0o777) == 0o600
    again = run_exporter("keygen", "--output", identity, "--no-protect", cwd=tmp_path)
    error_line(again)
    assert secret_key_of(identity) == secret
    assert_secret_absent(secret, results=(again,), files=files_under(tmp_path, except_for={identity}))


def test_identity_secrets_appear_in_no_output_of_export_or_decrypt(tmp_path, small_sample):
    work = tmp_path / "work"
    work.mkdir()
    created = [
        run_exporter("keygen", "--output", work / name, "--no-protect", cwd=work) for name in ("right.txt", "wrong.txt")
    ]
    right, wrong = work / "right.txt", work / "wrong.txt"
    recipient = created[0].stdout.strip()
    archive = work / "small.zip.age"

    exported = run_exporter(
        "export", small_sample, *all_columns(), "--output", archive, "--recipient", recipient, cwd=work
    )
    wrong_decrypt = run_exporter("decrypt", archive, "--output", work / "wrong-out", "--identity", wrong, cwd=work)
    raw_wrong = run_exporter("decrypt", archive, "--raw", "--output", work / "raw.zip", "--identity", wrong, cwd=work)
    opened = run_exporter("decrypt", archive, "--output", work / "opened", "--identity", right, cwd=work)

    for result in (*created, exported, opened):
        assert_succeeded(result)
    error_line(wrong_decrypt)
    error_line(raw_wrong)
    results = (*created, exported, wrong_decrypt, raw_wrong, opened)
    for identity in (right, wrong):
        others = files_under(work, except_for={right, wrong})
        assert_secret_absent(secret_key_of(identity), results=results, files=others)


# ----------------------------------------------------------------------------------------------------
# 5. Values pass through as text, exactly

TRICKY_TABLE = [
    ["番号", "code", "zenkaku", "birth", "kana", "nan", "null", "flag", "spaced", "blank", "remark", "number"],
    ["0012", "00000", "１２３", "昭和45年3月2日", "ﾔﾏﾀﾞ ﾀﾛｳ", "NaN", "null", "TRUE", " spaced ", "", "",
     "1e3"],
    ["0001", "007", "０４５", "平成元年1月8日", "ｶﾞｸｾｲ", "nan", "NULL", "false", "  ", "", "-", "+81"],
    ["", "", "", "", "", "", "", "", "", "", 'Fictional "Hoge" Street, Bldg 1\nRoom 2', ""],
    ["0100", "1.50", "１２３４５６７８９０", "令和2年12月31日", "ﾃｽﾄ", "N/A", "None", "yes", "\tx", "", "架空", "-0"],
]  # fmt: skip


def encoded_table(kind):
    """The tricky table written as Excel or a register system would write it."""
    table = TRICKY_TABLE
    if kind == "utf-16-tab":
        table = [[value.replace("\t", " ") for value in row] for row in TRICKY_TABLE]
    delimiter = "\t" if kind == "utf-16-tab" else ","
    line_end = "\n" if kind == "utf-8" else "\r\n"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerows(table)
    text = buffer.getvalue()
    encoded = {
        "utf-8": lambda: text.encode("utf-8"),
        "utf-8-bom": lambda: UTF8_BOM + text.encode("utf-8"),
        "cp932-crlf": lambda: text.encode("cp932"),
        "utf-16-tab": lambda: text.encode("utf-16"),
    }[kind]()
    return table, encoded


@pytest.mark.parametrize("kind", ["utf-8", "utf-8-bom", "cp932-crlf", "utf-16-tab"])
def test_values_pass_through_export_and_decrypt_exactly(tmp_path, identity_and_recipient, kind):
    table, encoded = encoded_table(kind)
    source = tmp_path / f"fictional_{kind}.csv"
    source.write_bytes(encoded)
    identity, recipient = identity_and_recipient
    archive = tmp_path / "fictional.zip.age"
    columns = [arg for name in table[0] for arg in ("--column", name)]

    exported = run_exporter("export", source, *columns, "--output", archive, "--recipient", recipient, cwd=tmp_path)
    assert_succeeded(exported)
    opened = run_exporter("decrypt", archive, "--output", tmp_path / "out", "--identity", identity, cwd=tmp_path)
    assert_succeeded(opened)

    data = (tmp_path / "out" / "data.csv").read_bytes()
    assert data.startswith(UTF8_BOM + ",".join(table[0]).encode() + b"\r\n")
    assert data.endswith(b"\r\n")
    embedded_breaks = sum(value.count("\n") for row in table for value in row)
    assert data.count(b"\r\n") == len(table)
    assert data.count(b"\n") == len(table) + embedded_breaks
    assert data.count(b"\r") == len(table)
    parsed = list(csv.reader(io.StringIO(data[len(UTF8_BOM) :].decode("utf-8"), newline="")))
    assert parsed == table


# ----------------------------------------------------------------------------------------------------
# 6. Bad input gets one clear sentence that names the file and line


def png_bytes():
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + bytes(64)


def zip_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sheet.xml", "<sheet/>")
    return buffer.getvalue()


BAD_INPUTS = {
    # name: (file content, columns to ask for, extra arguments, line the message must name or None)
    "empty-file": (b"", ["id"], [], None),
    "png-renamed": (png_bytes(), ["id"], [], None),
    "zip-renamed": (zip_bytes(), ["id"], [], None),
    "nul-byte-on-line-3": (b"id,name\n1,Taro\n2,Ha\x00nako\n3,Jiro\n", ["id"], [], 3),
    "too-many-fields-on-line-4": (b"id,name\n1,Taro\n2,Hanako\n3,Jiro,extra\n4,Saburo\n", ["id"], [], 4),
    "unterminated-quote-on-line-5": (b'id,name\n1,Taro\n2,Hanako\n3,Jiro\n4,"Saburo\n5,Shiro\n', ["id"], [], 5),
    "duplicate-header": (b"id,name,id\n1,Taro,2\n", ["name"], [], 1),
    "unknown-column": (b"id,name\n1,Taro\n", ["no_such_column"], [], None),
    "cp932-read-as-utf-8": (
        "id,name\n1,Taro\n2,架空花子\n".encode("cp932"), ["id"], ["--encoding", "utf-8"], 3,
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gets_one_sentence_naming_file_and_line_and_nothing_is_written(
    tmp_path, identity_and_recipient, case
):
    content, columns, extra, line_number = BAD_INPUTS[case]
    source_folder, target = tmp_path / "source", tmp_path / "target"
    source_folder.mkdir()
    target.mkdir()
    source = source_folder / f"bad_{case}.csv"
    source.write_bytes(content)
    column_args = [arg for name in columns for arg in ("--column", name)]

    result = run_exporter(
        "export", source, *column_args, *extra, "--output", target / "out.zip.age",
        "--recipient", identity_and_recipient[1], cwd=tmp_path,
    )  # fmt: skip

    line = error_line(result)
    assert source.name in line, line
    if line_number is not None:
        assert f"line {line_number}" in line, line
    assert result.stdout == ""
    assert listing(target) == []
    assert listing(source_folder) == [source.name]
