#!/usr/bin/env bash
# Stops a cluster made by start.sh (radosgw, OSD, monitor: each by the pid start.sh
# recorded, never by name, so other clusters on this machine are left alone) and
# removes its folder.
#
#   scripts/rgw/stop.sh [--keep] DIR     --keep: stop the daemons but keep DIR (logs)
set -euo pipefail

keep=0
if [ "${1:-}" = "--keep" ]; then keep=1; shift; fi
dir="${1:-}"
if [ -z "$dir" ]; then
  echo "usage: stop.sh [--keep] DIR   (DIR made by scripts/rgw/start.sh)" >&2
  exit 2
fi
if [ ! -d "$dir" ]; then exit 0; fi
if [ ! -f "$dir/ceph.conf" ] || [ ! -d "$dir/run" ]; then
  echo "stop.sh: $dir does not look like a folder made by start.sh; not touching it." >&2
  exit 2
fi

# Gateway first (it holds client sessions), then the OSD, the monitor last.
pids=()
for f in "$dir"/run/client.rgw.spawn.pid "$dir"/run/osd.*.spawn.pid "$dir"/run/mon.*.spawn.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
  fi
done

deadline=$(( $(date +%s) + 10 ))
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.1
      break
    fi
    sleep 0.05
  done
done

if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
