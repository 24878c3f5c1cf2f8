"""The Review page says which rows leave (the count and the conditions in words), how each column's values are
changed, and how identifiable the residents are (the risk sentence, measured on a worker)."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

import exporter
from exporter.gui import tasks
from exporter.gui.wizard import ExportWizard, PageId
from exporter.risk import Risk

WAIT_MS = 60_000


def to_review(qtbot, wizard: ExportWizard, tmp_path: Path, *, condition: tuple[str, str, str] | None) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    columns = wizard.columns_page
    columns.keep(["family_name", "phone", "gender", "birth_date", "postal_code"])
    columns.chooser.set_transform("phone", "mask:4")
    columns.chooser.set_transform("birth_date", "age-band:10")
    wizard.next()
    rows = wizard.rows_page
    if condition is not None:
        rows.add_group().rows[0].set_spec(*condition)
    qtbot.waitUntil(lambda: rows.counted is not None and not rows.live.busy, timeout=WAIT_MS)
    wizard.next()
    wizard.protection_page.set_recipients(["age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"])
    wizard.next()
    assert wizard.currentId() == PageId.REVIEW
    wizard.set_destination(tmp_path / "out.zip.age")


def summary(wizard: ExportWizard) -> str:
    """The summary as plain text, a " | " between a label and its value."""
    text = re.sub(r"</td><td[^>]*>", " | ", wizard.review_page.summary.text())
    text = html.unescape(re.sub(r"<[^>]+>", " ", text.replace("<br>", "\n")))
    return re.sub(r"[ \t]+", " ", text)


def women(wizard: ExportWizard) -> int:
    with open(tasks.sample_path(wizard.sample_folder, wizard.sample_rows), encoding="utf-8-sig", newline="") as f:
        return sum(1 for row in csv.DictReader(f) if row["gender"] == "女")


def test_review_says_the_rows_in_scope_the_conditions_in_words_and_each_changed_column(qtbot, wizard, tmp_path):
    to_review(qtbot, wizard, tmp_path, condition=("gender", "equals", "女"))
    expected = women(wizard)

    text = summary(wizard)

    assert f"{expected:,} residents × 5 columns leave the office." in text
    assert f"Rows in scope | {expected:,} of 3,000 residents" in text
    assert "Conditions | gender is 女" in text
    assert "phone: Masked (the last 4 characters kept)" in text
    assert "birth_date: Age band (10 years)" in text


def test_review_without_a_condition_says_every_row_leaves(qtbot, wizard, tmp_path):
    to_review(qtbot, wizard, tmp_path, condition=None)

    text = summary(wizard)

    assert "3,000 residents × 5 columns leave the office." in text
    assert "Rows in scope | every row (3,000 residents)" in text
    assert "Conditions" not in text


def test_review_shows_the_risk_sentence_in_the_wizard_language(qtbot, wizard, tmp_path):
    to_review(qtbot, wizard, tmp_path, condition=None)
    risk = Risk(columns=("gender", "birth_date", "postal_code"), rows=3000, unique=1234, smallest_group=1, groups=2000)

    wizard.review_page.show_risk(risk)

    sentence = risk.sentence().render("en")
    assert f"Re-identification risk | {sentence}" in summary(wizard)


@pytest.mark.skipif(
    not (Path(exporter.__file__).parent / "shaping.py").exists(), reason="exporter.shaping is not merged yet"
)
def test_review_measures_the_risk_of_the_rows_in_scope_on_a_worker(qtbot, wizard, tmp_path):
    to_review(qtbot, wizard, tmp_path, condition=("gender", "equals", "女"))
    page = wizard.review_page

    qtbot.waitUntil(lambda: page.risk is not None or page.risk_problem is not None, timeout=WAIT_MS)

    assert page.risk_problem is None, str(page.risk_problem)
    assert page.rows_kept == women(wizard)
    assert page.risk.rows == women(wizard)
    assert page.risk.sentence().render("en") in summary(wizard)
