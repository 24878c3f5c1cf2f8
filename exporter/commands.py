"""What each sub-command does: turn arguments into calls of the core, and results into a few plain lines."""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from exporter.display import redact_secrets, remember_secret, safe_json, safe_text, terminal_line
from exporter.errors import OutputError, PlanError


def inspect(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.classify import SENSITIVE_CATEGORIES, classify_columns
    from exporter.sniff import DELIMITER_NAMES
    from exporter.source import open_source

    source = open_source(args.source, encoding=args.encoding, delimiter=args.delimiter, limits=read_limits(args))
    digest = source.count_rows(progress=_progress_line(), cancel=cancel)
    _clear_progress_line()
    categories = classify_columns(source.header, source.head_rows)
    if args.json:
        _print_json(
            json.dumps(
                {
                    "encoding": source.format.encoding,
                    "delimiter": source.format.delimiter,
                    "sep_line": source.format.sep_line,
                    "rows": digest.rows,
                    "columns": [
                        {"name": redact_secrets(name), "category": str(category)}
                        for name, category in zip(source.header, categories, strict=True)
                    ],
                },
                ensure_ascii=False,
            )
        )
        return 0
    names = [terminal_line(name) for name in source.header]  # the file's own text: never raw to the terminal
    width = max((len(name) for name in names), default=0)
    print(terminal_line(source.name))
    print(f"  encoding   {source.format.encoding}")
    delimiter = DELIMITER_NAMES.get(source.format.delimiter, repr(source.format.delimiter))
    print(f"  delimiter  {delimiter}" + (" (from the file's sep= line)" if source.format.sep_line else ""))
    print(f"  rows       {digest.rows:,}")
    print(f"  columns    {len(source.header)}")
    for position, (name, category) in enumerate(zip(names, categories, strict=True), start=1):
        mark = "sensitive: needs a reason to leave the office" if category in SENSITIVE_CATEGORIES else ""
        print(f"  {position:>4}  {name:<{width}}  {category!s:<10}  {mark}".rstrip())
    return 0


def export(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan, Secret

    _require_text("--purpose", args.purpose)
    recipients: tuple[str, ...] = tuple(args.recipient or ())
    passphrase: Secret | None = None
    if args.recipients_file is not None:
        recipients = tuple(str(recipient) for recipient in _recipients_file(args.recipients_file))
    elif args.passphrase_file is not None:
        passphrase = Secret(read_passphrase_file(args.passphrase_file))
    elif args.generate_passphrase:
        from exporter.passphrase import generate

        passphrase = Secret(generate())
    plan = ExportPlan(
        source=args.source,
        columns=tuple(args.column),
        output=args.output,
        recipients=recipients,
        passphrase=passphrase,
        purpose=args.purpose,
        encoding=args.encoding,
        delimiter=args.delimiter,
        limits=read_limits(args),
        output_names=dict(args.rename or ()),
        reasons=dict(args.reason or ()),
    )
    result = run_export(plan, progress=_progress_line(), cancel=cancel)
    _clear_progress_line()
    if args.generate_passphrase and passphrase is not None:
        print(passphrase.reveal())
        print(
            "exporter: this passphrase is shown once: pass it to the recipient by another channel than the file "
            "(for example by phone).",
            file=sys.stderr,
        )
    who = "a passphrase" if passphrase is not None else _plural(len(result.manifest["recipients"]), "recipient")
    print(
        f"exporter: wrote {terminal_line(str(result.output))} ({_size(result.size)}): {_plural(result.rows, 'row')} × "
        f"{_plural(len(plan.columns), 'column')}, for {who}; SHA-256 {result.sha256}",
        file=sys.stderr,
    )
    return 0


def decrypt(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.decrypt import DEFAULT_MAX_EXPANSION, decrypt_archive, decrypt_file

    identities = _identities(args)
    if args.raw:
        decrypt_file(args.archive, args.output, identities, cancel=cancel)
        print(f"exporter: wrote {terminal_line(str(args.output))}", file=sys.stderr)
        return 0
    expansion = DEFAULT_MAX_EXPANSION if args.max_expansion is None else args.max_expansion
    opened = decrypt_archive(args.archive, args.output, identities, cancel=cancel, max_expansion=expansion)
    for line in opened_summary(args.archive.name, opened.manifest):
        print(f"exporter: {line}", file=sys.stderr)
    data, manifest = terminal_line(str(opened.data)), terminal_line(str(opened.manifest_path))
    print(f"exporter: wrote {data} and {manifest}", file=sys.stderr)
    return 0


def opened_summary(name: str, manifest: object) -> list[str]:
    """What a recipient reads after opening: that the archive is intact (not who made it), then its manifest.

    Every value comes from the archive's maker: shown through :func:`safe_text`, shortened, and never trusted
    to have the type the format prescribes (a summary line must not fail after the files were written).
    """
    fields = manifest if isinstance(manifest, dict) else {}
    columns = fields.get("columns")
    size = (
        f"{_plural_or_unstated(_count(fields.get('rows')), 'row')} × "
        f"{_plural_or_unstated(len(columns) if isinstance(columns, list) else None, 'column')}"
    )
    facts = [size, f"purpose: {_manifest_text(fields.get('purpose')) or '(none)'}"]
    for key, label in (("recipient_organisation", "for"), ("delete_by", "delete by")):
        if value := _manifest_text(fields.get(key)):
            facts.append(f"{label}: {value}")
    return [
        f"{terminal_line(name)} is intact and complete: nothing was changed after it was encrypted; "
        "this does not prove who made it.",
        "; ".join(facts),
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
    return lines


def keygen(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.envelope import X25519Identity, format_identity_file

    identity = X25519Identity.generate()
    text = format_identity_file(identity, datetime.now().astimezone())
    path: Path = args.output
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OutputError(
            f"{path} already exists; an identity file is never overwritten.", hint="Choose another file name."
        ) from None
    except OSError as err:
        raise OutputError(f"{path} cannot be created: {err.strerror}.") from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    print(str(identity.recipient))
    print(
        f"exporter: wrote the secret key to {terminal_line(str(path))}; keep it private and give the line above to "
        "the sender.",
        file=sys.stderr,
    )
    return 0


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
    print(
        f"exporter: wrote {terminal_line(str(args.output))}: {_plural(args.rows, 'synthetic resident')} "
        f"({args.encoding})",
        file=sys.stderr,
    )
    return 0


def _require_text(option: str, value: str) -> None:
    """Refuse an argument that is not text in this terminal's encoding (bytes Python keeps as lone surrogates):
    it would be recorded in the manifest as something other than what was typed."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PlanError(
            f"The text given with {option} is not valid in this terminal's encoding.",
            hint="Type it again in a terminal set to UTF-8, or use the wizard.",
        ) from None


def read_limits(args: argparse.Namespace) -> Any:
    """The reading limits of ``--max-row-size`` and ``--max-header-size``, the defaults where not given."""
    from exporter.sniff import DEFAULT_LIMITS, ReadLimits

    return ReadLimits(
        max_row_bytes=args.max_row_size or DEFAULT_LIMITS.max_row_bytes,
        max_header_bytes=args.max_header_size or DEFAULT_LIMITS.max_header_bytes,
    )


def read_passphrase_file(path: Path) -> str:
    """The file's content minus one trailing newline (LF or CRLF); read within PASSPHRASE_FILE's limit."""
    from exporter.keyfiles import PASSPHRASE_FILE, read_small_file

    if not os.path.lexists(path):  # what was typed as its name may be the passphrase itself: not repeated
        raise PlanError(
            "The passphrase file does not exist; its name is not repeated here, in case it is the passphrase.",
            hint="Give the name of a file that holds the passphrase.",
        )
    text = read_small_file(path, PASSPHRASE_FILE).text
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
    from exporter.envelope import ScryptIdentity, parse_identity_file
    from exporter.keyfiles import IDENTITY_FILE, exposure_warning, read_small_file

    if args.passphrase_file is not None:
        return [ScryptIdentity(read_passphrase_file(args.passphrase_file))]
    path: Path = args.identity
    if not os.path.lexists(path):
        raise _missing_identity_file(str(path))
    key_file = read_small_file(path, IDENTITY_FILE)
    if warning := exposure_warning(path, key_file.mode):
        print(f"exporter: warning: {terminal_line(warning)}", file=sys.stderr)
    return list(parse_identity_file(key_file.text, str(path)))


def _missing_identity_file(typed: str) -> PlanError:
    """A missing identity file, without its name: what was typed may be the secret key itself."""
    from exporter.display import looks_like_secret_key

    if looks_like_secret_key(typed):
        return PlanError(
            "A secret key was given where the name of the identity file belongs.",
            hint="Save the key in a file and give the file's name. The key is now in your shell history: "
            "once you have opened what was sent to it, make a new key with “exporter keygen”.",
        )
    return PlanError(
        "The identity file does not exist; its name is not repeated here, in case it is a secret key.",
        hint="Give the name of the key file made by “exporter keygen” or age-keygen.",
    )


def _print_json(text: str) -> None:
    """JSON whose values came from a file: the same values, with control characters written as escapes."""
    print(safe_json(text))


def _count(value: object) -> int | None:
    """A manifest's count if it is one (a whole number, not negative, not a bool), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _manifest_text(value: object, limit: int = 200) -> str:
    return safe_text(redact_secrets(value), max_chars=limit) if isinstance(value, str) else ""


def _plural_or_unstated(count: int | None, noun: str) -> str:
    return _plural(count, noun) if count is not None else f"an unstated number of {noun}s"


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} bytes"


def _on_terminal() -> bool:
    """Whether stderr is an interactive terminal. A windowed Windows build has no stderr at all (None)."""
    return sys.stderr is not None and sys.stderr.isatty()


def _progress_line() -> Any:
    """A one-line progress display on an interactive terminal; nothing when output goes to a file or a pipe."""
    if not _on_terminal():
        return None
    shown = [-1]

    def show(fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{percent:3d}%  {terminal_line(message)}\x1b[K", end="", file=sys.stderr, flush=True)

    return show


def _clear_progress_line() -> None:
    if _on_terminal():
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)
