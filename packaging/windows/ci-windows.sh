#!/usr/bin/env bash
# CI proof of the Windows MSI under Wine (.ci/run calls it after packaging/ci-package.sh):
#   packaging/windows/ci-windows.sh      # as root, after ./dev test has made .venv
#   packaging/windows/ci-windows.sh --no-build   # only the tests, of the MSI already built
# Builds dist/exporter-<version>-x64.msi (build-msi.sh; the cached Wine root is reused when present), shows that
# the build's refusals work (a python311.dll altered after signing; a bundle without ISA-L's igzip_lib), then in a
# fresh Wine prefix: installs it silently (msiexec /i /qn), checks the files, the Start-menu shortcut and
# `exporter-cli.exe --version` (the commit); exports a CP932 sample to a key made by the Linux build and decrypts
# it there, and the reverse; renders the wizard offscreen in Japanese and checks the pictures are not blank;
# uninstalls silently (msiexec /x /qn) and checks that nothing of it is left.
# Qt 6.10+ needs Windows' icuuc.dll, which Wine lacks: the test-only stand-in (icu-standin/) goes into the test
# prefix's system32, never into the bundle or the MSI.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRIPT_NAME=ci-windows
PYTHON=${PYTHON:-.venv/bin/python}
say() { printf 'ci-windows: %s\n' "$*"; }
fail() { printf 'ci-windows: FAILED: %s\n' "$*" >&2; exit 1; }
started=$SECONDS
# The commit the MSI must name, decided once: build-msi.sh builds it, --version must print it.
export EXPORTER_BUILD_COMMIT=${EXPORTER_BUILD_COMMIT:-$(git describe --always --dirty --abbrev=12 --exclude '*' 2>/dev/null || echo unknown)}
commit=$EXPORTER_BUILD_COMMIT

mkdir -p build
if [[ "${1:-}" == --no-build ]]; then  # test the MSI and bundle already in dist/ and build/windows/ (development)
  say "using the MSI already built"
else
  packaging/windows/build-msi.sh >build/windows-build.log 2>&1 \
    || { grep -v 'WARNING: Location' build/windows-build.log | tail -30 >&2; fail "the MSI build failed"; }
  grep -E '^build-msi: (bundle|dist|time)|^accelerator|signatures: all' build/windows-build.log
fi
built=$SECONDS

source packaging/windows/wine-root.sh
version=$("$PYTHON" -c 'import exporter; print(exporter.__version__)')
msi=dist/exporter-$version-x64.msi
work=build/windows/smoke
prefix_dir=build/windows/prefix-test
prefix=/src/$prefix_dir
installed="$prefix_dir/drive_c/Program Files/exporter"
# ALLUSERS=1 puts it in the all-users Start menu on Windows; Wine's msiexec resolves ProgramMenuFolder to the
# installing user's Start menu whatever ALLUSERS says: either place is accepted here, and it must go on uninstall.
shortcuts=("$prefix_dir/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/exporter.lnk"
           "$prefix_dir/drive_c/users/root/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/exporter.lnk")
cli='C:\Program Files\exporter\exporter-cli.exe'
trap 'wine_root_unmount' EXIT
wine_root_mount "$PWD"
rm -rf --one-file-system "$prefix_dir" "$work"
mkdir -p "$work"
win() { in_wine "$prefix" wine "$@"; }
winpath() { printf 'Z:\\src\\%s' "${1//\//\\}"; }  # a path under the source tree, as Windows sees it in the root
linux() { PYTHONPATH="$PWD" "$PYTHON" -m exporter "$@"; }

# --- the build's refusals must refuse what they were made for ---------------------------------------------
# An interpreter file altered after signing (one byte of python311.dll) is refused.
mkdir -p "$work/doctored-python"
cp build/windows/python/python311.dll build/windows/python/python.exe "$work/doctored-python/"
printf '\xAA' | dd of="$work/doctored-python/python311.dll" bs=1 seek=100000 conv=notrunc 2>/dev/null
cmp -s "$work/doctored-python/python311.dll" build/windows/python/python311.dll && fail "the doctored copy is unchanged"
if packaging/windows/verify-signatures.sh "$work/doctored-python" >"$work/doctored-python.log" 2>&1; then
  fail "verify-signatures.sh accepted a python311.dll altered after signing"
fi
grep -q 'REFUSED python311.dll' "$work/doctored-python.log" || { cat "$work/doctored-python.log" >&2; fail "refused for another reason"; }
say "signatures: a python311.dll altered after signing is refused"
# A bundle without ISA-L's igzip_lib fails the accelerator check (deflate falls back to zlib), as on Linux.
cp -a build/windows/dist/exporter "$work/doctored-bundle"
rm "$work"/doctored-bundle/_internal/isal/igzip_lib*.pyd
WINE_ENV=(PYTHONPATH='Z:\src')
if in_wine /src/build/windows/prefix-build wine 'Z:\src\build\windows\python\python.exe' 'Z:\src\packaging\check_accelerators.py' \
     "$(winpath "$work/doctored-bundle/exporter-cli.exe")" >"$work/doctored-bundle.log" 2>&1; then
  fail "the accelerator check passed a bundle without isal.igzip_lib"
fi
WINE_ENV=()
grep -q 'deflate: the source build uses ISA-L .*, the frozen program zlib' "$work/doctored-bundle.log" \
  || { cat "$work/doctored-bundle.log" >&2; fail "the accelerator check failed the doctored bundle for another reason"; }
rm -rf "$work/doctored-bundle" "$work/doctored-python"
say "accelerator check: a copy of the bundle without isal.igzip_lib is refused (deflate falls back to zlib)"

say "fresh Wine prefix with the test-only ICU stand-in"
in_wine "$prefix" wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
x86_64-w64-mingw32-gcc -O2 -shared -s -static-libgcc -o "$work/icuuc.dll" packaging/windows/icu-standin/icuuc.c
cp "$work/icuuc.dll" "$prefix_dir/drive_c/windows/system32/icuuc.dll"

# --- install ---------------------------------------------------------------------------------------------------
machine_path() { win reg query 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' /v PATH 2>/dev/null | tr -d '\r'; }
path_before=$(machine_path)
say "msiexec /i $msi /qn"
win msiexec /i "$(winpath "$msi")" /qn >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "msiexec /i failed"; }
[[ -f "$installed/exporter.exe" && -f "$installed/exporter-cli.exe" ]] || fail "exporter is not under Program Files"
diff -r build/windows/dist/exporter "$installed" >/dev/null || fail "the installed files differ from the bundle"
shortcut=
for candidate in "${shortcuts[@]}"; do
  [[ -f "$candidate" ]] && shortcut=$candidate
done
[[ -n "$shortcut" ]] || fail "no Start-menu shortcut"
grep -a -q 'exporter.exe' "$shortcut" || fail "the Start-menu shortcut does not point at exporter.exe"
app_path=$(win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\App Paths\exporter-cli.exe' 2>/dev/null || true)
[[ "$app_path" == *exporter-cli.exe* ]] || fail "exporter-cli.exe is not registered under App Paths"
[[ "$(machine_path)" == *'C:\Program Files\exporter\'* ]] || fail "the install folder is not on the machine's PATH: $(machine_path)"
settings_dir="$prefix_dir/drive_c/ProgramData/exporter"
[[ -d "$settings_dir" ]] || fail "the policy folder %PROGRAMDATA%\\exporter was not made"
# Another build of the same version (a new ProductCode, as every build gets) replaces the installed one: one
# product under Uninstall, never two side by side.
products() { win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s 2>/dev/null | tr -d '\r' | grep -c -P '^\s+DisplayName\s+REG_SZ\s+exporter$' || true; }
rebuild="$work/exporter-$version-rebuild-x64.msi"
cp "$msi" "$rebuild"
msiinfo export "$rebuild" Property | tr -d '\r' \
  | awk -F'\t' -v code="{$(cat /proc/sys/kernel/random/uuid | tr a-z A-Z)}" 'BEGIN {OFS = "\t"} NR > 3 && $1 == "ProductCode" {$2 = code} {print}' \
  > "$work/Property.idt"
msibuild "$rebuild" -i "$work/Property.idt" || fail "msibuild could not make the rebuild's copy"
win msiexec /i "$(winpath "$rebuild")" /qn >"$work/install-rebuild.log" 2>&1 || { cat "$work/install-rebuild.log" >&2; fail "msiexec /i of another build of the same version failed"; }
[[ "$(products)" == 1 ]] || fail "another build of the same version installed beside the first: $(products) products"
msi=$rebuild  # the one installed now: the rest uses and uninstalls it
by_name=$(win cmd /c 'exporter-cli --version' 2>/dev/null | tr -d '\r')
[[ "$by_name" == "exporter $version (commit $commit)" ]] || fail "'exporter-cli --version' in cmd.exe printed '$by_name'"
say "installed: $(find "$installed" -type f | wc -l) files under C:\\Program Files\\exporter, the Start-menu shortcut, App Paths, PATH (cmd.exe finds exporter-cli), the policy folder; another build of the same version replaced it"

printed=$(win "$cli" --version 2>/dev/null | tr -d '\r')
[[ "$printed" == "exporter $version (commit $commit)" ]] || fail "--version printed '$printed', expected 'exporter $version (commit $commit)'"
say "exporter-cli.exe --version: $printed"

# --- Windows exports, Linux decrypts -----------------------------------------------------------------------
columns=(--column family_name --column given_name --column family_name_kana --column phone --column address_line)
linux sample --rows 300 --encoding cp932 --output "$work/residents-cp932.csv" >/dev/null 2>&1
linux_key=$(linux keygen --output "$work/linux.key" --no-protect 2>/dev/null)
win "$cli" export "$(winpath "$work/residents-cp932.csv")" "${columns[@]}" --recipient "$linux_key" \
  --purpose "smoke test" --output "$(winpath "$work/from-windows.zip.age")" >"$work/export-windows.log" 2>&1 \
  || { cat "$work/export-windows.log" >&2; fail "exporter-cli.exe export failed"; }
linux decrypt "$work/from-windows.zip.age" --identity "$work/linux.key" --output "$work/opened-linux" >/dev/null 2>&1 \
  || fail "the Linux build could not decrypt the Windows export"

# --- Linux exports, Windows decrypts -----------------------------------------------------------------------
windows_key=$(win "$cli" keygen --output "$(winpath "$work/windows.key")" --no-protect 2>/dev/null | tr -d '\r')
[[ "$windows_key" == age1* ]] || fail "exporter-cli.exe keygen printed '$windows_key'"
linux export "$work/residents-cp932.csv" "${columns[@]}" --recipient "$windows_key" --purpose "smoke test" \
  --output "$work/from-linux.zip.age" >/dev/null 2>&1 || fail "the Linux export failed"
win "$cli" decrypt "$(winpath "$work/from-linux.zip.age")" --identity "$(winpath "$work/windows.key")" \
  --output "$(winpath "$work/opened-windows")" >"$work/decrypt-windows.log" 2>&1 \
  || { cat "$work/decrypt-windows.log" >&2; fail "exporter-cli.exe decrypt failed"; }

"$PYTHON" - "$work" <<'PY' || fail "a decrypted data.csv differs from the CP932 sample's columns"
import csv, json, sys
from pathlib import Path
work = Path(sys.argv[1])
names = ["family_name", "given_name", "family_name_kana", "phone", "address_line"]
with open(work / "residents-cp932.csv", encoding="cp932", newline="") as source:
    expected = [[row[name] for name in names] for row in csv.DictReader(source)]
assert len(expected) == 300
for opened in ("opened-linux", "opened-windows"):
    with open(work / opened / "data.csv", encoding="utf-8-sig", newline="") as data:
        rows = list(csv.reader(data))
    assert rows[0] == names and rows[1:] == expected, opened
    manifest = json.loads((work / opened / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"] == 300, opened
PY
say "CP932 sample: exported by exporter-cli.exe, decrypted by the Linux build, and the reverse: the same 300 rows"

# --- the wizard, offscreen, in Japanese --------------------------------------------------------------------
# Qt offscreen (its FreeType font database, which reads .ttf and .otf files, not Noto CJK's .ttc) with a Japanese
# font, IPA P Gothic from Debian. Wine hands a Windows program no QT_* variable of Linux, only WINEQT_* ones, as QT_*.
font=/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf
if [[ ! -f "$font" ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-ipafont-gothic >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-ipafont-gothic >/dev/null; }
fi
mkdir -p "$prefix_dir/drive_c/fonts"
cp "$font" "$prefix_dir/drive_c/fonts/"
WINE_ENV=(WINEQT_QPA_PLATFORM=offscreen 'WINEQT_QPA_FONTDIR=C:\fonts' EXPORTER_SAMPLE_ROWS=500)
win 'C:\Program Files\exporter\exporter.exe' --screenshots "$(winpath "$work/shots")" --lang ja >"$work/shots.log" 2>&1 \
  || { cat "$work/shots.log" >&2; fail "exporter.exe --screenshots exited with an error"; }
WINE_ENV=()
QT_QPA_PLATFORM=offscreen "$PYTHON" - "$work/shots" <<'PY' || fail "the wizard's pictures are missing or blank"
import sys
from pathlib import Path
from PySide6.QtGui import QImage
pictures = sorted(Path(sys.argv[1]).glob("*.png"))
assert len(pictures) >= 6, f"{len(pictures)} pictures"
for picture in pictures:
    image = QImage(str(picture))
    assert not image.isNull() and image.width() >= 300 and image.height() >= 80, picture
    colours, dark = set(), 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            pixel = image.pixel(x, y)
            colours.add(pixel)
            dark += (pixel & 0xFF) + ((pixel >> 8) & 0xFF) + ((pixel >> 16) & 0xFF) < 200
    assert len(colours) >= 16 and dark >= 30, f"{picture.name}: {len(colours)} colours, {dark} dark pixels"
print(f"ci-windows: wizard: {len(pictures)} pictures in Japanese, none blank")
PY

# --- uninstall ---------------------------------------------------------------------------------------------
printf '[rules]\nnever_export = ["my_number"]\n' >"$settings_dir/policy.toml"  # as IT deploys it
say "msiexec /x $msi /qn"
win msiexec /x "$(winpath "$msi")" /qn >"$work/uninstall.log" 2>&1 || { cat "$work/uninstall.log" >&2; fail "msiexec /x failed"; }
[[ ! -e "$installed" ]] || fail "files remain after uninstall: $(find "$installed" | head -5)"
for shortcut in "${shortcuts[@]}"; do
  [[ ! -e "$shortcut" ]] || fail "the Start-menu shortcut remains after uninstall: $shortcut"
done
if win reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\App Paths\exporter-cli.exe' >/dev/null 2>&1; then
  fail "the App Paths entry remains after uninstall"
fi
[[ "$(machine_path)" != *'Program Files\exporter'* ]] || fail "the install folder remains on PATH: $(machine_path)"
# Wine's msi leaves the separator it added (a trailing ";" per install, harmless); anything else must be as it was.
path_after=$(machine_path)
[[ "$(sed 's/;*$//' <<<"$path_after")" == "$(sed 's/;*$//' <<<"$path_before")" ]] \
  || fail "uninstall did not give PATH back: '$path_before' -> '$path_after'"
[[ -f "$settings_dir/policy.toml" ]] || fail "uninstall removed the deployed policy"
[[ "$(products)" == 0 ]] || fail "exporter is still listed under Uninstall"
say "uninstalled: nothing of exporter remains under Program Files, in the Start menu, under App Paths or on PATH; the deployed policy stays"
in_wine "$prefix" wineserver -k >/dev/null 2>&1 || true
say "time $((SECONDS - started)) s (build $((built - started)) s, smoke test $((SECONDS - built)) s)"
say "done"
