#!/usr/bin/env bash
# Fail when a file of the bundle links to a library that is neither in the bundle nor declared in
# packaging/debian/system-libraries (and so in the .deb's Depends).   check-libraries.sh [BUNDLE_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=${1:-/opt/exporter}
needed=$(find "$bundle" -type f \( -name '*.so*' -o -name exporter \) -exec objdump -p {} + 2>/dev/null \
         | awk '/^ *NEEDED/ {print $2}' | sort -u)
bundled=$(find "$bundle" \( -type f -o -type l \) -printf '%f\n' | sort -u)
declared=$(grep -v '^#' "$here/debian/system-libraries" | awk 'NF {print $1}' | sort -u)
missing=$(comm -23 <(echo "$needed") <(sort -u <(echo "$bundled") <(echo "$declared")))
if [[ -n "$missing" ]]; then
  echo "check-libraries: linked but neither bundled nor declared in packaging/debian/system-libraries:" >&2
  echo "$missing" | sed 's/^/  /' >&2
  exit 1
fi
echo "check-libraries: every library the bundle links to is bundled or declared ($(echo "$needed" | wc -l) sonames)"
