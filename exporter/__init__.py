"""exporter: hand resident data to a contractor as an encrypted archive that holds only what the task needs.

The core (everything outside ``exporter.gui``) never imports Qt, so the command line, tests and scripts use it
without a display.

Importing the package loads nothing else: ``python -m exporter`` and the installed command start in
:mod:`exporter.launch`, which turns a Ctrl-C while the program loads into one sentence, and that must be in place
before the program's modules load. The error classes below are loaded when first asked for.
"""

__version__ = "0.1.0"

__all__ = [
    "DecryptionError",
    "EncryptionError",
    "ExportCancelled",
    "ExporterError",
    "OutputError",
    "PlanError",
    "SourceError",
    "__version__",
]


def __getattr__(name: str) -> object:
    """The error classes of :mod:`exporter.errors`, loaded on first use (PEP 562)."""
    if name in __all__:
        from exporter import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'exporter' has no attribute {name!r}")
