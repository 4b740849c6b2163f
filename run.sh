#!/usr/bin/env bash
# The main job: install what is missing, build, create the database with the shipped reference
# data and the real published figures (and the clearly labelled illustrative dataset), create the
# first administrator if there is none, and start the web server, printing its URL.
#   Usage: ./run.sh [DATABASE] [HOST:PORT]      (defaults: ./lienket.db 127.0.0.1:8080)
# The administrator's password is read from $LIENKET_ADMIN_PASSWORD, or generated and printed
# once. Stop the server with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
db="${1:-lienket.db}"
listen="${2:-127.0.0.1:8080}"
lienket=build/src/app/lienket
"$lienket" --db "$db" init
# Both loads are idempotent: figures already stored are recognised and skipped.
"$lienket" --db "$db" load-observed | tail -n 2
"$lienket" --db "$db" demo load | tail -n 2
if ! "$lienket" --db "$db" user list | grep -qE '^[0-9]+ +admin '; then
  password="${LIENKET_ADMIN_PASSWORD:-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')}"
  printf '%s\n' "$password" | "$lienket" --db "$db" user add --login admin \
    --name "Quản trị hệ thống" --role admin --password-stdin
  echo "Tài khoản quản trị / administrator: admin — mật khẩu / password: $password"
fi
echo
"$lienket" --db "$db" summary --region mien-bac-28 --period 2024-H1
echo
exec "$lienket" --db "$db" serve --listen "$listen"
