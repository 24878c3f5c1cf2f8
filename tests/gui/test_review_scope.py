"""The Review page says which rows leave (the count and the conditions in words), how each column's values are
changed, and how identifiable the residents are (the risk sentence, measured on a worker)."""

from __future__ import annotations

import csv
import html
import re
from datetime import date
from pathlib import Path

from exporter.gui import tasks
from exporter.gui.wizard import ExportWizard, PageId
from exporter.risk import Risk, direct_sentence
from tests.gui.residents import age, era_date

WAIT_MS = 60_000


def to_review(
    qtbot,
    wizard: ExportWizard,
    tmp_path: Path,
    *,
    condition: tuple[str, str, str] | None,
    columns: tuple[str, ...] = ("family_name", "phone", "gender", "birth_date", "postal_code"),
) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    page = wizard.columns_page
    page.keep(list(columns))
    if "phone" in columns:
        page.chooser.set_transform("phone", "mask:4")
    page.chooser.set_transform("birth_date", "age-band:10")
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


def test_review_measures_the_risk_of_the_rows_in_scope_on_a_worker(qtbot, wizard, tmp_path):
    to_review(
        qtbot, wizard, tmp_path, condition=("gender", "equals", "女"), columns=("phone", "birth_date", "postal_code")
    )
    page = wizard.review_page

    qtbot.waitUntil(lambda: page.risk is not None or page.risk_problem is not None, timeout=WAIT_MS)

    assert page.risk_problem is None, str(page.risk_problem)
    assert page.rows_kept == women(wizard)
    assert page.risk.rows == women(wizard)
    assert page.risk.columns == ("birth_date", "postal_code")  # the phone is masked to its last 4: not named
    assert page.risk.sentence().render("en") in summary(wizard)
    assert page.direct == ()


def test_with_a_name_kept_review_says_the_rows_name_residents_instead_of_counting_groups(qtbot, wizard, tmp_path):
    to_review(qtbot, wizard, tmp_path, condition=("gender", "equals", "女"))
    page = wizard.review_page

    qtbot.waitUntil(lambda: page.rows_kept is not None or page.risk_problem is not None, timeout=WAIT_MS)

    assert page.risk_problem is None, str(page.risk_problem)
    assert page.rows_kept == women(wizard)
    assert page.risk is None  # every row names its resident: the groups measure nothing more, and are not counted
    assert f"Re-identification risk | {direct_sentence(['family_name']).render('en')}" in summary(wizard)
    assert "the only one with" not in summary(wizard)


def test_the_wizard_export_holds_only_the_rows_in_scope_with_the_chosen_transforms(qtbot, wizard, tmp_path):
    from tests.gui.test_wizard import age_keypair, decrypt_data_csv

    key, recipient = age_keypair(tmp_path)
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Calls to residents aged 65 or over")
    wizard.next()
    columns = wizard.columns_page
    columns.keep(["resident_number", "family_name", "phone", "birth_date"])
    columns.chooser.set_transform("resident_number", "pseudonym")
    columns.chooser.set_transform("phone", "mask:4")
    columns.chooser.set_transform("birth_date", "age-band:10")
    columns.notes.create_key_file(tmp_path / "pseudonym.key")
    wizard.next()
    group = wizard.rows_page.add_group()
    group.rows[0].set_spec("gender", "equals", "女")
    group.add_condition().set_spec("birth_date", "age-at-least", "65")
    wizard.next()
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    output = tmp_path / "scoped.zip.age"
    wizard.set_destination(output)
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    result = wizard.export_page.result
    assert result is not None, wizard.export_page.message.text()
    today = date.today()
    with open(tasks.sample_path(wizard.sample_folder, wizard.sample_rows), encoding="utf-8-sig", newline="") as f:
        wanted = [
            row for row in csv.DictReader(f) if row["gender"] == "女" and age(era_date(row["birth_date"]), today) >= 65
        ]
    rows = decrypt_data_csv(output, key, tmp_path)
    assert rows[0] == ["resident_number", "family_name", "phone", "birth_date"]
    assert len(rows) - 1 == len(wanted) == result.rows
    for (token, family_name, phone, band), original in zip(rows[1:], wanted, strict=True):
        assert family_name == original["family_name"]
        assert token
        assert token != original["resident_number"]
        shown = original["phone"]
        assert phone == ("*" * (len(shown) - 4) + shown[-4:] if len(shown) > 4 else shown)
        low = age(era_date(original["birth_date"]), today) // 10 * 10
        assert band == f"{low}～{low + 9}"
    assert len({row[0] for row in rows[1:]}) == len({row["resident_number"] for row in wanted})
    assert result.manifest["row_filter"]["where"] == [list(group) for group in wizard.draft.where]
    assert result.manifest["transforms"]["phone"] == {"kind": "mask", "argument": 4}


def test_the_done_page_warns_when_the_pseudonym_key_file_is_open_to_other_users(qtbot, wizard, tmp_path):
    """The export is made (the key was only read), but the clerk is told, as the command line tells them."""
    from exporter.keyfiles import exposure_warning
    from tests.gui.test_wizard import age_keypair

    _key, recipient = age_keypair(tmp_path)
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        wizard.source_page.use_sample()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Survey")
    wizard.next()
    columns = wizard.columns_page
    columns.keep(["resident_number", "gender"])
    columns.chooser.set_transform("resident_number", "pseudonym")
    key_file = tmp_path / "pseudonym.key"
    columns.notes.create_key_file(key_file)
    key_file.chmod(0o644)
    wizard.next()
    wizard.next()
    wizard.protection_page.set_recipients([recipient])
    wizard.next()
    wizard.set_destination(tmp_path / "warned.zip.age")
    with qtbot.waitSignal(wizard.export_page.workEnded, timeout=WAIT_MS):
        wizard.next()

    page = wizard.export_page
    assert page.result is not None, page.message.text()
    expected = exposure_warning(key_file, 0o644)
    assert expected is not None
    assert page.result_warnings.text() == str(expected)
    assert not page.result_warnings.isHidden()
