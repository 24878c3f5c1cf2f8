"""Date cells leave as ISO dates only under formats that show the year, the month and the day; a format that shows
part of a date (``yyyy``, ``m"月"d"日"``, built-in 16, 17, 34, 35...) is refused when its column is read, and a time
alone passes as before (exporter/sources/number_formats.py).

The reference is LibreOffice Calc in a Japanese locale (the built-in ids 27-36 and 50-58 are Japanese formats in
ECMA-376 18.8.30, and Calc takes them from its locale): a workbook of every built-in date and time id, and of
custom codes, written by openpyxl, opened by Calc and saved as flat ODS, whose cells hold the text Calc shows."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from workbooks import rewrite_part

from exporter.errors import SourceError
from exporter.source import SourceDigest
from exporter.sources import open_source
from exporter.sources.number_formats import shows_part_of_a_date

pytestmark = pytest.mark.usefixtures("sentences_in_english")

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
BUILTIN_DATES_AND_TIMES = [*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)]
CODES = ["yyyy", 'yyyy"年"', 'm"月"d"日"', "mmm-yy", "d-mmm", "yyyy/mm", 'ggge"年"', "mm/dd", "yyyy/m/d",
         '[$-411]ggge"年"m"月"d"日"', "yyyy-mm-dd hh:mm", "mmmm d, yyyy", "h:mm", "[h]:mm:ss", "mm:ss", "hh:mm AM/PM",
         "d", "mmm"]  # fmt: skip
WHEN = datetime.datetime(1949, 5, 8, 13, 7, 9)  # year 1949 (昭和24), month 5, day 8: each told apart in any text
JAPANESE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>ja-JP</value>
</prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>ja-JP</value></prop></item>
</oor:items>
"""


def date_workbook(folder: Path) -> tuple[Path, list[str]]:
    """One column per built-in id and per custom code, WHEN in each; the ids are set in styles.xml (openpyxl
    writes its own codes): each column first gets a placeholder custom code, then its style the built-in id."""
    import openpyxl

    names = [f"id{number}" for number in BUILTIN_DATES_AND_TIMES] + [f"code{index}" for index in range(len(CODES))]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet.append(names)
    sheet.append([WHEN] * len(names))
    for column, number in enumerate(BUILTIN_DATES_AND_TIMES, start=1):
        sheet.cell(2, column).number_format = f'yyyy-mm-dd"X{number}"'
    for column, code in enumerate(CODES, start=len(BUILTIN_DATES_AND_TIMES) + 1):
        sheet.cell(2, column).number_format = code
    book.save(folder / "written.xlsx")
    styles = zipfile.ZipFile(folder / "written.xlsx").read("xl/styles.xml").decode()
    builtin = {m[1]: m[2] for m in re.finditer(r'numFmtId="(\d+)" formatCode="yyyy-mm-dd&quot;X(\d+)&quot;"', styles)}
    assert len(builtin) == len(BUILTIN_DATES_AND_TIMES)
    head, _, xfs = styles.partition("<cellXfs")
    xfs = re.sub(r'numFmtId="(\d+)"', lambda m: f'numFmtId="{builtin.get(m[1], m[1])}"', xfs)
    path = rewrite_part(
        folder / "written.xlsx", folder / "dates.xlsx", "xl/styles.xml", (head + "<cellXfs" + xfs).encode()
    )
    return path, names


def calc_shows_in_japanese(workbook: Path, folder: Path) -> list[str]:
    """The text LibreOffice Calc (locale ja-JP) shows in each cell of the workbook's second row."""
    profile = folder / "lo-profile-ja"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(JAPANESE_PROFILE, encoding="utf-8")
    subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "fods", "--outdir", str(folder), str(workbook)],
        capture_output=True,
        timeout=180,
        check=True,
    )  # fmt: skip
    root = ET.parse(folder / (workbook.stem + ".fods")).getroot()
    row = list(next(root.iter(f"{TABLE}table")).iter(f"{TABLE}table-row"))[1]
    cells: list[str] = []
    for cell in row.iter(f"{TABLE}table-cell"):
        shown = "\n".join("".join(paragraph.itertext()) for paragraph in cell.iter(f"{TEXT}p"))
        cells.extend([shown] * min(int(cell.get(f"{TABLE}number-columns-repeated", "1")), 1000))
    return cells


def parts_shown(text: str) -> set[str]:
    """Which parts of WHEN a text shows: the year (1949, 49, the era's 24), the month (5, May, 5月, 五月), the day."""
    parts = set()
    if re.search(r"1949|(?<!\d)49(?!\d)|(?<!\d)24(?!\d)", text):
        parts.add("year")
    if re.search(r"(?<![\d:])0?5(?![\d:])|May|五月", text):
        parts.add("month")
    if re.search(r"(?<![\d:])0?8(?![\d:])", text):
        parts.add("day")
    return parts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (./dev installs it)")
def test_dates_leave_as_iso_only_under_formats_that_show_year_month_and_day_as_libreoffice_calc_shows(tmp_path):
    path, names = date_workbook(tmp_path)
    shown = calc_shows_in_japanese(path, tmp_path)
    source = open_source(path)
    assert source.count_rows().rows == 1  # inspect's whole-file check passes: only the column read is refused
    outcomes = {}
    for index, name in enumerate(names):
        parts = parts_shown(shown[index])
        cell = f"S!{_letters(index + 1)}2"
        if parts in ({"year", "month", "day"}, set()):  # a whole date, or a time alone: read as before
            read = [row[name] for batch in source.batches([name], SourceDigest()) for row in batch.to_pylist()]
            assert read[0] in ("1949-05-08 13:07:09", "432637:07:09"), (name, shown[index], read)
        else:
            with pytest.raises(SourceError) as caught:
                list(source.batches([name], SourceDigest()))
            assert str(caught.value).startswith(f"The cell {cell} of dates.xlsx holds a date that Excel shows through")
            assert "does not show the whole date" in str(caught.value)
        outcomes[name] = parts
    partial = {name for name, parts in outcomes.items() if parts not in ({"year", "month", "day"}, set())}
    assert {f"id{number}" for number in (16, 17, 34, 35, 52, 53, 55, 56)} <= partial  # what the brief names


def test_a_year_alone_is_refused_naming_the_format_and_the_cell(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "住民"
    sheet.append(["番号", "生年", "生年月日"])
    sheet.append(["1", WHEN, WHEN])
    sheet["B2"].number_format = 'yyyy"年"'
    sheet["C2"].number_format = "yyyy/m/d"
    book.save(tmp_path / "born.xlsx")
    source = open_source(tmp_path / "born.xlsx")
    with pytest.raises(SourceError) as caught:
        list(source.batches(["生年"], SourceDigest()))
    assert str(caught.value) == (
        'The cell 住民!B2 of born.xlsx holds a date that Excel shows through the number format “yyyy"年"”, which '
        "does not show the whole date (year, month and day), so exporter cannot pass it on as Excel shows it."
    )
    assert "year, month and day" in caught.value.hint_text()
    rows = [row for batch in source.batches(["番号", "生年月日"], SourceDigest()) for row in batch.to_pylist()]
    assert [list(row.values()) for row in rows] == [["1", "1949-05-08 13:07:09"]]


@pytest.mark.parametrize(
    ("code", "partial"),
    [("dddd", True), ("aaa yyyy/m/d", False), ("mmmmm", True), ("yyyy/m/d;@", False), ("[h]:mm", False),
     ("h:mm:ss AM/PM", False), ('[$-F800]dddd, mmmm dd, yyyy', False), ("yyyy mmm", True)],
)  # fmt: skip
def test_formats_showing_a_weekday_or_a_months_letter_alone_are_part_of_a_date(code, partial):
    assert shows_part_of_a_date(code) is partial


def _letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
