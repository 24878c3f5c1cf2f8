"""The core's English sentences (error messages and hints), translated for the GUI.

The core (``exporter/``) has no Qt and writes English for the command line. Every sentence it can raise is listed
here once: fixed sentences as they are, sentences that carry a file name, line number or column as a pattern whose
named groups go into the translated template. A hint made of several sentences (the passphrase estimator's advice
followed by ours) is translated sentence by sentence. Unknown sentences are shown as they are.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from exporter.errors import ExporterError
from exporter.messages import Message

CONTEXT = "CoreMessages"

# Sentences without a variable part: sniff, source, pipeline, atomic, passphrase, envelope (age, x25519, scrypt,
# keyfile, messages), decrypt, errors; then the advice of the zxcvbn strength estimator that require_strong quotes.
_SENTENCES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CoreMessages", "No key or passphrase given opens this archive."),
    QT_TRANSLATE_NOOP("CoreMessages", "This archive is protected by a passphrase; check that it was typed exactly."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "This archive was encrypted to keys; choose the key file that belongs to one of them."),
    QT_TRANSLATE_NOOP("CoreMessages", "This archive was encrypted for a kind of key this program does not support."),
    QT_TRANSLATE_NOOP("CoreMessages", "This file is not an age-encrypted archive."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose the .age file you received, not the key file or an already opened copy."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "This archive was made with a newer age format version that this program does not understand."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender to encrypt it with age version 1 (age-encryption.org/v1)."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its header is malformed."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "The archive is damaged or was altered: its text (ASCII armor) encoding is malformed."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its header does not verify."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its content does not verify."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: it was cut short."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: data follows its end."),
    QT_TRANSLATE_NOOP("CoreMessages", "The archive is damaged or was altered: its last part is empty."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender for a fresh copy of the archive."),
    QT_TRANSLATE_NOOP("CoreMessages", "Use “exporter decrypt --raw” to get its content as it is."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose an empty folder, or move the earlier files away."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose a folder where you may save files."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is not a valid age secret key."),
    QT_TRANSLATE_NOOP("CoreMessages", "A secret key starts with AGE-SECRET-KEY-1 and is 74 characters long."),
    QT_TRANSLATE_NOOP("CoreMessages", "A public key was given where the secret key belongs."),
    QT_TRANSLATE_NOOP("CoreMessages", "Give the key file with the line that starts with AGE-SECRET-KEY-1."),
    # reading the resident file
    QT_TRANSLATE_NOOP("CoreMessages", "Use utf-8, utf-8-sig, cp932 or utf-16."),
    QT_TRANSLATE_NOOP("CoreMessages", "Save it from Excel as “CSV UTF-8” and try again."),
    QT_TRANSLATE_NOOP("CoreMessages", "Open it with “exporter decrypt”."),
    QT_TRANSLATE_NOOP("CoreMessages", "If you know its encoding, give it with --encoding."),
    QT_TRANSLATE_NOOP("CoreMessages", "Give the file's encoding with --encoding (for example cp932 or utf-8)."),
    QT_TRANSLATE_NOOP("CoreMessages", "Rename one of them so every column has its own name."),
    QT_TRANSLATE_NOOP("CoreMessages", "Run “exporter inspect” to see the column names."),
    QT_TRANSLATE_NOOP("CoreMessages", "Check for a missing or extra delimiter, or a quote that is not closed."),
    QT_TRANSLATE_NOOP("CoreMessages", "A quote may open a value only at its start, and the closing quote must end "
                                      "the value; write a quote inside a quoted value as two quotes (\"\")."),
    QT_TRANSLATE_NOOP("CoreMessages", "Check for a quote that is not closed."),
    QT_TRANSLATE_NOOP("CoreMessages", "Give the delimiter to use with --delimiter, or save the file with commas."),
    QT_TRANSLATE_NOOP("CoreMessages", "Save the table as a file first."),
    QT_TRANSLATE_NOOP("CoreMessages", "Say it in fewer words."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose a shorter name."),
    QT_TRANSLATE_NOOP("CoreMessages", "Free some space and try again."),
    QT_TRANSLATE_NOOP("CoreMessages", "The disk is full; nothing was written."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender to encrypt it to fewer recipients."),
    QT_TRANSLATE_NOOP("CoreMessages", "Open it on a computer with more memory, or ask the sender to encrypt it again "
                                      "with the usual settings."),
    QT_TRANSLATE_NOOP("CoreMessages", "Remove the columns that are not needed from the file before exporting."),
    QT_TRANSLATE_NOOP("CoreMessages", "Type it again in a terminal set to UTF-8, or use the wizard."),
    QT_TRANSLATE_NOOP("CoreMessages", "Export again once no other program is writing to the file."),
    # the plan, the output file, the passphrase and the recipients
    QT_TRANSLATE_NOOP("CoreMessages", "No column was chosen, so there is nothing to export."),
    QT_TRANSLATE_NOOP("CoreMessages", "Name at least one column with --column."),
    QT_TRANSLATE_NOOP("CoreMessages", "Check that the disk has free space and that you may write there."),
    QT_TRANSLATE_NOOP("CoreMessages", "Use either recipient keys or a passphrase, not both."),
    QT_TRANSLATE_NOOP("CoreMessages", "No recipient was given, so nobody could open the archive."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "Give the recipient's key with --recipient age1... or use --passphrase-file."),
    QT_TRANSLATE_NOOP("CoreMessages", "A recipient key starts with age1 and is 62 characters long."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose another file name or delete the old file."),
    QT_TRANSLATE_NOOP("CoreMessages", "The passphrase is empty."),
    QT_TRANSLATE_NOOP("CoreMessages", "Use --generate-passphrase to make a strong one."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose a passphrase of several words."),
    QT_TRANSLATE_NOOP("CoreMessages", "Add the recipient's public key (age1...) on a line of its own."),
    QT_TRANSLATE_NOOP("CoreMessages", "A secret key was given where the recipient's public key belongs."),
    QT_TRANSLATE_NOOP("CoreMessages", "Give the public key that starts with age1; keep the secret key private."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "That secret key is no longer private (it is in a file or your shell history now): the "
                      "recipient should make a new key with “exporter keygen” and send only its public key, which "
                      "starts with age1."),
    QT_TRANSLATE_NOOP("CoreMessages", "Post-quantum recipients (age1pq1...) are not supported yet."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the recipient for an X25519 key that starts with age1."),
    QT_TRANSLATE_NOOP("CoreMessages", "SSH keys are not supported as recipients."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the recipient for an age key that starts with age1."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is not a valid age recipient key."),
    QT_TRANSLATE_NOOP("CoreMessages", "Post-quantum keys (AGE-SECRET-KEY-PQ-1...) are not supported yet."),
    QT_TRANSLATE_NOOP("CoreMessages", "Plugin keys (AGE-PLUGIN-...) such as hardware keys are not supported."),
    QT_TRANSLATE_NOOP("CoreMessages", "A passphrase cannot be combined with other recipients."),
    QT_TRANSLATE_NOOP("CoreMessages", "Encrypt either to a passphrase alone or to one or more age1... keys."),
    QT_TRANSLATE_NOOP("CoreMessages", "This archive is encrypted for a post-quantum key (mlkem768x25519), "
                                      "a recipient type that is not supported yet."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender to encrypt it to your age1... key or with a passphrase."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "It is also encrypted for a post-quantum key (mlkem768x25519), which is not supported yet."),
    QT_TRANSLATE_NOOP("CoreMessages", "Ask the sender to encrypt it again with the usual settings."),
    QT_TRANSLATE_NOOP("CoreMessages", "The export was cancelled; nothing was written."),
    QT_TRANSLATE_NOOP("CoreMessages", "Opening the archive was cancelled; nothing was written."),
    QT_TRANSLATE_NOOP("CoreMessages", "Update exporter to open it."),
    QT_TRANSLATE_NOOP("CoreMessages", "Choose a folder for the opened files."),
    QT_TRANSLATE_NOOP("CoreMessages", "Free some space or choose a folder on another disk."),
    QT_TRANSLATE_NOOP("CoreMessages",
                      "A FAT32 disk holds files of up to 4 GB; choose a disk formatted as exFAT or NTFS."),
    # zxcvbn's feedback (zxcvbn/feedback.py), quoted in the hint of a weak passphrase
    QT_TRANSLATE_NOOP("CoreMessages", "Use a few words, avoid common phrases."),
    QT_TRANSLATE_NOOP("CoreMessages", "No need for symbols, digits, or uppercase letters."),
    QT_TRANSLATE_NOOP("CoreMessages", "Add another word or two."),
    QT_TRANSLATE_NOOP("CoreMessages", "Uncommon words are better."),
    QT_TRANSLATE_NOOP("CoreMessages", "Straight rows of keys are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Short keyboard patterns are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Use a longer keyboard pattern with more turns."),
    QT_TRANSLATE_NOOP("CoreMessages", "Repeats like \"aaa\" are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\"."),
    QT_TRANSLATE_NOOP("CoreMessages", "Avoid repeated words and characters."),
    QT_TRANSLATE_NOOP("CoreMessages", "Sequences like \"abc\" or \"6543\" are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Avoid sequences."),
    QT_TRANSLATE_NOOP("CoreMessages", "Recent years are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Avoid recent years."),
    QT_TRANSLATE_NOOP("CoreMessages", "Avoid years that are associated with you."),
    QT_TRANSLATE_NOOP("CoreMessages", "Dates are often easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Avoid dates and years that are associated with you."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is a top-10 common password."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is a top-100 common password."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is a very common password."),
    QT_TRANSLATE_NOOP("CoreMessages", "This is similar to a commonly used password."),
    QT_TRANSLATE_NOOP("CoreMessages", "A word by itself is easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Names and surnames by themselves are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Common names and surnames are easy to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Capitalization doesn't help very much."),
    QT_TRANSLATE_NOOP("CoreMessages", "All-uppercase is almost as easy to guess as all-lowercase."),
    QT_TRANSLATE_NOOP("CoreMessages", "Reversed words aren't much harder to guess."),
    QT_TRANSLATE_NOOP("CoreMessages", "Predictable substitutions like '@' instead of 'a' don't help very much."),
)  # fmt: skip

_NAME = r"(?P<name>.+)"
_KIND = r"(?P<kind>identity file|passphrase file|recipients file)"
_LINE = r"(?P<name>.+) line (?P<line>\d+)"
_ENTRY = r"(?P<entry>data\.csv|manifest\.json)"

# Sentences with a variable part. Order matters where one pattern is more general than another.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(?P<name>.+), line (?P<line>\d+): (?P<message>.+)",
     QT_TRANSLATE_NOOP("CoreMessages", "{name}, line {line}: {message}")),
    # keyfiles.py: identity, passphrase and recipients files (the kind is translated on its own, see _KINDS)
    (rf"The {_KIND} (?P<path>.+) does not exist\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} does not exist.")),
    (rf"The {_KIND} (?P<path>.+) cannot be read: (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} cannot be read: {reason}.")),
    (rf"The {_KIND} (?P<path>.+) cannot be opened: permission denied\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} cannot be opened: permission denied.")),
    (rf"The {_KIND} (?P<path>.+) is a folder, not a file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} is a folder, not a file.")),
    (rf"The {_KIND} (?P<path>.+) is a device or socket, not a file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} is a device or socket, not a file.")),
    (rf"The {_KIND} (?P<path>.+) is too large \(the limit is (?P<limit>\d+) KiB\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} is too large (the limit is {limit} KiB).")),
    (rf"The {_KIND} (?P<path>.+) is not UTF-8 text\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The {kind} {path} is not UTF-8 text.")),
    (r"(?P<path>.+) can be opened by other users of this computer \(permissions (?P<mode>[0-7]+)\); "
     r"make it private with “chmod 600 (?P=path)”\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} can be opened by other users of this computer (permissions {mode}); "
                                       "make it private with “chmod 600 {path}”.")),
    # pipeline.py: one of several recipient keys is refused (its text is never repeated)
    (r"Recipient (?P<position>\d+) of (?P<count>\d+): (?P<message>.+)",
     QT_TRANSLATE_NOOP("CoreMessages", "Recipient {position} of {count}: {message}")),
    # sniff.py and source.py: the resident file, with its name and line
    (rf"{_NAME} is empty: it has no header row\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is empty: it has no header row.")),
    (rf"{_LINE} contains a NUL byte, so it is not a text table\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} contains a NUL byte, so it is not a text table.")),
    (rf"{_NAME} contains binary data at line (?P<line>\d+), so it is not a CSV text file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} contains binary data at line {line}, so it is not a CSV text file.")),
    (rf"{_NAME} is an Excel workbook or another ZIP file, not a CSV text file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is an Excel workbook or another ZIP file, not a CSV text file.")),
    (rf"{_NAME} is an old Excel workbook \(\.xls\), not a CSV text file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is an old Excel workbook (.xls), not a CSV text file.")),
    (rf"{_NAME} is a PDF document, not a CSV text file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is a PDF document, not a CSV text file.")),
    (rf"{_NAME} is an age-encrypted archive, not a CSV text file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is an age-encrypted archive, not a CSV text file.")),
    (rf"{_NAME} is neither UTF-8 nor CP932 \(Shift_JIS\) text\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is neither UTF-8 nor CP932 (Shift_JIS) text.")),
    (rf"{_LINE} cannot be read as (?P<encoding>[\w-]+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} cannot be read as {encoding}.")),
    (rf"{_LINE} has bytes that are not valid (?P<encoding>[\w-]+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} has bytes that are not valid {encoding}.")),
    (rf"{_LINE} names the column “(?P<column>.*)” twice \(columns (?P<first>\d+) and (?P<second>\d+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "{name} line {line} names the column “{column}” twice (columns {first} and {second}).")),
    (rf"{_LINE} has (?P<count>\d+) values?, but the header has (?P<expected>\d+) columns\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "{name} line {line} has {count} value(s), but the header has {expected} columns.")),
    (rf"{_LINE} opens a quoted value that is never closed\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} opens a quoted value that is never closed.")),
    (rf"{_LINE} has a quoted value followed by more text before the next delimiter "
     r"\(column (?P<column>\d+), closed on line (?P<closed>\d+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} has a quoted value followed by more text before the next "
                                       "delimiter (column {column}, closed on line {closed}).")),
    (rf"{_LINE} has a quoted value followed by more text before the next delimiter \(column (?P<column>\d+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} has a quoted value followed by more text before the next "
                                       "delimiter (column {column}).")),
    (rf"{_LINE} opens a quoted value that is not closed within (?P<limit>[\d.]+ MiB)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} opens a quoted value that is not closed within {limit}.")),
    (rf"{_LINE} starts a header longer than the limit of (?P<limit>[\d.]+ MiB)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} starts a header longer than the limit of {limit}.")),
    (rf"{_LINE} starts a row longer than the limit of (?P<limit>[\d.]+ MiB)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} starts a row longer than the limit of {limit}.")),
    (r"If the file is right, raise the limit with the command line's (?P<option>--max-(?:row|header)-size) "
     r"\(in MiB\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "If the file is right, raise the limit with the command line's {option} "
                                       "(in MiB).")),
    (rf"{_LINE} names the delimiter (?P<value>.+) \(sep=\), but a delimiter must be one ASCII character\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} names the delimiter {value} (sep=), but a delimiter must "
                                       "be one ASCII character.")),
    (r"The purpose is (?P<count>[\d,]+) characters long; at most (?P<limit>[\d,]+) fit in the archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The purpose is {count} characters long; at most {limit} fit in the archive.")),
    (r"The recipient's organisation is (?P<count>[\d,]+) characters long; at most (?P<limit>[\d,]+) fit in the "
     r"archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The recipient's organisation is {count} characters long; at most {limit} "
                                       "fit in the archive.")),
    (r"The file has a column name of (?P<count>[\d,]+) characters; at most (?P<limit>[\d,]+) fit in the archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The file has a column name of {count} characters; at most {limit} fit in "
                                       "the archive.")),
    (r"The file has too many columns to list in the archive \((?P<count>[\d,]+) left out; the list would take "
     r"(?P<size>[\d.]+) MiB, at most (?P<limit>\d+) MiB fit\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The file has too many columns to list in the archive ({count} left out; the "
                                       "list would take {size} MiB, at most {limit} MiB fit).")),
    (r"The archive's manifest would be invalid at “(?P<field>.*)”\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The archive's manifest would be invalid at “{field}”.")),
    (r"This archive names (?P<count>[\d,]+) recipients; this program opens archives of at most (?P<limit>[\d,]+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This archive names {count} recipients; this program opens archives of at "
                                       "most {limit}.")),
    (r"This archive's passphrase protection needs more memory than this computer gives the program "
     r"\((?P<size>[\d,]+) MiB for scrypt work factor (?P<factor>\d+)\); it was not opened\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This archive's passphrase protection needs more memory than this computer "
                                       "gives the program ({size} MiB for scrypt work factor {factor}); it was not "
                                       "opened.")),
    (r"(?P<path>.+) is a longer name than the file system allows\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} is a longer name than the file system allows.")),
    (r"(?P<path>.+) cannot be used: (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} cannot be used: {reason}.")),
    (rf"{_NAME} is not an ordinary file \(it is a pipe or a device\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} is not an ordinary file (it is a pipe or a device).")),
    (rf"{_NAME} changed while it was being read: its header is not the one read at first\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} changed while it was being read: its header is not the one read at "
                                       "first.")),
    (r"“(?P<encoding>.*)” is not an encoding a text file is written in\.",
     QT_TRANSLATE_NOOP("CoreMessages", "“{encoding}” is not an encoding a text file is written in.")),
    (r"The text given with (?P<option>--[\w-]+) is not valid in this terminal's encoding\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The text given with {option} is not valid in this terminal's encoding.")),
    (rf"{_NAME} lines (?P<first>\d+) to (?P<last>\d+) could not be read as CSV\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} lines {first} to {last} could not be read as CSV.")),
    (rf"{_LINE} is not valid CSV \((?P<detail>.+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} line {line} is not valid CSV ({detail}).")),
    (rf"{_NAME} could not be read as CSV \((?P<detail>.+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be read as CSV ({detail}).")),
    (rf"{_NAME} could not be read: (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} could not be read: {reason}.")),
    (rf"{_NAME} cannot be opened: permission denied\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} cannot be opened: permission denied.")),
    (rf"{_NAME} grew while it was being read, so the export was stopped\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} grew while it was being read, so the export was stopped.")),
    (r"(?P<path>.+) is a folder, not a CSV file\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} is a folder, not a CSV file.")),
    (r"“(?P<encoding>.*)” is not an encoding this program knows\.",
     QT_TRANSLATE_NOOP("CoreMessages", "“{encoding}” is not an encoding this program knows.")),
    (r"The delimiter must be one ASCII character such as , or ; \(not (?P<value>.+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The delimiter must be one ASCII character such as , or ; (not {value}).")),
    (rf"{_NAME} has no column named “(?P<column>.*)”\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} has no column named “{column}”.")),
    (r"The column “(?P<column>.*)” is asked for twice\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The column “{column}” is asked for twice.")),
    (r"Did you mean (?P<names>“.*”)\?",
     QT_TRANSLATE_NOOP("CoreMessages", "Did you mean {names}?")),
    # pipeline.py, atomic.py, passphrase.py, envelope: the plan and the output
    (r"(?P<path>.+) could not be written: (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} could not be written: {reason}.")),
    (r"(?P<path>.+) cannot be created: (?P<reason>.+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} cannot be created: {reason}.")),
    (r"The passphrase is too weak: it could be guessed in about 10\^(?P<power>\d+) tries\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The passphrase is too weak: it could be guessed in about 10^{power} tries.")),
    (rf"{_NAME} holds no recipient key\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} holds no recipient key.")),
    (r"This archive's passphrase protection demands more computing work than allowed "
     r"\(scrypt work factor above (?P<limit>\d+)\); it was not opened\.",
     QT_TRANSLATE_NOOP("CoreMessages", "This archive's passphrase protection demands more computing work than "
                                       "allowed (scrypt work factor above {limit}); it was not opened.")),
    # decrypt.py and keyfile.py: the receiving side
    (rf"{_NAME} decrypted, but it is not an exporter archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it is not an exporter archive.")),
    (rf"{_NAME} decrypted, but it does not hold data\.csv and manifest\.json\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it does not hold data.csv and manifest.json.")),
    (rf"{_NAME} decrypted, but its manifest is not an exporter manifest\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but its manifest is not an exporter manifest.")),
    (rf"data\.csv in {_NAME} does not match its manifest: the archive was altered\.",
     QT_TRANSLATE_NOOP("CoreMessages", "data.csv in {name} does not match its manifest: the archive was altered.")),
    # unzip.py, manifest.py, staging.py: the inner ZIP, the manifest and the output folder
    (rf"The ZIP inside {_NAME} is damaged: its directory is malformed\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The ZIP inside {name} is damaged: its directory is malformed.")),
    (rf"The ZIP inside {_NAME} is damaged: the sizes of {_ENTRY} disagree\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The ZIP inside {name} is damaged: the sizes of {entry} disagree.")),
    (rf"The ZIP inside {_NAME} is damaged: {_ENTRY} fails its CRC-32 check\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The ZIP inside {name} is damaged: {entry} fails its CRC-32 check.")),
    (rf"The ZIP inside {_NAME} is damaged: the compressed data of {_ENTRY} is corrupt\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "The ZIP inside {name} is damaged: the compressed data of {entry} is corrupt.")),
    (rf"The ZIP inside {_NAME} is damaged: {_ENTRY} unpacks to more than its headers say\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "The ZIP inside {name} is damaged: {entry} unpacks to more than its headers say.")),
    (rf"{_ENTRY} in {_NAME} is compressed with (?P<method>.+) \(method (?P<number>\d+)\), which exporter never uses\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "{entry} in {name} is compressed with {method} (method {number}), which exporter never uses.")),
    (rf"{_ENTRY} in {_NAME} is encrypted inside the archive, which exporter never does\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "{entry} in {name} is encrypted inside the archive, which exporter never does.")),
    (rf"{_NAME} decrypted, but it holds other files than data\.csv and manifest\.json\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it holds other files than data.csv and manifest.json.")),
    (rf"{_NAME} decrypted, but it holds {_ENTRY} twice\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} decrypted, but it holds {entry} twice.")),
    (rf"The manifest in {_NAME} is too large to be genuine\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} is too large to be genuine.")),
    (rf"The manifest in {_NAME} is not UTF-8 text\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} is not UTF-8 text.")),
    (rf"The manifest in {_NAME} is not valid JSON\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} is not valid JSON.")),
    (rf"The manifest in {_NAME} is nested too deeply\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} is nested too deeply.")),
    (rf"The manifest in {_NAME} names a field twice\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} names a field twice.")),
    (rf"The manifest in {_NAME} holds text that is not valid Unicode\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} holds text that is not valid Unicode.")),
    (rf"The manifest in {_NAME} lacks “(?P<field>.+)”\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} lacks “{field}”.")),
    (rf"The manifest in {_NAME} has an invalid “(?P<field>.+)”\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The manifest in {name} has an invalid “{field}”.")),
    (rf"{_NAME} was made by a newer version of exporter \(archive format (?P<version>\d+)\)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} was made by a newer version of exporter (archive format {version}).")),
    (rf"data\.csv in {_NAME} would unpack to (?P<size>.+), (?P<ratio>[\d,]+) times the size of the archive; "
     r"the limit is (?P<limit>[\d,.e+]+) times\.",
     QT_TRANSLATE_NOOP("CoreMessages", "data.csv in {name} would unpack to {size}, {ratio} times the size of the "
                                       "archive; the limit is {limit} times.")),
    (r"If you trust the archive, allow more with --max-expansion (?P<number>\d+)\.",
     QT_TRANSLATE_NOOP("CoreMessages", "If you trust the archive, allow more with --max-expansion {number}.")),
    (r"(?P<path>.+) is a file, not a folder\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} is a file, not a folder.")),
    (r"The folder (?P<path>.+) cannot be made\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The folder {path} cannot be made.")),
    (r"There is not enough free space in (?P<path>.+): (?P<needed>.+) are needed and (?P<free>.+) are free\.",
     QT_TRANSLATE_NOOP("CoreMessages",
                       "There is not enough free space in {path}: {needed} are needed and {free} are free.")),
    (r"The disk holding (?P<path>.+) is full; nothing was written\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The disk holding {path} is full; nothing was written.")),
    (r"The files are too large for the disk holding (?P<path>.+); nothing was written\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The files are too large for the disk holding {path}; nothing was written.")),
    (r"The folder (?P<path>.+) does not exist\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The folder {path} does not exist.")),
    (r"The folder (?P<path>.+) cannot be written to\.",
     QT_TRANSLATE_NOOP("CoreMessages", "The folder {path} cannot be written to.")),
    (r"(?P<path>.+) does not exist\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} does not exist.")),
    (r"(?P<path>.+) is a folder, not an archive\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} is a folder, not an archive.")),
    (r"(?P<path>.+) already exists\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{path} already exists.")),
    (rf"{_NAME} holds no secret key\.",
     QT_TRANSLATE_NOOP("CoreMessages", "{name} holds no secret key.")),
    (r"Choose the key file made by 'exporter keygen' or age-keygen\.",
     QT_TRANSLATE_NOOP("CoreMessages", "Choose the key file made by “exporter keygen” or age-keygen.")),
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern, re.DOTALL), template) for pattern, template in _PATTERNS)
_KNOWN = frozenset(_SENTENCES)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z“\"'])")
_QUOTED = re.compile(r"“([^”]*)”")


def translate_core_message(text: str) -> str:
    """The translation of the core's sentence(s), or the text itself where a sentence is not known."""
    translated = _translate_sentence(text)
    if translated is not None:
        return translated
    parts = _SENTENCE_END.split(text)
    if len(parts) == 1:
        return text
    return _join([_translate_sentence(part) or part for part in parts])


def error_text(error: ExporterError) -> tuple[str, str | None]:
    """The error's sentence and optional hint, translated when the sentence is known."""
    hint = _translated(error.hint) if error.hint else None
    return _translated(error.message), hint


def _translated(text: str | Message) -> str:
    if isinstance(text, Message):  # from the catalogue: rendered in the wizard's language
        return str(text)  # install_translators set the core's language to the wizard's
    return translate_core_message(text)


def _translate_sentence(text: str) -> str | None:
    if text in _KNOWN:
        return QCoreApplication.translate(CONTEXT, text)
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        fields = match.groupdict()
        if "message" in fields:  # "file, line 3: this is not ..." wraps a sentence that starts lower-case
            inner = fields["message"]
            fields["message"] = translate_core_message(inner[:1].upper() + inner[1:])
        if "kind" in fields:  # "identity file": a noun of its own, in the translated sentence's grammar
            fields["kind"] = QCoreApplication.translate(CONTEXT, fields["kind"])
        if "names" in fields:  # “phone” or “phone2”
            names = [QCoreApplication.translate(CONTEXT, "“{name}”").format(name=name)
                     for name in _QUOTED.findall(fields["names"])]  # fmt: skip
            fields["names"] = QCoreApplication.translate(CONTEXT, " or ").join(names)
        return QCoreApplication.translate(CONTEXT, template).format(**fields)
    return None


def _join(sentences: list[str]) -> str:
    """Sentences in a row: a space after an English one, none after a Japanese one (it ends in 。)."""
    text = ""
    for sentence in sentences:
        if text and not text.endswith(("。", "？", "！", "）")):
            text += " "
        text += sentence
    return text


# lupdate collects these two pieces of "Did you mean “a” or “b”?" from here.
_PIECES = (QT_TRANSLATE_NOOP("CoreMessages", "“{name}”"), QT_TRANSLATE_NOOP("CoreMessages", " or "))
# ... and the kinds of key file (keyfiles.py) that the sentences above name.
_KINDS = (
    QT_TRANSLATE_NOOP("CoreMessages", "identity file"),
    QT_TRANSLATE_NOOP("CoreMessages", "passphrase file"),
    QT_TRANSLATE_NOOP("CoreMessages", "recipients file"),
)
