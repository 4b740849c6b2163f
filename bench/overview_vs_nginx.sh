#!/usr/bin/env bash
# The region overview endpoint under load, side by side with nginx serving the same JSON body as
# a static file, in one run on this machine: wrk on loopback, 30 s each (one after the other, so
# neither shares the cores with the other), same threads and connections.
# Target (issue 4): lienket at least half of nginx's requests per second, p99 under 50 ms.
#   bench/overview_vs_nginx.sh [--duration SECONDS] [--connections N]
# Exit: 0 PASS, 3 target missed, 1 the benchmark itself failed. Writes bench/out/overview_vs_nginx.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=30
connections=32
while (($#)); do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--connections N]" >&2; exit 1 ;;
  esac
done

# wrk and nginx from Debian, installed if missing (nginx is only run by this script, in the
# foreground, on a loopback port, with its own configuration).
missing=()
for p in wrk nginx-light; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})) && ! command -v nginx >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
elif ! command -v wrk >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

lienket=build/src/app/lienket
[ -x "$lienket" ] || { echo "build first: cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build" >&2; exit 1; }
out=bench/out
mkdir -p "$out"
work="$(mktemp -d)"
cleanup() {
  [ -n "${lienket_pid:-}" ] && kill "$lienket_pid" 2>/dev/null || true
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

db="$work/bench.db"
"$lienket" --db "$db" init >/dev/null
"$lienket" --db "$db" load-observed >/dev/null
lport="$(free_port)"
"$lienket" --db "$db" serve --listen "127.0.0.1:$lport" --quiet >"$work/serve.out" 2>&1 &
lienket_pid=$!
for _ in $(seq 50); do grep -q "http://" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
path="/api/overview?region=mien-bac-28&period=2024-H1"
curl -sf "http://127.0.0.1:$lport$path" -o "$work/overview.json" || { echo "overview request failed" >&2; exit 1; }
bytes=$(stat -c %s "$work/overview.json")

nport="$(free_port)"
mkdir -p "$work/www/api" "$work/nginx"
cp "$work/overview.json" "$work/www/api/overview.json"
# nginx started as root serves as www-data: the folder must be readable by it.
chmod 755 "$work"; chmod -R a+rX "$work/www"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { application/json json; }
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location = /api/overview { default_type application/json; try_files /api/overview.json =404; }
  }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/start.log" &
nginx_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$nport$path" -o /dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$nport$path" -o "$work/nginx.json" || { echo "nginx does not answer: $(cat "$work/nginx/start.log" "$work/nginx/error.log" 2>/dev/null)" >&2; exit 1; }
cmp -s "$work/nginx.json" "$work/overview.json" || { echo "nginx does not serve the same body" >&2; exit 1; }

run_wrk() {  # url -> "rps p99_ms errors"
  local log="$work/wrk.$RANDOM"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" >"$log"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$log")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$log")
  errors=$(awk '/Non-2xx|Socket errors/ {n++} END {print n+0}' "$log")
  echo "$rps $p99 $errors"
}

# Warm both (the first overview request computed and cached it; nginx's page cache).
wrk -t1 -c4 -d2s "http://127.0.0.1:$lport$path" >/dev/null
wrk -t1 -c4 -d2s "http://127.0.0.1:$nport$path" >/dev/null
read -r l_rps l_p99 l_err <<<"$(run_wrk "http://127.0.0.1:$lport$path")"
read -r n_rps n_p99 n_err <<<"$(run_wrk "http://127.0.0.1:$nport$path")"

ratio=$(awk -v a="$l_rps" -v b="$n_rps" 'BEGIN {printf "%.2f", a/b}')
verdict=PASS
awk -v r="$ratio" -v p="$l_p99" -v e="$l_err" 'BEGIN {exit !(r >= 0.5 && p < 50 && e == 0)}' || verdict=FAIL
report="$out/overview_vs_nginx.txt"
{
  echo "Region overview (mien-bac-28, 2024-H1, ${bytes} bytes of JSON), wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores"
  printf '%-28s %12s %10s %8s\n' "server" "requests/s" "p99 ms" "errors"
  printf '%-28s %12s %10s %8s\n' "lienket serve (cached)" "$l_rps" "$l_p99" "$l_err"
  printf '%-28s %12s %10s %8s\n' "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///') (static file)" "$n_rps" "$n_p99" "$n_err"
  echo "ratio lienket/nginx: $ratio (target >= 0.5), lienket p99 ${l_p99} ms (target < 50): $verdict"
} | tee "$report"
[ "$verdict" = PASS ] || exit 3
