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

# Issue 10: rows in scope, transforms and the risk count, then the same table as an Excel workbook.
exporter pseudonym-key --output office.pseudonym-key >/dev/null 2>&1
exporter export residents.csv --column family_name --column resident_number --column birth_date \
         --column account_number --where 'resident_tax = 0' --where 'age(birth_date) >= 65' \
         --reference-date 2026-04-01 --transform resident_number=pseudonym --transform birth_date=age-band:5 \
         --transform account_number=mask:4 --pseudonym-key office.pseudonym-key --recipient "$recipient" \
         --output scoped.zip.age 2> scoped.log || { cat scoped.log >&2; fail "the shaped export failed"; }
grep -q 'rows are in scope' scoped.log || fail "the shaped export did not say how many rows are in scope"
exporter decrypt scoped.zip.age --identity callcentre.key --identity-passphrase-file key-passphrase.txt \
         --output scoped 2>/dev/null
python3 - <<'PY' || fail "the shaped export's data.csv is not what its filter and transforms give"
import csv, datetime, json
eras = {"大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
def born(text):
    year, rest = text[2:].split("年"); month, rest = rest.split("月")
    return datetime.date(eras[text[:2]] + (1 if year == "元" else int(year)), int(month), int(rest.rstrip("日")))
def age(day, on=datetime.date(2026, 4, 1)):
    return on.year - day.year - ((on.month, on.day) < (day.month, day.day))
with open("residents.csv", encoding="utf-8-sig", newline="") as source:
    expected = [r for r in csv.DictReader(source) if r["resident_tax"] == "0" and age(born(r["birth_date"])) >= 65]
with open("scoped/data.csv", encoding="utf-8-sig", newline="") as opened:
    rows = list(csv.reader(opened))
assert [row[0] for row in rows[1:]] == [r["family_name"] for r in expected]
for row, resident in zip(rows[1:], expected):
    assert row[1] and row[1] != resident["resident_number"]
    band = age(born(resident["birth_date"])) // 5 * 5
    assert row[2] == f"{band}～{band + 4}", (row[2], band)  # the full-width tilde: never a date in Excel
    assert row[3].endswith(resident["account_number"][-4:]) and len(row[3]) == len(resident["account_number"])
manifest = json.load(open("scoped/manifest.json", encoding="utf-8"))
assert manifest["rows"] == len(expected) and manifest["row_filter"]["rows_read"] == 2000
assert manifest["risk"]["quasi_identifiers"] == ["birth_date"]
PY
say "rows in scope, pseudonym, age band and mask: the installed program kept and changed exactly what it was told"

if command -v soffice >/dev/null; then
  soffice --headless --infilter=CSV:44,34,76 --convert-to xlsx residents.csv >/dev/null 2>&1 || fail "LibreOffice could not write a workbook"
  exporter inspect residents.xlsx --json > workbook.json 2>/dev/null || fail "inspect refused the workbook"
  exporter export residents.xlsx --column family_name --column phone --recipient "$recipient" \
           --output workbook.zip.age 2>/dev/null || fail "the workbook export failed"
  exporter decrypt workbook.zip.age --identity callcentre.key --identity-passphrase-file key-passphrase.txt \
           --output workbook 2>/dev/null
  python3 - <<'PY' || fail "the workbook's data.csv differs from the CSV it was made from"
import csv
with open("residents.csv", encoding="utf-8-sig", newline="") as source:
    expected = [[row["family_name"], row["phone"]] for row in csv.DictReader(source)]
with open("workbook/data.csv", encoding="utf-8-sig", newline="") as opened:
    assert list(csv.reader(opened))[1:] == expected
PY
  say "workbook: LibreOffice's .xlsx of the sample exported by the installed program as the CSV's own columns"
else
  fail "soffice (libreoffice-calc-nogui) is missing: ./dev test installs it"
fi

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
