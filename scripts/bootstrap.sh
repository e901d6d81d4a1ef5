#!/usr/bin/env bash
# Installs what bsmlint needs on a fresh Debian machine (idempotent; run as root or with sudo).
# System libraries: libxml2 (HTML parser), pkg-config (to find it), hunspell and CLD2 (content
# rules), mimalloc (the executable's allocator).
# Test tools: xmllint (benchmark floor), python3 jsonschema (report schema validation), strace
# (the no-network test records every socket call; util-linux unshare gives it a network namespace).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
PACKAGES=(libxml2-dev pkg-config libxml2-utils libhunspell-dev hunspell-en-us hunspell-en-gb hunspell-en-au hunspell-en-ca hunspell-es hunspell-fr hunspell-de-de hunspell-it libcld2-dev libmimalloc-dev strace)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "bootstrap: installing python jsonschema" >&2
  python3 -m pip install -q jsonschema >/dev/null 2>&1 || echo "bootstrap: could not install jsonschema; schema tests will say so" >&2
fi
