"""What export writes into the manifest always fits what decrypt accepts (exporter/manifest.py): a plan outside the
bounds is refused before any work, one inside them opens. Found by a fresh user: a long purpose, a long column name
and a very wide header made archives that the recipient's exporter then refused."""

from __future__ import annotations

import pytest

from exporter.decrypt import decrypt_archive
from exporter.envelope import X25519Identity
from exporter.errors import PlanError
from exporter.manifest import MAX_TEXT
from exporter.pipeline import run_export
from exporter.plan import ExportPlan


@pytest.fixture
def identity():
    return X25519Identity.generate()


def export(tmp_path, identity, header: list[str], kept: str, **plan: str):
    source = tmp_path / "r.csv"
    source.write_text(",".join(header) + "\n" + ",".join("v" for _ in header) + "\n", encoding="utf-8")
    output = tmp_path / "o.zip.age"
    run_export(ExportPlan(source, (kept,), output, (str(identity.recipient),), **plan))  # type: ignore[arg-type]
    return output


@pytest.mark.parametrize("field", ["purpose", "recipient_organisation"])
def test_text_too_long_for_the_manifest_is_refused_before_any_work(tmp_path, identity, field):
    with pytest.raises(PlanError, match=rf"is {MAX_TEXT + 1:,} characters long; at most {MAX_TEXT:,} fit"):
        export(tmp_path, identity, ["a", "b"], "a", **{field: "x" * (MAX_TEXT + 1)})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["r.csv"]


def test_text_at_the_limit_opens(tmp_path, identity):
    archive = export(tmp_path, identity, ["a", "b"], "a", purpose="目" * MAX_TEXT)
    assert decrypt_archive(archive, tmp_path / "out", [identity]).manifest["purpose"] == "目" * MAX_TEXT


def test_long_column_names_and_a_wide_header_open(tmp_path, identity):
    header = ["id", "備考" * 600] + [f"住民記録システム項目名称その{index:05d}" for index in range(16_382)]
    archive = export(tmp_path, identity, header, "id")
    opened = decrypt_archive(archive, tmp_path / "out", [identity])
    assert opened.manifest["columns_left_out"] == header[1:]
