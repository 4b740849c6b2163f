#!/usr/bin/env bash
# Mixed load on loopback: wrk (bench/load_mixed.lua) reading the region overview, published
# observations and a time series, and writing entry-grid PUTs as six officers of six provinces,
# each logged in with its own session cookie and CSRF token (3 reads : 1 write). Then the writes
# are counted in the database (audit_log "value_set" lines of those officers) against the writes
# wrk saw answered 2xx: none may be missing. Zero errors expected; latency percentiles reported.
#   bench/load_mixed.sh [SECONDS] [--connections N] [--build-dir DIR] [--report FILE]
#   (defaults: 60 s, 16 connections, build/, bench/out/load_mixed.txt)
# Exit: 0 PASS, 3 an error or a lost write, 1 the benchmark itself failed.
# CTest runs a 10 s variant (bench.load_mixed_short, label "load").
set -euo pipefail
cd "$(dirname "$0")/.."
duration=60
connections=16
build=build
report=bench/out/load_mixed.txt
while (($#)); do
  case "$1" in
    --connections) connections="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --report) report="$2"; shift 2 ;;
    [0-9]*) duration="$1"; shift ;;
    *) echo "usage: $0 [SECONDS] [--connections N] [--build-dir DIR]" >&2; exit 1 ;;
  esac
done
command -v wrk >/dev/null || {
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends wrk >/dev/null
}
lienket="$build/src/app/lienket"
[ -x "$lienket" ] || { echo "build first: $lienket is missing" >&2; exit 1; }
mkdir -p "$(dirname "$report")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/load.db"
password="Load-test-password-1"
period="$(python3 -c 'import datetime; d = datetime.date.today().replace(day=1) - datetime.timedelta(days=1); print(f"{d.year:04d}-{d.month:02d}")')"
"$lienket" --db "$db" init >/dev/null
"$lienket" --db "$db" load-observed >/dev/null
provinces=(nghe-an ha-tinh thanh-hoa quang-ninh lao-cai-2025 hai-phong-2025)
for i in "${!provinces[@]}"; do
  printf '%s\n' "$password" | "$lienket" --db "$db" user add --login "load$i" \
    --name "Cán bộ thử tải $i" --role officer --unit "${provinces[$i]}" --password-stdin >/dev/null
done
"$lienket" --db "$db" serve --listen 127.0.0.1:0 --quiet >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 100); do grep -q "http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base="$(grep -o 'http://[0-9.:]*' "$work/serve.out" | head -n 1)"
[ -n "$base" ] || { echo "the server did not start: $(cat "$work/serve.err")" >&2; exit 1; }

# Log each officer in: its session cookie and CSRF token for wrk.
: >"$work/officers.txt"
for i in "${!provinces[@]}"; do
  curl -sf -c "$work/jar$i" -H 'Content-Type: application/json' \
    -d "{\"login\":\"load$i\",\"password\":\"$password\"}" "$base/api/login" >"$work/me$i.json" ||
    { echo "login load$i failed" >&2; exit 1; }
  cookie="$(awk '$6 == "lienket_session" {print $6 "=" $7}' "$work/jar$i")"
  csrf="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$work/me$i.json")"
  echo "load$i ${provinces[$i]} $cookie $csrf" >>"$work/officers.txt"
done
# Every read answers before the run (and the overview is cached, as in use).
for path in "/api/overview?region=mien-bac-28&period=2024-H1" \
  "/api/observations?indicator=retail_sales&period=2024-H1" \
  "/api/timeseries?region=mien-bac-28&indicator=retail_sales&years=3&period=2024-H1"; do
  curl -sf "$base$path" -o /dev/null || { echo "GET $path failed" >&2; exit 1; }
done

echo "wrk -t$connections -c$connections -d${duration}s, 3 reads : 1 write, 6 officers, $(nproc) cores"
LOAD_OFFICERS="$work/officers.txt" LOAD_PERIOD="$period" LOAD_THREADS="$connections" \
  wrk -t"$connections" -c"$connections" -d"${duration}s" --timeout 10s --latency -s bench/load_mixed.lua "$base/" \
  >"$work/wrk.txt" 2>&1 || { cat "$work/wrk.txt"; echo "wrk failed" >&2; exit 1; }
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

value() { sed -n "s/.*[ ]$1=\([0-9.]*\).*/\1/p" "$work/wrk.txt" | head -n 1; }
writes_ok="$(value writes_2xx)"; writes_other="$(value writes_other)"
reads_ok="$(value reads_2xx)"; reads_other="$(value reads_other)"
p50="$(value p50_ms)"; p90="$(value p90_ms)"; p99="$(value p99_ms)"; max="$(value max_ms)"
rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")"
socket_errors="$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$work/wrk.txt")"
non2xx="$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")"
logins="$(printf "'load%s'," "${!provinces[@]}")"
in_db="$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'value_set' AND via = 'form' AND user_login IN (${logins%,})")"
distinct="$(sqlite3 "$db" "SELECT count(DISTINCT indicator_id || '|' || new_value) FROM audit_log WHERE action = 'value_set' AND via = 'form' AND user_login IN (${logins%,})")"
integrity="$(sqlite3 "$db" "PRAGMA integrity_check")"

verdict=PASS
problems=()
[ -z "$socket_errors" ] || problems+=("socket errors: $socket_errors")
[ -z "$non2xx" ] || problems+=("$non2xx non-2xx answers")
[ "${writes_other:-1}" -eq 0 ] && [ "${reads_other:-1}" -eq 0 ] || problems+=("writes not 2xx: $writes_other, reads not 2xx: $reads_other")
# A write wrk saw answered is in the database; one still in flight when wrk stopped may be too
# (at most one per connection), so the database may hold a few more, never fewer.
lost=$((writes_ok > in_db ? writes_ok - in_db : 0))
extra=$((in_db > writes_ok ? in_db - writes_ok : 0))
[ "$lost" -eq 0 ] || problems+=("$lost acknowledged writes missing from the database")
[ "$extra" -le "$connections" ] || problems+=("$extra more writes in the database than wrk saw answered")
[ "$distinct" -eq "$in_db" ] || problems+=("$((in_db - distinct)) writes audited twice")
[ "$integrity" = ok ] || problems+=("integrity_check: $integrity")
((${#problems[@]} == 0)) || verdict=FAIL

{
  echo "Mixed load, wrk -t$connections -c$connections -d${duration}s on loopback, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "requests/s ${rps}; latency p50 ${p50} ms, p90 ${p90} ms, p99 ${p99} ms, max ${max} ms"
  echo "reads answered 2xx ${reads_ok} (other ${reads_other}); writes answered 2xx ${writes_ok} (other ${writes_other}); socket errors ${socket_errors:-none}"
  echo "writes in the database (audit_log value_set): ${in_db} — lost ${lost}, in flight at the stop ${extra}; integrity ${integrity}"
  echo "$verdict${problems:+: ${problems[*]}}"
} | tee "$report"
[ "$verdict" = PASS ] || exit 3
