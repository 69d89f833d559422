#!/usr/bin/env bash
# `npm test`: every suite, nothing skipped silently. What npm cannot install (Debian's
# Chromium for e2e, Ceph RGW for S3) is installed here when missing and we are root;
# otherwise we stop and say what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# npm puts node_modules/.bin first on PATH, so `node` here and in every tool below is
# the project's Node 22 (the `node` dev dependency), whatever the machine's Node is.
step "runtime: Node $(node --version) ($(command -v node))"

step "build CLI"
npm run --silent build:cli

step "typecheck"
npm run --silent typecheck

step "lint"
npm run --silent lint

step "unit and integration tests (vitest)"
npx vitest run

step "S3 tests (Ceph RGW on 127.0.0.1)"
bash scripts/rgw/ensure-installed.sh
npx vitest run --config vitest.s3.config.ts

step "end-to-end tests (Playwright, browser host in Debian's Chromium)"
if ! command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  else
    echo "The end-to-end tests need Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi
npx playwright test --project browser-host
if [ -f node_modules/electron/path.txt ]; then
  step "Electron launch test (the Electron binary is installed)"
  npm run --silent test:e2e:electron
else
  echo "Electron launch test: not run here, the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)."
  echo "Where it is installed, npm test runs it; alone: npm run test:e2e:electron."
fi

echo
echo "All suites passed."
