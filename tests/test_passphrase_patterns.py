"""Passphrases in the generated shape that a person made up (repeated groups, 000000..., few digit values) are
refused for exports and for key protection alike, while every passphrase Generate makes is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.errors import PlanError
from exporter.keys import create_identity
from exporter.passphrase import generate, normalise, pattern_problem, require_strong
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret

LOW = 10  # scrypt work factor for keys in tests

MADE_UP = {
    "all zeros": "-".join(["000000"] * 8),
    "all ones": "-".join(["111111"] * 8),
    "one group eight times": "-".join(["123453"] * 8),
    "two groups alternating": "-".join(["123453", "654324"] * 4),
    "counting by eleven": "-".join(f"{n * 11:06d}" for n in range(8)),
    "one digit per group": "-".join(f"{d}" * 6 for d in range(1, 9)),
    "few digit values": "-".join(["100100", "101101", "110011", "111100", "100111", "010010", "001001", "110110"]),
}


@pytest.mark.parametrize("passphrase", MADE_UP.values(), ids=MADE_UP.keys())
def test_a_made_up_generated_shape_passphrase_is_refused_as_typed_in_any_form(passphrase: str) -> None:
    assert normalise(passphrase) == passphrase  # every group is a multiple of 11: not a typo
    for typed in (passphrase, passphrase.replace("-", ""), passphrase.replace("-", "\u3000")):
        with pytest.raises(PlanError):
            require_strong(typed)


def test_every_generated_passphrase_is_accepted_over_many_draws() -> None:
    for _ in range(20_000):
        drawn = generate()
        assert pattern_problem(drawn) is None
        require_strong(drawn)


def test_the_rules_refuse_only_a_small_share_of_random_draws() -> None:
    import secrets

    draws = 20_000
    refused = sum(
        pattern_problem("-".join(f"{secrets.randbelow(90_910) * 11:06d}" for _ in range(8))) is not None
        for _ in range(draws)
    )
    assert refused / draws < 0.01  # computed: 0.25 % (module docstring)


@pytest.mark.parametrize("passphrase", list(MADE_UP.values())[:3])
def test_an_export_with_a_made_up_passphrase_is_refused_before_anything_is_written(
    tmp_path: Path, passphrase: str
) -> None:
    plan = ExportPlan(
        source=tmp_path / "not-read.csv",
        columns=("phone",),
        output=tmp_path / "never.zip.age",
        passphrase=Secret(passphrase),
    )
    with pytest.raises(PlanError):
        run_export(plan)
    assert list(tmp_path.iterdir()) == []


def test_a_key_protected_by_a_made_up_passphrase_is_refused_before_writing(tmp_path: Path) -> None:
    with pytest.raises(PlanError):
        create_identity(tmp_path / "key.age", passphrase=MADE_UP["all zeros"], work_factor=LOW)
    assert list(tmp_path.iterdir()) == []
