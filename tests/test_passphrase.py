"""Generated passphrases of digit groups: their form and strength, typed back in Japanese input habits, and the
same normalisation on both sides (core, command line, Debian age typed through a pseudo-terminal)."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle_tools import age_decrypt_passphrase, require_tool

from exporter import messages
from exporter.cli import main
from exporter.decrypt import decrypt_archive
from exporter.errors import PlanError
from exporter.passphrase import (
    GENERATED_BITS,
    SEPARATORS,
    PassphraseTypo,
    estimate,
    generate,
    generated_bits,
    is_generated,
    normalise,
    passphrase_identity,
)
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes

CANONICAL = re.compile(r"\d{6}(-\d{6}){7}")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# What a clerk's keyboard puts between groups: ASCII and ideographic spaces, the IME's ー for "-", the full-width
# hyphen-minus, and the dashes a word processor substitutes.
TYPED_SEPARATORS = (" ", "\u3000", "ー", "－", "-", "‐", "‑", "–", "—", "−", "〜", "～", "  ", " - ")
group_values = st.integers(min_value=0, max_value=999_999 // 11).map(lambda n: f"{n * 11:06d}")
generated_groups = st.lists(group_values, min_size=8, max_size=8)


def test_generated_passphrase_is_eight_groups_of_six_digits_each_a_multiple_of_eleven() -> None:
    for _ in range(200):
        passphrase = generate()
        assert CANONICAL.fullmatch(passphrase)
        assert all(int(group) % 11 == 0 for group in passphrase.split("-"))


def test_generated_passphrases_hold_more_than_130_bits() -> None:
    values = len(range(0, 1_000_000, 11))
    assert values == 90_910
    assert math.isclose(GENERATED_BITS, 8 * math.log2(values))
    assert GENERATED_BITS > 130
    assert generated_bits(generate()) == GENERATED_BITS
    assert generated_bits("correct horse battery staple") == 0.0


def test_generated_passphrases_do_not_repeat() -> None:
    made = {generate() for _ in range(1000)}
    assert len(made) == 1000


def test_zxcvbn_accepts_the_generated_form() -> None:
    for _ in range(20):
        strength = estimate(generate())
        assert strength.acceptable
        assert strength.bits >= 100


@given(generated_groups, st.lists(st.sampled_from(TYPED_SEPARATORS), min_size=7, max_size=7), st.data())
def test_a_generated_passphrase_typed_with_full_width_digits_and_any_separators_becomes_canonical(
    groups: list[str], separators: list[str], data: st.DataObject
) -> None:
    widths = data.draw(st.lists(st.booleans(), min_size=8, max_size=8))
    typed_groups = [group.translate(FULL_WIDTH) if wide else group for group, wide in zip(groups, widths, strict=True)]
    typed = typed_groups[0] + "".join(sep + group for sep, group in zip(separators, typed_groups[1:], strict=True))
    assert normalise(typed) == "-".join(groups)
    assert is_generated(typed)


def test_the_48_digits_typed_without_separators_are_recognised() -> None:
    passphrase = generate()
    assert normalise(passphrase.replace("-", "")) == passphrase


@settings(max_examples=300)
@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    try:
        once = normalise(text)
    except PassphraseTypo:
        return
    assert normalise(once) == once


@settings(max_examples=300)
@given(st.text(), st.text(alphabet=st.characters(categories=("L", "P", "S"), exclude_characters=SEPARATORS + "－")))
def test_a_passphrase_that_is_not_only_digits_and_separators_is_used_exactly_as_typed(text: str, letters: str) -> None:
    folded_letters = unicodedata.normalize("NFKC", letters)
    if not folded_letters.strip(SEPARATORS) or folded_letters.isdigit():
        return
    typed = text + letters
    assert normalise(typed) == typed


@given(st.text(alphabet="0123456789", max_size=47))
def test_fewer_than_48_digits_without_group_separators_are_used_exactly_as_typed(digits: str) -> None:
    assert normalise(digits) == digits


@given(generated_groups, st.integers(min_value=0, max_value=47), st.integers(min_value=1, max_value=9))
def test_every_single_mistyped_digit_is_caught_and_its_group_named(
    groups: list[str], position: int, change: int
) -> None:
    digits = list("".join(groups))
    digits[position] = str((int(digits[position]) + change) % 10)
    typed = "".join(digits)
    with pytest.raises(PassphraseTypo) as caught:
        normalise(typed)
    assert caught.value.groups == (position // 6 + 1,)


@given(generated_groups, st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=4))
def test_two_neighbouring_digits_swapped_are_caught(groups: list[str], group: int, position: int) -> None:
    digits = list(groups[group])
    if digits[position] == digits[position + 1]:
        return
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    changed = [*groups[:group], "".join(digits), *groups[group + 1 :]]
    with pytest.raises(PassphraseTypo) as caught:
        normalise("-".join(changed))
    assert caught.value.groups == (group + 1,)


def test_the_wrong_group_is_named_in_both_languages_without_the_digits() -> None:
    groups = generate().split("-")
    groups[2] = f"{(int(groups[2]) + 1) % 1_000_000:06d}"
    with pytest.raises(PassphraseTypo) as caught:
        normalise(" ".join(groups))
    error = caught.value
    assert isinstance(error, PlanError)
    assert error.message.render("ja") == "合言葉の 3 番目のグループが正しくありません。"
    assert error.message.render("en") == "Group 3 of the passphrase is not right."
    for lang in ("ja", "en"):
        shown = error.message.render(lang) + (error.hint.render(lang) if error.hint else "")
        assert not any(group in shown for group in groups)


def test_a_group_with_a_digit_too_few_is_named_with_its_length() -> None:
    groups = generate().split("-")
    groups[7] = groups[7][:5]
    with pytest.raises(PassphraseTypo) as caught:
        normalise("ー".join(groups))
    assert caught.value.groups == (8,)
    assert caught.value.message.render("en") == "Group 8 of the passphrase has 5 digits instead of 6."


def test_several_wrong_groups_name_the_first_and_count_the_rest() -> None:
    groups = generate().split("-")
    for index in (1, 4, 6):
        groups[index] = f"{(int(groups[index]) + 1) % 1_000_000:06d}"
    with pytest.raises(PassphraseTypo) as caught:
        normalise("-".join(groups))
    assert caught.value.groups == (2, 5, 7)
    assert caught.value.message.render("ja") == "合言葉の 2 番目のグループと、ほかに 2 つのグループが正しくありません。"


# --- both sides, through the real entry points ---------------------------------------------------------------


def typed_back(passphrase: str) -> str:
    """What a clerk or an operator types from a dictated passphrase on a Japanese keyboard."""
    groups = [group.translate(FULL_WIDTH) for group in passphrase.split("-")]
    return "\u3000".join(groups[:4]) + "ー" + "ー".join(groups[4:])


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One archive made with a generated passphrase that the clerk typed back in full-width form."""
    folder = tmp_path_factory.mktemp("passphrase")
    source = folder / "residents.csv"
    source.write_bytes(sample_bytes(200, seed=9))
    passphrase = generate()
    plan = ExportPlan(
        source=source,
        columns=("family_name", "phone"),
        output=folder / "residents.zip.age",
        passphrase=Secret(typed_back(passphrase)),
    )
    run_export(plan)
    return plan.output, passphrase


def test_the_core_opens_an_archive_with_the_passphrase_typed_in_full_width_with_ideographic_spaces_and_ー(
    exported: tuple[Path, str], tmp_path: Path
) -> None:
    archive, passphrase = exported
    opened = decrypt_archive(archive, tmp_path / "opened", [passphrase_identity(typed_back(passphrase))])
    assert opened.data.read_bytes().startswith("\ufefffamily_name,phone\r\n".encode())


def test_exporter_decrypt_opens_it_with_a_passphrase_file_typed_in_full_width(
    exported: tuple[Path, str], tmp_path: Path
) -> None:
    archive, passphrase = exported
    secret = tmp_path / "pass.txt"
    secret.write_text(typed_back(passphrase) + "\n", encoding="utf-8")
    assert main(["decrypt", str(archive), "--passphrase-file", str(secret), "--output", str(tmp_path / "o")]) == 0
    assert (tmp_path / "o" / "data.csv").is_file()


@pytest.mark.oracle
def test_debian_age_opens_it_with_the_canonical_form_typed_at_its_prompt(exported: tuple[Path, str]) -> None:
    require_tool("age")
    archive, passphrase = exported
    opened = age_decrypt_passphrase(archive, passphrase)
    assert opened.startswith(b"PK\x03\x04")


def test_a_wrong_group_at_decrypt_is_named_and_nothing_is_written(
    exported: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive, passphrase = exported
    groups = passphrase.split("-")
    groups[5] = f"{(int(groups[5]) + 10) % 1_000_000:06d}"
    secret = tmp_path / "pass.txt"
    secret.write_text(" ".join(groups), encoding="utf-8")
    messages.set_language("en")
    try:
        status = main(["decrypt", str(archive), "--passphrase-file", str(secret), "--output", str(tmp_path / "o")])
    finally:
        messages.set_language(None)
    assert status == 1
    err = capsys.readouterr().err
    assert "exporter: error: Group 6 of the passphrase is not right." in err
    assert not any(group in err for group in groups)
    assert not (tmp_path / "o").exists()


def test_a_wrong_group_at_export_is_named_before_the_source_is_read(tmp_path: Path) -> None:
    groups = generate().split("-")
    groups[0] = f"{(int(groups[0]) + 1) % 1_000_000:06d}"
    plan = ExportPlan(
        source=tmp_path / "not-read.csv",
        columns=("phone",),
        output=tmp_path / "never.zip.age",
        passphrase=Secret("-".join(groups)),
    )
    with pytest.raises(PassphraseTypo) as caught:
        run_export(plan)
    assert caught.value.groups == (1,)
    assert list(tmp_path.iterdir()) == []


def test_the_open_windows_task_opens_it_with_the_passphrase_typed_back(
    exported: tuple[Path, str], tmp_path: Path
) -> None:
    import threading

    from exporter.gui.open_task import OpenRequest, open_task

    archive, passphrase = exported
    request = OpenRequest(archive, tmp_path / "opened", None, typed_back(passphrase))
    opened = open_task(request)(lambda fraction, message: None, threading.Event()).opened
    assert opened.data.is_file()
