#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole suite with CTest — the unit and
# integration tests, the HTTP tests, the web front end's unit tests and the browser test in
# Debian's chromium (screenshots in build/tests/browser-artifacts); the store, app, api and
# bad-input suites run twice, on SQLite and on PostgreSQL 15 (tests pg.*, against the local server
# that scripts/setup.sh starts; docs/postgresql.md).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
