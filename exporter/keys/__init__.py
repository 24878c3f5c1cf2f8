"""Keys of the people at both ends: check codes, passphrase-protected identities, key cards, the address book.

    check_code.py   the check code of a public key (the same everywhere a key appears)
    identity.py     the recipient's own key file, protected by a passphrase in age's format
    card.py         the key card a recipient sends: public key, check code, "send only this"
    book.py         the address book of recipients (names -> keys)
    settings.py     the user's settings: the office key, the remembered key file, the book's place
    recipients.py   who one export is for: keys, names from the book, and the office key
    paths.py        where these files live (EXPORTER_DATA_DIR, EXPORTER_CONFIG_DIR)
    store.py        reading and atomically writing the TOML files, and their read-only lock
    signers.py      the recipient's trusted office signing keys (exporter.signing), kept like the book

No Qt here: the command line and the wizard call these functions alike.
"""

from exporter.keys.book import (
    AddressBook,
    BookEntry,
    UnknownRecipient,
    add_recipient,
    book_path,
    confirm_recipient,
    load_book,
    remove_recipient,
)
from exporter.keys.card import KeyCard, write_card
from exporter.keys.check_code import CHECK_CODE_BITS, check_code
from exporter.keys.identity import (
    DEFAULT_WORK_FACTOR,
    CreatedKey,
    KeyPassphraseNeeded,
    WrongKeyPassphrase,
    card_of,
    create_identity,
    identities_from_bytes,
    identity_file_is_protected,
    load_identities,
)
from exporter.keys.paths import config_dir, data_dir, default_identity_path
from exporter.keys.recipients import PlannedRecipient, resolve_recipients
from exporter.keys.settings import (
    OfficeKey,
    Settings,
    clear_office_key,
    load_settings,
    office_key,
    remember_identity_file,
    set_office_key,
)

__all__ = [
    "CHECK_CODE_BITS",
    "DEFAULT_WORK_FACTOR",
    "AddressBook",
    "BookEntry",
    "CreatedKey",
    "KeyCard",
    "KeyPassphraseNeeded",
    "OfficeKey",
    "PlannedRecipient",
    "Settings",
    "UnknownRecipient",
    "WrongKeyPassphrase",
    "add_recipient",
    "book_path",
    "card_of",
    "check_code",
    "clear_office_key",
    "config_dir",
    "confirm_recipient",
    "create_identity",
    "data_dir",
    "default_identity_path",
    "identities_from_bytes",
    "identity_file_is_protected",
    "load_book",
    "load_identities",
    "load_settings",
    "office_key",
    "remember_identity_file",
    "remove_recipient",
    "resolve_recipients",
    "set_office_key",
    "write_card",
]
