"""Property tests: whatever bytes the inner ZIP or its manifest hold, decrypt either opens exactly the original
data.csv or raises one ExporterError sentence, and the output folder is then exactly as it was (not created)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from hostile_archives import DATA, Key, exporter_zip, manifest_for, python_zip, seal, standard_entries
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.errors import ExporterError
from exporter.manifest import SCHEMA

IDENTITY = X25519Identity.generate()
VALID = {"exporter-layout": exporter_zip(), "zipfile-layout": python_zip(standard_entries())}
MANIFEST = json.dumps(manifest_for()).encode()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


KEY = Key(IDENTITY, Path("unused"))


def outcome(plain: bytes) -> str:
    """Decrypt ``plain`` sealed to IDENTITY into a folder that does not exist yet; check the property."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        archive = folder / "fuzzed.zip.age"
        archive.write_bytes(seal(plain, KEY))
        try:
            opened = decrypt_archive(archive, folder / "received" / "out", [IDENTITY])
        except ExporterError as err:
            text = str(err)
            assert "\n" not in text, text
            assert text.endswith("."), text
            assert "internal error" not in text.lower(), text
            assert os.listdir(folder) == ["fuzzed.zip.age"], "a failure left something behind"
            return "refused"
        assert opened.data.read_bytes() == DATA, "a changed data.csv was released"
        assert sorted(os.listdir(opened.folder)) == ["data.csv", "manifest.json"]
        return "opened"


def mutated(original: bytes, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(original)
    for position, value in edits:
        data[position % len(data)] = value
    return bytes(data)


edits = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8)


@FUZZ
@given(layout=st.sampled_from(sorted(VALID)), changes=edits)
def test_any_changed_bytes_of_the_inner_zip_open_exactly_or_get_one_sentence(layout, changes):
    outcome(mutated(VALID[layout], changes))


@FUZZ
@given(layout=st.sampled_from(sorted(VALID)), cut=st.integers(min_value=0), inserted=st.binary(max_size=64))
def test_cut_or_lengthened_inner_zips_open_exactly_or_get_one_sentence(layout, cut, inserted):
    original = VALID[layout]
    position = cut % (len(original) + 1)
    outcome(original[:position] + inserted + original[position + len(inserted) // 2 :])


@FUZZ
@given(changes=edits)
def test_any_changed_bytes_of_the_manifest_open_exactly_or_get_one_sentence(changes):
    outcome(python_zip(standard_entries(manifest=mutated(MANIFEST, changes))))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
FIELDS = ["format", "format_version", "created_utc", "purpose", "recipient_organisation", "delete_by", "source",
          "columns", "columns_left_out", "rows", "data", "recipients"]  # fmt: skip


@FUZZ
@given(field=st.sampled_from(FIELDS), value=json_values, inner=st.booleans())
def test_any_value_in_any_manifest_field_opens_exactly_or_gets_one_sentence(field, value, inner):
    manifest: dict[str, Any] = manifest_for()
    if inner and isinstance(manifest.get(field), dict):
        manifest[field] = {**manifest[field], "size" if field == "data" else "rows": value}
    else:
        manifest[field] = value
    outcome(python_zip(standard_entries(manifest=json.dumps(manifest, allow_nan=True).encode())))


plain_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.characters(exclude_categories=["Cs"]), max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


@FUZZ
# Every field the format knows (the schema's), not only those of this manifest: a known field such as ``policy``
# with a value of the wrong shape is rightly refused.
@given(name=st.text(min_size=1, max_size=30).filter(lambda text: text not in SCHEMA["properties"]), value=plain_json)
def test_unknown_fields_of_later_versions_never_stop_an_archive(name, value):
    manifest = {**manifest_for(), name: value}

    assert outcome(python_zip(standard_entries(manifest=json.dumps(manifest).encode()))) == "opened"
