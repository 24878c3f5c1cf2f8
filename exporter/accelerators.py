"""Which implementation each optional fast path of this program uses, and the comparison of two such reports.

A frozen build can lose a fast path without a word: PyInstaller follows imports written in Python, not imports made
from C, so ISA-L's ``isal.igzip_lib`` (imported by the C code of ``isal.isal_zlib``) was left out of the bundle and
every export fell back to zlib, three times slower. So the build runs the frozen program with ``--build-report``,
runs the source build the same way, and fails on any difference (``packaging/check_accelerators.py``).

A report (JSON) holds:

``fast_paths``
    for each optional accelerator, the implementation in use: deflate (ISA-L or zlib), CP932 to UTF-8 (the C
    library's iconv or Python's codec), SHA-256 and HMAC
    (OpenSSL or the builtin fallback), json and datetime (C or pure Python), pyarrow (version, SIMD level,
    memory pool), cryptography (version and its OpenSSL), Python itself.
``modules``
    every module imported while the program imported all of its own modules and ran a small synthetic
    sample, keygen, inspect, export and decrypt: a module that the source build loads and the frozen program
    lacks is a fast path or a feature lost, whether or not a probe above names it.
``loaded``
    every module imported by the end, start-up included (for the comparison).
``left_out``
    the modules the build leaves out on purpose (``build.spec``: pandas, numpy, unused parts of pyarrow and Qt);
    empty for the source build.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import json
import pkgutil
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from exporter.buildinfo import BUILD_MODULE


def fast_paths() -> dict[str, str]:
    """The implementation behind each optional fast path, as ``{name: description}``."""
    import datetime
    import hashlib
    import hmac
    import json.decoder
    import json.encoder
    import json.scanner
    import platform

    import cryptography
    import pyarrow
    from cryptography.hazmat.backends.openssl import backend

    from exporter.cp932_iconv import converter
    from exporter.zipstream import DEFLATE_IMPLEMENTATION

    c_json = all(
        getattr(module, name, None)
        for module, name in (
            (json.encoder, "c_make_encoder"),
            (json.scanner, "c_make_scanner"),
            (json.decoder, "c_scanstring"),
        )
    )
    c_datetime = sys.modules.get("_datetime") is not None and datetime.datetime is sys.modules["_datetime"].datetime
    runtime = pyarrow.runtime_info()
    return {
        "deflate": DEFLATE_IMPLEMENTATION,
        "cp932": "C library iconv" if converter() is not None else "Python's codec",
        "sha256": f"{hashlib.sha256.__module__}.{hashlib.sha256.__name__}",
        "hmac": f"{hmac.compare_digest.__module__}.compare_digest",
        "json": "C (_json)" if c_json else "pure Python",
        "datetime": "C (_datetime)" if c_datetime else "pure Python",
        "pyarrow": f"{pyarrow.__version__}, SIMD {runtime.simd_level}, "
        f"memory pool {pyarrow.default_memory_pool().backend_name}",
        "cryptography": f"{cryptography.__version__}, {backend.openssl_version_text()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def report() -> dict[str, Any]:
    """Run the workload, then describe this program: ``{"frozen", "fast_paths", "modules", "loaded", "left_out"}``.

    ``modules`` are those the workload imported, ``loaded`` all that were imported by its end (a frozen program
    imports some at start-up that a source build imports later).
    """
    before = set(sys.modules)
    _import_every_module()
    _run_workload()
    paths = fast_paths()
    return {
        "frozen": bool(getattr(sys, "frozen", False)),
        "fast_paths": paths,
        "modules": sorted(set(sys.modules) - before),
        "loaded": sorted(sys.modules),
        "left_out": sorted(_left_out()),
    }


def compare(source: Mapping[str, Any], frozen: Mapping[str, Any]) -> list[str]:
    """What the frozen program lacks or does differently from the source build, one sentence each; [] if nothing."""
    problems = []
    for name, implementation in source["fast_paths"].items():
        got = frozen["fast_paths"].get(name)
        if got != implementation:
            problems.append(f"{name}: the source build uses {implementation}, the frozen program {got or 'nothing'}")
    left_out = tuple(frozen.get("left_out", ()))
    loaded = set(frozen["loaded"])
    missing = [
        module
        for module in source["modules"]
        if module not in loaded and not any(module == out or module.startswith(out + ".") for out in left_out)
    ]
    if missing:
        problems.append(f"modules the source build loads and the frozen program does not: {', '.join(missing)}")
    return problems


class BuildReportAction(argparse.Action):
    """``--build-report``: print :func:`report` as JSON and exit (for the build's check, not for users)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=argparse.SUPPRESS)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[object] | None,
        option_string: str | None = None,
    ) -> None:
        text = json.dumps(report(), indent=2, ensure_ascii=False)
        print(text)
        parser.exit()


def _import_every_module() -> None:
    """Every ``exporter`` module, the wizard's too where Qt is installed: their optional imports then show."""
    import exporter

    gui = importlib.util.find_spec("PySide6") is not None
    for module in pkgutil.walk_packages(exporter.__path__, "exporter."):
        if gui or not module.name.startswith("exporter.gui"):
            importlib.import_module(module.name)
    importlib.import_module("python_calamine")  # the workbook reader's engine, imported when a workbook is opened


def _run_workload() -> None:
    """A synthetic sample through the command line: sample, keygen, inspect, export, decrypt (CP932 and UTF-8),
    the second export with rows in scope, every transform and the risk count (issue 10's modules)."""
    from exporter.cli import main

    folder = Path(tempfile.mkdtemp(prefix="exporter-build-report-"))
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
            steps = [
                ["keygen", "--output", str(folder / "key.txt"), "--no-protect"],
                ["pseudonym-key", "--output", str(folder / "pseudonym.key")],
            ]
            shaped = {
                "utf-8": ["--column", "resident_number", "--column", "birth_date", "--column", "postal_code",
                          "--column", "address_line", "--column", "account_number", "--column", "notes",
                          "--where", "resident_tax = 0", "--or", "--where", "age(birth_date) >= 65",
                          "--transform", "resident_number=pseudonym", "--transform", "birth_date=age-band:5",
                          "--transform", "postal_code=postal-area", "--transform", "address_line=address-town",
                          "--transform", "account_number=mask:4", "--transform", "notes=formula-safe",
                          "--pseudonym-key", str(folder / "pseudonym.key"), "--max-unique-share", "100%"],
            }  # fmt: skip
            for encoding in ("cp932", "utf-8"):
                source, archive = str(folder / f"{encoding}.csv"), str(folder / f"{encoding}.zip.age")
                steps += [
                    ["sample", "--rows", "300", "--encoding", encoding, "--output", source],
                    ["inspect", "--json", source],
                    ["export", source, "--column", "family_name", "--column", "phone", "--output", archive,
                     "--recipient", "{recipient}", *shaped.get(encoding, [])],
                    ["decrypt", archive, "--identity", str(folder / "key.txt"), "--output", str(folder / encoding)],
                ]  # fmt: skip
            recipient = ""
            for step in steps:
                if main([argument.replace("{recipient}", recipient) for argument in step]) != 0:
                    raise SystemExit(f"exporter: error: the build report's workload failed: {err.getvalue()}")
                if step[0] == "keygen":
                    recipient = out.getvalue().strip().splitlines()[-1]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _left_out() -> list[str]:
    try:
        built = importlib.import_module(BUILD_MODULE)
    except ImportError:
        return []
    return list(getattr(built, "LEFT_OUT", []))
