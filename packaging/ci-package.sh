#!/usr/bin/env bash
# CI proof of the package (.ci/run calls it after the tests): build the bundle, the .deb and the .tar.gz; install
# the .deb with apt; use the installed program (packaging/test_installed.sh); remove it and check nothing is left;
# build a second time from the same commit and compare the file lists; print the budgets.
# Idempotent: removes an earlier installed exporter first; every build starts from empty output folders.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
say() { printf 'ci-package: %s\n' "$*"; }
fail() { printf 'ci-package: FAILED: %s\n' "$*" >&2; exit 1; }
sudo=(); ((EUID == 0)) || sudo=(sudo)
apt_install() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
  done
  ((${#missing[@]})) || return 0
  say "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# PyInstaller reads binaries with objdump (binutils); the Qt libraries the bundle carries must be on this machine
# (check-libraries.sh fails otherwise); a Debian Python needs its shared libpython.
build_needs=(binutils libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
             libxcb-shape0 libxcb-xkb1 libx11-xcb1)
python_real=$(readlink -f "$PYTHON")
if dpkg -S "$python_real" >/dev/null 2>&1; then
  build_needs+=("libpython$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')")
fi
apt_install "${build_needs[@]}"
if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null; then
  say "installing the build extras into the venv"
  out=$("$PYTHON" -m pip install -q -e '.[gui,build]' 2>&1) || { echo "$out" >&2; fail "pip install '.[gui,build]'"; }
fi

if dpkg-query -W -f='${Status}' exporter 2>/dev/null | grep -q 'ok installed'; then
  "${sudo[@]}" apt-get remove --purge -y -qq exporter >/dev/null
fi

commit=$(git describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null || echo unknown)
version=$("$PYTHON" -c 'import exporter; print(exporter.__version__)')
export EXPORTER_BUILD_COMMIT=$commit
report=$(mktemp)
trap 'rm -f "$report"' EXIT

packaging/build-deb.sh 2>&1 | tee "$report" | grep -v -e 'INFO:' -e 'Hidden import' -e 'libqgtk3' || true
grep -q '^build: time' "$report" || fail "the build did not finish"
packaging/check-libraries.sh dist/exporter

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
differing=$(cd dist/exporter && find . -type f -exec cmp -s {} ../../build/repro/dist/exporter/{} \; -o -type f -print | wc -l)
# Content may differ (base_library.zip: marshal's reference flags vary from run to run); the list may not.
say "two builds: the same $(echo "$second" | wc -l) paths; $differing files differ in content"
rm -rf build/repro

# --- budgets -------------------------------------------------------------------------------------------------
mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }
verdict() { awk -v v="$1" -v l="$2" 'BEGIN {print (v <= l) ? "ok" : "OVER"}'; }
bundle=$(mib "$(du -sb dist/exporter | cut -f1)")
deb=$(mib "$(stat -c %s dist/exporter_"$version"_*.deb)")
tgz=$(mib "$(stat -c %s dist/exporter-"$version"-linux-*.tar.gz)")
startup=$(awk '/^startup: median/ {print $3}' "$report")
build_time=$(awk '/^build: time/ {print $3}' "$report")
budgets=$(printf 'budget: %-28s %8s   limit %6s   %s\n' \
  "bundle unpacked (MiB)" "$bundle" 150 "$(verdict "$bundle" 150)" \
  ".deb (MiB)" "$deb" 70 "$(verdict "$deb" 70)" \
  ".tar.gz (MiB)" "$tgz" 70 "$(verdict "$tgz" 70)" \
  "first page, median (s)" "$startup" 1.5 "$(verdict "$startup" 1.5)" \
  "bundle + .deb + .tar.gz (s)" "$build_time" 300 "$(verdict "$build_time" 300)")
echo "$budgets"
if [[ "$budgets" == *OVER* && -n "${EXPORTER_ENFORCE_BUDGETS:-}" ]]; then
  fail "a budget is exceeded (EXPORTER_ENFORCE_BUDGETS is set)"
fi
say "done"
