# Sourced by build-msi.sh and ci-windows.sh: a Debian trixie root holding Wine 10, made with debootstrap and
# cached between runs, and the helpers that run Windows programs in it with chroot.
#
# Why a root and not the machine's own Wine: Debian 12's Wine 8 cannot load the cryptography wheel
# (bcryptprimitives.dll is missing); Wine 10 from Debian 13 can. debootstrap and chroot take it from Debian's own
# repositories, whatever this machine runs.
#
# Environment: EXPORTER_WINE_CACHE (default /var/cache/exporter-wine) holds the root (trixie-root/, ~1.5 GB).
# Delete that folder to start afresh; the scripts never delete anything else.
# Needs root (debootstrap, chroot, mount).

WINE_CACHE=${EXPORTER_WINE_CACHE:-/var/cache/exporter-wine}
WINE_ROOT=$WINE_CACHE/trixie-root
WINE_ROOT_MARK=.exporter-wine-root-v1  # change the recipe below: change this name, and old roots are rebuilt
WINE_PACKAGES=(wine wine64)
WINE_MIRROR=${EXPORTER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
_wine_mounts=()

wine_say() { printf '%s: %s\n' "${SCRIPT_NAME:-wine-root}" "$*" >&2; }

# Never delete a folder with something mounted under it (a bind mount of /dev would go with it).
_wine_unmounted() {
  ! findmnt -rn -o TARGET | grep -q -F -- "$(readlink -f "$1")/"
}

# One run at a time per cache folder (runs share the root and its mounts). A child script inherits the lock.
wine_lock() {
  [[ "${EXPORTER_WINE_LOCKED:-}" == "$WINE_CACHE" ]] && return
  mkdir -p "$WINE_CACHE"
  exec 9>"$WINE_CACHE/lock"
  flock -w 3600 9 || { wine_say "another run holds $WINE_CACHE/lock"; return 1; }
  export EXPORTER_WINE_LOCKED=$WINE_CACHE
}

# The root, made when missing (or made by an older recipe): ~2 minutes of debootstrap, ~1.5 minutes of Wine.
wine_root_prepare() {
  wine_lock
  if [[ -f "$WINE_ROOT/$WINE_ROOT_MARK" ]]; then
    wine_say "Wine root: $WINE_ROOT (cached)"
    return
  fi
  local partial=$WINE_ROOT.partial
  ((EUID == 0)) || { wine_say "making the Wine root needs root (debootstrap, chroot)"; return 1; }
  local missing=()
  local tool
  for tool in debootstrap; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  mkdir -p "$WINE_CACHE"
  for old in "$partial" "$WINE_ROOT"; do
    if [[ -e "$old" ]]; then
      _wine_unmounted "$old" || { wine_say "$old has mounts under it: not deleting it"; return 1; }
      rm -rf --one-file-system "$old"
    fi
  done
  local started=$SECONDS
  wine_say "Wine root: debootstrap trixie into $partial"
  debootstrap --variant=minbase --include=ca-certificates trixie "$partial" "$WINE_MIRROR" >"$WINE_CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$WINE_CACHE/debootstrap.log" >&2; wine_say "debootstrap failed"; return 1; }
  wine_say "Wine root: apt-get install ${WINE_PACKAGES[*]} (inside)"
  mount -t proc proc "$partial/proc"
  mount --bind /dev "$partial/dev"
  local status=0
  chroot "$partial" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends ${WINE_PACKAGES[*]} && apt-get clean" \
    >"$WINE_CACHE/wine-install.log" 2>&1 || status=$?
  umount "$partial/dev" "$partial/proc"
  ((status == 0)) || { tail -20 "$WINE_CACHE/wine-install.log" >&2; wine_say "installing Wine failed"; return 1; }
  chroot "$partial" dpkg-query -W -f='wine ${Version}\n' wine >"$partial/$WINE_ROOT_MARK"
  mv "$partial" "$WINE_ROOT"
  wine_say "Wine root: $(cat "$WINE_ROOT/$WINE_ROOT_MARK") ready in $((SECONDS - started)) s"
}

# Mount what Wine needs in the root, and the source tree at /src. Undone by wine_root_unmount (set a trap).
wine_root_mount() {
  local source=$1
  wine_lock
  mkdir -p "$WINE_ROOT/src"
  mount -t proc proc "$WINE_ROOT/proc" && _wine_mounts+=("$WINE_ROOT/proc")
  mount --bind /dev "$WINE_ROOT/dev" && _wine_mounts+=("$WINE_ROOT/dev")
  mount -t devpts -o newinstance devpts "$WINE_ROOT/dev/pts" 2>/dev/null && _wine_mounts+=("$WINE_ROOT/dev/pts") || true
  mount -t tmpfs tmpfs "$WINE_ROOT/tmp" && _wine_mounts+=("$WINE_ROOT/tmp")
  mount --bind "$source" "$WINE_ROOT/src" && _wine_mounts+=("$WINE_ROOT/src")
}

wine_root_unmount() {
  local index
  # Stop what Wine left running in the root (its wineserver) before unmounting.
  if [[ -d "$WINE_ROOT/proc/1" ]]; then
    local pid
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
      [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" == "$(readlink -f "$WINE_ROOT")" ]] && kill "$pid" 2>/dev/null
    done
    sleep 1
  fi
  for ((index = ${#_wine_mounts[@]} - 1; index >= 0; index--)); do
    umount "${_wine_mounts[index]}" 2>/dev/null || umount -l "${_wine_mounts[index]}" 2>/dev/null || true
  done
  _wine_mounts=()
}

# in_wine PREFIX COMMAND...: run a command in the root with the Wine prefix PREFIX (a path inside the root, such as
# /src/build/windows/prefix-build). Extra environment: WINE_ENV=(NAME=value ...). Qt's variables reach a Windows
# program only as WINEQT_... under Wine's rules, so pass them through WINE_ENV by their own names.
in_wine() {
  local prefix=$1
  shift
  chroot "$WINE_ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    WINEPREFIX="$prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
    "${WINE_ENV[@]}" "$@"
}
