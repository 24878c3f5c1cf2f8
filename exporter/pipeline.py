"""The one export entry point that the command line and the wizard both call.

    resident file -> checked stream -> record batches of the kept columns -> CSV rows
        -> [writer thread] ZIP (deflate) -> age encryption -> temporary file beside the target -> rename

Nothing but ciphertext ever reaches the disk. Formatting rows and compressing/encrypting them run on two
threads joined by a short queue, so the reader's and the compressor's C code overlap while memory stays bounded
by a few blocks.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from exporter import __version__
from exporter.archive import DATA_NAME, FORMAT_NAME, FORMAT_VERSION, ArchiveWriter, data_csv_bound
from exporter.atomic import AtomicFile
from exporter.csv_out import encode_rows, header_line
from exporter.errors import EncryptionError, ExportCancelled, ExporterError, PlanError
from exporter.manifest import check_for_export
from exporter.plan import ExportPlan, check_columns
from exporter.progress import Progress
from exporter.source import Source, SourceDigest, open_source

_QUEUE_DEPTH = 4
_DONE = object()


@dataclass(frozen=True)
class ExportResult:
    output: Path
    size: int
    sha256: str
    rows: int
    manifest: dict[str, Any]


def run_export(
    plan: ExportPlan, *, progress: Progress | None = None, cancel: threading.Event | None = None
) -> ExportResult:
    """Check the plan, then stream the kept columns into an encrypted archive at ``plan.output``."""
    from exporter.envelope import encrypt

    if not plan.columns:
        raise PlanError(
            "No column was chosen, so there is nothing to export.",
            hint="Name at least one column with --column.",
        )
    check_columns(plan)
    source = open_source(plan.source, encoding=plan.encoding, delimiter=plan.delimiter, limits=plan.limits)
    source.column_indexes(plan.columns)
    recipients, recipient_entries = _recipients(plan)
    started = datetime.now(UTC)
    # The manifest's bounds are checked before any work: the recipient's exporter refuses a manifest outside them.
    placeholder = SourceDigest(sha256="0" * 64)
    check_for_export(build_manifest(plan, source, placeholder, "0" * 64, 0, recipient_entries, started))
    digest = SourceDigest()
    with AtomicFile(plan.output) as target:
        try:
            sealed = encrypt(target, recipients)  # type: ignore[arg-type]
            archive = ArchiveWriter(sealed, data_csv_bound(plan.source, source.format.encoding, plan.header()))
            archive.open_data()
            archive.write_data(header_line(plan.header()))
            batches = source.batches(plan.columns, digest, progress=progress, cancel=cancel)
            # A failed write stops the reader at once.
            with _WriterThread(archive.write_data) as writer, closing(batches):
                for batch in batches:
                    writer.put(encode_rows(batch))
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
            manifest = build_manifest(
                plan, source, digest, archive.data_sha256, archive.data_size, recipient_entries, started
            )
            check_for_export(manifest)
            archive.finish(manifest)
            sealed.close()
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            target.commit()
        except OSError as err:
            raise EncryptionError(
                f"{plan.output} could not be written: {err.strerror or err}.",
                hint="Check that the disk has free space and that you may write there.",
            ) from None
    if progress is not None:
        progress(1.0, f"{digest.rows:,} rows exported")
    return ExportResult(plan.output, target.size, target.sha256, digest.rows, manifest)


def build_manifest(
    plan: ExportPlan,
    source: Source,
    digest: SourceDigest,
    data_sha256: str,
    data_size: int,
    recipients: list[dict[str, str]],
    started: datetime,
) -> dict[str, Any]:
    """What left the building, for whom and why; never a secret (exporter/manifest.py has its schema)."""
    kept = set(plan.columns)
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_utc": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "exporter_version": __version__,
        "purpose": plan.purpose,
        "recipient_organisation": plan.recipient_organisation,
        "delete_by": plan.delete_by.isoformat() if plan.delete_by else None,
        "source": {
            "file_name": readable_file_name(source.name),
            "sha256": digest.sha256,
            "size": digest.size,
            "encoding": source.format.encoding,
            "delimiter": source.format.delimiter,
            "rows": digest.rows,
            "columns": len(source.header),
        },
        "columns": list(plan.header()),  # data.csv's header
        "source_columns": list(plan.columns),  # the same columns by their names in the source file
        "reasons": {column: plan.reasons[column] for column in plan.columns if column in plan.reasons},
        "columns_left_out": [name for name in source.header if name not in kept],
        "rows": digest.rows,
        "data": {
            "file": DATA_NAME,
            "sha256": data_sha256,
            "size": data_size,
            "encoding": "utf-8-sig",
            "line_end": "CRLF",
        },
        "recipients": recipients,
    }


def readable_file_name(name: str) -> str:
    """A file name as text for the manifest. A name that is not UTF-8 on disk (Python keeps its bytes as lone
    surrogates; a ZIP from Japanese Windows leaves CP932 names) is read as CP932, else with U+FFFD for what is
    not text, since JSON can only hold text."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("cp932")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return name


def _recipients(plan: ExportPlan) -> tuple[list[Any], list[dict[str, str]]]:
    from exporter.envelope import ScryptRecipient, X25519Recipient

    if plan.passphrase is not None and plan.recipients:
        raise PlanError("Use either recipient keys or a passphrase, not both.")
    if plan.passphrase is not None:
        from exporter.passphrase import require_strong  # zxcvbn: only when a passphrase is used

        require_strong(plan.passphrase.reveal())
        return [ScryptRecipient(plan.passphrase.reveal(), 18)], [{"type": "passphrase"}]
    if not plan.recipients:
        raise PlanError(
            "No recipient was given, so nobody could open the archive.",
            hint="Give the recipient's key with --recipient age1... or use --passphrase-file.",
        )
    parsed = []
    given = list(dict.fromkeys(plan.recipients))
    for position, text in enumerate(given, start=1):
        try:
            parsed.append(X25519Recipient.parse(text))
        except ExporterError as error:  # its sentence never repeats the text: it may be a pasted secret key
            if len(given) == 1:
                raise
            sentence = str(error.message)
            raise EncryptionError(
                f"Recipient {position} of {len(given)}: {sentence[:1].lower()}{sentence[1:]}",
                hint=error.hint,
            ) from None
    return parsed, [{"type": "X25519", "recipient": str(recipient)} for recipient in parsed]


class _WriterThread:
    """Runs ``write`` on each piece in a background thread; the first error stops both sides."""

    def __init__(self, write: Callable[[Any], None]) -> None:
        self._write = write
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=_QUEUE_DEPTH)
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._run, name="exporter-writer", daemon=True)

    def __enter__(self) -> _WriterThread:
        self._thread.start()
        return self

    def put(self, piece: Any) -> None:
        while True:
            if self._error is not None:
                raise self._error
            try:
                self._queue.put(piece, timeout=0.1)
                return
            except queue.Full:
                continue

    def _run(self) -> None:
        while (piece := self._queue.get()) is not _DONE:
            if self._error is None and not self._abandoned:
                try:
                    self._write(piece)
                except BaseException as err:  # handed to the producer thread, which reports it
                    self._error = err

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        self._abandoned = error is not None
        while True:
            try:
                self._queue.put(_DONE, timeout=0.1)
                break
            except queue.Full:
                if not self._thread.is_alive():
                    break
        self._thread.join()
        if error is None and self._error is not None:
            raise self._error
