"""The one export entry point that the command line and the wizard both call.

    resident file -> checked stream -> record batches of the kept columns -> CSV rows
        -> [writer thread] ZIP (deflate) -> age encryption -> temporary file beside the target -> rename

Nothing but ciphertext ever reaches the disk. Formatting rows and compressing/encrypting them run on two
threads joined by a short queue, so the reader's and the compressor's C code overlap while memory stays bounded
by a few blocks.
"""

from __future__ import annotations

import os
import threading
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter import __version__, export_controls
from exporter.archive import DATA_NAME, FORMAT_NAME, FORMAT_VERSION, ArchiveWriter, data_csv_bound
from exporter.atomic import AtomicFile
from exporter.csv_out import encode_rows, header_line
from exporter.errors import EncryptionError, ExportCancelled, ExporterError, OutputError, PlanError, from_os_error
from exporter.instructions import check_instructions_name, instructions_path
from exporter.manifest import check_for_export
from exporter.messages import Message, msg
from exporter.plan import ExportPlan, check_columns
from exporter.progress import Progress
from exporter.shaping import Shaper, check_unique_share
from exporter.signing import SigningPublicKey, manifest_signer, open_plan_key
from exporter.source import SourceDigest
from exporter.sources import AnySource, WorkbookSource, open_source
from exporter.writer_thread import WriterThread

if TYPE_CHECKING:
    from exporter.policy import Policy
    from exporter.risk import Risk


@dataclass(frozen=True)
class ExportResult:
    """What was written: the archive (size in bytes, SHA-256 hex: its hash value), the rows and the manifest.

    ``rows`` are the rows in data.csv; ``rows_read`` those read from the source (more when a filter left some out);
    ``risk`` how identifiable the rows are by their quasi-identifiers (None when none was kept);
    ``direct_identifiers`` the kept columns (output names) that name residents outright; ``warnings`` what the
    clerk should know although the export was made (a pseudonym key file other users may open).

    ``instructions`` is the instructions file when the plan asked for one and it was written. When it could not
    be written after the archive was, the archive stays and ``instructions_error`` says why in one sentence.
    """

    output: Path
    size: int
    sha256: str
    rows: int
    manifest: dict[str, Any]
    instructions: Path | None = None
    instructions_error: ExporterError | None = None
    rows_read: int | None = None
    risk: Risk | None = None
    direct_identifiers: tuple[str, ...] = ()
    warnings: tuple[Message, ...] = ()
    register_record: int | None = None
    signed_by: SigningPublicKey | None = None  # the office's signing key that signed the manifest; None: unsigned


def run_export(
    plan: ExportPlan, *, progress: Progress | None = None, cancel: threading.Event | None = None
) -> ExportResult:
    """Check the plan, then stream the kept columns into an encrypted archive at ``plan.output``.

    With ``plan.instructions``, ``<output>.README.txt`` is written after the archive is complete; if that fails the
    archive stays and :attr:`ExportResult.instructions_error` holds the sentence (nothing is raised).

    With ``plan.register``, the manifest carries the register's head before the export (:mod:`exporter.register`)
    and the export's record is appended once the archive is complete, before it appears under its name: if the
    register cannot be written, :class:`RegisterError` is raised and nothing is left behind.
    """
    from exporter.envelope import encrypt

    if not plan.columns:
        raise PlanError(
            msg("plan.no_column"),
            hint=msg("plan.no_column_hint"),
        )
    policy = export_controls.policy_for(plan)
    passphrase = _passphrase(plan)  # a mistyped group of a generated passphrase is named before any work
    signing_key = open_plan_key(plan)  # the office's signing key: a wrong passphrase fails before any work
    key_warnings = export_controls.signing_key_exposure(plan)
    if plan.instructions:
        check_instructions_name(plan.output)  # before any work: a name the commands cannot hold safely
    if plan.instructions and os.path.lexists(instructions_path(plan.output)):
        raise OutputError(
            msg("handover.instructions_exist", path=str(instructions_path(plan.output))),
            hint=msg("handover.instructions_exist_hint"),
        )
    check_columns(plan)
    source = open_source(
        plan.source, encoding=plan.encoding, delimiter=plan.delimiter, sheet=plan.sheet, limits=plan.limits
    )
    source.column_indexes(plan.columns)
    if policy is not None:  # every client's export meets the IT policy, before any work
        policy.check(plan, plan.columns, export_controls.categories(source, plan.columns))
    shaper = Shaper(plan, source)
    recipients, recipient_entries, office_copy = _recipients(plan, passphrase, policy)
    register_entry = export_controls.register_entry(plan)
    started = datetime.now(UTC)
    # The manifest's bounds are checked before any work: the recipient's exporter refuses a manifest outside them.
    placeholder = SourceDigest(sha256="0" * 64)
    check_for_export(
        build_manifest(
            plan,
            source,
            placeholder,
            "0" * 64,
            0,
            recipient_entries,
            started,
            office_copy=office_copy,
            shaper=shaper,
            policy=policy,
        )
        | register_entry
    )
    digest = SourceDigest()
    with AtomicFile(plan.output) as target:
        try:
            sealed = encrypt(target, recipients)  # type: ignore[arg-type]
            bound = data_csv_bound(plan.source, source.format.encoding, plan.header(), at_least=shaper.growth)
            archive = ArchiveWriter(sealed, bound)
            archive.open_data()
            archive.write_data(header_line(plan.header()))
            batches = source.batches(shaper.read_columns, digest, progress=progress, cancel=cancel)
            gathered = shaper.gathered(batches)
            # A failed write stops the reader at once. Both generators are closed here, not when the loop's end
            # drops them: an error in their clean-up (a second Ctrl-C) then reaches the caller, not "Exception
            # ignored" on the terminal.
            writer = WriterThread(archive.write_data, cancel=cancel, stuck=target.abandon, late=target.discard)
            with writer, closing(batches), closing(gathered):
                for batch in gathered:
                    shaped = shaper.apply(batch)
                    if shaped is not None:
                        writer.put(encode_rows(shaped))
                    if cancel is not None and cancel.is_set():
                        raise ExportCancelled()
            export_controls.check_my_numbers(policy, plan, shaper, source)  # found in the values: not committed
            if policy is not None:
                policy.check_rows(shaper.rows_kept)  # rules.max_rows: the archive is not committed
            check_unique_share(plan, shaper.risk())  # before anything leaves: the archive is not committed
            manifest = build_manifest(
                plan,
                source,
                digest,
                archive.data_sha256,
                archive.data_size,
                recipient_entries,
                started,
                office_copy=office_copy,
                shaper=shaper,
                policy=policy,
            )
            manifest.update(register_entry)
            check_for_export(manifest)
            archive.finish(manifest, sign=manifest_signer(signing_key, started))
            sealed.close()
            if cancel is not None and cancel.is_set():
                raise ExportCancelled()
            recorded = export_controls.record(plan, manifest, target)  # the export is recorded, or it does not happen
            target.commit()
        except OSError as err:
            raise EncryptionError(
                msg("output.not_written", path=str(plan.output), reason=err.strerror or str(err)),
                hint=msg("output.check_disk_hint"),
            ) from None
    result = ExportResult(
        plan.output,
        target.size,
        target.sha256,
        shaper.rows_kept,
        manifest,
        rows_read=digest.rows,
        risk=shaper.risk(),
        direct_identifiers=shaper.direct_identifiers,
        warnings=(*shaper.warnings, *key_warnings),
        register_record=recorded,
        signed_by=None if signing_key is None else signing_key.public,
    )
    if plan.instructions:
        result = _with_instructions(plan, result)
    if progress is not None:
        progress(1.0, msg("progress.rows_exported", rows=shaper.rows_kept, total=shaper.rows_kept))
    return result


def _with_instructions(plan: ExportPlan, result: ExportResult) -> ExportResult:
    """Write the instructions beside the finished archive; a failure is recorded, never raised: the archive is
    complete and must stay."""
    from exporter.instructions import facts_from_manifest, write_instructions

    path = instructions_path(plan.output)
    facts = facts_from_manifest(
        plan.output, result.size, result.sha256, result.manifest, with_purpose=plan.instructions_purpose
    )
    try:
        return replace(result, instructions=write_instructions(path, facts))
    except (ExporterError, OSError) as err:
        reason = err if isinstance(err, ExporterError) else from_os_error(err)
        problem = OutputError(
            msg("handover.instructions_failed", archive=str(plan.output), path=str(path)), hint=reason.message
        )
        return replace(result, instructions_error=problem)


def _passphrase(plan: ExportPlan) -> str | None:
    """The plan's passphrase as scrypt receives it (normalised; strong enough), or None for key recipients."""
    if plan.passphrase is None:
        return None
    from exporter.passphrase import normalise, require_strong  # zxcvbn: only when a passphrase is used

    passphrase = normalise(plan.passphrase.reveal())
    require_strong(passphrase)
    return passphrase


def build_manifest(
    plan: ExportPlan,
    source: AnySource,
    digest: SourceDigest,
    data_sha256: str,
    data_size: int,
    recipients: list[dict[str, str]],
    started: datetime,
    *,
    office_copy: bool | None = None,
    shaper: Shaper | None = None,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """What left the building, for whom and why; never a secret (exporter/manifest.py has its schema).

    ``office_copy`` is recorded when an office key is set: True when the archive is also encrypted to it, False
    when a passphrase export left it out on purpose; None (no office key) leaves the field out. ``shaper`` adds
    what was done to rows and values (:meth:`exporter.shaping.Shaper.manifest_fields`): ``rows`` is then the rows
    kept, ``source.rows`` those read.
    """
    kept = set(plan.columns)
    described: dict[str, Any] = {
        "file_name": readable_file_name(source.name),
        "sha256": digest.sha256,
        "size": digest.size,
        "encoding": source.format.encoding,
        "delimiter": source.format.delimiter,
        "rows": digest.rows,
        "columns": len(source.header),
    }
    if isinstance(source, WorkbookSource):
        described["sheet"] = source.sheet
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_utc": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "exporter_version": __version__,
        "purpose": plan.purpose,
        "recipient_organisation": plan.recipient_organisation,
        "delete_by": plan.delete_by.isoformat() if plan.delete_by else None,
        "source": described,
        "columns": list(plan.header()),  # data.csv's header
        "source_columns": list(plan.columns),  # the same columns by their names in the source file
        "reasons": {column: plan.reasons[column] for column in plan.columns if column in plan.reasons},
        "columns_left_out": [name for name in source.header if name not in kept],
        "rows": digest.rows if shaper is None else shaper.rows_kept,
        "data": {
            "file": DATA_NAME,
            "sha256": data_sha256,
            "size": data_size,
            "encoding": "utf-8-sig",
            "line_end": "CRLF",
        },
        "recipients": recipients,
    }
    if office_copy is not None:
        manifest["office_copy"] = office_copy
    if shaper is not None:
        manifest.update(shaper.manifest_fields())
    if policy is not None:
        manifest["policy"] = policy.manifest_entry(plan)
    return manifest


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


def _recipients(
    plan: ExportPlan, passphrase: str | None, policy: Policy | None = None
) -> tuple[list[Any], list[dict[str, str]], bool | None]:
    """The age recipients, their manifest entries, and the manifest's ``office_copy`` (None: no office key).

    ``passphrase`` is the plan's, normalised and checked for strength (:func:`_passphrase`)."""
    from exporter.envelope import ScryptRecipient, X25519Recipient
    from exporter.keys import load_settings, resolve_recipients

    office = load_settings().office_key if policy is None else policy.office_key()  # every export: all clients
    if passphrase is not None and (plan.recipients or plan.to):
        raise PlanError(msg("plan.keys_and_passphrase"))
    if plan.without_office_key and (office is None or passphrase is None):
        raise PlanError(msg("keys.office_waiver_needs_passphrase"))
    if passphrase is not None:
        if office is not None and not plan.without_office_key:
            raise PlanError(msg("keys.office_passphrase"), hint=msg("keys.office_passphrase_hint"))
        office_copy = None if office is None else False  # left out on purpose: the manifest says so
        return [ScryptRecipient(passphrase, 18)], [{"type": "passphrase"}], office_copy
    if not plan.recipients and not plan.to:
        raise PlanError(
            msg("envelope.no_recipient"),
            hint=msg("plan.no_recipient_hint"),
        )
    parsed = []
    given = list(dict.fromkeys(plan.recipients))
    for position, text in enumerate(given, start=1):
        try:
            parsed.append(X25519Recipient.parse(text))
        except ExporterError as error:  # its sentence never repeats the text: it may be a pasted secret key
            if len(given) == 1:
                raise
            raise EncryptionError(
                msg("plan.recipient_n_of", position=position, count=len(given), message=error.message),
                hint=error.hint,
            ) from None
    planned = resolve_recipients(parsed, plan.to, office=office)
    if plan.shown_keys and {p.key for p in planned} != {str(X25519Recipient.parse(k)) for k in plan.shown_keys}:
        # the book or the settings changed between the Review page and now: the codes read aloud are not these
        raise PlanError(msg("keys.recipients_changed"), hint=msg("keys.recipients_changed_hint"))
    return [p.recipient for p in planned], [p.manifest_entry() for p in planned], None if office is None else True
