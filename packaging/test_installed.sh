#!/usr/bin/env bash
# Use the INSTALLED exporter the way a clerk and a recipient would, without the source tree's Python.
#   packaging/test_installed.sh [EXPECTED_VERSION_LINE]
# Checks: the program is on the PATH from the package; sample -> keygen -> export -> decrypt gives back exactly the
# chosen columns; the wizard opens offscreen, walks every page and closes (exit 0, pictures written); --version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
say() { printf 'test-installed: %s\n' "$*"; }
fail() { printf 'test-installed: FAILED: %s\n' "$*" >&2; exit 1; }

[[ "$(command -v exporter)" == /usr/bin/exporter ]] || fail "exporter on the PATH is $(command -v exporter), not /usr/bin/exporter"
[[ "$(readlink -f /usr/bin/exporter)" == /opt/exporter/exporter ]] || fail "/usr/bin/exporter does not lead to /opt/exporter"
for file in /usr/share/applications/exporter.desktop /usr/share/icons/hicolor/256x256/apps/exporter.png \
            /usr/share/icons/hicolor/scalable/apps/exporter.svg; do
  [[ -f "$file" ]] || fail "$file is missing"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
exporter sample --rows 2000 --output residents.csv 2>/dev/null
printf '%s\n' "Vellum-quasar-7-Tundra-oboe-plinth" > key-passphrase.txt   # keygen protects the key by default
recipient=$(exporter keygen --output callcentre.key --passphrase-file key-passphrase.txt 2>/dev/null)
[[ "$recipient" == age1* ]] || fail "keygen printed '$recipient'"
exporter export residents.csv --column family_name --column given_name --column phone --recipient "$recipient" \
         --purpose "package check" --output relief.zip.age 2>/dev/null
exporter decrypt relief.zip.age --identity callcentre.key --identity-passphrase-file key-passphrase.txt \
         --output opened 2>/dev/null
python3 - <<'PY' || fail "the decrypted data.csv differs from the source's columns"
import csv
kept = ["family_name", "given_name", "phone"]
with open("residents.csv", encoding="utf-8-sig", newline="") as source:
    expected = [[row[name] for name in kept] for row in csv.DictReader(source)]
with open("opened/data.csv", encoding="utf-8-sig", newline="") as opened:
    rows = list(csv.reader(opened))
assert rows[0] == kept, rows[0]
assert rows[1:] == expected, "rows differ"
assert len(expected) == 2000
PY
say "sample -> keygen -> export -> decrypt: 2000 rows x 3 columns came back exactly"

QT_QPA_PLATFORM=offscreen EXPORTER_SAMPLE_ROWS=500 exporter --screenshots shots --lang ja >/dev/null 2>&1 \
  || fail "the wizard's offscreen walk exited with $?"
pictures=$(find shots -name '*.png' -size +1k | wc -l)
((pictures >= 6)) || fail "the wizard wrote $pictures pictures"
say "wizard: opened offscreen in Japanese, walked its pages, wrote $pictures pictures and closed"

version=$(exporter --version)
say "$version"
if [[ -n "${1:-}" ]]; then
  [[ "$version" == "$1" ]] || fail "--version printed '$version', expected '$1'"
fi
[[ "$version" =~ ^exporter\ [0-9][^\ ]*\ \(commit\ [0-9a-f]{7,}(-dirty)?\)$ ]] || fail "--version lacks a commit"
python3 "$here/measure_startup.py" --runs "${STARTUP_RUNS:-5}" exporter
