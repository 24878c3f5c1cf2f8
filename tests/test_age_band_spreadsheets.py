"""Age bands stay text when a recipient opens data.csv in a Japanese spreadsheet.

Oracle: LibreOffice Calc, headless, importing the CSV with the Japanese locale (as Japanese Excel does by default,
it reads ``5-9`` and ``10-14`` as dates). Every band of every width is written as data.csv is (UTF-8 with BOM,
CRLF), opened, saved as flat ODS, and each cell must come back as the same string.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from exporter.transforms import BAND_JOINER, Transform, TransformContext, apply_transform

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
JAPANESE = 1041  # the locale (LCID) of Calc's CSV import


def calc_in_japanese(values: list[str], folder: Path) -> list[tuple[str, str]]:
    """Each value as one CSV row, opened by Calc with the Japanese locale: (the cell's value type, its text)."""
    source = folder / "bands.csv"
    with open(source, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(["年齢"])
        writer.writerows([value] for value in values)
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--headless",
            f"--infilter=Text - txt - csv (StarCalc):44,34,76,1,,{JAPANESE}",
            "--convert-to",
            "fods",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    cells = []
    for row in ET.parse(folder / "bands.fods").getroot().iter(f"{TABLE}table-row"):
        cell = row.find(f"{TABLE}table-cell")
        if cell is None:
            continue
        repeat = int(cell.get(f"{TABLE}number-rows-repeated", "1"))
        shown = "".join("".join(paragraph.itertext()) for paragraph in cell.iter(f"{TEXT}p"))
        cells.extend([(cell.get(f"{OFFICE}value-type", ""), shown)] * repeat)
    return cells[1 : len(values) + 1]


def every_band() -> list[str]:
    """Every band of every width 1 to 120 for ages 0 to 120, from the transform itself."""
    reference = date(2026, 4, 1)
    births = pa.array([date(reference.year - age, 1, 1).isoformat() for age in range(121)])
    found: set[str] = set()
    for width in range(1, 121):
        found.update(apply_transform(Transform("age-band", width), births, TransformContext(reference)).to_pylist())
    return sorted(found, key=lambda band: [int(part) for part in band.split(BAND_JOINER)])


def test_bands_join_their_bounds_with_the_full_width_tilde_which_cp932_can_write():
    bands = every_band()
    assert {"65～69", "5～9", "120"} <= set(bands)
    assert all(band.count(BAND_JOINER) <= 1 for band in bands)
    assert all(band.encode("cp932").decode("cp932") == band for band in bands)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (./dev installs it)")
def test_a_japanese_spreadsheet_reads_every_age_band_as_the_text_written(tmp_path):
    bands = [band for band in every_band() if BAND_JOINER in band]
    hyphens = ["5-9", "10-14"]  # what bands used to look like: the oracle must see the problem
    cells = calc_in_japanese(bands + hyphens, tmp_path)
    assert cells[: len(bands)] == [("string", band) for band in bands]
    assert [kind for kind, _ in cells[len(bands) :]] == ["date", "date"]
