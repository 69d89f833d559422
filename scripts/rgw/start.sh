#!/usr/bin/env bash
# Starts a throwaway single-host Ceph cluster with a RADOS Gateway on 127.0.0.1, for the
# S3 tests: one ceph-mon, one memstore OSD (data lives in the OSD's memory, so
# the gateway can be killed and restarted without losing objects, but nothing survives
# stop.sh), one radosgw, and an S3 user with fresh random keys.
#
#   scripts/rgw/start.sh [--dir DIR] [--json FILE]
#
# Prints one JSON line on stdout when the gateway answers S3 requests:
#   {"endpoint":"http://127.0.0.1:PORT","accessKeyId":"...","secretAccessKey":"...",
#    "region":"us-east-1","dir":"...","rgwPid":N,...}
# and writes the same to DIR/rgw.json (and --json FILE if given). Stop with
#   scripts/rgw/stop.sh DIR
# On failure it exits non-zero, names the step that failed, prints the tail of that
# daemon's log, stops what it started and keeps DIR (its logs) for inspection.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
dir=""
json_out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --json) json_out="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph monmaptool; do
  if ! command -v "$bin" >/dev/null; then
    echo "start.sh: '$bin' is not installed. Run scripts/rgw/ensure-installed.sh as root, or:" >&2
    echo "  apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd" >&2
    exit 3
  fi
done

if [ -z "$dir" ]; then
  dir="$(mktemp -d "${TMPDIR:-/tmp}/borelog-rgw.XXXXXX")"
else
  mkdir -p "$dir"
  if [ -n "$(ls -A "$dir")" ]; then
    echo "start.sh: $dir is not empty; give an empty or new folder." >&2
    exit 2
  fi
fi
dir="$(cd "$dir" && pwd)"
mkdir -p "$dir/mon" "$dir/osd" "$dir/rgw" "$dir/run" "$dir/log"

started_at=$(date +%s.%N)
elapsed() { /usr/bin/python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started_at" "$(date +%s.%N)"; }

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

fail() {
  trap - ERR INT TERM
  local what="$1" log="${2:-}"
  echo "start.sh: FAILED after $(elapsed)s: $what" >&2
  if [ -n "$log" ] && [ -f "$log" ]; then
    echo "--- last lines of $log ---" >&2
    tail -n 30 "$log" >&2
    echo "---" >&2
  fi
  "$here/stop.sh" --keep "$dir" >/dev/null 2>&1 || true
  echo "start.sh: logs kept in $dir/log (remove with: rm -rf '$dir')" >&2
  exit 1
}

# Whatever goes wrong from here on, or an interrupt, stops what was started: no orphan
# daemons (they run in their own sessions, so a Ctrl-C never reaches them).
set -E
trap 'fail "unexpected error at start.sh line $LINENO"' ERR
trap 'fail "interrupted"' INT TERM

mon_port=$(free_port)
rgw_port=$(free_port)
while [ "$rgw_port" = "$mon_port" ]; do rgw_port=$(free_port); done
fsid=$(cat /proc/sys/kernel/random/uuid)
conf="$dir/ceph.conf"

# cephx is off: the cluster listens on loopback only and lives for one test run, and
# skipping key exchange saves seconds. The S3 layer above still checks signatures with
# the user's keys. Pools are size 1 (one OSD) with few PGs so that the gateway's pool
# creation at first start takes a few paxos rounds, which a short propose interval
# makes quick.
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$mon_port]
mon initial members = a
ms bind msgr1 = false
ms mon client mode = crc
ms mon cluster mode = crc
ms mon service mode = crc
ms client mode = crc
ms service mode = crc
ms cluster mode = crc
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
pid file = $dir/run/\$name.pid
log to stderr = false
err to stderr = true
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
paxos propose interval = 0.01
mon osd reporter subtree level = osd
osd objectstore = memstore
memstore device bytes = 4294967296
memstore page set = true

[mon]
mon data = $dir/mon
mon cluster log file = $dir/log/cluster.log

[osd]
osd data = $dir/osd
osd journal size = 100
osd heartbeat grace = 60
osd op num shards = 2
osd op num threads per shard = 1

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw data = $dir/rgw
rgw dns name = 127.0.0.1
rgw enable usage log = false
rgw gc processor period = 60
rgw lc debug interval = -1
rgw thread pool size = 64
CONF

cat > "$dir/env" <<ENV
CEPH_CONF=$conf
RGW_PORT=$rgw_port
MON_PORT=$mon_port
ENV

launch() { # name, log, command...: runs a daemon in the foreground of its own session
  local name="$1" log="$2"
  shift 2
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $! > "$dir/run/$name.spawn.pid"
}

wait_for() { # description, timeout seconds, log, command...
  local what="$1" timeout="$2" log="$3"
  shift 3
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then fail "$what did not happen within ${timeout}s" "$log"; fi
    sleep 0.1
  done
}

# A killed daemon stays a zombie until init reaps it, which some container inits do
# only every second or two: a zombie counts as gone.
is_running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
  [ "$state" != Z ]
}
alive() { is_running "$(cat "$dir/run/$1.spawn.pid")"; }

cephc() { timeout 10 ceph -c "$conf" --connect-timeout 5 "$@"; }

# 1. monitor
monmaptool --create --fsid "$fsid" --addv a "[v2:127.0.0.1:$mon_port]" "$dir/monmap" >"$dir/log/mkfs.log" 2>&1 \
  || fail "monmaptool" "$dir/log/mkfs.log"
ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" >>"$dir/log/mkfs.log" 2>&1 \
  || fail "ceph-mon --mkfs" "$dir/log/mkfs.log"
launch mon.a "$dir/log/mon.a.stderr" ceph-mon -c "$conf" -i a -f
wait_for "monitor quorum" 30 "$dir/log/mon.a.log" cephc mon stat

# 2. one memstore OSD
osd_uuid=$(cat /proc/sys/kernel/random/uuid)
osd_id=$(cephc osd new "$osd_uuid" 2>>"$dir/log/mkfs.log") || fail "ceph osd new" "$dir/log/mkfs.log"
ceph-osd -c "$conf" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >>"$dir/log/mkfs.log" 2>&1 \
  || fail "ceph-osd --mkfs" "$dir/log/mkfs.log"
launch "osd.$osd_id" "$dir/log/osd.$osd_id.stderr" ceph-osd -c "$conf" -i "$osd_id" -f
osd_up() { alive "osd.$osd_id" && cephc osd dump -f json | grep -q '"up":1'; }
wait_for "osd.$osd_id up" 60 "$dir/log/osd.$osd_id.log" osd_up

echo "start.sh: cluster up after $(elapsed)s" >&2

# 3. gateway
"$here/gateway.sh" start "$dir" >/dev/null || fail "radosgw start" "$dir/log/client.rgw.log"

# 4. S3 user with fresh keys (letters and digits only: safe in JSON and shells)
keys=$(/usr/bin/python3 -c 'import secrets, string as s
a = s.ascii_uppercase + s.digits
print("BORELOG" + "".join(secrets.choice(a) for _ in range(13)), secrets.token_hex(20))')
access_key=${keys% *}
secret_key=${keys#* }
radosgw-admin -c "$conf" -n client.rgw user create --uid=borelog-test --display-name="Borelog Desk tests" \
  --access-key="$access_key" --secret="$secret_key" >"$dir/log/user-create.log" 2>&1 \
  || fail "radosgw-admin user create" "$dir/log/user-create.log"

rgw_pid=$(cat "$dir/run/client.rgw.spawn.pid")
json=$(printf '{"endpoint":"http://127.0.0.1:%s","region":"us-east-1","accessKeyId":"%s","secretAccessKey":"%s","dir":"%s","rgwPid":%s,"monPort":%s,"readySeconds":%s}' \
  "$rgw_port" "$access_key" "$secret_key" "$dir" "$rgw_pid" "$mon_port" "$(elapsed)")
printf '%s\n' "$json" > "$dir/rgw.json"
chmod 600 "$dir/rgw.json"
if [ -n "$json_out" ]; then printf '%s\n' "$json" > "$json_out"; chmod 600 "$json_out"; fi
echo "start.sh: RGW ready at http://127.0.0.1:$rgw_port after $(elapsed)s (stop: $here/stop.sh '$dir')" >&2
printf '%s\n' "$json"
