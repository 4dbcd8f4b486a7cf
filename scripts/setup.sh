#!/usr/bin/env bash
# Installs every dependency of Signet from Debian packages and npm.
# Idempotent: when everything is present it only checks and returns quickly.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  emscripten
  libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev doctest-dev
  libcpp-httplib-dev libsodium-dev libcurl4-openssl-dev libssl-dev
  fonts-dejavu-core fonttools brotli binaryen python3
  chromium python3-aiosmtpd
  clang libclang-rt-14-dev wrk
  nginx-light                  # scripts/bench.sh: the static-file baseline
  libmilter-dev libgmime-3.0-dev  # the Microsoft 365 mail flow: milter protocol, MIME
  postfix                      # the mail-flow tests run a Postfix instance of their own
  libpq-dev postgresql         # the PostgreSQL engine; the tests start a cluster of their own
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null; then missing+=(nodejs); fi
if ! command -v npm >/dev/null; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  # Postfix as a package only: no system mail server is configured or started.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.86 source, from Debian's source package, into an ignored folder.
if [ ! -f third_party/imgui/imgui.cpp ]; then
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "setup: adding a deb-src entry for bookworm main"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | $SUDO tee /etc/apt/sources.list.d/signet-deb-src.sources >/dev/null
    $SUDO apt-get update -qq
  fi
  command -v dpkg-source >/dev/null || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq dpkg-dev
  rm -rf third_party/imgui-src && mkdir -p third_party/imgui-src
  (cd third_party/imgui-src && apt-get source -qq imgui >/dev/null)
  src=$(find third_party/imgui-src -maxdepth 1 -mindepth 1 -type d -name 'imgui-*' | head -1)
  rm -rf third_party/imgui && mv "$src" third_party/imgui && rm -rf third_party/imgui-src
fi

# Browser-test tooling from npm (playwright-core drives Debian's Chromium; it never downloads one;
# speedscope draws the flame graphs of scripts/profile.sh).
if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/speedscope ]; then
  (cd tests/e2e && npm install --no-audit --no-fund --silent)
fi
echo "setup: ok"
