#!/usr/bin/env bash
# Controls the radosgw of a cluster made by start.sh, so tests can kill the gateway
# mid-write and bring it back while the monitor and OSD (and the data) stay up.
#
#   scripts/rgw/gateway.sh start DIR   start radosgw, return when it answers HTTP
#   scripts/rgw/gateway.sh kill DIR    SIGKILL radosgw (a crash, not a clean stop)
#
# `start` prints the new radosgw pid on stdout and updates rgwPid in DIR/rgw.json.
set -euo pipefail

action="${1:-}"
dir="${2:-}"
if [ -z "$action" ] || [ -z "$dir" ] || [ ! -f "$dir/env" ]; then
  echo "usage: gateway.sh start|kill DIR   (DIR made by scripts/rgw/start.sh)" >&2
  exit 2
fi
# shellcheck disable=SC1091
. "$dir/env"
pidfile="$dir/run/client.rgw.spawn.pid"

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
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$CEPH_CONF"
}
log="$dir/log/client.rgw.log"

running_pid() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  is_running "$pid" && is_ours "$pid" && echo "$pid"
}

wait_gone() { # pid, timeout seconds
  local deadline=$(( $(date +%s) + $2 ))
  while is_running "$1"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then return 1; fi
    sleep 0.05
  done
}

answers_http() {
  /usr/bin/python3 - "$RGW_PORT" <<'PY'
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=2)
except urllib.error.HTTPError:
    pass  # any S3 answer (even 403) means the gateway is serving
except Exception:
    sys.exit(1)
PY
}

case "$action" in
  start)
    if pid=$(running_pid); then
      echo "gateway.sh: radosgw already running (pid $pid)" >&2
      echo "$pid"
      exit 0
    fi
    setsid radosgw -c "$CEPH_CONF" -n client.rgw -f </dev/null >>"$dir/log/client.rgw.stderr" 2>&1 &
    pid=$!
    echo "$pid" > "$pidfile"
    deadline=$(( $(date +%s) + 60 ))
    until answers_http; do
      if ! is_running "$pid"; then
        echo "gateway.sh: radosgw exited during startup; see $log and $dir/log/client.rgw.stderr" >&2
        tail -n 20 "$log" "$dir/log/client.rgw.stderr" >&2 2>/dev/null || true
        exit 1
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "gateway.sh: radosgw (pid $pid) did not answer on 127.0.0.1:$RGW_PORT within 60s; see $log" >&2
        tail -n 20 "$log" >&2 2>/dev/null || true
        exit 1
      fi
      sleep 0.1
    done
    if [ -f "$dir/rgw.json" ]; then
      sed -i -E "s/\"rgwPid\":[0-9]+/\"rgwPid\":$pid/" "$dir/rgw.json"
    fi
    echo "$pid"
    ;;
  kill)
    if ! pid=$(running_pid); then exit 0; fi
    kill -KILL "$pid"
    if ! wait_gone "$pid" 10; then
      echo "gateway.sh: radosgw (pid $pid) still running 10s after SIGKILL" >&2
      exit 1
    fi
    ;;
  *)
    echo "gateway.sh: unknown action '$action' (start or kill)" >&2
    exit 2
    ;;
esac
