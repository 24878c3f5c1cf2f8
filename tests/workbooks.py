"""Workbooks for the reader's tests, written by tools we did not write (openpyxl, LibreOffice), and a reference
reading of them (openpyxl) formatted by the documented rules with code of its own (numpy's float formatting), so
the reader is compared with an independent path, not with itself."""

from __future__ import annotations

import datetime
import io
import random
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import openpyxl

HEADER = ["住民番号", "氏名", "金額", "比率", "有効", "生年月日", "受付日時", "時刻", "備考"]


def excel_shows(value: object) -> str:
    """The reference: a value as openpyxl reads it, as text by the rules of exporter/sources/cells.py."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        value = float(value) if abs(value) >= 10**15 else value
        if isinstance(value, int):
            return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        rounded = float(f"{value:.15g}")
        if rounded != 0 and not 1e-9 <= abs(rounded) < 1e21:
            text = np.format_float_scientific(rounded, precision=14, trim="-", exp_digits=2, unique=False)
            mantissa, exponent = text.upper().split("E")
            return f"{mantissa.rstrip('.')}E{exponent}"
        return np.format_float_positional(rounded, precision=15, fractional=False, trim="-", unique=False)
    if isinstance(value, datetime.datetime):
        if value.microsecond >= 500_000:
            value += datetime.timedelta(seconds=1)
        value = value.replace(microsecond=0)
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.timedelta):
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)


def oracle_table(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every non-empty row of the sheet (header first) as openpyxl reads it, formatted by :func:`excel_shows`."""
    book = openpyxl.load_workbook(path, data_only=True)
    worksheet = book[sheet] if sheet else book.worksheets[0]
    rows = [[excel_shows(cell) for cell in row] for row in worksheet.iter_rows(values_only=True)]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    first = min(next(i for i, v in enumerate(row) if v) for row in rows if any(row))
    last = max(max(i for i, v in enumerate(row) if v) for row in rows) + 1
    return [row[first:last] for row in rows]


def random_cell(rng: random.Random, column: int) -> object:
    """A cell of the kind its column holds (some columns mix kinds, as hand-kept sheets do)."""
    kind = HEADER[column]
    if rng.random() < 0.08:
        return None
    if kind == "住民番号":
        return rng.choice([f"{rng.randrange(10**10):010d}", "０００１２３", "NA", "None", "#N/A", " 空白 "])
    if kind == "氏名":
        return rng.choice(["宮崎 千代子", "ﾐﾔｻﾞｷ", "昭和45年3月2日", "null", "0", "TRUE", "1.0", "ｱ\u3000ｲ"])
    if kind == "金額":
        return rng.choice([rng.randrange(-(10**9), 10**9), 0, 753787270180, 10**15 + 7, -(2**53)])
    if kind == "比率":
        exponent = rng.randrange(-12, 23)
        return rng.choice([rng.random() * 10**exponent, -rng.random(), 0.1 + 0.2, 1 / 3, 2.5, 1e21, 1.5e-10])
    if kind == "有効":
        return rng.random() < 0.5
    if kind == "生年月日":
        return datetime.date(1900, 3, 1) + datetime.timedelta(days=rng.randrange(46_000))
    if kind == "受付日時":
        return datetime.datetime(2020, 1, 1) + datetime.timedelta(seconds=rng.randrange(10**8))
    if kind == "時刻":
        return datetime.time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
    return rng.choice(["", "港町４丁目１９番７号", "=SUM(A1)", "+81 90", "-", "@x", "改行\nあり", "tab\tあり"])


def every_kind_workbook(path: Path, rows: int = 300, seed: int = 1) -> Path:
    """A sheet named 住民 with every kind of cell (text, integers, other numbers, TRUE/FALSE, dates, date-times,
    times, empty cells), text that looks like numbers, dates or formulas kept as text."""
    rng = random.Random(seed)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "住民"
    sheet.append(HEADER)
    for row in range(2, rows + 2):
        for column in range(len(HEADER)):
            value = random_cell(rng, column)
            cell = sheet.cell(row=row, column=column + 1, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=SUM(A1)" stays text, as a cell typed with a leading apostrophe
    book.save(path)
    return path


def write_rows(path: Path, rows: Sequence[Sequence[object]], *, title: str = "Sheet1", edit: Callable | None = None):
    """A one-sheet workbook of ``rows``; ``edit(sheet)`` may change it before it is saved."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    if edit is not None:
        edit(book)
    book.save(path)
    return path


def rewrite_part(source: Path, target: Path, part: str, data: bytes | None, *, method: int = zipfile.ZIP_DEFLATED):
    """A copy of the workbook with one part replaced (``None``: left out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info.filename, old.read(info.filename))
        if data is not None:
            new.writestr(part, data)
    return target


def sheet_xml(cells: bytes) -> bytes:
    return (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + cells
        + (b"</sheetData></worksheet>")
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_xlsx(csv_path: Path, folder: Path) -> Path:
    """``soffice --convert-to xlsx`` of a UTF-8 CSV file, every column imported as text (format 2), as a clerk's
    office suite writes a workbook."""
    columns = "/".join(f"{i}/2" for i in range(1, 40))
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--infilter=CSV:44,34,76,1," + columns,
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            str(csv_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / (csv_path.stem + ".xlsx")


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def lying_size(path: Path, part: str, declared: int) -> None:
    """Make the ZIP entry ``part`` declare only its first ``declared`` bytes (size and CRC in the local header and
    the central directory) while its deflate stream still holds everything: a bomb that lies about its size."""
    import struct
    import zlib

    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
        prefix = archive.read(part)[:declared]
    crc = zlib.crc32(prefix)
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    name = part.encode()
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + length]) == name:
            struct.pack_into("<I", data, central + 16, crc)
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
