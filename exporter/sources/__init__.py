"""Sources: one reader per kind of resident file, chosen by the file's content (not its name).

    open_source(path, sheet=...) -> WorkbookSource   an .xlsx/.xlsm workbook: a ZIP holding xl/workbook.xml
                                 -> Source           anything else: a CSV text file (exporter/source.py)

Both have the surface the pipeline, ``inspect`` and the wizard use: path, name, format, header, head_rows, limits,
column_indexes(), batches(columns, digest, progress=, cancel=), count_rows(); a workbook also has ``sheet`` and
``sheets``. Old .xls workbooks, OpenDocument spreadsheets (.ods) and password-protected workbooks are refused with
one sentence: calamine can read .xls and .ods, but the checks that make a workbook safe to pass on (formulas
without results, error cells, the sheet's extent, merged header cells) are made on the .xlsx XML, and those
formats have no such XML; Excel saves any of them as .xlsx in two clicks.
"""

from __future__ import annotations

import stat
import threading
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from exporter.errors import PlanError, SourceError
from exporter.messages import msg
from exporter.progress import Progress
from exporter.sizes import file_size
from exporter.sniff import DEFAULT_LIMITS, ReadLimits
from exporter.source import Source, SourceDigest
from exporter.source import open_source as open_csv
from exporter.sources.workbook import WorkbookSource, open_workbook

if TYPE_CHECKING:
    import pyarrow as pa

AnySource = Source | WorkbookSource
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def workbook_kind(path: Path) -> str | None:
    """``"xlsx"`` for a ZIP holding xl/workbook.xml, ``"ods"``, ``"xls"``, ``"encrypted"`` (an OOXML workbook
    under a password is an OLE file holding EncryptionInfo), or None (not a workbook: read it as CSV)."""
    with open(path, "rb") as file:
        start = file.read(8)
        if start.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(file) as archive:
                    names = set(archive.namelist())
                    if "xl/workbook.xml" in names:
                        return "xlsx"
                    if "mimetype" in names and archive.read("mimetype")[:64].startswith(
                        b"application/vnd.oasis.opendocument.spreadsheet"
                    ):
                        return "ods"
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
                return None
            return None
        if start == _CFB:
            file.seek(0)
            head = file.read(1 << 20)
            return "encrypted" if _ENCRYPTION_INFO in head else "xls"
    return None


def open_source(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    preview_rows: int = 1000,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> AnySource:
    """The source at ``path``: a workbook's sheet (``sheet``; None: the first visible one) or a CSV file.

    ``encoding`` and ``delimiter`` are for CSV files (a workbook has neither); ``sheet`` for a workbook only
    (:class:`PlanError` for a CSV file). Raises :class:`SourceError` with one sentence for what cannot be read.
    """
    path = Path(path)
    kind = _kind(path)
    if kind is None:
        if sheet is not None:
            if not path.is_file():  # missing, unreadable, a folder: the CSV reader's sentence names that first
                open_csv(path, encoding=encoding, delimiter=delimiter, preview_rows=1, limits=limits)
            raise PlanError(msg("workbook.sheet_for_csv", name=path.name))
        return open_csv(path, encoding=encoding, delimiter=delimiter, preview_rows=preview_rows, limits=limits)
    name = path.name
    if kind == "xls":
        raise SourceError(msg("workbook.old_format", name=name), path=str(path), hint=msg("workbook.resave_hint"))
    if kind == "ods":
        raise SourceError(msg("workbook.ods", name=name), path=str(path), hint=msg("workbook.resave_hint"))
    if kind == "encrypted":
        raise SourceError(
            msg("workbook.encrypted", name=name), path=str(path), hint=msg("workbook.remove_password_hint")
        )
    status = path.stat()
    if status.st_size > limits.max_workbook_bytes:
        raise SourceError(
            msg("workbook.too_much_text", name=name, part=name, limit=file_size(limits.max_workbook_bytes)),
            path=str(path),
            hint=msg("workbook.save_as_csv_hint"),
        )
    data = path.read_bytes()
    stamp = (status.st_size, status.st_mtime_ns)
    return open_workbook(path, data, stamp=stamp, sheet=sheet, preview_rows=preview_rows, limits=limits)


def _kind(path: Path) -> str | None:
    """The workbook kind, or None; a missing, unreadable or special file goes to the CSV reader's sentences."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return workbook_kind(path)
    except OSError:
        return None


def read_columns(
    source: AnySource,
    columns: list[str] | tuple[str, ...],
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> pa.Table:
    """The whole of some columns in memory, as one table of string columns named as asked (the wizard's live
    count and risk preview). Checks every row as an export would; :class:`ExportCancelled` once ``cancel`` is
    set."""
    import pyarrow as pa

    digest = SourceDigest()
    batches = list(source.batches(columns, digest, progress=progress, cancel=cancel))
    if not batches:
        return pa.Table.from_arrays([pa.nulls(0, pa.string()) for _ in columns], names=list(columns))
    return pa.Table.from_batches(batches).rename_columns(list(columns))


__all__ = ["AnySource", "Source", "SourceDigest", "WorkbookSource", "open_source", "read_columns", "workbook_kind"]
