#!/usr/bin/env bash
# verify-signatures.sh FOLDER: refuse a Windows CPython unless every program file in it carries a valid Authenticode
# signature, checked offline with Debian's osslsigncode:
#   - every .exe, .dll and .pyd built by CPython: signed by the Python Software Foundation, digest matching the
#     file, certificate chain up to DigiCert's root in Debian's ca-certificates, timestamp valid;
#   - the Microsoft Visual C++ runtime that CPython ships (vcruntime140.dll, vcruntime140_1.dll): signed by
#     Microsoft Corporation with a digest matching the file. Their chain cannot be checked here: Microsoft's
#     code-signing root is not in Debian's ca-certificates. Windows checks it when it loads them.
# Any other program file (a repackager's extra) is refused. Prints one line per file; exits 1 on the first refusal.
set -euo pipefail
folder=${1:?usage: verify-signatures.sh FOLDER}
say() { printf 'signatures: %s\n' "$*" >&2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# The subject of the signer's certificate: the first Subject after "Signer's certificate:".
signer() { awk '/^Signer.s certificate:/ {found = 1} found && /Subject:/ {sub(/^[ \t]*Subject: */, ""); print; exit}' "$log"; }
digests_match() {
  local current calculated
  current=$(awk -F': *' '/^Current message digest/ {print $2; exit}' "$log" | tr -d ' ')
  calculated=$(awk -F': *' '/^Calculated message digest/ {print $2; exit}' "$log" | tr -d ' ')
  [[ -n "$current" && "$current" == "$calculated" ]]
}

count=0
while IFS= read -r -d '' file; do
  name=${file#"$folder"/}
  status=0
  osslsigncode verify -ignore-cdp -ignore-crl -in "$file" >"$log" 2>&1 || status=$?
  subject=$(signer)
  case "${name,,}" in
    vcruntime140.dll | vcruntime140_1.dll)
      [[ "$subject" == */O=Microsoft\ Corporation/* ]] && digests_match \
        || { cat "$log" >&2; say "REFUSED $name: not signed by Microsoft Corporation, or altered since signing"; exit 1; }
      say "ok $name: Microsoft Corporation, digest matches (chain not checkable offline)"
      ;;
    *)
      ((status == 0)) && [[ "$subject" == */O=Python\ Software\ Foundation/CN=Python\ Software\ Foundation ]] \
        && digests_match \
        || { cat "$log" >&2; say "REFUSED $name: not a valid signature of the Python Software Foundation ($subject)"; exit 1; }
      ;;
  esac
  count=$((count + 1))
done < <(find "$folder" -type f \( -iname '*.exe' -o -iname '*.dll' -o -iname '*.pyd' \) -print0 | LC_ALL=C sort -z)
((count > 0)) || { say "REFUSED: no program files in $folder"; exit 1; }
say "all $count program files verified (Python Software Foundation, DigiCert chain; the VC++ runtime: Microsoft)"
