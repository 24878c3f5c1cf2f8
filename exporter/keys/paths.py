"""Where the user's own key, the address book and the settings live.

    data folder     the recipient's identity file (``identity.age``): platformdirs' user data folder
                    (Linux ``~/.local/share/exporter``, Windows ``%LOCALAPPDATA%\\exporter``), or EXPORTER_DATA_DIR
    config folder   ``settings.toml`` and the address book ``recipients.toml``: platformdirs' user config folder
                    (Linux ``~/.config/exporter``, Windows ``%LOCALAPPDATA%\\exporter``), or EXPORTER_CONFIG_DIR

The environment variables exist for tests and for IT staff who keep these files elsewhere. Nothing is created
here: the functions only name the places; writers make the folder when they first write.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "exporter"
IDENTITY_FILE_NAME = "identity.age"
SETTINGS_FILE_NAME = "settings.toml"
BOOK_FILE_NAME = "recipients.toml"


def data_dir() -> Path:
    """The folder for the user's own key: EXPORTER_DATA_DIR if set, else the platform's user data folder."""
    override = os.environ.get("EXPORTER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=False)


def config_dir() -> Path:
    """The folder for settings and the address book: EXPORTER_CONFIG_DIR if set, else the user config folder."""
    override = os.environ.get("EXPORTER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False, roaming=False)


def default_identity_path() -> Path:
    """Where ``exporter keygen`` and the Open window's Create my key put the key when no file is named."""
    return data_dir() / IDENTITY_FILE_NAME


def settings_path() -> Path:
    """The settings file (office key, the key file the Open window remembers, the address book's place)."""
    return config_dir() / SETTINGS_FILE_NAME


def default_book_path() -> Path:
    """The address book's file unless the settings name another (``address_book = "..."``)."""
    return config_dir() / BOOK_FILE_NAME
