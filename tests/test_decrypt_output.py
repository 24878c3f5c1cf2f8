"""The output side of decrypt: the folder is as it was after every failure, bombs and full disks are refused
plainly, and scratch files never hold readable plaintext, on the unnamed-file path and on the sealed one."""

from __future__ import annotations

import ctypes
import fcntl
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hostile_archives import DATA, exporter_zip, manifest_for, python_zip, raw_entry, raw_zip, throwaway_key
from hostile_archives import write_archive as sealed_archive

from exporter import staging
from exporter.decrypt import EXPANSION_FLOOR, decrypt_archive, decrypt_file
from exporter.errors import DecryptionError, ExportCancelled, OutputError
from exporter.messages import Message

EXPORTER = (sys.executable, "-m", "exporter")
MiB = 1 << 20


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return throwaway_key(tmp_path_factory.mktemp("key"))


@pytest.fixture(params=["unnamed", "sealed"])
def scratch_kind(request, monkeypatch):
    """Run a test on both paths: unnamed files (Linux) and hidden sealed files (Windows, macOS, FAT)."""
    if request.param == "unnamed" and not staging.use_unnamed_files():
        pytest.skip("this system has no O_TMPFILE")
    monkeypatch.setattr(staging, "UNNAMED_FILES", request.param == "unnamed")
    return request.param


def good_archive(folder: Path, key, data: bytes = DATA, name: str = "good.zip.age") -> Path:
    return sealed_archive(folder, name, exporter_zip(data), key)


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def text_data(size: int) -> bytes:
    """``size`` bytes of CSV-like text that compresses about two-fold (hex digits), header and CRLF included."""
    lines = [b"\xef\xbb\xbfcode\r\n"]
    total = len(lines[0])
    while total < size:
        line = os.urandom(32).hex().encode() + b"\r\n"
        lines.append(line)
        total += len(line)
    return b"".join(lines)[:size]


# ----------------------------------------------------------------------------------------------------
# The output folder: made only on success, left exactly as it was otherwise


def test_missing_folders_are_made_only_once_everything_verified(tmp_path, key, scratch_kind):
    archive = good_archive(tmp_path, key)

    opened = decrypt_archive(archive, tmp_path / "a" / "b" / "c", [key.identity])

    assert opened.data.read_bytes() == DATA
    assert listing(tmp_path / "a" / "b" / "c") == ["data.csv", "manifest.json"]
    assert listing(tmp_path) == ["a", "good.zip.age"]
    assert (opened.data.stat().st_mode & 0o777) == 0o600


def test_wrong_key_creates_no_folder_at_all(tmp_path, key, scratch_kind):
    archive = good_archive(tmp_path, key)
    someone_else = throwaway_key(tmp_path).identity

    with pytest.raises(DecryptionError):
        decrypt_archive(archive, tmp_path / "a" / "b", [someone_else])

    assert listing(tmp_path) == ["good.zip.age", "throwaway.key"]


def test_output_that_is_a_file_is_refused_and_left_alone(tmp_path, key):
    archive = good_archive(tmp_path, key)
    output = tmp_path / "out"
    output.write_bytes(b"a file of the user's")

    with pytest.raises(OutputError, match=r"out is a file, not a folder\.$"):
        decrypt_archive(archive, output, [key.identity])
    with pytest.raises(OutputError, match=r"out is a file, not a folder\.$"):
        decrypt_archive(archive, output / "inside", [key.identity])

    assert output.read_bytes() == b"a file of the user's"
    assert listing(tmp_path) == ["good.zip.age", "out"]


@pytest.mark.parametrize("existing", ["data.csv", "manifest.json", "dangling-link"])
def test_folder_holding_earlier_files_is_refused_and_left_exactly_as_it_was(tmp_path, key, existing):
    archive = good_archive(tmp_path, key)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    if existing == "dangling-link":
        (folder / "data.csv").symlink_to(tmp_path / "nowhere")
    else:
        (folder / existing).write_text("earlier")
    before = {name: os.lstat(folder / name) for name in os.listdir(folder)}

    with pytest.raises(OutputError, match=r"already exists\.$") as caught:
        decrypt_archive(archive, folder, [key.identity])

    assert caught.value.hint_text() == "Choose an empty folder, or move the earlier files away."
    assert {name: os.lstat(folder / name) for name in os.listdir(folder)} == before


def test_files_that_appear_meanwhile_are_never_replaced_and_nothing_else_stays(tmp_path, key, scratch_kind):
    """data.csv appears while it is unpacked: manifest.json, already linked, is taken back."""
    archive = good_archive(tmp_path, key, text_data(3 * MiB))
    folder = tmp_path / "out"
    folder.mkdir()

    def meanwhile(fraction: float, message: Message) -> None:
        if message.id == "progress.bytes_unpacked" and not (folder / "data.csv").exists():
            (folder / "data.csv").write_text("someone else's")

    with pytest.raises(OutputError, match=r"data\.csv already exists\.$"):
        decrypt_archive(archive, folder, [key.identity], progress=meanwhile)

    assert listing(folder) == ["data.csv"]
    assert (folder / "data.csv").read_text() == "someone else's"
    assert listing(tmp_path) == ["good.zip.age", "out"]


def test_cancel_while_unpacking_leaves_nothing(tmp_path, key, scratch_kind):
    archive = good_archive(tmp_path, key, text_data(4 * MiB))
    cancel = threading.Event()

    def press_cancel(fraction: float, message: Message) -> None:
        if message.id == "progress.bytes_unpacked":
            cancel.set()

    with pytest.raises(ExportCancelled, match=r"^Opening the archive was cancelled; nothing was written\.$"):
        decrypt_archive(archive, tmp_path / "out", [key.identity], progress=press_cancel, cancel=cancel)

    assert listing(tmp_path) == ["good.zip.age"]


# ----------------------------------------------------------------------------------------------------
# Decompression bombs


def zeros_archive(folder: Path, key, size: int) -> Path:
    zeros = bytes(size)
    manifest = manifest_for(zeros)
    plain = raw_zip([raw_entry("data.csv", zeros), raw_entry("manifest.json", json.dumps(manifest).encode())])
    return sealed_archive(folder, "zeros.zip.age", plain, key)


def test_bomb_is_refused_from_its_declared_size_before_anything_is_unpacked(tmp_path, key):
    archive = zeros_archive(tmp_path, key, EXPANSION_FLOOR + 16 * MiB)
    ratio = (EXPANSION_FLOOR + 16 * MiB) / archive.stat().st_size
    assert ratio > 500
    messages: list[Message] = []

    with pytest.raises(DecryptionError) as caught:
        decrypt_archive(archive, tmp_path / "out", [key.identity], progress=lambda f, m: messages.append(m))

    assert f"{ratio:,.0f} times the size of the archive; the limit is 100 times." in str(caught.value)
    assert caught.value.hint_text() == f"If you trust the archive, allow more with --max-expansion {int(ratio) + 1}."
    assert messages, "the archive was decrypted first"
    assert not [message for message in messages if message.id == "progress.bytes_unpacked"], "unpacked before the check"
    assert listing(tmp_path) == ["zeros.zip.age"]


def test_raising_the_expansion_limit_opens_the_same_archive(tmp_path, key):
    size = EXPANSION_FLOOR + 16 * MiB
    archive = zeros_archive(tmp_path, key, size)

    opened = decrypt_archive(archive, tmp_path / "out", [key.identity], max_expansion=5000)

    assert opened.data.stat().st_size == size


def test_small_archives_may_always_unpack_to_the_floor_whatever_their_ratio(tmp_path, key):
    archive = zeros_archive(tmp_path, key, 8 * MiB)
    assert 8 * MiB / archive.stat().st_size > 100

    opened = decrypt_archive(archive, tmp_path / "out", [key.identity])

    assert opened.data.stat().st_size == 8 * MiB


# ----------------------------------------------------------------------------------------------------
# Full disks, file size limits and permissions


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of a given size mounted inside tmp_path (needs root, as CI has)."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
            capture_output=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here: {result.stderr.decode(errors='replace').strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def test_too_little_free_space_is_refused_before_unpacking(tmp_path, key, small_disk, scratch_kind):
    data = text_data(8 * MiB)
    archive = good_archive(tmp_path, key, data)
    disk = small_disk(archive.stat().st_size + 2 * MiB)

    with pytest.raises(OutputError) as caught:
        decrypt_archive(archive, disk / "out", [key.identity])

    assert str(caught.value).startswith(f"There is not enough free space in {disk}: 9.0 MB are needed and ")
    assert caught.value.hint_text() == "Free some space or choose a folder on another disk."
    assert listing(disk) == []
    assert shutil.disk_usage(disk).used < 256 * 1024, "a scratch file still holds space"


@pytest.mark.parametrize("mode", ["folder", "raw"])
def test_disk_that_fills_up_while_writing_says_so_and_leaves_nothing(tmp_path, key, small_disk, scratch_kind, mode):
    data = text_data(6 * MiB)
    archive = good_archive(tmp_path, key, data)
    disk = small_disk(24 * MiB)
    filler = disk / "filler"

    def someone_fills_the_disk(fraction: float, message: Message) -> None:
        if fraction > 0.5 and not filler.exists():
            with open(filler, "wb") as file:
                os.posix_fallocate(file.fileno(), 0, shutil.disk_usage(disk).free - 64 * 1024)

    if mode == "raw":
        with pytest.raises(OutputError) as caught:
            decrypt_file(archive, disk / "content.zip", [key.identity], progress=someone_fills_the_disk)
    else:
        with pytest.raises(OutputError) as caught:
            decrypt_archive(archive, disk / "out", [key.identity], progress=someone_fills_the_disk)

    assert str(caught.value) == f"The disk holding {disk} is full; nothing was written."
    assert listing(disk) == ["filler"]


def test_raw_decrypt_checks_free_space_first(tmp_path, key, small_disk):
    archive = good_archive(tmp_path, key, os.urandom(3 * MiB))
    disk = small_disk(2 * MiB)

    with pytest.raises(OutputError, match="There is not enough free space"):
        decrypt_file(archive, disk / "content.zip", [key.identity])

    assert listing(disk) == []


def run_cli(*args, cwd, preexec_fn=None):
    env = {name: value for name, value in os.environ.items() if name != "EXPORTER_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [*EXPORTER, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=120, check=False, preexec_fn=preexec_fn,
    )  # fmt: skip


def error_lines(result) -> list[str]:
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr.lower()
    lines = result.stderr.splitlines()
    assert all(line.startswith(("exporter: error: ", "exporter: hint: ")) for line in lines), result.stderr
    return lines


def test_file_size_limit_is_one_sentence_and_leaves_nothing(tmp_path, key):
    import resource

    archive = good_archive(tmp_path, key, text_data(4 * MiB))
    output = tmp_path / "out"

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (MiB, MiB))

    result = run_cli("decrypt", archive, "--identity", key.path, "--output", output, cwd=tmp_path, preexec_fn=limit)

    assert error_lines(result)[0] == f"exporter: error: The files are too large for the disk holding {tmp_path}; " \
                                     "nothing was written."  # fmt: skip
    assert listing(tmp_path) == ["good.zip.age"]


PR_CAPBSET_DROP = 24
PERMISSION_OVERRIDES = (1, 2, 3)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER


def without_permission_overrides() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in PERMISSION_OVERRIDES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) was refused")


@pytest.mark.skipif(sys.platform != "linux", reason="drops Linux capabilities")
@pytest.mark.parametrize("target", ["the-folder", "a-new-folder-inside"])
def test_unwritable_folder_is_one_sentence_and_stays_untouched(tmp_path, key, target):
    archive = good_archive(tmp_path, key)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    output = locked if target == "the-folder" else locked / "new"
    preexec = without_permission_overrides if os.geteuid() == 0 else None

    try:
        result = run_cli("decrypt", archive, "--identity", key.path, "--output", output, cwd=tmp_path,
                         preexec_fn=preexec)  # fmt: skip
    except subprocess.SubprocessError:
        pytest.skip("cannot drop the capabilities that let root write anywhere")
    finally:
        locked.chmod(0o755)

    lines = error_lines(result)
    assert lines == [
        f"exporter: error: The folder {locked} cannot be written to.",
        "exporter: hint: Choose a folder where you may save files.",
    ]
    assert listing(locked) == []


# ----------------------------------------------------------------------------------------------------
# Scratch files: never readable plaintext, and stale ones removed by the next run


def test_scratch_files_in_the_folder_hold_no_plaintext_while_decrypting(tmp_path, key, scratch_kind):
    marker = b"FICTIONAL-MARKER-0123456789"
    data = b"\xef\xbb\xbfcode\r\n" + (marker + b"\r\n") * 40_000
    manifest = json.dumps(manifest_for(data)).encode()
    archive = sealed_archive(
        tmp_path, "m.zip.age", raw_zip([raw_entry("data.csv", data), raw_entry("manifest.json", manifest)]), key
    )
    folder = tmp_path / "out"
    folder.mkdir()
    seen: dict[str, bytes] = {}

    def look(fraction: float, message: Message) -> None:
        if message.id == "progress.verified":  # the last report comes after data.csv and manifest.json got their names
            return
        for name in os.listdir(folder):
            seen[name] = (folder / name).read_bytes()

    decrypt_archive(archive, folder, [key.identity], progress=look)

    if scratch_kind == "sealed":
        assert seen, "the sealed path wrote no scratch file into the folder, so this proved nothing"
        assert all(name.startswith(".exporter-") and name.endswith(".tmp") for name in seen)
    else:
        assert not seen, "unnamed scratch files have no name"
    assert not [name for name, content in seen.items() if marker in content or b"PK\x03\x04" in content]
    assert listing(folder) == ["data.csv", "manifest.json"]


def test_stale_scratch_files_and_old_plaintext_leftovers_are_removed_by_the_next_run(tmp_path, key):
    archive = good_archive(tmp_path, key)
    folder = tmp_path / "out"
    folder.mkdir()
    stale = {
        ".exporter-0123456789abcdef.tmp": b"sealed bytes of a run that was killed",
        ".report.zip.age.zip.1a2b3c4d.part": b"PK\x03\x04 plaintext zip that exporter 0.1.0 left",
        ".data.csv.0badcafe.part": b"name,phone\r\n",
    }
    kept = {
        ".exporter-fedcba9876543210.tmp": b"in use by a running decrypt",
        ".export.zip.0badcafe.part": b"age-encryption.org/v1\n-> X25519 an export being written",
        "notes.txt": b"the user's own file",
    }
    for name, content in {**stale, **kept}.items():
        (folder / name).write_bytes(content)
    with open(folder / ".exporter-fedcba9876543210.tmp", "rb") as in_use:
        fcntl.flock(in_use.fileno(), fcntl.LOCK_EX)

        opened = decrypt_archive(archive, folder, [key.identity])

    assert listing(folder) == sorted([*kept, "data.csv", "manifest.json"])
    assert opened.data.read_bytes() == DATA


def test_raw_decrypt_gives_exactly_the_inner_zip_on_both_paths(tmp_path, key, scratch_kind):
    plain = python_zip([("anything.bin", os.urandom(300_000))])
    archive = sealed_archive(tmp_path, "any.age", plain, key)

    decrypt_file(archive, tmp_path / "content.zip", [key.identity])

    assert (tmp_path / "content.zip").read_bytes() == plain
    assert listing(tmp_path) == ["any.age", "content.zip"]


def test_raw_decrypt_never_replaces_a_file_and_needs_its_folder(tmp_path, key):
    archive = good_archive(tmp_path, key)
    (tmp_path / "taken.zip").write_bytes(b"earlier")

    with pytest.raises(OutputError, match=r"taken\.zip already exists"):
        decrypt_file(archive, tmp_path / "taken.zip", [key.identity])
    with pytest.raises(OutputError, match="does not exist"):
        decrypt_file(archive, tmp_path / "missing" / "content.zip", [key.identity])

    assert (tmp_path / "taken.zip").read_bytes() == b"earlier"
    assert listing(tmp_path) == ["good.zip.age", "taken.zip"]
