#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for a bounded time and prints what it did.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        default 60; targets run one after another
#   FUZZ_TARGETS="csv number" scripts/fuzz.sh   only some targets
# Installs Debian's clang and its runtime (libFuzzer, ASan, UBSan) if missing, configures and
# builds build-fuzz (CC=clang CXX=clang++ cmake -S fuzz -B build-fuzz), then runs each
# fuzz_<target> on its seed corpus (fuzz/corpus/<target>) and saved crashes
# (fuzz/regressions/<target>). New corpus entries go to a temporary folder, which is printed and
# kept; they are not added to git. Every crash, leak, timeout or out-of-memory input is copied to
# fuzz/regressions/<target>/ (where the replay test picks it up) and the script exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
targets=(${FUZZ_TARGETS:-csv xlsx period number json_body})
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"

# ---- toolchain: clang and compiler-rt from Debian
missing=()
for p in clang libclang-rt-14-dev cmake ninja-build; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# ---- build (the sanitizer flags need clang; a build dir configured with another compiler is
# refused by CMake, so use a fresh FUZZ_BUILD_DIR in that case)
if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S fuzz -B "$build_dir" -G Ninja >/dev/null
fi
cmake --build "$build_dir" --parallel "${FUZZ_JOBS:-2}"

# ---- run
work="$(mktemp -d -t lienket-fuzz.XXXXXX)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

rows=()
found=0
for t in "${targets[@]}"; do
  bin="$build_dir/fuzz_$t"
  new_corpus="$work/corpus/$t"
  artifacts="$work/artifacts/$t"
  log="$work/$t.log"
  mkdir -p "$new_corpus" "$artifacts"
  seeds=("fuzz/corpus/$t")
  [ -d "fuzz/regressions/$t" ] && seeds+=("fuzz/regressions/$t")
  echo "== fuzz_$t for ${seconds}s (log: $log)"
  # The first corpus folder receives the new entries; the seed folders are only read.
  set +e
  "$bin" "$new_corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1
  status=$?
  set -e

  # Figures from libFuzzer's log: final stats when it printed them, else its last status line.
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  new_units="$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)"
  last_status="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  [ -n "$execs" ] || execs="$(sed -E -n 's/^#([0-9]+).*/\1/p' <<<"$last_status")"
  [ -n "$rate" ] || rate="$(sed -E -n 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$last_status")"
  cov_start="$(grep -E 'INITED' "$log" | sed -E -n 's/.*cov: ([0-9]+).*/\1/p' | head -1)"
  cov_end="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 | sed -E -n 's/.*cov: ([0-9]+).*/\1/p')"

  crashes=0
  for a in "$artifacts"/*; do
    [ -e "$a" ] || continue
    crashes=$((crashes + 1))
    mkdir -p "fuzz/regressions/$t"
    cp "$a" "fuzz/regressions/$t/"
    echo "   saved $(basename "$a") -> fuzz/regressions/$t/"
  done
  if ((crashes > 0)) || ((status != 0)); then
    found=1
    grep -E -m 3 'ERROR: AddressSanitizer|runtime error|invariant failed|ERROR: libFuzzer|SUMMARY' \
      "$log" | sed 's/^/   /' || true
  fi
  rows+=("$(printf '%-10s %12s %8s %10s %8s %7s %7s' "$t" "${execs:-?}" "${rate:-?}" \
    "${cov_start:-?}→${cov_end:-?}" "${new_units:-?}" "$crashes" "$status")")
done

echo
printf '%-10s %12s %8s %10s %8s %7s %7s\n' target executions exec/s coverage new_units crashes exit
for r in "${rows[@]}"; do echo "$r"; done
echo
echo "New corpus entries and logs (not in git): $work"
if ((found)); then
  echo "Crashes were found: inputs saved under fuzz/regressions/; see the logs above." >&2
  exit 1
fi
