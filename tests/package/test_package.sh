#!/usr/bin/env bash
# The Debian package on this machine, as an administrator would use it: build it with CPack,
# `dpkg -i`, check its files, owners and user, start the service as systemd would, answer
# /healthz, upgrade it over itself with version+1 (data and changed settings kept, answering
# again), point it at PostgreSQL (migrate, restart, log in: the session is in PostgreSQL), then
# `dpkg -r` (program gone, data kept) and `dpkg -P` (data, settings and user gone).
#   tests/package/test_package.sh BUILD_DIR VERSION
# Needs root (it installs into this machine): run as another user it says so and exits 77, which
# CTest reports as skipped. Refuses to run when a lienket package is already installed.
# There is no systemd in the CI container (PID 1 is not systemd): the unit is checked with
# `systemd-analyze verify`, and its ExecStart is run the way systemd would run it — as its User=,
# with its EnvironmentFile=, in its WorkingDirectory=, ${VAR} and $VAR expanded as systemd does,
# with no new privileges (setpriv execs, so the pid is the server's).
set -euo pipefail
build="${1:?usage: $0 BUILD_DIR VERSION}"
version="${2:?usage: $0 BUILD_DIR VERSION}"
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIPPED: the package test installs into this machine and must run as root (id -u = $(id -u))"
  exit 77
fi
if dpkg-query -W -f='${Status}' lienket 2>/dev/null | grep -q installed; then
  echo "FAIL: a lienket package is already installed here ($(dpkg-query -W -f='${Version}' lienket)); \
this test would replace it. Remove it first: dpkg -P lienket" >&2
  exit 1
fi
for tool in cpack dpkg setpriv curl python3 psql runuser; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing" >&2; exit 1; }
done

work="$(mktemp -d /tmp/lienket-package.XXXXXX)"
server_pid=""
step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
stop_server() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  status=$?
  stop_server
  if [ $status -ne 0 ]; then
    echo "--- server log"; cat "$work"/server*.log 2>/dev/null | tail -n 30 || true
  fi
  # Leave the machine as it was: whatever this test installed is purged.
  if dpkg-query -W -f='${Status}' lienket 2>/dev/null | grep -q "ok installed\|config-files"; then
    DEBIAN_FRONTEND=noninteractive dpkg -P lienket >/dev/null 2>&1 || true
  fi
  if [ -n "${pg_created:-}" ]; then
    runuser -u postgres -- psql -qXc "DROP DATABASE IF EXISTS $pg_db" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

next_version="$(echo "$version" | awk -F. -v OFS=. '{$NF = $NF + 1; print}')"
unit=/lib/systemd/system/lienket.service
conf=/etc/lienket/lienket.conf

step "cpack: lienket $version and $next_version"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/v1" >"$work/cpack1.log" 2>&1 ||
  { cat "$work/cpack1.log"; fail "cpack $version"; }
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/v2" \
  -D CPACK_PACKAGE_VERSION="$next_version" >"$work/cpack2.log" 2>&1 ||
  { cat "$work/cpack2.log"; fail "cpack $next_version"; }
deb1="$(ls "$work"/v1/lienket_"$version"_*.deb)"
deb2="$(ls "$work"/v2/lienket_"$next_version"_*.deb)"
dpkg-deb -I "$deb1" | sed -n '/Package:/,$p'

step "dpkg -i $(basename "$deb1")"
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb1" </dev/null || fail "dpkg -i"
[ "$(dpkg-query -W -f='${Version}' lienket)" = "$version" ] || fail "installed version"
for f in /usr/bin/lienket /usr/share/lienket/web/static/index.html \
  /usr/share/lienket/web/static/js/app.js \
  /usr/share/lienket/web/node_modules/echarts/dist/echarts.min.js "$unit" "$conf" \
  /usr/share/doc/lienket/README.md; do
  [ -f "$f" ] || fail "$f is not installed"
done
dpkg-query -W -f='${Conffiles}\n' lienket | grep -q "^ $conf " || fail "$conf is not a conffile"
id_line="$(getent passwd lienket)" || fail "no user lienket"
uid="$(echo "$id_line" | cut -d: -f3)"
[ "$uid" -lt 1000 ] || fail "lienket is not a system user (uid $uid)"
echo "$id_line" | grep -q ':/var/lib/lienket:/usr/sbin/nologin$' || fail "user: $id_line"
[ "$(stat -c '%U:%G %a' /var/lib/lienket)" = "lienket:lienket 750" ] ||
  fail "/var/lib/lienket is $(stat -c '%U:%G %a' /var/lib/lienket)"
[ "$(stat -c '%U:%G %a' "$conf")" = "root:lienket 640" ] || fail "$conf is $(stat -c '%U:%G %a' "$conf")"
[ -f /var/lib/lienket/lienket.db ] || fail "postinst did not create the database"
[ "$(stat -c '%U' /var/lib/lienket/lienket.db)" = lienket ] || fail "the database is not lienket's"
echo "files, conffile, user (uid $uid), data folder and database: as expected"

step "the unit"
unit_value() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
for kv in User=lienket Group=lienket EnvironmentFile=$conf NoNewPrivileges=yes \
  ProtectSystem=strict ReadWritePaths=/var/lib/lienket PrivateTmp=yes ProtectHome=yes; do
  [ "$(unit_value "${kv%%=*}")" = "${kv#*=}" ] || fail "unit: expected $kv"
done
if command -v systemd-analyze >/dev/null; then
  # --man=no: the Documentation= check reads man pages; the unit's own problems are what counts.
  if systemd-analyze verify --man=no "$unit" >"$work/verify.log" 2>&1; then
    echo "systemd-analyze verify: no problems"
  else
    cat "$work/verify.log"
    fail "systemd-analyze verify"
  fi
else
  echo "systemd-analyze is not installed: the unit was checked by parsing only"
fi

# Runs the unit's ExecStart as systemd would: environment only from EnvironmentFile=, ${VAR} one
# word (possibly empty), $VAR split into zero or more words.
start_service() {
  local log="$1" env=() argv=() word name value
  while IFS= read -r line; do
    case "$line" in ''|'#'*|';'*) continue ;; esac
    name="${line%%=*}"; value="${line#*=}"
    value="${value#\"}"; value="${value%\"}"
    env+=("$name=$value")
    declare -g "unitenv_$name=$value"
  done <"$(unit_value EnvironmentFile)"
  for word in $(unit_value ExecStart); do
    if [[ "$word" =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
      value="$(eval echo "\${unitenv_${BASH_REMATCH[1]}:-}")"
      for w in $value; do argv+=("$w"); done
    else
      while [[ "$word" =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
        value="$(eval echo "\${unitenv_${BASH_REMATCH[1]}:-}")"
        word="${word/\$\{${BASH_REMATCH[1]}\}/$value}"
      done
      argv+=("$word")
    fi
  done
  echo "ExecStart as $(unit_value User): ${argv[*]}"
  (cd "$(unit_value WorkingDirectory)" &&
    exec setpriv --reuid="$(unit_value User)" --regid="$(unit_value Group)" --init-groups \
      --no-new-privs env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/var/lib/lienket \
      LANG=C.UTF-8 "${env[@]}" "${argv[@]}") >"$log" 2>&1 &
  server_pid=$!
}
wait_healthy() {
  for _ in $(seq 100); do
    if curl -sf "http://127.0.0.1:$port/healthz" -o "$work/healthz.json"; then
      echo "/healthz: $(cat "$work/healthz.json")"
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || fail "the service exited: $(tail -n 5 "$1")"
    sleep 0.1
  done
  fail "/healthz does not answer on port $port"
}
as_lienket() { setpriv --reuid=lienket --regid=lienket --init-groups env -i \
  PATH=/usr/bin:/bin HOME=/var/lib/lienket LIENKET_DB=/var/lib/lienket/lienket.db "$@"; }

step "start the service"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
# An administrator's change to the conffile, which the upgrade must keep.
sed -i "s/^LIENKET_LISTEN=.*/LIENKET_LISTEN=127.0.0.1:$port/" "$conf"
start_service "$work/server1.log"
wait_healthy "$work/server1.log"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/")" = 200 ] || fail "GET / is not 200"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/static/vendor/echarts.min.js")" = 200 ] ||
  fail "ECharts is not served from /usr/share/lienket/web"
grep -q '"status":' "$work/server1.log" || fail "no JSON access log line on standard output/error (the journal)"
# Some data to keep across the upgrade.
printf 'Package-test-password-1\n' | as_lienket lienket user add --login pkgtest --name "Kiểm thử gói" \
  --role admin --password-stdin >/dev/null || fail "user add as lienket"
as_lienket lienket doctor >"$work/doctor.log" 2>&1 || { cat "$work/doctor.log"; fail "lienket doctor reports an error"; }
grep -q "/usr/share/lienket/web" "$work/doctor.log" || { cat "$work/doctor.log"; fail "doctor does not find the installed web folder"; }
echo "GET / and ECharts 200, access log in the journal's stream, an account added, doctor: no error"

step "upgrade to $next_version (the service stopped, then started as the postinst restart would)"
stop_server
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb2" </dev/null || fail "dpkg -i (upgrade)"
[ "$(dpkg-query -W -f='${Version}' lienket)" = "$next_version" ] || fail "upgraded version"
grep -q "^LIENKET_LISTEN=127.0.0.1:$port$" "$conf" || fail "the upgrade lost the administrator's change to $conf"
[ ! -e "$conf.dpkg-dist" ] && [ ! -e "$conf.dpkg-new" ] || fail "the upgrade asked about $conf"
as_lienket lienket user list | grep -q pkgtest || fail "the upgrade lost the data"
start_service "$work/server2.log"
wait_healthy "$work/server2.log"
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"login":"pkgtest","password":"Package-test-password-1"}' "http://127.0.0.1:$port/api/login")"
[ "$code" = 200 ] || fail "login after the upgrade: HTTP $code"
stop_server
echo "version $next_version, settings and data kept, answering and logging in again"

step "point the service at PostgreSQL (Debian's postgresql-15 on 127.0.0.1, started by scripts/setup.sh)"
# What an administrator does: a database owned by the service's role, LIENKET_DB in the conffile,
# `lienket migrate`, a restart. The role lienket/lienket is the one setup.sh creates for the tests.
pg_db="lienket_package_$$"
pg_url="postgresql://lienket:lienket@127.0.0.1:5432/$pg_db"
runuser -u postgres -- psql -qXc "CREATE DATABASE $pg_db OWNER lienket" >/dev/null ||
  fail "cannot create a PostgreSQL database (is the server running? scripts/setup.sh starts it)"
pg_created=1
sed -i "s|^LIENKET_DB=.*|LIENKET_DB=$pg_url|" "$conf"
as_lienket lienket --db "$pg_url" migrate >"$work/migrate.log" 2>&1 ||
  { cat "$work/migrate.log"; fail "lienket migrate on PostgreSQL"; }
printf 'Package-test-password-2\n' | as_lienket lienket --db "$pg_url" user add --login pgadmin \
  --name "Quản trị PostgreSQL" --role admin --password-stdin >/dev/null || fail "user add on PostgreSQL"
start_service "$work/server3.log"
wait_healthy "$work/server3.log"
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"login":"pgadmin","password":"Package-test-password-2"}' "http://127.0.0.1:$port/api/login")"
[ "$code" = 200 ] || fail "login on PostgreSQL: HTTP $code"
# The service wrote its session into PostgreSQL, not into the SQLite file.
sessions="$(runuser -u postgres -- psql -tAXd "$pg_db" -c \
  "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = 'pgadmin'")"
[ "$sessions" = 1 ] || fail "the login's session is not in PostgreSQL ($sessions)"
as_lienket lienket --db "$pg_url" doctor >"$work/doctor-pg.log" 2>&1 ||
  { cat "$work/doctor-pg.log"; fail "lienket doctor reports an error on PostgreSQL"; }
stop_server
echo "migrated, answering, logging in, its session stored in PostgreSQL ($pg_db), doctor: no error"

step "dpkg -r"
DEBIAN_FRONTEND=noninteractive dpkg -r lienket </dev/null || fail "dpkg -r"
[ ! -e /usr/bin/lienket ] || fail "/usr/bin/lienket is still there after dpkg -r"
[ ! -e /usr/share/lienket ] || fail "/usr/share/lienket is still there after dpkg -r"
[ ! -e "$unit" ] || fail "$unit is still there after dpkg -r"
[ -f /var/lib/lienket/lienket.db ] || fail "dpkg -r removed the data"
[ -f "$conf" ] || fail "dpkg -r removed the configuration"
getent passwd lienket >/dev/null || fail "dpkg -r removed the user"
echo "program gone; data, settings and user kept"

step "dpkg -P"
DEBIAN_FRONTEND=noninteractive dpkg -P lienket </dev/null || fail "dpkg -P"
[ ! -e /var/lib/lienket ] || fail "/var/lib/lienket is still there after purge"
[ ! -e /etc/lienket ] || fail "/etc/lienket is still there after purge"
! getent passwd lienket >/dev/null || fail "the user lienket is still there after purge"
! dpkg-query -W -f='${Status}' lienket 2>/dev/null | grep -q "ok installed\|config-files" ||
  fail "dpkg still knows lienket"
echo "data, settings and user gone"
echo "PASS"
