"""No secret ever appears in an output, an exception or a traceback, not even in part.

Secret keys and passphrases are fed wherever a user could put them by mistake (a recipient, a recipients file,
the name of a key or passphrase file, a misspelt option, a stray argument, damaged key files) and every output
is searched for any run of 12 characters of the secret. The well-known ``AGE-SECRET-KEY-1`` prefix is not part
of the secret and may be named.
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporter.display import remember_secret
from exporter.envelope import (
    X25519Identity,
    X25519Recipient,
    encrypt,
    format_identity_file,
    parse_identity_file,
    parse_recipients_file,
)
from exporter.errors import ExporterError
from exporter.keyfiles import PASSPHRASE_FILE, read_small_file
from exporter.keys import create_identity, load_book, load_identities, set_office_key
from exporter.pipeline import run_export
from exporter.plan import ExportPlan, Secret
from exporter.sample import sample_bytes

KEY_PREFIX = "AGE-SECRET-KEY-1"
RUN = 12  # no run of this many characters of a secret may appear
IDENTITY = X25519Identity.generate()
KEY = IDENTITY.secret_text()
PASSPHRASE = "Vellum-quasar-7-Tundra-oboe-plinth-Zephyr"
WEAK = "password1234"


def damaged(key: str) -> str:
    """The key with one character of its body changed: its checksum no longer holds."""
    position = len(key) // 2
    return key[:position] + ("Q" if key[position] != "Q" else "P") + key[position + 1 :]


SECRETS = (KEY[len(KEY_PREFIX) :], damaged(KEY)[len(KEY_PREFIX) :], PASSPHRASE, WEAK)


def runs(secret: str) -> set[str]:
    return {secret[start : start + RUN].lower() for start in range(max(len(secret) - RUN + 1, 1))}


def assert_no_secret_in(*texts: str) -> None:
    for text in texts:
        lowered = text.lower()
        for secret in SECRETS:
            found = [part for part in runs(secret) if part in lowered]
            assert not found, f"{found} of a secret in {text!r}"


def everything_said_by(error: BaseException) -> str:
    """All an exception could show: str, repr, args, hint, and the traceback with its whole chain."""
    parts = [str(error), repr(error), repr(error.args), str(getattr(error, "hint", ""))]
    parts.append("".join(traceback.format_exception(error, chain=True)))
    seen = error.__context__ or error.__cause__
    while seen is not None:
        parts += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__context__ or seen.__cause__
    return "\n".join(parts)


# ----------------------------------------------------------------------------------------------------
# The command line, fed secrets wherever they could land


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("secrets")
    (folder / "residents.csv").write_bytes(sample_bytes(20))
    key_file = folder / "key.txt"
    key_file.write_text(format_identity_file(IDENTITY, datetime.now(UTC)), encoding="utf-8")
    key_file.chmod(0o600)
    create_identity(folder / "protected.key", passphrase=PASSPHRASE, work_factor=10)
    with open(folder / "archive.zip.age", "wb") as file:
        writer = encrypt(file, [IDENTITY.recipient])
        writer.write(b"not an exporter archive, which does not matter here")
        writer.close()
    return folder


def write(folder: Path, name: str, content: str | bytes, mode: int = 0o600) -> str:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    path.chmod(mode)
    return name


def export(*who: str) -> list[str]:
    return ["export", "residents.csv", "--column", "phone", "--output", "out.zip.age", *who]


def decrypt(*key: str) -> list[str]:
    return ["decrypt", "archive.zip.age", "--output", "opened", *key]


PUBLIC = str(X25519Identity.generate().recipient)
CASES = {
    "secret key as recipient": lambda f: export("--recipient", KEY),
    "secret key in lower case as recipient": lambda f: export("--recipient", KEY.lower()),
    "secret key inside a pasted line": lambda f: export("--recipient", f"key: {KEY}"),
    "damaged secret key as recipient": lambda f: export("--recipient", damaged(KEY)),
    "secret key as second recipient": lambda f: export("--recipient", PUBLIC, "--recipient", KEY),
    "recipients file holding a secret key": lambda f: export(
        "--recipients-file", write(f, "r1.txt", f"# the call centre\n{PUBLIC}\n{KEY}\n")
    ),
    "identity file given as recipients file": lambda f: export("--recipients-file", "key.txt"),
    "passphrase typed as the passphrase file's name": lambda f: export("--passphrase-file", PASSPHRASE),
    "passphrase after a misspelt option": lambda f: export("--passphrase", PASSPHRASE),
    "passphrase after an unknown option": lambda f: export("--recipient", PUBLIC, "--pass-phrase=" + PASSPHRASE),
    "passphrase as a stray argument": lambda f: [
        *export("--passphrase-file", write(f, "p1.txt", PASSPHRASE)),
        PASSPHRASE,
    ],
    "secret key as a stray argument": lambda f: [*export("--recipient", PUBLIC), KEY],
    "weak passphrase": lambda f: export("--passphrase-file", write(f, "weak.txt", WEAK + "\n")),
    "passphrase file that is not UTF-8": lambda f: export(
        "--passphrase-file", write(f, "p2.txt", PASSPHRASE.encode() + b"\xff\xfe")
    ),
    "passphrase file over the limit": lambda f: export(
        "--passphrase-file", write(f, "p3.txt", (PASSPHRASE + "\n") * 2000)
    ),
    "secret key typed as the identity file's name": lambda f: decrypt("--identity", KEY),
    "passphrase typed as the identity file's name": lambda f: decrypt("--identity", PASSPHRASE),
    "identity file with a damaged key": lambda f: decrypt("--identity", write(f, "i1.txt", damaged(KEY) + "\n")),
    "identity file with text after the key": lambda f: decrypt("--identity", write(f, "i2.txt", KEY + " x\n")),
    "identity file that is not UTF-8": lambda f: decrypt("--identity", write(f, "i3.txt", KEY.encode() + b"\xff")),
    "identity file over the limit": lambda f: decrypt(
        "--identity", write(f, "i4.txt", f"# {KEY}\n" * 1000 + KEY + "\n")
    ),
    "identity file open to others": lambda f: decrypt("--identity", write(f, "i5.txt", KEY + "\n", 0o644)),
    "passphrase for a key archive": lambda f: decrypt("--passphrase-file", write(f, "p4.txt", PASSPHRASE)),
    "secret key typed as the passphrase file's name": lambda f: decrypt("--passphrase-file", KEY),
    "secret key as an address book entry's key": lambda f: ["recipients", "add", "call centre", "--key", KEY],
    "secret key as the office key": lambda f: ["recipients", "office", "set", KEY, "--name", "office"],
    "secret key as a recipient's name": lambda f: export("--to", KEY),
    "weak passphrase to protect a new key": lambda f: [
        "keygen",
        "--output",
        "new.key",
        "--passphrase-file",
        write(f, "p5.txt", WEAK + "\n"),
    ],
    "wrong passphrase for a protected key": lambda f: decrypt(
        "--identity", "protected.key", "--identity-passphrase-file", write(f, "p6.txt", WEAK + "\n")
    ),
    "passphrase typed as the key passphrase file's name": lambda f: decrypt(
        "--identity", "protected.key", "--identity-passphrase-file", PASSPHRASE
    ),
}


def run_cli(arguments: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "EXPORTER_DEBUG"}
    environment.update(PYTHONIOENCODING="utf-8", **env)
    return subprocess.run(
        [sys.executable, "-m", "exporter", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("case", CASES)
def test_no_part_of_a_secret_reaches_the_output(work, case):
    arguments = CASES[case](work)

    result = run_cli(arguments, work, EXPORTER_DEBUG="1")  # the debug mode shows the most

    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert_no_secret_in(result.stdout, result.stderr)


def test_a_secret_key_given_as_recipient_says_so_and_advises_a_new_key(work):
    result = run_cli(export("--recipient", KEY), work)

    assert result.stderr.splitlines() == [
        "exporter: error: A secret key was given where the recipient's public key belongs.",
        "exporter: hint: That secret key is no longer private (it is in a file or your shell history now): the "
        "recipient should make a new key with “exporter keygen” and send only its public key, which starts with "
        "age1.",
    ]


def test_a_secret_key_among_recipients_is_named_by_its_position_only(work):
    result = run_cli(export("--recipient", PUBLIC, "--recipient", "age1nope", "--recipient", KEY), work)

    assert result.stderr.splitlines()[0] == (
        "exporter: error: Recipient 2 of 3: this is not a valid age recipient key."
    )


def test_a_secret_key_typed_as_the_identity_file_says_so_and_advises_a_new_key(work):
    result = run_cli(decrypt("--identity", KEY), work)

    error, hint = result.stderr.splitlines()
    assert error == "exporter: error: A secret key was given where the name of the identity file belongs."
    assert "make a new key with “exporter keygen”" in hint


def test_a_missing_passphrase_file_is_not_named(work):
    result = run_cli(export("--passphrase-file", "no-such-file.txt"), work)

    assert result.stderr.splitlines()[0] == (
        "exporter: error: The passphrase file does not exist; its name is not repeated here, in case it is the "
        "passphrase."
    )


def test_usage_errors_name_the_options_but_not_their_values(work):
    result = run_cli(decrypt("--identity", "key.txt", "--pass-phrase=" + PASSPHRASE, PASSPHRASE), work)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "exporter: error: unrecognized arguments: --pass-phrase and 1 value (not shown, in case one is a secret)"
    )


def test_a_recipients_file_with_a_secret_key_names_the_line(work):
    result = run_cli(export("--recipients-file", write(work, "r2.txt", f"# keys\n{PUBLIC}\n{KEY}\n")), work)

    assert result.stderr.splitlines()[0] == (
        "exporter: error: r2.txt, line 3: a secret key was given where the recipient's public key belongs."
    )


# ----------------------------------------------------------------------------------------------------
# Exceptions: str, repr, args, hint and traceback, with their whole chain


def raised(call) -> ExporterError:
    with pytest.raises(ExporterError) as info:
        call()
    return info.value


@pytest.mark.parametrize(
    "call",
    [
        lambda tmp: X25519Recipient.parse(KEY),
        lambda tmp: X25519Recipient.parse(damaged(KEY).lower()),
        lambda tmp: parse_recipients_file(f"{KEY}\n", "keys.txt"),
        lambda tmp: parse_identity_file(f"{damaged(KEY)}\n", "key.txt"),
        lambda tmp: parse_identity_file(f"{KEY}trailing\n", "key.txt"),
        lambda tmp: run_export(
            ExportPlan(source=tmp / "residents.csv", columns=("phone",), output=tmp / "x.age", recipients=(KEY,))
        ),
        lambda tmp: run_export(
            ExportPlan(
                source=tmp / "residents.csv", columns=("phone",), output=tmp / "x.age", passphrase=Secret(WEAK)
            )
        ),
        lambda tmp: read_small_file(Path(write(tmp, "p.txt", PASSPHRASE.encode() + b"\x82")), PASSPHRASE_FILE),
        lambda tmp: load_identities(create_identity(tmp / "k.age", passphrase=PASSPHRASE, work_factor=10).path, WEAK),
        lambda tmp: create_identity(tmp / "weak.age", passphrase=WEAK, work_factor=10),
        lambda tmp: set_office_key(KEY),
        lambda tmp: load_book(tmp / "no-book.toml").find(KEY),
    ],
    ids=[
        "recipient", "damaged recipient", "recipients file", "damaged identity", "identity with trailing text",
        "export to a secret key", "weak passphrase", "passphrase file not UTF-8", "wrong key passphrase",
        "weak key passphrase", "secret key as office key", "secret key as a name",
    ],
)  # fmt: skip
def test_exceptions_carry_no_part_of_a_secret(call, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "residents.csv").write_bytes(sample_bytes(5))

    error = raised(lambda: call(tmp_path))

    assert_no_secret_in(everything_said_by(error))


def test_the_debug_traceback_hides_secret_keys_and_passphrases_read(capsys):
    from exporter import cli

    remember_secret(PASSPHRASE)
    try:
        raise RuntimeError(f"a library quoted {KEY} and {PASSPHRASE}\x1b[2K")
    except RuntimeError as error:
        cli._print_traceback(error)

    printed = capsys.readouterr().err
    assert "Traceback" in printed
    assert "AGE-SECRET-KEY-…(hidden) and (hidden)\\x1b[2K" in printed
    assert_no_secret_in(printed)


def test_a_secret_key_given_as_a_file_to_inspect_or_as_an_output_name_is_never_printed(tmp_path):
    """Found by a fresh user: inspect printed a key file's secret line as a column name, and the success line of
    an export printed an output name that was a pasted secret key."""
    import json
    import subprocess
    import sys

    from exporter.envelope import X25519Identity, format_identity_file

    identity = X25519Identity.generate()
    key = tmp_path / "key.txt"
    key.write_text(format_identity_file(identity, __import__("datetime").datetime.now()), encoding="utf-8")
    secret = identity.secret_text()
    for args in (["inspect", str(key)], ["inspect", "--json", str(key)]):
        result = subprocess.run([sys.executable, "-m", "exporter", *args], capture_output=True, text=True, check=False)
        assert secret[:20] not in result.stdout + result.stderr
        if "--json" in args and result.returncode == 0:
            json.loads(result.stdout)
    (tmp_path / "r.csv").write_bytes(b"a,b\n1,2\n")
    result = subprocess.run(
        [sys.executable, "-m", "exporter", "export", "r.csv", "--column", "a", "--recipient",
         str(identity.recipient), "--output", secret],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert secret[:20] not in result.stdout + result.stderr
