#!/usr/bin/env bash
# Every test: install what is missing, build, run the whole suite with CTest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
ctest --test-dir build --output-on-failure --parallel "$(nproc)" --timeout 600
