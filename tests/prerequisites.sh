#!/usr/bin/env bash
# Installs the Debian packages the tests use, if any is missing: PostgreSQL (the record's
# contract tests), SoftHSM2 (the PKCS#11 key store), Chromium (the console's browser tests).
# Needs root and apt-get; otherwise it names what to install and leaves it to you.
set -uo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]} (apt-get install ${missing[*]})." >&2
  exit 1
fi
echo "Installing ${missing[*]}..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
