"""Workbook cells arrive as the text Excel shows: checked value by value against what Excel is documented to show,
and sheet by sheet against openpyxl and pandas.read_excel(engine="openpyxl") reading the same workbook."""

from __future__ import annotations

import datetime
import subprocess

import pytest
from workbooks import every_kind_workbook, excel_shows, libreoffice_xlsx, oracle_table, soffice

from exporter.sample import sample_bytes
from exporter.source import iter_rows
from exporter.sources import open_source
from exporter.sources.cells import cell_text, number_text

# What Excel's formula bar shows for these numbers (General format; 15 significant digits).
EXCEL_SHOWS = [
    (42.0, "42"),
    (-5.0, "-5"),
    (753787270180.0, "753787270180"),
    (0.1 + 0.2, "0.3"),
    (1 / 3, "0.333333333333333"),
    (12345678901234567.0, "12345678901234600"),
    (1234567890123456.0, "1234567890123460"),
    (3.14159265358979323, "3.14159265358979"),
    (1e20, "100000000000000000000"),
    (1e21, "1E+21"),
    (1.5e-10, "1.5E-10"),
    (0.0000001, "0.0000001"),
    (-0.25, "-0.25"),
    (0.0, "0"),
]


@pytest.mark.parametrize(("number", "shown"), EXCEL_SHOWS)
def test_numbers_are_written_as_excel_shows_them(number, shown):
    assert number_text(number) == shown
    assert excel_shows(number) == shown  # the reference formatting agrees, by another path


def test_every_kind_of_cell_becomes_its_documented_text():
    assert cell_text("0001") == "0001"
    assert cell_text("１２３") == "１２３"
    assert cell_text("昭和45年3月2日") == "昭和45年3月2日"
    assert cell_text(True) == "TRUE"
    assert cell_text(False) == "FALSE"
    assert cell_text(datetime.date(2024, 1, 5)) == "2024-01-05"
    assert cell_text(datetime.datetime(2024, 1, 5)) == "2024-01-05"
    assert cell_text(datetime.datetime(2024, 1, 5, 13, 45, 30)) == "2024-01-05 13:45:30"
    assert cell_text(datetime.datetime(2024, 1, 5, 13, 45, 29, 600_000)) == "2024-01-05 13:45:30"
    assert cell_text(datetime.time(9, 30)) == "09:30:00"
    assert cell_text(datetime.timedelta(hours=36)) == "36:00:00"


def test_a_workbook_of_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path):
    path = every_kind_workbook(tmp_path / "住民.xlsx", rows=400)
    expected = oracle_table(path)
    source = open_source(path)
    assert list(source.header) == expected[0]
    assert list(iter_rows(source, source.header)) == expected[1:]


def test_pandas_read_excel_with_openpyxl_gives_the_same_cells(tmp_path):
    pandas = pytest.importorskip("pandas")
    path = every_kind_workbook(tmp_path / "住民.xlsx", rows=200, seed=5)
    frame = pandas.read_excel(path, engine="openpyxl", header=None, dtype=object, keep_default_na=False, na_values=[])
    expected = [[excel_shows(None if value == "" else _plain(value)) for value in row] for row in frame.values]
    source = open_source(path)
    assert [list(source.header), *iter_rows(source, source.header)] == expected


def _plain(value: object) -> object:
    """pandas gives Timestamps and numpy scalars: the Python values openpyxl gave it."""
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


@pytest.mark.slow
@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_written_by_libreoffice_passes_the_sample_through_exactly(tmp_path):
    csv_path = tmp_path / "residents.csv"
    csv_path.write_bytes(sample_bytes(60, seed=3, encoding="utf-8"))
    try:
        path = libreoffice_xlsx(csv_path, tmp_path)
    except subprocess.SubprocessError as error:  # pragma: no cover - a broken office install
        pytest.skip(f"soffice failed: {error}")
    csv_source = open_source(csv_path)
    workbook = open_source(path)
    assert workbook.header == csv_source.header
    assert list(iter_rows(workbook, workbook.header)) == list(iter_rows(csv_source, csv_source.header))
    assert [list(workbook.header), *iter_rows(workbook, workbook.header)] == oracle_table(path)
