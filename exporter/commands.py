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

from exporter.errors import OutputError, PlanError


def inspect(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.classify import SENSITIVE_CATEGORIES, classify_columns
    from exporter.sniff import DELIMITER_NAMES
    from exporter.source import open_source

    source = open_source(args.source, encoding=args.encoding, delimiter=args.delimiter)
    digest = source.count_rows(progress=_progress_line(), cancel=cancel)
    _clear_progress_line()
    categories = classify_columns(source.header, source.head_rows)
    if args.json:
        print(
            json.dumps(
                {
                    "encoding": source.format.encoding,
                    "delimiter": source.format.delimiter,
                    "rows": digest.rows,
                    "columns": [
                        {"name": name, "category": str(category)}
                        for name, category in zip(source.header, categories, strict=True)
                    ],
                },
                ensure_ascii=False,
            )
        )
        return 0
    width = max((len(name) for name in source.header), default=0)
    print(source.name)
    print(f"  encoding   {source.format.encoding}")
    print(f"  delimiter  {DELIMITER_NAMES.get(source.format.delimiter, repr(source.format.delimiter))}")
    print(f"  rows       {digest.rows:,}")
    print(f"  columns    {len(source.header)}")
    for position, (name, category) in enumerate(zip(source.header, categories, strict=True), start=1):
        mark = "sensitive: needs a reason to leave the office" if category in SENSITIVE_CATEGORIES else ""
        print(f"  {position:>4}  {name:<{width}}  {category!s:<10}  {mark}".rstrip())
    return 0


def export(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.passphrase import generate
    from exporter.pipeline import run_export
    from exporter.plan import ExportPlan, Secret

    recipients: tuple[str, ...] = tuple(args.recipient or ())
    passphrase: Secret | None = None
    if args.recipients_file is not None:
        recipients = tuple(str(recipient) for recipient in _recipients_file(args.recipients_file))
    elif args.passphrase_file is not None:
        passphrase = Secret(read_passphrase_file(args.passphrase_file))
    elif args.generate_passphrase:
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
        f"exporter: wrote {result.output} ({_size(result.size)}): {_plural(result.rows, 'row')} × "
        f"{_plural(len(plan.columns), 'column')}, for {who}; SHA-256 {result.sha256}",
        file=sys.stderr,
    )
    return 0


def decrypt(args: argparse.Namespace, cancel: threading.Event) -> int:
    from exporter.decrypt import DEFAULT_MAX_EXPANSION, decrypt_archive, decrypt_file

    identities = _identities(args)
    if args.raw:
        decrypt_file(args.archive, args.output, identities, cancel=cancel)
        print(f"exporter: wrote {args.output}", file=sys.stderr)
        return 0
    expansion = DEFAULT_MAX_EXPANSION if args.max_expansion is None else args.max_expansion
    opened = decrypt_archive(args.archive, args.output, identities, cancel=cancel, max_expansion=expansion)
    manifest = opened.manifest
    print(
        f"exporter: verified {args.archive.name}: {_plural(manifest.get('rows', 0), 'row')} × "
        f"{_plural(len(manifest.get('columns', [])), 'column')}; purpose: {manifest.get('purpose') or '(none)'}",
        file=sys.stderr,
    )
    print(f"exporter: wrote {opened.data} and {opened.manifest_path}", file=sys.stderr)
    return 0


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
        f"exporter: wrote the secret key to {path}; keep it private and give the line above to the sender.",
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
        f"exporter: wrote {args.output}: {_plural(args.rows, 'synthetic resident')} ({args.encoding})",
        file=sys.stderr,
    )
    return 0


def read_passphrase_file(path: Path) -> str:
    """The file's content minus one trailing newline (LF or CRLF)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(f"The passphrase file {path} does not exist.") from None
    except (OSError, UnicodeDecodeError):
        raise PlanError(f"The passphrase file {path} cannot be read as UTF-8 text.") from None
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


def _recipients_file(path: Path) -> list[Any]:
    from exporter.envelope import parse_recipients_file

    return parse_recipients_file(_read_text(path, "recipients file"), str(path))


def _identities(args: argparse.Namespace) -> list[Any]:
    from exporter.envelope import ScryptIdentity, parse_identity_file

    if args.passphrase_file is not None:
        return [ScryptIdentity(read_passphrase_file(args.passphrase_file))]
    return list(parse_identity_file(_read_text(args.identity, "identity file"), str(args.identity)))


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanError(f"The {what} {path} does not exist.") from None
    except (OSError, UnicodeDecodeError):
        raise PlanError(f"The {what} {path} cannot be read as text.") from None


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
            print(f"\r{percent:3d}%  {message}\x1b[K", end="", file=sys.stderr, flush=True)

    return show


def _clear_progress_line() -> None:
    if _on_terminal():
        print("\r\x1b[K", end="", file=sys.stderr, flush=True)
