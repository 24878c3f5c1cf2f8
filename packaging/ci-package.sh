#!/usr/bin/env bash
# CI proof of the package (.ci/run calls it after the tests): build the bundle, the .deb and the .tar.gz (the build
# compares the frozen program's fast paths with the source build's; a copy of the bundle without isal's igzip_lib
# must fail that check); install the .deb with apt; use the installed program (packaging/test_installed.sh), run
# the invariant and ZIP reader tests against it and time it against the source build (bench/export_bench.py);
# remove it and check nothing is left; build a second time from the same commit and compare, file by file; check
# the budgets (a breach fails).
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
grep -q '^accelerator: the frozen program uses every fast path' "$report" || fail "the accelerator check did not pass"

# The accelerator check must fail on the fault it was made for: a bundle without isal's igzip_lib.
rm -rf build/doctored
cp -a dist/exporter build/doctored
rm build/doctored/_internal/isal/igzip_lib.* || fail "the bundle has no isal/igzip_lib to remove for the negative control"
if "$PYTHON" packaging/check_accelerators.py build/doctored/exporter > build/doctored.log 2>&1; then
  fail "the accelerator check passed a bundle without isal.igzip_lib"
fi
grep -q 'deflate: the source build uses ISA-L .*, the frozen program zlib' build/doctored.log \
  || { cat build/doctored.log >&2; fail "the accelerator check failed a bundle without igzip_lib for another reason"; }
rm -rf build/doctored build/doctored.log
say "accelerator check: a copy of the bundle without isal.igzip_lib is refused (deflate falls back to zlib)"

say "apt-get install ./dist/exporter_${version}_*.deb"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "./dist/exporter_${version}_$(dpkg --print-architecture).deb" >/dev/null
packaging/test_installed.sh "exporter $version (commit $commit)" | tee -a "$report"

say "accelerators: the installed program against the source build"
"$PYTHON" packaging/check_accelerators.py /usr/bin/exporter | tail -1 \
  || fail "the installed program lacks a fast path of the source build"
# The invariants and the inner ZIP's readers, against the installed program (the tests run it as EXPORTER_COMMAND).
say "invariant and ZIP reader tests against /usr/bin/exporter"
EXPORTER_COMMAND=/usr/bin/exporter PYTHONPATH="$PWD" "$PYTHON" -m pytest -q -n 2 -p no:cacheprovider \
  tests/test_invariants.py tests/test_zip_interop.py || fail "the invariant tests failed against the installed program"
# The installed program within 1.15 x the source build, side by side on the same 460,000-row sample, and every
# export within its 300 MiB peak.
say "benchmark: the installed program against the source build"
PYTHONPATH="$PWD" "$PYTHON" bench/export_bench.py --rows 460000 --repeat 5 --warmup 1 --workdir build/bench \
  --compare /usr/bin/exporter --compare-only --check || fail "a benchmark target was missed (the FAIL line above: speed against the source build, or peak memory)"

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
