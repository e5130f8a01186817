#!/usr/bin/env bash
# Installs what kehou needs to build, run and test on Debian 12 (fonts-noto-cjk so screenshots of the
# Chinese UI are readable). Idempotent and quiet when all is
# there: it asks dpkg and npm first and only calls apt-get / npm ci for what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libssl-dev libspdlog-dev libfmt-dev libcli11-dev libxlsxwriter-dev libcsv-dev
  libzip-dev libexpat1-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 nginx chromium fonts-noto-cjk curl ca-certificates
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node.js: use the machine's node if it is new enough for Vite, else Debian's.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages: npm ci only when the lock file changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.kehou-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    echo "bootstrap: npm ci in web/"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
