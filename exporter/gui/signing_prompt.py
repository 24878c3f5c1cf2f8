"""The wizard asks for the office signing key's passphrase when the export is to be signed (the IT policy's
``[signing] key``), as ``exporter export`` asks on the terminal. The passphrase is asked for each export and kept
only in the plan that export runs; a wrong one is refused by the core before any work, in one sentence."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from exporter.display import safe_text
from exporter.plan import ExportPlan, Secret

_current: list[QInputDialog] = []  # the dialog being shown (tests answer it)


def current_dialog() -> QInputDialog | None:
    """The passphrase dialog on screen, if any."""
    return _current[-1] if _current else None


def with_signing_passphrase(parent: QWidget, plan: ExportPlan) -> ExportPlan | None:
    """``plan`` with the signing key's passphrase typed by the clerk when it is to be signed and has none; the plan
    unchanged when it is not to be signed; None when the clerk cancelled or typed nothing."""
    if plan.signing_key is None or plan.signing_passphrase is not None:
        return plan
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("SigningPrompt", "Office signing key"))
    said = QCoreApplication.translate(
        "SigningPrompt", "The IT policy signs every export with the office's key {path}.\nType its passphrase:"
    )
    dialog.setLabelText(said.format(path=safe_text(str(plan.signing_key))))
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    _current.append(dialog)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        _current.remove(dialog)
    typed = dialog.textValue()
    dialog.setTextValue("")
    dialog.deleteLater()
    if not accepted or not typed:
        return None
    return replace(plan, signing_passphrase=Secret(typed))
