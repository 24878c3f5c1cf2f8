"""The Rows page: conditions built with pickers, counted live on the whole file, never blocking the window."""

from __future__ import annotations

import csv
import itertools
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWizard

from exporter.gui import tasks
from exporter.gui.wizard import ExportWizard, PageId
from tests.gui.residents import age, era_date

WAIT_MS = 60_000


def to_rows_page(
    qtbot, wizard: ExportWizard, source: Path | None = None, keep: tuple[str, ...] = ("family_name", "phone")
) -> None:
    with qtbot.waitSignal(wizard.source_page.workEnded, timeout=WAIT_MS):
        if source is None:
            wizard.source_page.use_sample()
        else:
            wizard.source_page.load_file(source)
    assert wizard.source_page.isComplete(), wizard.source_page.error.text()
    wizard.next()
    wizard.purpose_page.purpose_edit.setText("Reminder calls")
    wizard.next()
    wizard.columns_page.keep(keep)
    wizard.next()
    assert wizard.currentId() == PageId.ROWS


def sample_rows(wizard: ExportWizard) -> list[dict[str, str]]:
    path = tasks.sample_path(wizard.sample_folder, wizard.sample_rows)
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def wait_for_count(qtbot, page) -> int:
    qtbot.waitUntil(lambda: page.counted is not None and not page.live.busy, timeout=WAIT_MS)
    return page.counted


def next_enabled(wizard: ExportWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_without_a_condition_every_row_is_in_scope(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page

    assert wait_for_count(qtbot, page) == wizard.sample_rows
    assert "3,000 of 3,000" in page.count_label.text()
    assert next_enabled(wizard)
    assert page.where() == ()


def test_conditions_are_anded_in_a_group_and_ored_between_groups_as_an_independent_count(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    first = page.add_group()
    first.rows[0].set_spec("gender", "equals", "女")
    first.add_condition().set_spec("birth_date", "age-at-least", "65")
    second = page.add_group()
    second.rows[0].set_spec("care_level", "not-empty")

    counted = wait_for_count(qtbot, page)

    today = date.today()
    expected = sum(
        1
        for row in sample_rows(wizard)
        if (row["gender"] == "女" and age(era_date(row["birth_date"]), today) >= 65) or row["care_level"] != ""
    )
    assert counted == expected
    assert 0 < expected < wizard.sample_rows
    assert f"{expected:,} of 3,000" in page.count_label.text()
    assert [len(group) for group in page.where()] == [2, 1]


def test_a_date_range_in_era_form_counts_the_residents_born_on_or_before_it(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    page.add_group().rows[0].set_spec("birth_date", "at-most", "昭和36年4月1日")

    counted = wait_for_count(qtbot, page)

    expected = sum(1 for row in sample_rows(wizard) if era_date(row["birth_date"]) <= date(1961, 4, 1))
    assert counted == expected
    assert 0 < expected < wizard.sample_rows


def test_a_value_that_is_not_a_date_is_refused_under_its_condition_and_next_waits(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    row = page.add_group().rows[0]
    row.set_spec("birth_date", "at-most", "1961-13-01")

    qtbot.waitUntil(lambda: row.message.isVisible(), timeout=5000)
    assert "1961-13-01" in row.message.text()
    assert not next_enabled(wizard)
    row.value_edit.setText("1961-12-01")
    qtbot.waitUntil(lambda: not row.message.isVisible(), timeout=5000)
    assert next_enabled(wizard)


def test_a_condition_without_its_value_asks_for_one_and_is_not_counted(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    row = page.add_group().rows[0]
    row.set_spec("gender", "equals", "")

    qtbot.waitUntil(lambda: row.message.isVisible(), timeout=5000)
    assert not next_enabled(wizard)
    assert wait_for_count(qtbot, page) == wizard.sample_rows


def test_removing_the_last_condition_brings_back_every_row(qtbot, wizard):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    group = page.add_group()
    group.rows[0].set_spec("gender", "equals", "男")
    assert wait_for_count(qtbot, page) < wizard.sample_rows

    group.rows[0].remove_button.click()

    qtbot.waitUntil(lambda: not page.groups, timeout=5000)
    assert wait_for_count(qtbot, page) == wizard.sample_rows
    assert page.first_button.isVisible()


def test_the_plan_carries_the_conditions_in_the_where_syntax(qtbot, wizard, tmp_path):
    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    group = page.add_group()
    group.rows[0].set_spec("prefecture", "one-of", "東京都、大阪府")
    group.add_condition().set_spec("care_level", "empty")
    wait_for_count(qtbot, page)
    wizard.next()
    wizard.draft.output = tmp_path / "out.zip.age"

    plan = wizard.draft.plan()

    from exporter.filters import parse_filter

    assert plan.where == page.where()
    parsed = parse_filter(plan.where, wizard.draft.loaded.source.header, reference_date=date.today())
    assert [[condition.column for condition in group] for group in parsed.groups] == [["prefecture", "care_level"]]
    wanted = ("東京都", "大阪府")
    expected = sum(1 for row in sample_rows(wizard) if row["prefecture"] in wanted and not row["care_level"])
    assert wizard.draft.rows_in_scope == expected


def test_the_window_keeps_answering_while_a_big_file_is_read_and_counted(qtbot, wizard, tmp_path):
    from exporter.sample import write_sample

    big = tmp_path / "residents-120000.csv"
    with open(big, "wb") as out:
        write_sample(out, 120_000, seed=3)
    to_rows_page(qtbot, wizard, big)
    page = wizard.rows_page
    wait_for_count(qtbot, page)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)

    started = time.monotonic()
    page.add_group().rows[0].set_spec("birth_date", "age-at-least", "65")
    counted = wait_for_count(qtbot, page)
    elapsed = time.monotonic() - started
    timer.stop()

    gaps = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    assert counted > 0
    assert len(ticks) > 5
    assert max(gaps) < 0.25, f"the event loop stalled {max(gaps):.2f} s while counting"
    assert elapsed < 5.0


def test_cells_an_age_condition_cannot_read_are_counted_and_said_under_the_count(qtbot, wizard, tmp_path):
    path = tmp_path / "births.csv"
    births = ["1950-01-02", "不明", "昭和30年4月1日", "", "2010-05-05", "unknown"]
    path.write_text("name,birth_date\n" + "".join(f"架空 {i},{b}\n" for i, b in enumerate(births)), encoding="utf-8")
    to_rows_page(qtbot, wizard, path, keep=("name",))
    page = wizard.rows_page
    page.add_group().rows[0].set_spec("birth_date", "age-at-least", "18")

    assert wait_for_count(qtbot, page) == 2  # 1950 and 昭和30年 (1955); 2010 is under 18
    qtbot.waitUntil(lambda: page.unreadable_note.isVisible(), timeout=5000)
    assert page.unreadable_note.text().startswith("2 cells of birth_date are not dates or numbers")
    page.groups[0].rows[0].set_spec("name", "not-empty")
    qtbot.waitUntil(lambda: not page.unreadable_note.isVisible(), timeout=5000)


def test_ages_are_counted_on_the_day_the_clerk_picks_and_the_plan_carries_it(qtbot, wizard):
    """Residents aged 65 or over on 1 April 2020, not today: the count, the note and the plan's reference date."""
    from PySide6.QtCore import QDate

    to_rows_page(qtbot, wizard)
    page = wizard.rows_page
    assert page.reference_edit.isHidden()  # no age counted yet
    page.add_group().rows[0].set_spec("birth_date", "age-at-least", "65")
    assert not page.reference_edit.isHidden()
    page.reference_edit.setDate(QDate(2020, 4, 1))
    on = date(2020, 4, 1)
    births = [era_date(row["birth_date"]) for row in sample_rows(wizard)]
    expected = sum(1 for born in births if age(born, on) >= 65)

    assert wait_for_count(qtbot, page) == expected
    assert expected != sum(1 for born in births if age(born, date.today()) >= 65)
    assert "2020" in page.count_note.text()
    wizard.next()
    assert wizard.draft.reference_date == on
    wizard.draft.output = Path("out.zip.age")
    assert wizard.draft.plan().reference_date == on
