"""Changing the address book and the settings safely: a confirmation belongs to a key, concurrent changes are all
kept, an administrator's comments survive, a named book must exist, and broken files are said with their line.

Each test has its own config folder (EXPORTER_CONFIG_DIR). Subprocesses run the real command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from key_tools import code_of, exporter

from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.keys import add_recipient, clear_office_key, confirm_recipient, load_book, load_settings
from exporter.sample import sample_bytes

TIMEOUT = 120
CLINIC = X25519Identity.generate()
NEW_CLINIC = X25519Identity.generate()


pytestmark = pytest.mark.usefixtures("sentences_in_english")


def environment() -> dict[str, str]:
    values = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    values.update(PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    return values


def export_to(tmp_path: Path, *recipients: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))
    to = [argument for name in recipients for argument in ("--to", name)]
    return exporter("export", "residents.csv", "--column", "phone", *to, "--output", "out.age", cwd=tmp_path)


def test_a_confirmation_ends_when_the_entrys_key_is_changed(config, tmp_path):
    add_recipient("Clinic", str(CLINIC.recipient))
    confirm_recipient("Clinic", date(2026, 11, 2))
    book_file = config / "recipients.toml"
    book_file.write_text(
        book_file.read_text(encoding="utf-8").replace(str(CLINIC.recipient), str(NEW_CLINIC.recipient)),
        encoding="utf-8",
    )

    listed = exporter("recipients", "list", cwd=tmp_path)
    exported = export_to(tmp_path, "Clinic")

    assert load_book().find("Clinic").confirmed is None
    assert listed.stdout.splitlines()[1].split()[-1] == "-"
    assert exported.returncode == 0, exported.stderr
    new_code = code_of(str(NEW_CLINIC.recipient))
    assert f"warning: the check code {new_code} of Clinic has not been confirmed yet" in exported.stderr


def test_a_confirmation_without_a_stored_code_counts_as_unconfirmed(config):
    config.mkdir()
    (config / "recipients.toml").write_text(
        f'[[recipient]]\nname = "Clinic"\nkey = "{CLINIC.recipient}"\nconfirmed = 2026-11-02\n', encoding="utf-8"
    )

    assert load_book().find("Clinic").confirmed is None
    assert confirm_recipient("Clinic", date(2026, 11, 3)).confirmed == date(2026, 11, 3)
    assert load_book().find("Clinic").confirmed == date(2026, 11, 3)


def test_ten_parallel_adds_are_all_kept_with_the_administrators_comments(config, tmp_path):
    config.mkdir()
    book_file = config / "recipients.toml"
    book_file.write_text("# kept by IT: call 1234 before changing\nlocked = false  # open for now\n", encoding="utf-8")
    keys = [str(X25519Identity.generate().recipient) for _ in range(10)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "exporter", "recipients", "add", f"Office {number}", "--key", key],
            cwd=tmp_path,
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for number, key in enumerate(keys)
    ]
    results = [(process.wait(TIMEOUT), process.stderr.read() if process.stderr else b"") for process in processes]
    for process in processes:
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()

    assert [code for code, _ in results] == [0] * 10, results
    assert sorted(entry.key for entry in load_book().entries) == sorted(keys)
    text = book_file.read_text(encoding="utf-8")
    assert text.startswith("# kept by IT: call 1234 before changing\nlocked = false  # open for now\n")


def test_removing_and_confirming_keep_comments_and_other_entries(config, tmp_path):
    config.mkdir()
    book_file = config / "recipients.toml"
    book_file.write_text(
        "# the city's book\n"
        f'[[recipient]]\nname = "Clinic"  # since 2025\nkey = "{CLINIC.recipient}"\n\n'
        f'[[recipient]]\nname = "Other"\nkey = "{NEW_CLINIC.recipient}"\n',
        encoding="utf-8",
    )

    confirmed = exporter("recipients", "confirm", "Clinic", "--on", "2026-11-02", cwd=tmp_path)
    removed = exporter("recipients", "remove", "Other", cwd=tmp_path)

    assert confirmed.returncode == 0, confirmed.stderr
    assert removed.returncode == 0, removed.stderr
    text = book_file.read_text(encoding="utf-8")
    assert "# the city's book\n" in text
    assert 'name = "Clinic"  # since 2025\n' in text
    assert [(entry.name, entry.confirmed) for entry in load_book().entries] == [("Clinic", date(2026, 11, 2))]


@pytest.mark.parametrize("value", ['"true"', "1", '"yes"'])
def test_locked_that_is_not_a_boolean_is_refused_with_its_line(config, value):
    config.mkdir()
    book_file = config / "recipients.toml"
    book_file.write_text(f'# the book\n\nlocked = {value}\n[[recipient]]\nname = "A"\nkey = "{CLINIC.recipient}"\n')

    with pytest.raises(PlanError) as refused:
        load_book()

    assert str(refused.value) == f"The address book {book_file}: line 3 must say locked = true or locked = false."


def test_a_confirmation_date_in_the_future_is_refused_when_read(config):
    config.mkdir()
    book_file = config / "recipients.toml"
    tomorrow = date.today() + timedelta(days=1)
    code = code_of(str(CLINIC.recipient))
    book_file.write_text(
        f'[[recipient]]\nname = "A"\nkey = "{CLINIC.recipient}"\nconfirmed = {tomorrow}\nconfirmed_code = "{code}"\n'
    )

    with pytest.raises(PlanError) as refused:
        load_book()

    assert str(refused.value) == (
        f"The address book {book_file}: entry 1 was confirmed on {tomorrow.isoformat()}, a day in the future."
    )


def test_a_named_book_that_does_not_exist_is_an_error_and_is_not_created(config, tmp_path):
    config.mkdir()
    missing = tmp_path / "share" / "book.toml"
    (config / "settings.toml").write_text(f'address_book = "{missing}"\n', encoding="utf-8")

    listed = exporter("recipients", "list", cwd=tmp_path)
    added = exporter("recipients", "add", "Clinic", "--key", CLINIC.recipient, cwd=tmp_path)

    for result in (listed, added):
        assert result.returncode == 1
        assert f"exporter: error: The address book {missing} named in the settings does not exist." in result.stderr
    assert not missing.parent.exists()


def test_a_named_book_is_found_relative_to_the_config_folder_and_with_a_tilde(config, tmp_path, monkeypatch):
    config.mkdir()
    (config / "books").mkdir()
    (config / "books" / "city.toml").write_text(f'[[recipient]]\nname = "A"\nkey = "{CLINIC.recipient}"\n')
    (config / "settings.toml").write_text('address_book = "books/city.toml"\n', encoding="utf-8")
    relative = load_book()
    home = tmp_path / "home"
    (home / "it").mkdir(parents=True)
    (home / "it" / "book.toml").write_text(f'[[recipient]]\nname = "B"\nkey = "{CLINIC.recipient}"\n')
    monkeypatch.setenv("HOME", str(home))
    (config / "settings.toml").write_text('address_book = "~/it/book.toml"\n', encoding="utf-8")
    tilde = load_book()

    assert (relative.path, [entry.name for entry in relative.entries]) == (config / "books" / "city.toml", ["A"])
    assert (tilde.path, [entry.name for entry in tilde.entries]) == (home / "it" / "book.toml", ["B"])


def test_office_clear_mends_settings_whose_office_key_is_garbage(config, tmp_path):
    config.mkdir()
    settings = config / "settings.toml"
    settings.write_text('# set by IT\nidentity_file = "/x/key.age"\n[office]\nkey = "not a key"\n', encoding="utf-8")

    cleared = exporter("recipients", "office", "clear", cwd=tmp_path)

    assert cleared.returncode == 0, cleared.stderr
    assert cleared.stderr == "exporter: the office key is removed: exports are no longer encrypted to it\n"
    assert load_settings().office_key is None
    assert settings.read_text(encoding="utf-8").startswith('# set by IT\nidentity_file = "/x/key.age"\n')
    assert clear_office_key() is False
