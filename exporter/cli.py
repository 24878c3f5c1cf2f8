"""The command line: a stable contract (DESIGN.md) that users, scripts and tests rely on.

Errors print one line ``exporter: error: ...`` (and maybe ``exporter: hint: ...``) on stderr and exit 1; usage
errors exit 2. Heavy libraries are imported inside the commands so that ``exporter --help`` starts at once.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import NoReturn, TypeVar

from exporter import interrupts, messages, usage
from exporter.cli_help import HelpFormatter, localise
from exporter.display import redact_secrets, terminal_line
from exporter.errors import ExportCancelled, ExporterError, from_os_error
from exporter.export_command import add_export_parser
from exporter.hardening import forbid_core_dumps
from exporter.messages import Message, msg

_P = TypeVar("_P", bound=argparse.ArgumentParser)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C before the command's own handler was in place: nothing was done yet
        return cancelled_while_starting()


def cancelled_while_starting() -> int:
    """Say that the work was cancelled (Ctrl-C while the program was starting) and give the exit status, 1."""
    words = [word for word in sys.argv[1:] if not word.startswith("-")]
    _report(_cancelled(words[0] if words else "", ExportCancelled()))
    return 1


def _cancelled(command: str, err: ExportCancelled) -> ExportCancelled:
    """The sentence for work cancelled by the user: the export's own, or one for any other command's work."""
    if command == "export" or getattr(err.message, "id", None) != "general.cancelled":
        return err
    return ExportCancelled(msg("general.work_cancelled"))


def _main(argv: Sequence[str] | None) -> int:
    forbid_core_dumps()  # before any secret is read: a core dump would hold it
    _never_fail_on_output()
    messages.set_language(usage.language_asked(sys.argv[1:] if argv is None else argv))  # for usage errors too
    parser = _lang_everywhere(build_parser())
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.error(usage.unrecognised(unknown))
    messages.set_language(args.lang)  # None: the system's (LC_ALL, LC_MESSAGES, LANG)
    if args.command in (None, "open"):
        return _open_wizard(args)
    check: Callable[[argparse.Namespace], str | None] | None = getattr(args, "check", None)
    if check is not None and (problem := check(args)) is not None:
        args.parser.error(problem)
    cancel = threading.Event()
    restore = _cancel_on_signals(cancel)
    try:
        command: Callable[[argparse.Namespace, threading.Event], int] = args.run
        return command(args, cancel)
    except ExportCancelled as err:
        _report(_cancelled(args.command, err))
        if interrupts.swallowed():  # asked twice, the second time where Python could not raise it
            return 130
        return int(getattr(err, "exit_status", 1))  # a prompt ended by a signal: 128 + its number
    except ExporterError as err:
        _report(err)
        return int(getattr(err, "exit_status", 1))  # a prompt ended by a signal: 128 + its number
    except KeyboardInterrupt:
        _report(_cancelled(args.command, ExportCancelled()))
        return 130
    except BrokenPipeError:  # the reader of our output went away (| head): nothing left to say, and nowhere to
        _silence_output()
        return 1
    except OSError as err:  # from the environment (a name too long, a failing device), not a bug
        _report(from_os_error(err))
        return 1
    except Exception as err:  # a bug: say so in one line, without a traceback that could hold personal data
        if os.environ.get("EXPORTER_DEBUG"):
            _print_traceback(err)
            return 1
        _report(
            ExporterError(
                msg("general.internal_error", kind=type(err).__name__), hint=msg("general.internal_error_hint")
            )
        )
        return 1
    finally:
        # A caller in the same process gets its handlers back. The program itself (argv from sys.argv) ignores the
        # cancel signals from here on: the work is over, and Python's shutdown would put back the defaults, under
        # which a late Ctrl-C would end the process by a signal instead of its exit status.
        if argv is not None:
            restore()
            messages.set_language(None)  # a caller in the same process keeps its own language
        else:
            for sig in _CANCEL_SIGNALS:
                signal.signal(sig, signal.SIG_IGN)


def build_parser() -> _Parser:
    from exporter import commands, key_commands, policy_command, pseudonym_command, signing_commands

    parser = _Parser(
        prog="exporter",
        description=str(msg("help.program")),
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--build-report", action=_BuildReportAction)  # packaging/check_accelerators.py
    parser.add_argument("--lang", choices=("ja", "en"), help=str(msg("help.lang")))
    parser.add_argument("--sample", action="store_true", help=str(msg("help.wizard_sample")))
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help=str(msg("help.screenshots")))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    inspect = sub.add_parser("inspect", help=str(msg("help.inspect")))
    inspect.add_argument("source", type=Path, metavar="SOURCE")
    inspect.add_argument("--json", action="store_true", help=str(msg("help.json")))
    _reading_options(inspect)
    inspect.set_defaults(run=commands.inspect)

    export = add_export_parser(sub)
    _reading_options(export)

    decrypt = sub.add_parser("decrypt", help=str(msg("help.decrypt")))
    decrypt.add_argument("archive", type=Path, metavar="FILE")
    decrypt.add_argument(
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help=str(msg("help.decrypt.output")),
    )
    decrypt.add_argument("--raw", action="store_true", help=str(msg("help.decrypt.raw")))
    decrypt.add_argument(
        "--max-expansion",
        type=usage.expansion,
        default=None,
        metavar="N",
        help=str(msg("help.decrypt.max_expansion")),
    )
    key = decrypt.add_mutually_exclusive_group(required=True)
    key.add_argument("--identity", type=Path, metavar="FILE", help=str(msg("help.decrypt.identity")))
    key.add_argument("--passphrase-file", type=Path, metavar="FILE", help=str(msg("help.passphrase_file")))
    decrypt.add_argument(
        "--identity-passphrase-file",
        type=Path,
        metavar="FILE",
        help=str(msg("help.decrypt.identity_passphrase_file")),
    )
    signing_commands.add_decrypt_options(decrypt)
    from exporter.receipt_command import add_receipt_options

    add_receipt_options(decrypt)
    decrypt.set_defaults(run=commands.decrypt, check=_check_decrypt_key, parser=decrypt)

    key_commands.add_keygen_parser(sub)
    key_commands.add_recipients_parser(sub)
    signing_commands.add_signing_key_parser(sub)
    signing_commands.add_signers_parser(sub)
    pseudonym_command.add_pseudonym_key_parser(sub)
    from exporter.register_command import add_register_parser

    add_register_parser(sub)
    policy_command.add_policy_parser(sub)
    from exporter.delete_command import add_delete_parser

    add_delete_parser(sub)

    # no run: like no command at all, it starts the GUI (here only the recipient's window)
    sub.add_parser("open", help=str(msg("help.open")))

    sample = sub.add_parser("sample", help=str(msg("help.sample")))
    sample.add_argument("--rows", type=usage.count, default=1000, metavar="N")
    sample.add_argument("--output", type=Path, required=True, metavar="FILE")
    sample.add_argument("--encoding", choices=("utf-8", "utf-8-sig", "cp932"), default="utf-8")
    sample.add_argument("--seed", type=int, default=0)
    sample.set_defaults(run=commands.sample)
    localise(parser)
    return parser


def _check_decrypt_key(args: argparse.Namespace) -> str | None:
    if args.identity_passphrase_file is not None and args.identity is None:
        return "argument --identity-passphrase-file: only with --identity"
    if args.raw and args.require_signature:
        return "argument --require-signature: not allowed with argument --raw"
    return None


def _lang_everywhere(parser: _P) -> _P:
    """``--lang`` after the command too (``exporter inspect --lang ja f.csv``), in every command and sub-command,
    however they were added. Unset there, it leaves the value given before the command in place (SUPPRESS)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                if not any("--lang" in option.option_strings for option in command._actions):
                    command.add_argument(
                        "--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=str(msg("help.lang_command"))
                    )
                _lang_everywhere(command)
    return parser


def _open_wizard(args: argparse.Namespace) -> int:
    """No command: the wizard; ``open``: the recipient's window. Qt is imported only here, so the commands work
    without PySide6."""
    try:
        from exporter.gui.app import run
    except ImportError as err:
        if os.environ.get("EXPORTER_DEBUG"):
            raise
        # installed as a program (the .deb, the MSI), Qt is in it: a missing part of the system is the cause, not pip
        hint = msg("cli.no_wizard_system_hint") if getattr(sys, "frozen", False) else msg("cli.no_wizard_hint")
        _report(ExporterError(msg("cli.no_wizard", reason=str(err)), hint=hint))
        return 1
    return int(run(args))


class _BuildReportAction(argparse.Action):
    """``--build-report``, for the build's check only: exporter.accelerators is imported when it is asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=argparse.SUPPRESS)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        from exporter.accelerators import BuildReportAction

        BuildReportAction(self.option_strings)(parser, namespace, values, option_string)


class _VersionAction(argparse.Action):
    """``--version``: the version and the commit the program was built from. The commit is looked up only when
    asked for (a source checkout runs git), so other commands do not pay for it."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=str(msg("help.version")))

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        from exporter.buildinfo import version_text

        print(version_text())
        parser.exit()


def _reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sheet", metavar="NAME", help=str(msg("help.reading.sheet")))
    parser.add_argument("--encoding", metavar="ENC", help=str(msg("help.reading.encoding")))
    parser.add_argument(
        "--delimiter",
        type=usage.delimiter,
        metavar="CHAR",
        help=str(msg("help.reading.delimiter")),
    )
    parser.add_argument(
        "--max-row-size",
        type=usage.mebibytes,
        metavar="MIB",
        help=str(msg("help.reading.max_row_size")),
    )
    parser.add_argument(
        "--max-header-size",
        type=usage.mebibytes,
        metavar="MIB",
        help=str(msg("help.reading.max_header_size")),
    )


def _report(err: ExporterError) -> None:
    """The error and its hint, each one line: file names and values in them are the user's or a file's own text,
    so control characters are made visible and anything shaped like a secret key is hidden."""
    print(f"exporter: error: {terminal_line(str(err))}", file=sys.stderr)
    hint = err.hint_text()
    if hint:
        print(f"exporter: hint: {terminal_line(hint)}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, except that its usage errors are said in the user's language and never repeat a value that could
    be a secret (:mod:`exporter.usage`)."""

    def error(self, message: str | Message) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {terminal_line(str(usage.usage_error(message)))}\n")


def _print_traceback(err: BaseException) -> None:
    """EXPORTER_DEBUG's traceback, with secret keys and the passphrases read hidden, controls made visible."""
    import traceback

    text = redact_secrets("".join(traceback.format_exception(err)))
    lines = [terminal_line(line) for line in text.splitlines()]
    print("\n".join(lines), file=sys.stderr)


def _never_fail_on_output() -> None:
    """A character the output's encoding lacks (an emoji in a column name on a CP932 console) is written as an
    escape instead of failing the command after its work was done. Python on Windows opens a redirected stdout
    with ``surrogateescape``, which fails on such a character as ``strict`` does, so both are replaced."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", "surrogateescape"):
            reconfigure(errors="backslashreplace")


def _silence_output() -> None:
    """Point stdout and stderr at the null device, so that flushing them at exit does not fail a second time."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(devnull, stream.fileno())
    os.close(devnull)


# SIGHUP: the terminal window closed or the ssh connection dropped; SIGQUIT: Ctrl-\\ (no core dump: see hardening).
_CANCEL_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def _cancel_on_signals(cancel: threading.Event) -> Callable[[], None]:
    """SIGTERM and Ctrl-C only set the cancel event: the work stops at its next check and cleans up as on any
    error. Raising from the handler instead could interrupt the clean-up itself, or a temporary file's
    creation before anything is responsible for removing it; only a second signal raises."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def stop(signum: int, frame: FrameType | None) -> None:
        if cancel.is_set():
            # Asked twice: the work is stuck where it cannot look at the flag (a file that never answers). Raising
            # here ends the blocking call; the files being written are still removed on the way out (a removal
            # under way is finished first: interrupts.deferred).
            if interrupts.interrupt_now():
                raise KeyboardInterrupt
            return
        cancel.set()

    interrupts.forget()
    previous = {sig: signal.signal(sig, stop) for sig in _CANCEL_SIGNALS}
    previous_hook, sys.unraisablehook = sys.unraisablehook, interrupts.unraisable

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sys.unraisablehook = previous_hook

    return restore
