#!/usr/bin/env bash
# Installs what lienket needs to build and test on Debian 12, then configures and builds it.
# Idempotent: packages already present are not fetched again. Run as root (or with sudo).
#   scripts/setup.sh            build in ./build (Release with debug info)
set -euo pipefail
cd "$(dirname "$0")/.."

# Every package is justified in README's dependency table.
packages=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev sqlite3 libpq-dev postgresql-15
  nlohmann-json3-dev libfmt-dev libcli11-dev libicu-dev libexpected-dev
  libzip-dev libpugixml-dev libxlsxwriter-dev libsodium-dev libssl-dev
  libcpp-httplib-dev libcurl4-openssl-dev libpango1.0-dev libcairo2-dev
  libgtest-dev libgmock-dev libbenchmark-dev wrk systemd adduser
  python3 python3-openpyxl
  pandoc librsvg2-bin chromium fonts-liberation2 fonts-dejavu-core poppler-utils
  libreoffice-writer-nogui
)

# node and npm run the JSON-stat client of the export tests (tests/jsonstat). Debian's packages
# only when no node with npm is installed: NodeSource's nodejs bundles npm and conflicts with
# Debian's npm package.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# PostgreSQL for the pg. tests (docs/postgresql.md): Debian's cluster 15/main on 127.0.0.1:5432
# (pg_ctlcluster: no systemd needed), a role and a database for the tests. Idempotent.
# LIENKET_SKIP_POSTGRES=1 leaves the server alone (the pg. tests then fail: they never skip).
if [ "${LIENKET_SKIP_POSTGRES:-0}" != 1 ]; then
  as_postgres=(runuser -u postgres --)
  [ "$(id -u)" -eq 0 ] || as_postgres=(sudo -u postgres)
  if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 *main'; then
    $sudo_cmd pg_createcluster 15 main >/dev/null
  fi
  if ! pg_lsclusters -h | grep -q '^15 *main .*online'; then
    $sudo_cmd pg_ctlcluster 15 main start
  fi
  "${as_postgres[@]}" psql -qXc "DO \$\$BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lienket') THEN
      CREATE ROLE lienket LOGIN PASSWORD 'lienket';
    END IF; END\$\$;"
  if ! "${as_postgres[@]}" psql -tAXc "SELECT 1 FROM pg_database WHERE datname = 'lienket_test'" \
      | grep -q 1; then
    "${as_postgres[@]}" createdb -O lienket lienket_test
  fi
fi

# The npm packages, each pinned by its package-lock.json and installed only when the lock file
# changed since the last install: the JSON-stat client of the export tests (tests/jsonstat), the
# front end's ECharts (web), and playwright-core for the browser test (tests/browser; it drives
# Debian's chromium and never downloads a browser).
for dir in tests/jsonstat web tests/browser; do
  if [ ! "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund >/dev/null
  fi
done

build_type="${LIENKET_BUILD_TYPE:-RelWithDebInfo}"
# ccache, when a developer has it, makes a fresh clone's build reuse earlier compilations; CI
# does not install it and builds from scratch.
launcher=()
command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${launcher[@]}" >/dev/null
cmake --build build --parallel "$(nproc)"
