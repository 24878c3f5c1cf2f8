"""The recipient's two small dialogs about their own key: create it (protected by a passphrase typed twice), and
type that passphrase when a protected key is used to open an archive.

Creating runs on the worker (scrypt takes about a second); the passphrase only passes through to the core and is
cleared from the fields once used. Nothing here is written to a setting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.errors import ExporterError
from exporter.gui import key_store
from exporter.gui.retranslate import Retranslating
from exporter.gui.secret_field import PassphraseField
from exporter.gui.widgets import MessageLabel, StrengthMeter, error_text
from exporter.gui.worker import Worker
from exporter.keys import KeyCard
from exporter.passphrase import PassphraseTypo, estimate, require_strong

DIALOG_WIDTH_CHARS = 72  # wide enough that the explanations wrap into a few readable lines


class CreateKeyDialog(Retranslating, QDialog):
    """Ask for the protecting passphrase twice, then create the key in the user's data folder.

    ``existing``: the key already there; the new one is saved beside it (:func:`key_store.new_key_path`) and the
    dialog says so. After ``accept()``, :attr:`created` is ``(key file, public key)``.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        path: Path | None = None,
        work_factor: int | None = None,
        existing: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = path  # None: the user's data folder
        self._existing = existing
        self._work_factor = work_factor  # None: age's 18; tests pass less
        self.created: tuple[Path, KeyCard] | None = None  # the key file and its card (with its signing key)
        self.worker: Worker | None = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.first = PassphraseField()
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setFont(self.first.edit.font())
        self.first.show_box.toggled.connect(self._show_toggled)
        self.first.textChanged.connect(self._changed)
        self.second.textChanged.connect(self._changed)
        self.meter = StrengthMeter()
        self.note = MessageLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.first_label, self.second_label = QLabel(), QLabel()
        self.first_label.setBuddy(self.first.edit)
        self.second_label.setBuddy(self.second)
        form = QFormLayout()
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        form.addRow(self.meter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.create_key)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_WIDTH_CHARS)
        self.retranslate_ui()
        self._changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Create my key"))
        self.intro.setText(
            self.tr(
                "Your key lets you open the files sent to you. It is saved on this computer, protected by a "
                "passphrase that only you know: you type it each time you open a file. Choose a long passphrase "
                "and keep it safe; without it the key cannot be used."
            )
        )
        if self._existing is not None:
            self.setWindowTitle(self.tr("Create a new key"))
            self.intro.setText(
                self.intro.text()
                + "\n\n"
                + self.tr(
                    "You already have a key ({old}). It is kept as it is: files sent to it can still be opened with "
                    "it. The new key is saved beside it as {new}; send its key card to the sender."
                ).format(
                    old=safe_text(self._existing.name), new=safe_text((self._path or key_store.new_key_path()).name)
                )
            )
        self.first_label.setText(self.tr("&Passphrase:"))
        self.first.setAccessibleName(self.tr("Passphrase for your key"))
        self.second_label.setText(self.tr("&Again:"))
        self.second.setAccessibleName(self.tr("The same passphrase again"))
        self.create_button.setText(self.tr("&Create the key"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._changed()

    def _show_toggled(self, shown: bool) -> None:
        self.second.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def _problem(self) -> str | None:
        """Why the passphrase cannot be used yet, or None."""
        first, second = self.first.text(), self.second.text()
        if not first:
            return ""
        try:
            require_strong(first)  # as keygen decides: generated-shape patterns too, folded as the core folds
        except PassphraseTypo as err:
            return error_text(err)
        except ExporterError as err:
            if estimate(first).acceptable:  # zxcvbn is content: a pattern of digit groups, said by the core
                return str(err)  # without the hint, which names a command-line option
            return self.tr("Too easy to guess: use a longer phrase of several unrelated words.")
        if first != second:
            return self.tr("Type the same passphrase again in the second field.") if second else ""
        return None

    def _changed(self) -> None:
        first = self.first.text()
        if first:
            strength = estimate(first)
            self.meter.set_bits(strength.bits, acceptable=strength.acceptable)
        else:
            self.meter.set_bits(None, acceptable=False)
        problem = self._problem()
        if problem:
            self.note.show_message(problem, "error")
        else:
            self.note.clear_message()
        self.create_button.setEnabled(problem is None and not self.busy)

    @property
    def busy(self) -> bool:
        return self.worker is not None and self.worker.running

    def create_key(self) -> None:
        """Create the protected key on the worker; the dialog closes when it is saved."""
        if self._problem() is not None or self.busy:
            return
        passphrase, path, work_factor = self.first.text(), self._path, self._work_factor
        worker = Worker(lambda _progress, _cancel: key_store.create_key(passphrase, path, work_factor))
        worker.signals.succeeded.connect(self._created)
        worker.signals.failed.connect(self._failed)
        worker.signals.finished.connect(self._finished)
        self.worker = worker
        self._set_busy(True)
        worker.start()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.first, self.second, self.create_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.note.show_message(self.tr("Creating your key…"), "note")

    def _created(self, created: tuple[Path, KeyCard]) -> None:
        self.created = created
        self.first.clear()
        self.second.clear()
        self.accept()

    def _failed(self, error: ExporterError) -> None:
        self.note.show_message(error_text(error), "error")

    def _finished(self) -> None:
        self._set_busy(False)
        self.create_button.setEnabled(self.created is None and self._problem() is None)

    def reject(self) -> None:
        if self.busy:  # the key is being written: let it finish rather than leave half a file
            return
        self.first.clear()
        self.second.clear()
        super().reject()


class KeyPassphraseDialog(Retranslating, QDialog):
    """Ask for the passphrase that protects the key file ``key_file``; :meth:`passphrase` after ``accept()``.

    ``purpose`` is what the key is unlocked for: ``"open"`` an archive, or show its key ``"card"``.
    """

    def __init__(self, key_file: Path, parent: QWidget | None = None, *, purpose: str = "open") -> None:
        super().__init__(parent)
        self.key_file = key_file
        self._purpose = purpose
        self._passphrase = ""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.field = PassphraseField()
        self.field.textChanged.connect(self._changed)
        self.label = QLabel()
        self.label.setBuddy(self.field.edit)
        form = QFormLayout()
        form.addRow(self.label, self.field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * DIALOG_WIDTH_CHARS)
        self.retranslate_ui()
        self._changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Passphrase of your key"))
        if self._purpose == "card":
            intro = self.tr("Your key file {name} is protected. Type its passphrase to show its key card.")
        else:
            intro = self.tr("Your key file {name} is protected. Type its passphrase to open the archive.")
        self.intro.setText(intro.format(name=safe_text(self.key_file.name)))
        self.label.setText(self.tr("&Passphrase:"))
        self.field.setAccessibleName(self.tr("Passphrase of your key"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("&Show the card") if self._purpose == "card" else self.tr("&Open")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.field.text()))

    def accept(self) -> None:
        self._passphrase = self.field.text()
        self.field.clear()
        super().accept()

    def reject(self) -> None:
        self.field.clear()
        super().reject()

    def take_passphrase(self) -> str:
        """What was typed (once accepted), handed over once: the dialog keeps no copy (its field is empty too)."""
        passphrase, self._passphrase = self._passphrase, ""
        return passphrase
