"""Days and times that an archive, a statement or the program's own records bring must exist, not only look like
digits in the right places: ``delete_by: 2026-13-45`` used to open, and then stopped ``exporter delete`` and the
reminders with an internal error when the day was read."""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime
from pathlib import Path

import fastjsonschema
import pytest
from hostile_archives import DATA, Key, manifest_for, python_zip, seal, standard_entries
from hypothesis import given, settings
from hypothesis import strategies as st

from exporter import openings, openings_file, statements
from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.errors import ExporterError
from exporter.schema_formats import FORMATS

IDENTITY = X25519Identity.generate()
KEY = Key(IDENTITY, Path("unused"))

digits = st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
days = st.builds(lambda y, m, d: f"{y:04d}-{m}-{d}", st.integers(0, 9999), digits, digits)
seconds = st.builds(lambda day, h, m, s: f"{day}T{h}:{m}:{s}Z", days, digits, digits, digits)


def exists(text: str, shape: str) -> bool:
    try:
        datetime.strptime(text, shape)
    except ValueError:
        return False
    return True


def decrypted(manifest: dict[str, object], folder: Path) -> str:
    """ "opened", or the one sentence of the refusal."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = folder / "dated.zip.age"
    archive.write_bytes(seal(python_zip(standard_entries(manifest=json.dumps(manifest).encode())), KEY))
    try:
        opened = decrypt_archive(archive, folder / "out", [IDENTITY])
    except ExporterError as err:
        said = str(err)
    else:
        assert opened.data.read_bytes() == DATA
        return "opened"
    assert "internal error" not in said.lower()
    return said


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(["delete_by", "reference_date", "created_utc"]), day=days, second=seconds)
def test_a_manifest_day_or_time_that_does_not_exist_is_refused_naming_its_field(field, day, second):
    value = second if field == "created_utc" else day
    real = exists(value, "%Y-%m-%dT%H:%M:%SZ" if field == "created_utc" else "%Y-%m-%d")
    with tempfile.TemporaryDirectory() as temp:
        said = decrypted(manifest_for(**{field: value}), Path(temp))
    if real:
        assert said == "opened"
    else:
        assert said != "opened"
        assert field in said, said


def test_the_tester_s_delete_by_is_refused_and_leaves_the_reminders_working(tmp_path):
    said = decrypted(manifest_for(delete_by="2026-13-45"), tmp_path)
    assert "delete_by" in said
    assert decrypted(manifest_for(delete_by="2026-02-28"), tmp_path / "second") == "opened"
    assert all(entry.days_left(date(2026, 12, 1)) is not None for entry in openings.reminders(date(2026, 12, 1)))


def test_an_openings_record_with_a_day_that_does_not_exist_is_called_damaged_not_an_internal_error(tmp_path):
    record = {"format": openings_file.FORMAT_NAME, "openings": []}
    path = tmp_path / "openings.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    assert openings.pending(date(2026, 12, 1), path=path) == []
    entry = {
        "archive_name": "a.zip.age", "archive_sha256": "0" * 64, "created_utc": "2026-11-30T00:00:00Z", "rows": 2,
        "delete_by": "2026-02-30", "folder": str(tmp_path / "out"), "files": ["data.csv"],
        "opened_utc": "2026-11-30T00:00:00Z", "check_code": "", "deleted_utc": None,
    }  # fmt: skip
    path.write_text(json.dumps({**record, "openings": [entry]}), encoding="utf-8")
    with pytest.raises(ExporterError) as caught:
        openings.pending(date(2026, 12, 1), path=path)
    assert str(tmp_path) in str(caught.value)
    path.write_text(json.dumps({**record, "openings": [{**entry, "delete_by": "2026-02-28"}]}), encoding="utf-8")
    assert len(openings.pending(date(2026, 12, 1), path=path)) == 1


@pytest.mark.parametrize("field", ["time_utc", "created_utc", "time_local"])
@pytest.mark.parametrize("value", ["2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-01-01T24:00:00Z"])
def test_a_statement_time_that_does_not_exist_fails_the_statement_schema(field, value):
    check = fastjsonschema.compile(statements.SCHEMA["properties"][field], formats=FORMATS)
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        check(value)
    check("2026-02-28T23:59:59Z")


def test_the_formats_agree_with_what_the_program_parses_later():
    assert FORMATS["day"]("2028-02-29")
    assert not FORMATS["day"]("2027-02-29")
    assert FORMATS["utc-second"]("2026-12-31T23:59:59Z")
    assert not FORMATS["utc-second"]("2026-12-31T23:60:00Z")
    assert FORMATS["moment"]("2026-12-31T23:59:59.25+09:00")
    assert not FORMATS["moment"]("2026-12-31T23:59:59+25:00")
