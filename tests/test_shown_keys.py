"""What the clerk was shown is what the export uses: a recipient's key or the office key that changes between the
Review page and the export (the address book or the settings edited meanwhile) stops the export."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.keys import add_recipient, remove_recipient, set_office_key
from exporter.messages import set_language
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

CALL_CENTRE = str(X25519Identity.generate().recipient)
IMPOSTOR = str(X25519Identity.generate().recipient)
OFFICE = str(X25519Identity.generate().recipient)
OTHER_OFFICE = str(X25519Identity.generate().recipient)


@pytest.fixture(autouse=True)
def own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test's own address book and settings, sentences in English."""
    monkeypatch.setenv("EXPORTER_CONFIG_DIR", str(tmp_path / "config"))
    set_language("en")
    yield
    set_language(None)


def plan(folder: Path, shown: tuple[str, ...]) -> ExportPlan:
    source = folder / "residents.csv"
    source.write_bytes(sample_bytes(20, seed=3))
    return ExportPlan(
        source=source, columns=("family_name",), output=folder / "out.zip.age", to=("Call centre",), shown_keys=shown
    )


def test_the_keys_shown_are_the_keys_used(tmp_path):
    add_recipient("Call centre", CALL_CENTRE)
    set_office_key(OFFICE, "Citizens Division")

    result = run_export(plan(tmp_path, (CALL_CENTRE, OFFICE)))

    assert sorted(entry["recipient"] for entry in result.manifest["recipients"]) == sorted((CALL_CENTRE, OFFICE))


def test_a_book_entry_changed_after_it_was_shown_stops_the_export(tmp_path):
    add_recipient("Call centre", CALL_CENTRE)
    remove_recipient("Call centre")
    add_recipient("Call centre", IMPOSTOR)  # edited while the clerk was reading the code aloud

    with pytest.raises(PlanError, match="changed after the recipients were shown"):
        run_export(plan(tmp_path, (CALL_CENTRE,)))
    assert not (tmp_path / "out.zip.age").exists()


def test_an_office_key_changed_after_it_was_shown_stops_the_export(tmp_path):
    add_recipient("Call centre", CALL_CENTRE)
    set_office_key(OTHER_OFFICE, "Someone else")

    with pytest.raises(PlanError, match="changed after the recipients were shown"):
        run_export(plan(tmp_path, (CALL_CENTRE, OFFICE)))
    assert not (tmp_path / "out.zip.age").exists()


def test_without_shown_keys_the_command_line_resolves_names_as_before(tmp_path):
    add_recipient("Call centre", CALL_CENTRE)

    result = run_export(plan(tmp_path, ()))

    assert [entry["recipient"] for entry in result.manifest["recipients"]] == [CALL_CENTRE]
