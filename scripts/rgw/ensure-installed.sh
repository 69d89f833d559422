#!/usr/bin/env bash
# Makes sure Debian's Ceph RADOS Gateway (the S3 test server) is installed.
# Called by scripts/test-all.sh and .ci/run before the S3 tests. When binaries are
# missing: as root with apt-get, installs them; otherwise stops (exit 1) and says what to
# install. It never lets the S3 tests be skipped silently.
#
#   scripts/rgw/ensure-installed.sh [--check]    --check: report only, never install
set -euo pipefail

packages=(radosgw ceph-mon ceph-osd)
binaries=(radosgw radosgw-admin ceph-mon ceph-osd ceph monmaptool)
check_only=0
if [ "${1:-}" = "--check" ]; then check_only=1; fi

missing_binaries() {
  local b out=()
  for b in "${binaries[@]}"; do command -v "$b" >/dev/null || out+=("$b"); done
  echo "${out[*]:-}"
}

missing=$(missing_binaries)
if [ -z "$missing" ]; then exit 0; fi

install_line="apt-get install -y --no-install-recommends ${packages[*]}"
if [ "$check_only" = 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-installed.sh: missing $missing; installing Ceph RGW: $install_line" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Other apt users (another install running) are waited for, not fought.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${packages[@]}" >&2
  missing=$(missing_binaries)
  if [ -z "$missing" ]; then exit 0; fi
  echo "ensure-installed.sh: still missing after install: $missing" >&2
  exit 1
fi

cat >&2 <<MSG
ensure-installed.sh: the S3 tests need Ceph's RADOS Gateway, and these are missing: $missing
Install them (Debian/Ubuntu, as root):
  apt-get update && $install_line
or run the S3 tests against another S3 server that enforces conditional writes
(see README: "S3 tests against MinIO or AWS").
MSG
exit 1
