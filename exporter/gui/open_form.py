"""What the Open window is to open: the archive, the key file or passphrase, and the folder for the data.

Three numbered boxes and the dialogs behind their buttons; :meth:`OpenForm.request` turns what was filled in into
an :class:`OpenRequest`, or the sentence that says what is still missing. Opening it is the window's business
(:mod:`exporter.gui.open_window`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from exporter.display import safe_text
from exporter.gui.open_task import OpenRequest, default_folder
from exporter.gui.retranslate import Retranslating
from exporter.gui.secret_field import PassphraseField


class OpenForm(Retranslating, QWidget):
    """The archive, the key (a key file, or the passphrase the sender told) and the destination folder.

    ``create_key_requested`` and ``key_card_requested`` are the "Create my key" and "Show my key card" buttons.
    """

    create_key_requested = Signal()
    key_card_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggested_folder: Path | None = None

        self.archive_box = QGroupBox()
        self.archive_edit = _path_edit()
        self.archive_edit.textChanged.connect(self._archive_changed)
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self.choose_archive)
        self.drop_hint = QLabel()
        self.drop_hint.setWordWrap(True)
        archive_layout = QGridLayout(self.archive_box)
        archive_layout.addWidget(self.archive_edit, 0, 0)
        archive_layout.addWidget(self.archive_button, 0, 1)
        archive_layout.addWidget(self.drop_hint, 1, 0, 1, 2)

        self.key_box = QGroupBox()
        self.key_file_radio = QRadioButton()
        self.key_file_radio.setChecked(True)
        self.key_file_edit = _path_edit()
        self.key_file_button = QPushButton()
        self.key_file_button.clicked.connect(self.choose_key_file)
        self.passphrase_radio = QRadioButton()
        self.passphrase_field = PassphraseField()
        self.passphrase_edit = self.passphrase_field.edit
        self.passphrase_edit.textEdited.connect(lambda: self.passphrase_radio.setChecked(True))
        self.my_key_note = QLabel()
        self.my_key_note.setWordWrap(True)
        self.create_key_button = QPushButton()
        self.create_key_button.clicked.connect(self.create_key_requested)
        self.key_card_button = QPushButton()
        self.key_card_button.clicked.connect(self.key_card_requested)
        self.key_file_edit.textEdited.connect(lambda: self.key_file_radio.setChecked(True))
        self._key_group = QButtonGroup(self)
        self._key_group.addButton(self.key_file_radio)
        self._key_group.addButton(self.passphrase_radio)
        key_layout = QGridLayout(self.key_box)
        key_layout.addWidget(self.key_file_radio, 0, 0)
        key_layout.addWidget(self.key_file_edit, 0, 1)
        key_layout.addWidget(self.key_file_button, 0, 2)
        key_layout.addWidget(self.passphrase_radio, 1, 0)
        key_layout.addWidget(self.passphrase_field, 1, 1, 1, 2)
        key_layout.addWidget(self.my_key_note, 2, 0, 1, 2)
        my_key_buttons = QVBoxLayout()
        my_key_buttons.addWidget(self.key_card_button)
        my_key_buttons.addWidget(self.create_key_button)
        key_layout.addLayout(my_key_buttons, 2, 2)
        key_layout.setColumnStretch(1, 1)

        self.folder_box = QGroupBox()
        self.folder_edit = _path_edit()
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_note = QLabel()
        self.folder_note.setWordWrap(True)
        folder_layout = QGridLayout(self.folder_box)
        folder_layout.addWidget(self.folder_edit, 0, 0)
        folder_layout.addWidget(self.folder_button, 0, 1)
        folder_layout.addWidget(self.folder_note, 1, 0, 1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (self.archive_box, self.key_box, self.folder_box):
            layout.addWidget(box)
        self.inputs: tuple[QWidget, ...] = (
            self.archive_edit, self.archive_button, self.key_file_radio, self.key_file_edit, self.key_file_button,
            self.passphrase_radio, self.passphrase_field, self.create_key_button, self.key_card_button,
            self.folder_edit, self.folder_button,
        )  # fmt: skip
        self._my_key: Path | None = None  # the key file in the user's data folder, once there is one
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.archive_box.setTitle(self.tr("1. Archive"))
        self.archive_edit.setPlaceholderText(self.tr("The .zip.age file you received"))
        self.archive_edit.setAccessibleName(self.tr("Archive file"))
        self.archive_button.setText(self.tr("Choose &archive…"))
        self.drop_hint.setText(self.tr("You can also drag the archive or your key file onto this window."))
        self.key_box.setTitle(self.tr("2. Your key or passphrase"))
        self.key_file_radio.setText(self.tr("&Key file:"))
        self.key_file_edit.setPlaceholderText(self.tr("The key file made by “exporter keygen”"))
        self.key_file_edit.setAccessibleName(self.tr("Key file"))
        self.key_file_button.setText(self.tr("Choose key f&ile…"))
        self.passphrase_radio.setText(self.tr("&Passphrase:"))
        self.passphrase_edit.setPlaceholderText(self.tr("The passphrase the sender told you"))
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.key_card_button.setText(self.tr("Show my key &card…"))
        self._show_my_key()
        self.folder_box.setTitle(self.tr("3. Where to save the data"))
        self.folder_edit.setPlaceholderText(self.tr("An empty folder"))
        self.folder_edit.setAccessibleName(self.tr("Destination folder"))
        self.folder_button.setText(self.tr("Choose &folder…"))
        self.folder_note.setText(
            self.tr("data.csv and manifest.json are saved here; a folder that already holds them is refused.")
        )

    # --- choosing -------------------------------------------------------------------------------------------

    def choose_archive(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the archive"), "", self.tr("Encrypted exports (*.age);;All files (*)")
        )
        if path:
            self.set_archive(Path(path))

    def choose_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose your key file"), "", self.tr("Key files (*.txt *.key);;All files (*)")
        )
        if path:
            self.set_key_file(Path(path))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder for the data"), self.folder_edit.text())
        if path:
            self.folder_edit.setText(path)

    def set_archive(self, path: Path) -> None:
        self.archive_edit.setText(str(path))

    def set_key_file(self, path: Path) -> None:
        self.key_file_edit.setText(str(path))
        self.key_file_radio.setChecked(True)

    def set_passphrase(self, passphrase: str) -> None:
        self.passphrase_edit.setText(passphrase)
        self.passphrase_radio.setChecked(True)

    def set_folder(self, path: Path) -> None:
        self.folder_edit.setText(str(path))

    def add_dropped(self, path: Path) -> None:
        """A file dropped on the window: an ``.age`` file is the archive, anything else the key file."""
        if path.name.lower().endswith(".age"):
            self.set_archive(path)
        else:
            self.set_key_file(path)

    def forget_passphrase(self) -> None:
        """Do not keep a secret on screen longer than needed."""
        self.passphrase_field.clear()

    def set_my_key(self, path: Path | None) -> None:
        """The recipient's own key file (None: they have none yet, so offer to create one)."""
        self._my_key = path
        self._show_my_key()

    def _show_my_key(self) -> None:
        if self._my_key is None:
            self.my_key_note.setText(
                self.tr("No key yet? Create one, then send its key card to the sender so they can encrypt for you.")
            )
            self.create_key_button.setText(self.tr("&Create my key…"))
        else:
            self.my_key_note.setText(
                self.tr(
                    "Your key is on this computer ({name}). The sender needs its key card once. Lost its "
                    "passphrase? Create a new key: it is saved beside the old one, which is kept."
                ).format(name=safe_text(self._my_key.name))
            )
            self.create_key_button.setText(self.tr("Create a &new key…"))
        self.key_card_button.setVisible(self._my_key is not None)

    def _archive_changed(self, text: str) -> None:
        """Suggest a folder beside the archive, unless the clerk chose one."""
        current = self.folder_edit.text().strip()
        if text.strip() and (not current or Path(current) == self._suggested_folder):
            self._suggested_folder = default_folder(Path(text.strip()))
            self.folder_edit.setText(str(self._suggested_folder))

    # --- what to open ---------------------------------------------------------------------------------------

    def request(self) -> OpenRequest | str:
        """What to open, or the sentence that says what is still missing."""
        archive, folder = self.archive_edit.text().strip(), self.folder_edit.text().strip()
        key_file, passphrase = self.key_file_edit.text().strip(), self.passphrase_edit.text()
        if not archive:
            return self.tr("Choose the archive (.zip.age) first.")
        if self.key_file_radio.isChecked() and not key_file:
            return self.tr("Choose your key file, or choose Passphrase and type it.")
        if self.passphrase_radio.isChecked() and not passphrase:
            return self.tr("Type the passphrase, or choose Key file.")
        if not folder:
            return self.tr("Choose a folder for the data.")
        if self.key_file_radio.isChecked():
            return OpenRequest(Path(archive), Path(folder), Path(key_file), None)
        return OpenRequest(Path(archive), Path(folder), None, passphrase)


def _path_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setAcceptDrops(False)  # drops go to the window, which knows archives from key files
    edit.setClearButtonEnabled(True)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 48)
    return edit
