#!/usr/bin/env bash
# Runs scripts/check_sql.sh on a fixture and passes only when it exits 1 and reports exactly the
# fixture's lines marked "BAD" (each at least once), so the check is shown to catch what it must
# and to leave fixed SQL alone. Usage: expect_hits.sh <fixture.cpp>
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixture="$1"
output="$("$here/../../scripts/check_sql.sh" "$fixture")"
rc=$?
echo "$output"
if [[ $rc -ne 1 ]]; then
  echo "FAIL: check_sql.sh exited $rc, expected 1" >&2
  exit 1
fi
expected="$(grep -n 'BAD' "$fixture" | grep -v '^[0-9]*:\s*//' | cut -d: -f1 | sort -n | uniq)"
reported="$(sed -n 's/^[^:]*:\([0-9]*\): .*/\1/p' <<<"$output" | sort -n | uniq)"
if [[ "$expected" != "$reported" ]]; then
  echo "FAIL: lines marked BAD: $(echo $expected); lines reported: $(echo $reported)" >&2
  exit 1
fi
echo "ok: $(wc -l <<<"$expected") bad lines reported, no other"
