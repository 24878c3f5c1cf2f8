"""Numbers shown through a number format leave as the spreadsheet shows them (exporter/sources/number_rendering.py).

The reference is LibreOffice Calc: a workbook of formats x values written by openpyxl is opened by Calc and saved
as flat ODS, whose cells hold the text Calc shows; each cell exporter reads must be that text, or its column is
refused (for the formats that are not rendered).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exporter.errors import SourceError
from exporter.source import SourceDigest
from exporter.sources import open_source
from exporter.sources.number_rendering import render

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


@pytest.mark.parametrize(
    ("code", "value", "shown"),
    [
        ("0000000000", "12", "0000000012"),
        ("0000000000", "12345678901", "12345678901"),
        ("000-0000", "4649081", "464-9081"),
        ("000-0000", "81", "000-0081"),
        ("000-0000", "123456789", "12345-6789"),
        ('"No."000', "7", "No.007"),
        ("#,##0", "1234567", "1,234,567"),
        ("#,##0", "0", "0"),
        ("#,##0", "999.5", "1,000"),
        ("#,##0.00", "-1234.005", "-1,234.01"),
        ("0.00", "2.675", "2.68"),
        ("0.00", "-0.004", "0.00"),
        ("0", "2.5", "3"),
        ("0", "-2.5", "-3"),
        ("0", "0.30000000000000004", "0"),
        ("0.0", "1E-3", "0.0"),
        ("¥#,##0", "1500", "¥1,500"),
        ("[$¥-411]#,##0", "1500", "¥1,500"),
        ('#,##0"円"', "1500", "1,500円"),
        ("[Red]0000", "42", "0042"),
        ("#", "0", ""),
        ("00000000000000000000", "123456789012345678", "00123456789012346000"),  # 15 significant digits
    ],
)
def test_formats_of_registers_render_as_excel_shows_them(code, value, shown):
    assert render(code, value) == shown


@pytest.mark.parametrize(
    "code",
    [
        "0%",
        "0.00E+00",
        "# ?/?",
        "#,##0;(#,##0)",
        "0.0#",
        "#,##0,",
        "General",
        "@",
        "yyyy",
        "* 0",
        "_(0",
        "[>100]0",
        "0 ?",
        "[DBNum1]0",
        '"only text"',
        "0.00.0",
        "0/0",
        "0.",  # Excel shows 12. and LibreOffice 12: not rendered
    ],
)
def test_other_formats_are_not_rendered(code):
    assert render(code, "1234.5") is None


def test_values_that_are_not_finite_numbers_are_not_rendered():
    assert render("0", "abc") is None
    assert render("0", "NaN") is None
    assert render("0", "Infinity") is None


FORMATS = ["0000000000", "000-0000", "0000-00-0000", '"No."000', "#,##0", "#,##0.00", "0.00", "0.0", "0", "#",
           "#,###", "¥#,##0", '#,##0"円"', "0.000", "(000)", "[Blue]0.00", "00.00", '0"-"00']  # fmt: skip
VALUES = [0, 1, 7, 12, 81, 999.5, 1234, 4649081, 1234567.891, 0.5, 1.5, 2.5, 2.675, 1.005, -1, -2.5, -0.004,
          -1234.005, 0.125, 0.0001, 123456789, 98765432101, 999999.995, 0.1 + 0.2, 1e15 + 0.3]  # fmt: skip


def generated_formats(count: int, seed: int) -> list[str]:
    """Formats made of the rendered parts in random orders: literals, zero and hash placeholders, separators."""
    chooser = random.Random(seed)
    made = []
    for _ in range(count):
        prefix = chooser.choice(["", '"ID"', "$", "¥", "(", "\\#"])
        integer = chooser.choice(["0", "00", "#0", "##0", "000", "#,##0", "#,#00", "0000000"])
        if "," not in integer and chooser.random() < 0.4:
            integer += chooser.choice(["-", " ", ":"]) + "0" * chooser.randint(1, 4)
        decimals = chooser.choice(["", "", ".0", ".00", ".000"])
        suffix = chooser.choice(["", '"円"', ")", " ", '"件"'])
        made.append(prefix + integer + decimals + suffix)
    return made


def calc_shows(workbook: Path, folder: Path) -> list[list[str]]:
    """The text LibreOffice Calc shows in each cell of the workbook's first sheet (rows of the flat ODS)."""
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "fods",
         "--outdir", str(folder), str(workbook)],
        capture_output=True,
        timeout=180,
        check=True,
    )  # fmt: skip
    root = ET.parse(folder / (workbook.stem + ".fods")).getroot()
    rows = []
    for row in next(root.iter(f"{TABLE}table")).iter(f"{TABLE}table-row"):
        cells = []
        for cell in row.iter(f"{TABLE}table-cell"):
            shown = "\n".join("".join(paragraph.itertext()) for paragraph in cell.iter(f"{TEXT}p"))
            cells.extend([shown] * int(cell.get(f"{TABLE}number-columns-repeated", "1")))
        rows.append(cells)
    return rows


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (./dev installs it)")
def test_formatted_numbers_read_as_libreoffice_calc_shows_them(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    formats = [*FORMATS, *generated_formats(40, seed=20261130)]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"f{index}" for index in range(len(formats))])
    for value in VALUES:
        sheet.append([value] * len(formats))
    for column, code in enumerate(formats, start=1):
        for row in range(2, len(VALUES) + 2):
            sheet.cell(row, column).number_format = code
    path = tmp_path / "formats.xlsx"
    book.save(path)

    shown = calc_shows(path, tmp_path)
    source = open_source(path)
    compared = 0
    for index, code in enumerate(formats):
        name = f"f{index}"
        try:
            read = [row[name] for batch in source.batches([name], SourceDigest()) for row in batch.to_pylist()]
        except SourceError:
            assert render(code, "1") is None, code  # refused: only a format that is not rendered
            continue
        expected = [shown[row + 1][index] for row in range(len(VALUES))]
        assert read == expected, (code, list(zip(VALUES, read, expected, strict=True)))
        compared += 1
    assert compared >= len(formats) - 2
