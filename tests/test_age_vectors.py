"""Every C2SP CCTV age test vector (npm ``cctv-age``) gives the result the reference implementation gives.

The vectors come out of the npm package through ``tests/oracles/cctv_vectors.mjs``, run once per session.
Each one is decrypted the way the application does it: verified chunks go to a temp file that is renamed
only after a clean end and deleted on any error, so a failing vector must leave no file behind.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import os
import shutil
import subprocess
import zlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from exporter.envelope import Identity, ScryptIdentity, X25519Identity, decrypt
from exporter.envelope import scrypt as scrypt_module
from exporter.errors import DecryptionError

ORACLES = Path(__file__).parent / "oracles"
EXPECTED_COUNT = 143  # cctv-age 0.2.0, pinned in tests/oracles/package.json
MAX_WORK_FACTOR = 22
FAILURES = {"no match", "HMAC failure", "header failure", "payload failure", "armor failure"}


@functools.cache
def _load_vectors() -> dict[str, bytes] | str:
    """All vectors by name, or the reason they cannot be loaded on this machine."""
    node = shutil.which("node")
    if node is None:
        return "node is not installed"
    if not (ORACLES / "node_modules" / "cctv-age").is_dir():
        return "tests/oracles/node_modules is missing (run npm ci in tests/oracles)"
    result = subprocess.run([node, "cctv_vectors.mjs"], cwd=ORACLES, capture_output=True, check=True, timeout=120)
    return {name: base64.b64decode(data) for name, data in json.loads(result.stdout).items()}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "vector_name" in metafunc.fixturenames:
        vectors = _load_vectors()
        names = sorted(vectors) if isinstance(vectors, dict) else ["unavailable"]
        metafunc.parametrize("vector_name", names)


@pytest.fixture(scope="session")
def cctv_vectors() -> dict[str, bytes]:
    vectors = _load_vectors()
    if isinstance(vectors, str):
        if os.environ.get("CI"):
            pytest.fail(f"The CCTV age vectors must run in CI, but {vectors}.")
        pytest.skip(f"CCTV age vectors unavailable: {vectors}")
    return vectors


@pytest.fixture(autouse=True)
def capped_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if scrypt is ever asked for more than the cap: refusal must come before the work."""
    real = scrypt_module.Scrypt

    def checked(*, n: int, **kwargs: object) -> object:
        assert n <= 1 << MAX_WORK_FACTOR, "scrypt started above the work factor cap"
        return real(n=n, **kwargs)

    monkeypatch.setattr(scrypt_module, "Scrypt", checked)


def parse_vector(raw: bytes) -> tuple[dict[str, list[str]], bytes]:
    """Split a vector into its ``key: value`` headers (keys may repeat) and the age file."""
    head, _, body = raw.partition(b"\n\n")
    headers: dict[str, list[str]] = {}
    for line in head.decode("utf-8").split("\n"):
        key, _, value = line.partition(": ")
        headers.setdefault(key, []).append(value)
    if headers.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    return headers, body


def release_to_file(src: bytes, identities: Sequence[Identity], target: Path, released: list[bytes]) -> None:
    """What the application does: chunks to a temp file, renamed only after a clean end, deleted on error."""
    partial = target.with_name(target.name + ".partial")
    try:
        reader = decrypt(io.BytesIO(src), identities)
        with partial.open("wb") as out:
            for chunk in reader:
                released.append(chunk)
                out.write(chunk)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def test_every_vector_is_present(cctv_vectors: dict[str, bytes]) -> None:
    assert len(cctv_vectors) == EXPECTED_COUNT


def test_vector(vector_name: str, cctv_vectors: dict[str, bytes], tmp_path: Path) -> None:
    headers, body = parse_vector(cctv_vectors[vector_name])
    expect = headers["expect"][0]
    assert expect == "success" or expect in FAILURES, f"unknown expectation {expect!r}"
    keys = headers.get("identity", [])
    post_quantum = any(key.startswith("AGE-SECRET-KEY-PQ-") for key in keys)
    identities: list[Identity] = [X25519Identity.parse(key) for key in keys if "-PQ-" not in key]
    identities += [ScryptIdentity(phrase, max_work_factor=MAX_WORK_FACTOR) for phrase in headers.get("passphrase", [])]
    target = tmp_path / "payload"
    released: list[bytes] = []

    if expect == "success" and not post_quantum:
        release_to_file(body, identities, target, released)
        assert hashlib.sha256(target.read_bytes()).hexdigest() == headers["payload"][0]
        return

    with pytest.raises(DecryptionError) as caught:
        release_to_file(body, identities, target, released)
    assert list(tmp_path.iterdir()) == [], "a failed decryption left a file behind"
    if expect == "success":  # a post-quantum recipient we do not support
        assert "not supported" in f"{caught.value} {caught.value.hint_text()}"
    elif expect == "payload failure":  # the same verified prefix the reference implementation releases
        assert hashlib.sha256(b"".join(released)).hexdigest() == headers["payload"][0]
    else:
        assert released == []
