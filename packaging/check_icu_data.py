"""Qt gives the same answers with the bundle's trimmed ICU data as with the full data of the PySide6 wheel.

    .venv/bin/python packaging/check_icu_data.py dist/exporter      (ci-package.sh runs it after the build)

Runs the probe below twice in the build's Python: once as installed, once with the bundle's libicudata preloaded
(its soname then satisfies libicuuc's link, so Qt reads the trimmed data). The probe exercises every ICU call Qt
makes (packaging/slim_linux.py lists them): collation, case mapping, time zones, opening the legacy Japanese codecs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

JAPANESE_WORDS = ("ワタナベ", "あおき", "佐藤", "いとう", "アベ", "ｱｲｳ", "鈴木", "さとう", "髙橋", "①")
WORDS = [*JAPANESE_WORDS, "Zebra", "apple", "Éclair"]
# Names a Japanese desktop may hand Qt; PySide6 exposes no way to convert text, so opening (ucnv_open, which loads
# the table) and the canonical name are compared. Qt's list of codecs is not: the bundle drops non-Japanese tables.
JAPANESE_CODECS = ("Shift_JIS", "EUC-JP", "windows-31j", "ISO-2022-JP", "ISO-2022-JP-1", "cp932", "x-sjis", "eucjp")


def probe() -> dict[str, object]:
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QStringEncoder, QTimeZone

    answers: dict[str, object] = {}
    for name in ("ja_JP", "en_US", "en_GB"):
        collator = QCollator(QLocale(name))
        answers[f"sort {name}"] = sorted(WORDS, key=collator.sortKey)
        collator.setNumericMode(True)
        answers[f"numeric {name}"] = sorted(["file10", "file9", "ファイル2", "ファイル10"], key=collator.sortKey)
        answers[f"upper {name}"] = QLocale(name).toUpper("straße ǆ")
    zone = QTimeZone(b"Asia/Tokyo")
    for name in ("ja_JP", "en_US"):
        answers[f"zone {name}"] = zone.displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(name)
        )
    for name in JAPANESE_CODECS:
        encoder, decoder = QStringEncoder(name), QStringDecoder(name)
        answers[f"codec {name}"] = [encoder.isValid(), decoder.isValid(), decoder.name()]
    return answers


def answers(preload: Path | None) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    out = subprocess.run([sys.executable, __file__, "--probe"], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    if sys.argv[1:] == ["--probe"]:
        print(json.dumps(probe(), ensure_ascii=False))
        return 0
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/exporter")
    trimmed = next(bundle.rglob("libicudata.so.*"), None)
    if trimmed is None:
        print(f"check-icu-data: no libicudata in {bundle}: nothing to compare")
        return 0
    full, small = answers(None), answers(trimmed)
    differing = [key for key in full if full[key] != small.get(key)]
    for key in differing:
        print(f"check-icu-data: {key}: full data {full[key]!r}, bundle {small.get(key)!r}", file=sys.stderr)
    unopened = [key for key, value in full.items() if key.startswith("codec") and value[:2] != [True, True]]
    if differing or unopened:
        print("check-icu-data: FAILED: the bundle's ICU data changes what Qt answers", file=sys.stderr)
        return 1
    size = trimmed.stat().st_size / 2**20
    print(f"check-icu-data: {len(full)} answers equal with the bundle's ICU data ({size:.1f} MiB) and the full data")
    return 0


if __name__ == "__main__":
    sys.exit(main())
