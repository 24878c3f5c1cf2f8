"""exporter: hand resident data to a contractor as an encrypted archive that holds only what the task needs.

The core (everything outside ``exporter.gui``) never imports Qt, so the command line, tests and scripts use it
without a display.
"""

from exporter.errors import (
    DecryptionError,
    EncryptionError,
    ExportCancelled,
    ExporterError,
    OutputError,
    PlanError,
    SourceError,
)

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
