"""exporter.shaping: batches joined for the filter and transforms, the line of a refused cell, the preview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from exporter import shaping
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes
from exporter.source import SourceDigest, open_source


def plan_for(path: Path, **fields: object) -> ExportPlan:
    return ExportPlan(source=path, columns=("resident_number", "birth_date"), output=path.with_suffix(".age"), **fields)


@pytest.fixture
def residents(tmp_path: Path) -> Path:
    path = tmp_path / "residents.csv"
    path.write_bytes(sample_bytes(2000, seed=3))
    return path


def test_batches_pass_as_they_come_without_filter_or_transform(residents):
    source = open_source(residents)
    shaper = shaping.Shaper(plan_for(residents), source)
    given = list(source.batches(shaper.read_columns, SourceDigest()))
    assert list(shaper.gathered(iter(given))) == given


def test_batches_are_joined_in_order_up_to_the_row_and_byte_bounds(residents, monkeypatch):
    monkeypatch.setattr(shaping, "GATHER_ROWS", 300)
    source = open_source(residents)
    shaper = shaping.Shaper(plan_for(residents, where=(("gender = 女",),)), source)
    small = [batch.slice(start, 70) for batch in source.batches(shaper.read_columns, SourceDigest())
             for start in range(0, batch.num_rows, 70)]  # fmt: skip
    joined = list(shaper.gathered(iter(small)))
    assert [row for b in joined for row in b.to_pylist()] == [row for b in small for row in b.to_pylist()]
    assert all(b.num_rows >= 300 for b in joined[:-1])
    assert all(b.num_rows < 300 + 70 for b in joined)
    monkeypatch.setattr(shaping, "GATHER_BYTES", 1)  # every batch is over the byte bound: none is joined
    assert [b.num_rows for b in shaper.gathered(iter(small))] == [b.num_rows for b in small]


@pytest.mark.parametrize("line_end", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("sep_line", [False, True])
def test_the_line_of_a_data_row_counts_quoted_breaks_blank_lines_and_the_sep_line(tmp_path, line_end, sep_line):
    end = line_end
    body = f'id,note{end}1,a{end}2,"two\nlines"{end}{end}3,b{end}4,"three\r\nmore\nlines"{end}5,c{end}'
    text = ("sep=," + end if sep_line else "") + body
    path = tmp_path / "notes.csv"
    path.write_text(text, encoding="utf-8", newline="")
    source = open_source(path)
    first = 2 if sep_line else 1
    # header on `first`; row 1 on first+1; row 2 spans two lines; a blank line; row 3; row 4 spans three; row 5
    expected = {1: first + 1, 2: first + 2, 3: first + 5, 4: first + 6, 5: first + 9}
    assert {row: shaping.line_of_row(source, row) for row in expected} == expected


def test_the_preview_counts_what_the_export_keeps_and_measures_the_same_risk(residents):
    plan = ExportPlan(source=residents, columns=("gender", "birth_date"), output=residents.with_suffix(".age"),
                      where=(("age(birth_date) >= 65",),), transforms={"birth_date": "age-band:10"},
                      reference_date=date(2026, 4, 1))  # fmt: skip
    source = open_source(residents)
    seen = shaping.preview(plan, source)
    shaper = shaping.Shaper(plan, source)
    for batch in shaper.gathered(source.batches(shaper.read_columns, SourceDigest())):
        shaper.apply(batch)
    assert (seen.rows_read, seen.rows_kept, seen.risk) == (2000, shaper.rows_kept, shaper.risk())
    assert 0 < seen.rows_kept < 2000
    assert seen.risk is not None
    assert seen.risk.columns == ("gender", "birth_date")
    assert seen.direct_identifiers == ()


def test_with_a_direct_identifier_kept_the_groups_are_not_counted_and_the_manifest_names_it(residents):
    plan = plan_for(residents, where=(("age(birth_date) >= 65",),), transforms={"birth_date": "age-band:10"},
                    reference_date=date(2026, 4, 1))  # fmt: skip
    source = open_source(residents)
    seen = shaping.preview(plan, source)
    shaper = shaping.Shaper(plan, source)
    for batch in shaper.gathered(source.batches(shaper.read_columns, SourceDigest())):
        shaper.apply(batch)
    assert seen.direct_identifiers == ("resident_number",)
    assert seen.risk is None
    assert shaper.risk() is None
    assert shaper.manifest_fields()["risk"] == {
        "direct_identifiers": ["resident_number"],
        "quasi_identifiers": ["birth_date"],
        "rows": shaper.rows_kept,
    }
