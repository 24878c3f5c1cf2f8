#!/usr/bin/env bash
# CI proof of the package (.ci/run calls it after the tests): build the bundle, the .deb and the .tar.gz; install
# the .deb with apt; use the installed program (packaging/test_installed.sh); remove it and check nothing is left;
# build a second time from the same commit and compare, file by file; check the budgets (a breach fails).
# Idempotent: removes an earlier installed exporter first; every build starts from empty output folders.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
say() { printf 'ci-package: %s\n' "$*"; }
fail() { printf 'ci-package: FAILED: %s\n' "$*" >&2; exit 1; }
sudo=(); ((EUID == 0)) || sudo=(sudo)
if dpkg-query -W -f='${Status}' exporter 2>/dev/null | grep -q 'ok installed'; then
  "${sudo[@]}" apt-get remove --purge -y -qq exporter >/dev/null
fi

commit=$(git describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null || echo unknown)
version=$("$PYTHON" -c 'import exporter; print(exporter.__version__)')
export EXPORTER_BUILD_COMMIT=$commit
# As build-deb.sh sets them, so that the second build below is made the same way.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0
report=$(mktemp)
trap 'rm -f "$report"' EXIT

packaging/build-deb.sh 2>&1 | tee "$report" | grep -v -e 'INFO:' -e 'Hidden import' -e 'libqgtk3' || true
grep -q '^build: time' "$report" || fail "the build did not finish"
"$PYTHON" packaging/check_icu_data.py dist/exporter

say "apt-get install ./dist/exporter_${version}_*.deb"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "./dist/exporter_${version}_$(dpkg --print-architecture).deb" >/dev/null
packaging/test_installed.sh "exporter $version (commit $commit)" | tee -a "$report"

say "apt-get remove --purge exporter"
"${sudo[@]}" apt-get remove --purge -y -qq exporter >/dev/null
for path in /opt/exporter /usr/bin/exporter /usr/share/applications/exporter.desktop \
            /usr/share/icons/hicolor/256x256/apps/exporter.png /usr/share/doc/exporter; do
  [[ ! -e "$path" && ! -L "$path" ]] || fail "$path remains after removal"
done
say "removed: nothing of exporter remains under /opt, /usr/bin or /usr/share"

say "second build of commit $commit"
rm -rf build/repro
"$PYTHON" -m PyInstaller --noconfirm --log-level ERROR --distpath build/repro/dist --workpath build/repro/work \
  build.spec >/dev/null 2>&1 || fail "the second build failed"
first=$(cd dist/exporter && find . | LC_ALL=C sort)
second=$(cd build/repro/dist/exporter && find . | LC_ALL=C sort)
if [[ "$first" != "$second" ]]; then
  diff <(echo "$first") <(echo "$second") >&2 || true
  fail "the two builds of $commit hold different files"
fi
differing=$(cd dist/exporter && find . -type f -exec cmp -s {} ../../build/repro/dist/exporter/{} \; -o -type f -print)
[[ -z "$differing" ]] || fail "the two builds of $commit differ in: $differing"
digest=$(cd dist/exporter && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
say "two builds: the same $(echo "$second" | wc -l) paths, byte for byte (bundle digest $digest)"
rm -rf build/repro

# --- budgets (the issue's: MB = 10^6 bytes) ---------------------------------------------------------------------
verdict() { awk -v v="$1" -v l="$2" 'BEGIN {print (v <= l) ? "ok" : "OVER"}'; }
# Sizes as build-deb.sh reported them.
bundle=$(awk '/^build: bundle/ {print $3}' "$report")
deb=$(awk '/^build: .*\.deb / {print $3}' "$report")
tgz=$(awk '/^build: .*\.tar\.gz / {print $3}' "$report")
startup=$(awk '/^startup: median/ {print $3}' "$report")
build_time=$(awk '/^build: time/ {print $3}' "$report")
[[ -n "$bundle" && -n "$deb" && -n "$tgz" && -n "$startup" && -n "$build_time" ]] || fail "a figure is missing from the report"
budgets=$(printf 'budget: %-28s %8s   limit %6s   %s\n' \
  "bundle unpacked (MB)" "$bundle" 150 "$(verdict "$bundle" 150)" \
  ".deb (MB)" "$deb" 70 "$(verdict "$deb" 70)" \
  ".tar.gz (MB)" "$tgz" 70 "$(verdict "$tgz" 70)" \
  "first page, median (s)" "$startup" 1.5 "$(verdict "$startup" 1.5)" \
  "bundle + .deb + .tar.gz (s)" "$build_time" 300 "$(verdict "$build_time" 300)")
echo "$budgets"
[[ "$budgets" != *OVER* ]] || fail "a budget is exceeded"
say "done"
