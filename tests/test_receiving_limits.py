"""Archives and key files that cost the recipient's computer too much, and names too long for the file system:
each ends in one sentence, never an internal error or minutes of uninterruptible work. Found by a fresh user."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from exporter.envelope import ScryptRecipient, X25519Identity, decrypt, encrypt
from exporter.envelope.age import MAX_STANZAS
from exporter.errors import DecryptionError
from exporter.passphrase import require_strong

PASSPHRASE = "correct horse battery staple lemon orbit"


def run(*args: str | Path, cwd: Path, limit_memory: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:
        if limit_memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_memory, limit_memory))

    return subprocess.run(
        [sys.executable, "-m", "exporter", *map(str, args)], cwd=cwd, capture_output=True, text=True,
        timeout=120, check=False, preexec_fn=limit,
    )  # fmt: skip


def test_an_archive_naming_more_recipients_than_the_limit_is_refused_before_any_key_work():
    identity = X25519Identity.generate()
    recipients = [X25519Identity.generate().recipient for _ in range(MAX_STANZAS)] + [identity.recipient]
    sink = io.BytesIO()
    writer = encrypt(sink, recipients)
    writer.write(b"data")
    writer.close()
    with pytest.raises(DecryptionError, match=rf"names {MAX_STANZAS + 1:,} recipients; this program opens archives"):
        decrypt(io.BytesIO(sink.getvalue()), [identity])


def test_as_many_recipients_as_the_limit_still_open():
    identity = X25519Identity.generate()
    recipients = [X25519Identity.generate().recipient for _ in range(MAX_STANZAS - 1)] + [identity.recipient]
    sink = io.BytesIO()
    writer = encrypt(sink, recipients)
    writer.write(b"data")
    writer.close()
    assert b"".join(decrypt(io.BytesIO(sink.getvalue()), [identity])) == b"data"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="limits the address space with setrlimit")
def test_a_passphrase_archive_needing_more_memory_than_the_process_may_have_is_one_sentence(tmp_path):
    sink = io.BytesIO()
    writer = encrypt(sink, [ScryptRecipient(PASSPHRASE, 19)])  # scrypt needs 512 MiB to open it
    writer.write(b"data")
    writer.close()
    (tmp_path / "wf19.age").write_bytes(sink.getvalue())
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    result = run("decrypt", "wf19.age", "--raw", "--passphrase-file", "pass.txt", "--output", "out", cwd=tmp_path,
                 limit_memory=450 << 20)  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "needs more memory than this computer gives the program (512 MiB for scrypt work factor 19)" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_passphrase_longer_than_the_estimator_reads_is_judged_by_its_start():
    require_strong("correct horse battery staple river cloud lantern maple violet orbit figs and more words")


def test_names_longer_than_the_file_system_allows_are_one_sentence(tmp_path):
    (tmp_path / "r.csv").write_bytes(b"a,b\n1,2\n")
    recipient = str(X25519Identity.generate().recipient)
    long_name = "住民税特別徴収抽出データ" * 8  # 96 kanji: 288 bytes in UTF-8, more than 255
    for args in (
        ("inspect", f"{long_name}.csv"),
        ("export", "r.csv", "--column", "a", "--recipient", recipient, "--output", f"{long_name}.zip.age"),
    ):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "is a longer name than the file system allows." in result.stderr
        assert "internal error" not in result.stderr


def test_an_output_name_of_up_to_255_bytes_is_written(tmp_path):
    (tmp_path / "r.csv").write_bytes(b"a,b\n1,2\n")
    recipient = str(X25519Identity.generate().recipient)
    name = "住" * 82 + ".zip.age"  # 254 bytes: legal, but with the temporary file's decoration it would not be
    result = run("export", "r.csv", "--column", "a", "--recipient", recipient, "--output", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).exists()
