"""What each sub-command does: turn arguments into calls of the core, and results into a few plain lines."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from exporter.display import redact_secrets, remember_secret, safe_json, safe_text, terminal_line
from exporter.errors import PlanError
from exporter.messages import Message, msg


def inspect(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.classify import SENSITIVE_CATEGORIES, classify_columns
    from exporter.sniff import DELIMITER_NAMES
    from exporter.sources import WorkbookSource, open_source
    from exporter.transforms import count_formula_cells

    source = open_source(
        args.source, encoding=args.encoding, delimiter=args.delimiter, sheet=args.sheet, limits=read_limits(args)
    )
    digest = source.count_rows(progress=_progress_line(), cancel=cancel)
    _clear_progress_line()
    categories = classify_columns(source.header, source.head_rows)
    # Formula cells are counted in the preview rows: over the whole file it would double inspect's time
    # (0.2 s -> 0.66 s for 460,000 rows of 24 columns, measured); the export's kept columns are where it counts.
    formulas = count_formula_cells(source.head_rows, len(source.header))
    if args.json:
        kind: dict[str, Any] = (
            {"format": "xlsx", "sheet": source.sheet, "sheets": list(source.sheets)}
            if isinstance(source, WorkbookSource)
            else {
                "encoding": source.format.encoding,
                "delimiter": source.format.delimiter,
                "sep_line": source.format.sep_line,
            }
        )
        _print_json(
            json.dumps(
                {
                    **kind,
                    "rows": digest.rows,
                    "columns": [
                        {"name": redact_secrets(name), "category": str(category), "formula_cells": cells}
                        for name, category, cells in zip(source.header, categories, formulas, strict=True)
                    ],
                    "formula_cells_rows": len(source.head_rows),
                },
                ensure_ascii=False,
            )
        )
        return 0
    names = [terminal_line(name) for name in source.header]  # the file's own text: never raw to the terminal
    width = max((_columns_wide(name) for name in names), default=0)
    print(terminal_line(source.name))
    if isinstance(source, WorkbookSource):
        print(terminal_line(str(msg("workbook.inspect_sheet", sheet=source.sheet))))
        print(terminal_line(str(msg("workbook.inspect_sheets", sheets=", ".join(source.sheets)))))
    else:
        print(msg("cli.inspect_encoding", encoding=source.format.encoding))
        named = DELIMITER_NAMES.get(source.format.delimiter)
        delimiter = msg(f"cli.delimiter_{named}") if named else repr(source.format.delimiter)
        sep = "cli.inspect_delimiter_sep" if source.format.sep_line else "cli.inspect_delimiter"
        print(msg(sep, delimiter=delimiter))
    print(msg("cli.inspect_rows", rows=digest.rows))
    print(msg("cli.inspect_columns", columns=len(source.header)))
    sensitive = str(msg("cli.inspect_sensitive"))
    labels = [str(msg(f"cli.category_{category}")) for category in categories]
    label_width = max((_columns_wide(label) for label in labels), default=0)
    for position, (name, category, label) in enumerate(zip(names, categories, labels, strict=True), start=1):
        mark = sensitive if category in SENSITIVE_CATEGORIES else ""
        print(f"  {position:>4}  {_padded(name, width)}  {_padded(label, label_width)}  {mark}".rstrip())
    _print_formula_cells(names, formulas, len(source.head_rows))
    return 0


def _print_formula_cells(names: list[str], counts: list[int], rows: int) -> None:
    """inspect's warning for columns holding cells that a spreadsheet would run as formulas, and the way out."""
    found = [(name, cells) for name, cells in zip(names, counts, strict=True) if cells]
    for name, cells in found:
        one = "transforms.inspect_formula_cell" if cells == 1 else "transforms.inspect_formula_cells"
        print(msg(one, column=name, cells=cells, rows=rows))
    if found:
        print(msg("transforms.inspect_formula_hint"))


def decrypt(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.decrypt import DEFAULT_MAX_EXPANSION, decrypt_archive, decrypt_file
    from exporter.receipt_command import check_receipt, write_receipt

    check_receipt(args)
    identities = _identities(args)
    if args.raw:
        decrypt_file(args.archive, args.output, identities, cancel=cancel)
        print(msg("cli.wrote", path=terminal_line(str(args.output))), file=sys.stderr)
        return 0
    expansion = DEFAULT_MAX_EXPANSION if args.max_expansion is None else args.max_expansion
    required = True if args.require_signature else None  # None: as the receiving policy says
    opened = decrypt_archive(
        args.archive, args.output, identities, cancel=cancel, max_expansion=expansion, require_signature=required
    )
    from exporter.delete_command import remember_after_decrypt

    remember_after_decrypt(opened, identities)  # for Delete now and the reminders
    for line in opened_summary(args.archive.name, opened.manifest):
        print(f"exporter: {line}", file=sys.stderr)
    from exporter.signing_commands import print_signature

    print_signature(opened.signature)
    from exporter.decrypt import made_for_others

    if made_for_others(identities, opened.manifest):  # passed on: the sender did not send it to this key
        print(f"exporter: warning: {msg('decrypt.made_for_others')}", file=sys.stderr)
    data, manifest = terminal_line(str(opened.data)), terminal_line(str(opened.manifest_path))
    print(msg("cli.wrote_two", data=data, manifest=manifest), file=sys.stderr)
    write_receipt(args, identities, opened)
    return 0


def opened_summary(name: str, manifest: object) -> list[str]:
    """What a recipient reads after opening: that the archive is intact (not who made it), then its manifest.

    Every value comes from the archive's maker: shown through :func:`safe_text`, shortened, and never trusted
    to have the type the format prescribes (a summary line must not fail after the files were written).
    """
    fields = manifest if isinstance(manifest, dict) else {}
    columns = fields.get("columns")
    size = (
        f"{_counted_or_unstated('rows', _count(fields.get('rows')))} × "
        f"{_counted_or_unstated('columns', len(columns) if isinstance(columns, list) else None)}"
    )
    purpose = _manifest_text(fields.get("purpose")) or msg("cli.no_purpose")
    facts = [size, str(msg("cli.fact_purpose", purpose=purpose))]
    for key, fact, field in (
        ("recipient_organisation", "cli.fact_for", "organisation"),
        ("delete_by", "cli.fact_delete_by", "date"),
    ):
        if value := _manifest_text(fields.get(key)):
            facts.append(str(msg(fact, **{field: value})))
    from exporter.key_commands import recipient_lines

    return [
        str(msg("cli.intact", name=terminal_line(name))),
        str(msg("cli.facts_separator")).join(facts),
        *recipient_lines(fields.get("recipients")),
        *column_lines(fields),
    ]


def column_lines(manifest: dict[str, Any]) -> list[str]:
    """The columns renamed for the recipient (source name → name in data.csv) and the reasons given, if any."""
    from exporter.manifest import source_names
    from exporter.messages import msg

    lines = []
    columns = manifest.get("columns")
    if isinstance(columns, list):
        renames = [
            str(msg("columns.rename_item", source=_manifest_text(source), name=_manifest_text(name)))
            for name, source in source_names(manifest)
            if name != source
        ]
        if renames:
            lines.append(str(msg("columns.renamed_line", renames=", ".join(renames))))
    reasons = manifest.get("reasons")
    if isinstance(reasons, dict) and reasons:
        items = [
            str(msg("columns.reason_item", column=_manifest_text(column), reason=_manifest_text(reason)))
            for column, reason in reasons.items()
        ]
        lines.append(str(msg("columns.reasons_line", reasons="; ".join(items))))
    return lines + scope_lines(manifest)


def scope_lines(manifest: dict[str, Any]) -> list[str]:
    """The rows the archive was limited to and the values changed on the way out, as the manifest records them
    (``row_filter``, ``transforms``): conditions in the ``--where`` syntax, transforms as ``KIND[:ARG]``."""
    lines = []
    row_filter = manifest.get("row_filter")
    where = row_filter.get("where") if isinstance(row_filter, dict) else None
    if isinstance(where, list) and where:
        both, either = str(msg("shaping.summary_and")), str(msg("shaping.summary_or"))
        groups = [
            both.join(_manifest_text(condition) for condition in group) for group in where if isinstance(group, list)
        ]
        text = either.join(f"({group})" for group in groups) if len(groups) > 1 else "".join(groups)
        read = _count(row_filter.get("rows_read")) if isinstance(row_filter, dict) else None
        kept = _count(manifest.get("rows"))
        day = _manifest_text(manifest.get("reference_date"), 10)
        counts = {"where": text, "kept": _number(kept), "read": _number(read)}
        rows_line = msg("shaping.summary_rows_on", date=day, **counts) if day else msg("shaping.summary_rows", **counts)
        lines.append(str(rows_line))
    transforms = manifest.get("transforms")
    if isinstance(transforms, dict) and transforms:
        from exporter.manifest import source_names

        # transforms are keyed by the source's column names; data.csv's may differ (renamed columns)
        output = {source: name for name, source in source_names(manifest)}
        items = []
        for column, entry in transforms.items():
            kind = _manifest_text(entry.get("kind"), 32) if isinstance(entry, dict) else ""
            argument = _count(entry.get("argument")) if isinstance(entry, dict) else None
            shown = kind if argument is None else f"{kind}:{argument}"
            name = output.get(column, column)
            label = (
                _manifest_text(name)
                if name == column
                else str(msg("shaping.summary_renamed", column=_manifest_text(name), source=_manifest_text(column)))
            )
            items.append(str(msg("shaping.summary_transform_item", column=label, kind=shown)))
        separator = str(msg("shaping.summary_list_separator"))
        lines.append(str(msg("shaping.summary_transforms", items=separator.join(items))))
    return lines


def _number(count: int | None) -> str:
    return "?" if count is None else f"{count:,}"


def sample(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.atomic import AtomicFile
    from exporter.sample import write_sample

    with AtomicFile(args.output) as target:
        write_sample(
            target.file,
            args.rows,
            seed=args.seed,
            encoding=args.encoding,
            cancel=cancel,
            progress=_progress_line(),
        )
        target.commit()
    _clear_progress_line()
    residents = _counted("residents", args.rows)
    print(
        msg("cli.sample_wrote", path=terminal_line(str(args.output)), residents=residents, encoding=args.encoding),
        file=sys.stderr,
    )
    return 0


def _require_text(option: str, value: str) -> None:
    """Refuse an argument that is not text in this terminal's encoding (bytes Python keeps as lone surrogates):
    it would be recorded in the manifest as something other than what was typed."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError(msg("cli.not_terminal_text", option=option), hint=msg("cli.terminal_utf8_hint")) from None


def read_limits(args: argparse.Namespace) -> Any:
    """The reading limits of ``--max-row-size`` and ``--max-header-size``, the defaults where not given."""
    from exporter.sniff import DEFAULT_LIMITS, ReadLimits

    return ReadLimits(
        max_row_bytes=args.max_row_size or DEFAULT_LIMITS.max_row_bytes,
        max_header_bytes=args.max_header_size or DEFAULT_LIMITS.max_header_bytes,
    )


def read_passphrase_file(path: Path) -> str:
    """The file's content minus one trailing newline (LF or CRLF); read within PASSPHRASE_FILE's limit.

    A file holding an age secret key (``AGE-SECRET-KEY-1...``) is refused with PlanError, without repeating it."""
    from exporter.display import looks_like_secret_key
    from exporter.keyfiles import PASSPHRASE_FILE, read_small_file

    if not os.path.lexists(path):  # what was typed as its name may be the passphrase itself: not repeated
        raise PlanError(msg("cli.no_passphrase_file"), hint=msg("cli.passphrase_file_hint"))
    text = read_small_file(path, PASSPHRASE_FILE).text
    if looks_like_secret_key(text):  # a key file given by mistake: refused, never repeated, never a passphrase
        raise PlanError(
            msg("cli.secret_key_in_passphrase_file", path=str(path)), hint=msg("cli.secret_key_in_passphrase_file_hint")
        )
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    remember_secret(text)  # a second guard: whatever prints through terminal_line hides it
    return text


def _recipients_file(path: Path) -> list[Any]:
    from exporter.envelope import parse_recipients_file
    from exporter.keyfiles import RECIPIENTS_FILE, read_small_file

    return parse_recipients_file(read_small_file(path, RECIPIENTS_FILE).text, str(path))


def _identities(args: argparse.Namespace) -> list[Any]:
    from exporter.key_commands import identities_for
    from exporter.keyfiles import exposure_warning, permission_bits

    if args.passphrase_file is not None:
        from exporter.passphrase import passphrase_identity  # normalised as on the export side

        return [passphrase_identity(read_passphrase_file(args.passphrase_file))]
    path: Path = args.identity
    if not os.path.lexists(path):
        raise _missing_identity_file(str(path))
    if warning := exposure_warning(path, permission_bits(path)):
        print(f"exporter: warning: {terminal_line(str(warning))}", file=sys.stderr)
    return identities_for(path, args.identity_passphrase_file)


def _missing_identity_file(typed: str) -> PlanError:
    """A missing identity file, without its name: what was typed may be the secret key itself."""
    from exporter.display import looks_like_secret_key

    if looks_like_secret_key(typed):
        return PlanError(msg("cli.secret_key_as_identity_file"), hint=msg("cli.secret_key_as_identity_file_hint"))
    return PlanError(msg("cli.no_identity_file"), hint=msg("cli.identity_file_hint"))


def _print_json(text: str) -> None:
    """JSON whose values came from a file: the same values, with control characters written as escapes."""
    print(safe_json(text))


def _count(value: object) -> int | None:
    """A manifest's count if it is one (a whole number, not negative, not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _manifest_text(value: object, limit: int = 200) -> str:
    return safe_text(redact_secrets(value), max_chars=limit) if isinstance(value, str) else ""


def _columns_wide(text: str) -> int:
    """How many terminal columns ``text`` takes, as a terminal draws it (the rule of wcwidth, UAX #11): wide and
    full-width characters (kanji, kana, full-width letters) take two, combining marks (a dakuten written apart,
    U+3099) none, everything else one. ``text`` has been through :func:`terminal_line` (no controls left)."""
    import unicodedata

    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text
    )


def _padded(text: str, width: int) -> str:
    return text + " " * max(width - _columns_wide(text), 0)


def _counted_or_unstated(noun: str, count: int | None) -> str:
    return str(_counted(noun, count) if count is not None else msg(f"cli.{noun}_unstated"))


def _for_whom(entries: list[dict[str, str]]) -> Message:
    """``for 2 recipients``, ``for 2 recipients and the office key``: the office copy is not counted as a
    recipient (the clerk counts the people the data goes to)."""
    office = any(entry.get("role") == "office" for entry in entries)
    count = sum(1 for entry in entries if entry.get("role") != "office")
    if not office:
        return _counted("for_recipients", count)
    return _counted("for_recipients_office", count) if count else msg("cli.for_office_only")


def _counted(noun: str, count: int) -> Message:
    """``1 row``, ``2 rows`` (``cli.<noun>_one`` or ``cli.<noun>``) in the user's language."""
    return msg(f"cli.{noun}_one" if count == 1 else f"cli.{noun}", count=count)


def _on_terminal() -> bool:
    """Whether stderr is an interactive terminal. A windowed Windows build has no stderr at all (None)."""
    return sys.stderr is not None and sys.stderr.isatty()


def _progress_line() -> Any:
    """A one-line progress display on an interactive terminal; nothing when output goes to a file or a pipe."""
    if not _on_terminal():
        return None
    shown = [-1]

    def show(fraction: float, message: Message) -> None:
        percent = int(fraction * 100)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{percent:3d}%  {terminal_line(str(message))}\x1b[K", end="", file=sys.stderr, flush=True)

    return show


def _clear_progress_line() -> None:
    if _on_terminal():
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)
