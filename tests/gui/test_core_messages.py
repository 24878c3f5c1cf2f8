"""The core's catalogue as the wizard shows it: every id renders in both languages, and the real error sentences,
produced by feeding the core bad input, read in Japanese with the file and line kept once the wizard is Japanese."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import string
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from exporter.atomic import AtomicFile
from exporter.envelope import X25519Identity, X25519Recipient, parse_recipients_file
from exporter.errors import ExportCancelled, ExporterError
from exporter.gui.i18n import build_translations, install_translators, remove_translators
from exporter.gui.i18n import translations_need_build as need_build
from exporter.messages import CATALOGUE, LANGUAGES, Message, msg
from exporter.passphrase import require_strong
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sniff import SourceFormat
from exporter.source import open_source
from exporter.text_blocks import undecodable

# Three English words in a row are an untranslated sentence; file names, column names and options are not.
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def japanese(qapp: QApplication):
    if need_build():
        build_translations()
    assert install_translators(qapp, "ja") == "ja"
    yield
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def error_text(error: ExporterError) -> tuple[str, str | None]:
    """What the wizard shows: the sentence and its hint, rendered in the current language."""
    return str(error), error.hint_text()


def _example(spec: str, conversion: str | None) -> object:
    """A value that the template's format spec accepts: a number where it formats one, else a word."""
    if spec.endswith(("f", "g")):
        return 1.5
    if spec.endswith(("d", "o", ",")):
        return 1234
    return "Example" if conversion is None else "x"


def _examples(template: str) -> dict[str, object]:
    return {
        name: _example(spec or "", conversion)
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name
    }


@pytest.mark.parametrize("message_id", sorted(CATALOGUE))
def test_every_message_renders_in_both_languages(message_id: str) -> None:
    english, japanese = CATALOGUE[message_id]
    message = msg(message_id, **_examples(english))
    rendered = {lang: message.render(lang) for lang in LANGUAGES}
    assert "{" not in rendered["en"]
    assert "{" not in rendered["ja"]
    assert rendered["ja"] != rendered["en"]
    if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", _literal(english)):  # words, not only fields, units or names
        assert JAPANESE.search(_literal(japanese)), japanese


def _literal(template: str) -> str:
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(template))


def test_japanese_sentences_use_full_width_punctuation_and_no_jargon() -> None:
    for message_id, (_, japanese) in CATALOGUE.items():
        sentence = re.sub(r"'[^']*'", "", japanese)  # not a typed example: --help's 'age(生年月日) >= 65'
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff][,.;!?()]", sentence), message_id
        for word in ("マニフェスト", "フィンガープリント", "age で暗号化されたアーカイブ"):
            assert word not in japanese, (message_id, word)


def raised(call: Callable[[], object]) -> ExporterError:
    with pytest.raises(ExporterError) as info:
        call()
    return info.value


def read_all(path: Path, **options: str) -> Callable[[], object]:
    return lambda: open_source(path, **options).count_rows()


def assert_japanese(error: ExporterError, *kept: str) -> str:
    message, hint = error_text(error)
    text = f"{message}\n{hint}" if hint else message
    for sentence in (message, hint or "あ"):
        assert JAPANESE.search(sentence), f"not translated: {sentence!r} (from {error.message!r}, {error.hint!r})"
    english = ENGLISH_SENTENCE.findall(text.replace(str(Path.cwd()), ""))
    assert not english, f"{english} left in English in {text!r}"
    for part in kept:
        assert part in text, f"{part!r} lost from {text!r}"
    return text


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_resident_file_errors_are_japanese_and_keep_the_file_and_line(japanese, tmp_path):
    cases = [
        ("empty.csv", b"", {}, ("empty.csv",)),
        ("nul.csv", b"name,phone\nAiko,0123\nBo\x00b,0456\n", {}, ("nul.csv", "3 行目", "NUL")),
        ("short.csv", b"a,b,c\n1,2,3\n4,5\n", {}, ("short.csv", "3 行目", "2 個", "3 個")),
        ("quote.csv", b'a,b\n1,"open\n2,3\n', {}, ("quote.csv", "2 行目")),
        ("twice.csv", b"name,phone,name\n1,2,3\n", {}, ("twice.csv", "1 行目", "「name」", "1 列目", "3 列目")),
        ("latin.csv", b"a,b\n1,2\n3,\x82\xff\n", {}, ("latin.csv",)),
        ("forced.csv", b"a,b\n1,2\n3,\x82\xff\n", {"encoding": "utf-8"}, ("forced.csv", "3 行目", "utf-8")),
        ("image.csv", bytes(range(256)) * 8, {}, ("image.csv", "1 行目")),
        ("book.csv", b"PK\x03\x04" + bytes(64), {}, ("book.csv", "Excel", "CSV UTF-8")),
        ("armored.csv", b"age-encryption.org/v1\n", {}, ("armored.csv", "exporter decrypt")),
    ]
    for name, data, options, kept in cases:
        error = raised(read_all(write(tmp_path, name, data), **options))
        assert_japanese(error, *kept)
    assert_japanese(raised(lambda: open_source(tmp_path / "missing.csv")), "missing.csv")
    assert_japanese(raised(lambda: open_source(tmp_path)), str(tmp_path))
    bad_bytes = undecodable(write(tmp_path, "bytes.csv", b"a,b\n1,2\n3,\x82\xff\n"), SourceFormat("utf-8", ","))
    assert_japanese(bad_bytes, "bytes.csv", "3 行目", "utf-8")


def test_plan_and_output_errors_are_japanese(japanese, tmp_path):
    source = write(tmp_path, "residents.csv", b"family_name,phone\nSato,0123\n")
    assert_japanese(
        raised(lambda: open_source(source).column_indexes(["phon"])), "residents.csv", "「phon」", "「phone」"
    )
    assert_japanese(raised(lambda: open_source(source).column_indexes(["phone", "phone"])), "「phone」")
    weak = assert_japanese(raised(lambda: require_strong("password123")), "10^")
    assert "--generate-passphrase" in weak
    assert_japanese(raised(lambda: require_strong("")))
    existing = write(tmp_path, "taken.zip.age", b"")
    assert_japanese(raised(lambda: AtomicFile(existing)), str(existing))
    assert_japanese(raised(lambda: AtomicFile(tmp_path / "nowhere" / "x.zip.age")), str(tmp_path / "nowhere"))

    def plan(**changes: object) -> ExportPlan:
        fields: dict[str, object] = {"source": source, "columns": ("phone",), "output": tmp_path / "out.zip.age"}
        fields.update(changes)
        return ExportPlan(**fields)  # type: ignore[arg-type]

    refused = assert_japanese(raised(lambda: run_export(plan(recipients=("age1notakey",)))), "age1", "62")
    assert "age1notakey" not in refused  # a refused recipient is never quoted: it may be a pasted secret key
    assert_japanese(raised(lambda: run_export(plan())))
    assert_japanese(raised(lambda: run_export(plan(columns=()))))
    assert_japanese(ExportCancelled())


def test_a_resident_file_that_grew_while_it_was_read_is_named_in_japanese(japanese):
    import io

    from exporter.archive import ArchiveWriter, DataBound

    writer = ArchiveWriter(io.BytesIO(), DataBound(10, "residents.csv"), zip64_limit=10_000)
    writer.open_data()
    assert_japanese(raised(lambda: writer.write_data(bytes(range(256)) * 80)), "residents.csv")


def test_recipient_key_errors_are_japanese_and_keep_the_line(japanese):
    assert_japanese(raised(lambda: X25519Recipient.parse("age1qqqq")), "age1")
    secret = "AGE-SECRET-KEY-1" + "Q" * 58
    assert_japanese(raised(lambda: X25519Recipient.parse(secret)), "age1")
    assert_japanese(raised(lambda: X25519Recipient.parse("ssh-ed25519 AAAAC3")), "age1")
    at_line = assert_japanese(raised(lambda: parse_recipients_file("# keys\nage1bad\n", "keys.txt")))
    assert at_line.startswith("keys.txt の 2 行目：")
    assert_japanese(raised(lambda: parse_recipients_file("# only a comment\n", "empty.txt")), "empty.txt")


def test_a_sentence_the_catalogue_does_not_know_is_shown_as_it_is(japanese):
    unknown = ExporterError("Something new the core says.", hint="And a hint nobody translated.")
    assert error_text(unknown) == ("Something new the core says.", "And a hint nobody translated.")
    assert isinstance(ExportCancelled().message, Message)


def test_key_file_refusals_are_japanese_and_keep_the_file(japanese, tmp_path):
    from exporter.keyfiles import IDENTITY_FILE, PASSPHRASE_FILE, RECIPIENTS_FILE, read_small_file

    big = write(tmp_path, "big.txt", b"#" * (RECIPIENTS_FILE.limit + 1))
    latin = write(tmp_path, "latin.txt", b"\x82\xff")
    nouns = {
        IDENTITY_FILE: "鍵ファイル",
        PASSPHRASE_FILE: "合言葉のファイル",
        RECIPIENTS_FILE: "受取人のファイル",
    }
    for kind, noun in nouns.items():
        for path, kept in (
            (tmp_path / "none.txt", "none.txt"),
            (tmp_path, "フォルダー"),
            (Path("/dev/zero"), "デバイス"),
            (big, "KiB"),
            (latin, "UTF-8"),
        ):
            text = assert_japanese(raised(lambda path=path, kind=kind: read_small_file(path, kind)), kept)
            assert text.startswith(f"{noun} {path} "), text


def test_the_key_file_warning_and_the_secret_key_advice_are_japanese(japanese, tmp_path):
    from exporter.keyfiles import exposure_warning

    key = tmp_path / "key.txt"
    warning = str(exposure_warning(key, 0o644))
    assert warning.startswith(f"{key} は、このコンピューターのほかの利用者も開ける状態です（アクセス権 0644）")
    assert f"「chmod 600 {key}」" in warning
    secret = "AGE-SECRET-KEY-1" + "Q" * 58
    advice = assert_japanese(raised(lambda: X25519Recipient.parse(secret)), "exporter keygen", "age1")
    assert "新しい鍵" in advice
    source = write(tmp_path, "residents.csv", b"family_name,phone\nSato,0123\n")
    public = str(X25519Identity.generate().recipient)
    plan = ExportPlan(source=source, columns=("phone",), output=tmp_path / "o.age", recipients=(public, secret))
    second = assert_japanese(raised(lambda: run_export(plan)), "2 件中 2 件目の受取人：", "新しい鍵")
    assert "Q" * 12 not in second


def test_receiving_side_errors_are_japanese_and_keep_the_archive_name(japanese, tmp_path):
    """Real archives a sender or an attacker could make, each opened for real: every sentence and hint is
    translated, and the archive's name, the entry and the field survive the translation."""
    import json
    import sys
    import zipfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared archive builders
    from hostile_archives import (
        C_CRC,
        C_FLAGS,
        C_METHOD,
        DATA,
        L_CRC,
        L_FLAGS,
        L_METHOD,
        both_headers,
        manifest_for,
        python_zip,
        raw_entry,
        raw_zip,
        standard_entries,
        throwaway_key,
        write_archive,
    )

    from exporter.decrypt import decrypt_archive, decrypt_file

    key = throwaway_key(tmp_path)
    good = python_zip(standard_entries())
    manifest = json.dumps(manifest_for()).encode()
    zeros = bytes(80 << 20)
    bomb = raw_zip([raw_entry("data.csv", zeros), raw_entry("manifest.json", json.dumps(manifest_for(zeros)).encode())])
    cases = {
        "not-zip.zip.age": (b"not a zip at all", ()),
        "crc.zip.age": (both_headers(good, 0, L_CRC, C_CRC, "<I", 1), ("data.csv", "CRC-32")),
        "bzip2.zip.age": (python_zip(standard_entries(), method=zipfile.ZIP_BZIP2), ("data.csv", "bzip2", "12")),
        "deflate64.zip.age": (both_headers(good, 0, L_METHOD, C_METHOD, "<H", 9), ("Deflate64", "9")),
        "encrypted.zip.age": (both_headers(good, 0, L_FLAGS, C_FLAGS, "<H", 1), ("data.csv",)),
        "twice.zip.age": (raw_zip([raw_entry("data.csv", DATA)] * 2 + [raw_entry("manifest.json", manifest)]),
                          ("data.csv",)),
        "extra.zip.age": (python_zip([*standard_entries(), ("x.txt", b"x")]), ("data.csv", "manifest.json")),
        "gap.zip.age": (raw_zip([raw_entry("data.csv", DATA), raw_entry("manifest.json", manifest)], gap=b"x"), ()),
        "more.zip.age": (raw_zip([raw_entry("data.csv", DATA * 9, size=len(DATA), crc=0),
                                  raw_entry("manifest.json", manifest)]), ("data.csv",)),
        "garbage.zip.age": (raw_zip([raw_entry("data.csv", DATA, payload=b"\xff" * 40),
                                     raw_entry("manifest.json", manifest)]), ("data.csv",)),
        "sizes.zip.age": (raw_zip([raw_entry("data.csv", DATA, payload=DATA + b"!", method=0),
                                   raw_entry("manifest.json", manifest)]), ("data.csv",)),
        "rows.zip.age": (python_zip(standard_entries(manifest=manifest_for(rows="many"))), ("「rows」",)),
        "lacks.zip.age": (python_zip(standard_entries(manifest=json.dumps({"format": "exporter-archive"}).encode())),
                          ("「format_version」",)),
        "newer.zip.age": (python_zip(standard_entries(manifest=manifest_for(format_version=3))), ("3", "exporter")),
        "utf8.zip.age": (python_zip(standard_entries(manifest=b"\xff\xfe")), ()),
        "json.zip.age": (python_zip(standard_entries(manifest=b"{")), ("JSON",)),
        "deep.zip.age": (python_zip(standard_entries(manifest=b"[" * 50_000 + b"]" * 50_000)), ()),
        "twice-key.zip.age": (python_zip(standard_entries(manifest=b'{"a": 1, "a": 2}')), ()),
        "surrogate.zip.age": (python_zip(standard_entries(manifest=b'{"a": "\\udc00"}')), ("Unicode",)),
        "large.zip.age": (python_zip(standard_entries(manifest=b" " * (1 << 20) + b"{}")), ()),
        "bomb.zip.age": (bomb, ("data.csv", "80.0 MB", "--max-expansion")),
    }  # fmt: skip
    for name, (plain, kept) in cases.items():
        received = write_archive(tmp_path, name, plain, key)
        assert_japanese(
            raised(lambda path=received: decrypt_archive(path, tmp_path / "out", [key.identity])), name, *kept
        )
    archive = write_archive(tmp_path, "good.zip.age", good, key)
    file = write(tmp_path, "a-file", b"")
    assert_japanese(raised(lambda: decrypt_archive(archive, file, [key.identity])), str(file))
    (tmp_path / "full").mkdir()
    write(tmp_path / "full", "data.csv", b"")
    hint = assert_japanese(raised(lambda: decrypt_archive(archive, tmp_path / "full", [key.identity])), "data.csv")
    assert "フォルダー" in hint
    assert_japanese(raised(lambda: decrypt_file(archive, file, [key.identity])), str(file))
    assert_japanese(ExportCancelled(msg("envelope.opening_cancelled")))


def test_output_side_sentences_of_the_receiving_side_are_japanese(japanese, tmp_path):
    """The sentences for a full disk, a file size limit, no permission and too little space, made from real
    OSErrors and a real disk_usage reading."""
    import errno

    from exporter.destination import output_error, require_free_space

    for code in (errno.ENOSPC, errno.EFBIG, errno.EACCES, errno.EIO):
        error = output_error(OSError(code, os.strerror(code)), tmp_path)
        assert_japanese(error, str(tmp_path))
    assert_japanese(raised(lambda: require_free_space(tmp_path, 1 << 62)), str(tmp_path), "GB")
