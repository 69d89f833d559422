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
dir="$(cd "$dir" && pwd)"

# A killed daemon stays a zombie until init reaps it, which some container inits do
# only every second or two: a zombie counts as gone.
is_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
  [ "$state" != Z ]
}

# A pid file can outlive its process, and the pid be reused: act only on a process
# started with this cluster's config.
is_ours() {
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$dir/ceph.conf"
}

# The data is thrown away, so nothing needs a clean shutdown, only a prompt one, one
# daemon after the other: radosgw is killed at once (on SIGTERM it drains for about 5 s);
# the OSD gets SIGTERM while the monitor still runs (it tells the monitor it is going
# down, and would wait 5 s for a monitor already gone); the monitor last.
stop_daemon() { # pid file, signal
  local pid deadline
  [ -f "$1" ] || return 0
  pid=$(cat "$1")
  is_running "$pid" && is_ours "$pid" || return 0
  kill "-$2" "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + 10 ))
  while is_running "$pid"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      kill -KILL "$pid" 2>/dev/null || true
      return 0
    fi
    sleep 0.05
  done
}

stop_daemon "$dir/run/client.rgw.spawn.pid" KILL
for f in "$dir"/run/osd.*.spawn.pid; do stop_daemon "$f" TERM; done
for f in "$dir"/run/mon.*.spawn.pid; do stop_daemon "$f" TERM; done

if [ "$keep" = 0 ]; then rm -rf "$dir"; fi
