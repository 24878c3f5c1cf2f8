"""The core's real error sentences, produced by feeding it bad input, read in Japanese with the file and line kept."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from exporter.atomic import AtomicFile
from exporter.envelope import X25519Recipient, parse_recipients_file
from exporter.errors import ExportCancelled, ExporterError
from exporter.gui.i18n import build_translations, error_text, install_translators, remove_translators
from exporter.gui.i18n import translations_need_build as need_build
from exporter.passphrase import require_strong
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.source import decode_error, open_source

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
    undecodable = decode_error(write(tmp_path, "bytes.csv", b"a,b\n1,2\n3,\x82\xff\n"), "utf-8")
    assert_japanese(undecodable, "bytes.csv", "3 行目", "utf-8")


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

    assert_japanese(raised(lambda: run_export(plan(recipients=("age1notakey",)))), "「age1notakey」", "age1", "62")
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
    assert at_line.startswith("keys.txt の 2 行目: ")
    assert_japanese(raised(lambda: parse_recipients_file("# only a comment\n", "empty.txt")), "empty.txt")


def test_a_sentence_the_catalogue_does_not_know_is_shown_as_it_is(japanese):
    unknown = ExporterError("Something new the core says.", hint="And a hint nobody translated.")
    assert error_text(unknown) == ("Something new the core says.", "And a hint nobody translated.")
