"""The instructions' command lines are safe to paste for any archive name the export accepts: the POSIX lines,
run by bash as written, check and open the archive and execute nothing hidden in the name; the cmd lines quote
what cmd would read; names no line can hold safely, or too long for ``<name>.README.txt``, are refused before
any work."""

from __future__ import annotations

import hashlib
import subprocess
import zipfile
from pathlib import Path

import pytest
from oracle_tools import age_keygen, require_tool

from exporter.errors import PlanError
from exporter.instructions import NAME_MAX, SUFFIX, cmd_word, instructions_path
from exporter.pipeline import run_export
from exporter.plan import ExportPlan
from exporter.sample import sample_bytes

HOSTILE = (
    "$(touch PWNED).zip.age",
    "`touch PWNED`.zip.age",
    "it's; touch PWNED.zip.age",
    "-rf & touch PWNED | x.zip.age",
    "a'b'c.zip.age",
    "!! ${HOME} \\ > < * ? [x] ~.zip.age",
    "名簿 (第2版) & ^x.zip.age",
)


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_tool("age")
    folder = tmp_path_factory.mktemp("key")
    return folder / "k.key", age_keygen(folder / "k.key")


def export(folder: Path, name: str, recipient: str) -> Path:
    (folder / "residents.csv").write_bytes(sample_bytes(5))
    plan = ExportPlan(
        source=folder / "residents.csv",
        columns=("phone",),
        output=folder / name,
        recipients=(recipient,),
        instructions=True,
    )
    result = run_export(plan)
    assert result.instructions_error is None
    return plan.output


def posix_lines(archive: Path, program: str) -> list[str]:
    """The English section's lines running ``program`` in a POSIX shell, as written (label removed)."""
    text = instructions_path(archive).read_bytes().decode("utf-8-sig")
    english = text.split("=" * 72 + "\r\n")[-1]
    found = []
    for line in english.splitlines():
        command = line.strip()
        if command.startswith("Windows:"):
            continue
        command = command.removeprefix("Linux:").strip()
        if command.startswith(program + " "):
            found.append(command)
    return found


@pytest.mark.oracle
@pytest.mark.parametrize("name", HOSTILE)
def test_the_posix_lines_run_by_bash_check_and_open_a_hostile_name_and_run_nothing_else(
    tmp_path: Path, key: tuple[Path, str], name: str
) -> None:
    archive = export(tmp_path, name, key[1])

    (sha,) = posix_lines(archive, "sha256sum")
    (age,) = posix_lines(archive, "age")
    printed = subprocess.run(["bash", "-c", sha], cwd=tmp_path, capture_output=True, text=True, check=True)
    opened = subprocess.run(
        ["bash", "-c", age.replace("KEYFILE", str(key[0]))], cwd=tmp_path, capture_output=True, check=False
    )

    # GNU sha256sum starts the line with a backslash when the name has one
    assert printed.stdout.split()[0].lstrip("\\") == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert opened.returncode == 0, opened.stderr
    with zipfile.ZipFile(tmp_path / "data.zip") as inner:
        assert "data.csv" in inner.namelist()
    assert not (tmp_path / "PWNED").exists()
    assert not list(Path.cwd().glob("PWNED"))


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("a b.zip.age", '"a b.zip.age"'),
        ("x & y ^ z (1).zip.age", '"x & y ^ z (1).zip.age"'),
        ("-x.zip.age", '".\\-x.zip.age"'),
        ("plain-名簿.zip.age", "plain-名簿.zip.age"),
    ],
)
def test_the_windows_line_quotes_what_cmd_would_read(name: str, written: str) -> None:
    assert cmd_word(name) == written


@pytest.mark.parametrize(
    "name",
    [
        "100%.zip.age",  # cmd expands %VAR% even inside quotes
        "a\nb.zip.age",
        "a\u202egpj.zip.age",  # right-to-left override: the name would read differently
        "a\u200bb.zip.age",
        "a\u2028b.zip.age",
        "a\x1b[2Jb.zip.age",
        "x" * (NAME_MAX - len(SUFFIX) + 1),
    ],
)
def test_instructions_for_a_name_no_line_can_hold_are_refused_before_any_work(tmp_path: Path, name: str) -> None:
    plan = ExportPlan(
        source=tmp_path / "not-read.csv",
        columns=("phone",),
        output=tmp_path / name,
        recipients=("age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",),
        instructions=True,
    )
    with pytest.raises(PlanError) as refused:
        run_export(plan)
    assert "\n" not in str(refused.value)
    assert "\u202e" not in str(refused.value)
    assert list(tmp_path.iterdir()) == []


def test_a_name_just_short_enough_for_its_instructions_is_accepted(tmp_path: Path, key: tuple[Path, str]) -> None:
    name = "x" * (NAME_MAX - len(SUFFIX))
    archive = export(tmp_path, name, key[1])
    assert instructions_path(archive).exists()
