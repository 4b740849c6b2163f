#!/usr/bin/env bash
# import_vs_sqlite.sh — import throughput of lienket against the SQLite shell, side by side.
#
# What it measures: the wall-clock time to load one generated canonical CSV (1,000,000 rows by
# default, see import_csv_generator.hpp) into a fresh database by
#   sqlite3  the SQLite shell's own `.import` into a plain table of 11 TEXT columns (no index, no
#            constraint, one transaction), with PRAGMA journal_mode=WAL and synchronous=NORMAL as
#            lienket uses: the storage engine's floor, nothing validated;
#   lienket  `lienket --db NEW import FILE --json`: read, validate every row and the rows against
#            each other, write observations + import log in one transaction. The database is
#            created beforehand by `lienket --db NEW init` (setup, not timed).
# Each is run --repeats times (default 3), alternating, each time into a new database; the
# median counts. Both timings include process start and reading the file (from the page cache:
# the file is generated before the first run).
#
# How to read the output: one line per engine with rows, median wall-clock seconds, rows per
# second and, with /usr/bin/time -v, median CPU seconds (user + system) and peak RSS. A third
# line, "(dry)", times `lienket import --dry-run` (read and validate, write nothing) so that
# validation and writing can be told apart; it is not part of the verdict. Then
# ratio = lienket rows/s ÷ sqlite3 rows/s (wall clock) and PASS when it is at least 0.5, the
# target: validated import at least half as fast as the engine's floor. On a busy machine (the
# load average is printed) compare the CPU seconds too. Every run is checked: the database must
# hold exactly the file's rows (none after a dry run). The same text is written to
# bench/out/import_vs_sqlite.txt.
#
# Usage: bench/import_vs_sqlite.sh [--rows N] [--repeats K] [--build-dir DIR]
#   --rows N         rows in the generated file (default 1000000; at most 1176588)
#   --repeats K      runs per engine (default 3)
#   --build-dir DIR  a configured Release build with lienket and make_import_csv built
#                    (default: build/ in this checkout)
# Exit status: 0 PASS, 3 target missed (FAIL), 1 the benchmark itself failed.
# The generated CSV is cached in bench/out/ (gitignored) and regenerated when the generator is
# rebuilt. Takes about 1.5–2 minutes for a million rows on 2 cores.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
rows=1000000
repeats=3
build_dir="$repo/build"
target=0.5

die() {
  echo "import_vs_sqlite: $*" >&2
  exit 1
}
progress() { echo "… $*" >&2; }

while (($#)); do
  case $1 in
    --rows) rows=${2:?--rows needs a value}; shift 2 ;;
    --repeats) repeats=${2:?--repeats needs a value}; shift 2 ;;
    --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[[ $rows =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive whole number"
[[ $repeats =~ ^[1-9][0-9]*$ ]] || die "--repeats must be a positive whole number"

lienket="$build_dir/src/app/lienket"
generator="$build_dir/bench/make_import_csv"
for tool in "$lienket" "$generator"; do
  [[ -x $tool ]] || die "$tool not found; build first:
  cmake -S $repo -B $build_dir -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C $build_dir"
done
command -v sqlite3 >/dev/null || die "the sqlite3 shell is not installed (Debian: sqlite3)"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
[[ $build_type == Release ]] || echo "import_vs_sqlite: warning: $build_dir is a '${build_type:-unknown}' build, not Release" >&2

time_v=()
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  time_v=(/usr/bin/time -v -o)
fi

out_dir="$here/out"
work="$out_dir/work"
report="$out_dir/import_vs_sqlite.txt"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }

# --- the file ------------------------------------------------------------------------------------
csv="$out_dir/import_${rows}.csv"
if [[ ! -s $csv || $generator -nt $csv ]]; then
  progress "generating $csv"
  "$generator" --rows "$rows" --out "$csv"
fi
lines=$(wc -l <"$csv")
((lines == rows + 1)) || die "$csv has $lines lines, expected $((rows + 1)); delete it and rerun"

now_ns() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
  if (NR % 2) printf "%.3f", v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cpu_seconds() {  # user + system seconds of one /usr/bin/time -v file
  awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.3f", t }' "$1"
}
peak_rss_mb() {  # largest "Maximum resident set size" among the given /usr/bin/time -v files
  awk -F': ' '/Maximum resident set size/ { if ($2 > m) m = $2 } END { if (m) printf "%.0f", m / 1024 }' "$@"
}
fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
count_rows() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

# --- one run of each -----------------------------------------------------------------------------
sqlite_run() {  # $1 = run number; prints seconds
  local db="$work/sqlite_$1.db" t0 t1 timer=()
  if ((${#time_v[@]})); then timer=("${time_v[@]}" "$work/sqlite_$1.time"); fi
  fresh "$db"
  t0=$(now_ns)
  "${timer[@]}" sqlite3 -bail "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE plain (province TEXT, indicator TEXT, period TEXT, value TEXT, unit TEXT,
                    status TEXT, qualifier TEXT, basis TEXT, source TEXT, note TEXT, as_of TEXT);
.import --csv --skip 1 "$csv" plain
SQL
  t1=$(now_ns)
  local n
  n=$(count_rows "$db" plain)
  [[ $n == "$rows" ]] || die "sqlite3 run $1 stored $n rows, expected $rows"
  fresh "$db"
  seconds "$t0" "$t1"
}

lienket_run() {  # $1 = run number, $2 = "write" or "dry" (--dry-run: validation only); prints seconds
  local tag="lienket_$2_$1"
  local db="$work/$tag.db" json="$work/$tag.json" t0 t1 rc=0 timer=() dry=()
  if ((${#time_v[@]})); then timer=("${time_v[@]}" "$work/$tag.time"); fi
  if [[ $2 == dry ]]; then dry=(--dry-run); fi
  fresh "$db"
  "$lienket" --db "$db" init >/dev/null
  t0=$(now_ns)
  "${timer[@]}" "$lienket" --db "$db" import "$csv" --json "${dry[@]}" >"$json" || rc=$?
  t1=$(now_ns)
  if ((rc != 0)); then
    /usr/bin/python3 - "$json" >&2 <<'PY' || true
import json, sys
s = json.load(open(sys.argv[1]))
print(f"errors {s['errors']}, warnings {s['warnings']}; first problems:")
for p in s["problems"][:5]:
    print(f"  row {p['row']} {p['code']}: {p['message_en']}")
PY
    die "lienket import run $1 exited with $rc (see above)"
  fi
  local n expected=$rows
  if [[ $2 == dry ]]; then expected=0; fi
  n=$(count_rows "$db" observations)
  [[ $n == "$expected" ]] || die "lienket $2 run $1 stored $n observations, expected $expected"
  fresh "$db"
  seconds "$t0" "$t1"
}

load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)
sqlite_times=()
lienket_times=()
dry_times=()
for ((i = 1; i <= repeats; i++)); do
  progress "run $i/$repeats: sqlite3 .import"
  sqlite_times+=("$(sqlite_run "$i")")
  progress "run $i/$repeats: lienket import"
  lienket_times+=("$(lienket_run "$i" write)")
  progress "run $i/$repeats: lienket import --dry-run"
  dry_times+=("$(lienket_run "$i" dry)")
done

# --- the table -----------------------------------------------------------------------------------
sqlite_s=$(median "${sqlite_times[@]}")
lienket_s=$(median "${lienket_times[@]}")
dry_s=$(median "${dry_times[@]}")
rate() { awk -v n="$rows" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
sqlite_rate=$(rate "$sqlite_s")
lienket_rate=$(rate "$lienket_s")
dry_rate=$(rate "$dry_s")
ratio=$(awk -v a="$lienket_rate" -v b="$sqlite_rate" 'BEGIN { printf "%.3f", a / b }')
verdict=$(awk -v r="$ratio" -v t="$target" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }')

sqlite_rss="" lienket_rss="" dry_rss="" sqlite_cpu="" lienket_cpu="" dry_cpu=""
median_cpu() {  # median CPU seconds of the given /usr/bin/time -v files
  local f cpu=()
  for f in "$@"; do cpu+=("$(cpu_seconds "$f")"); done
  median "${cpu[@]}"
}
if ((${#time_v[@]})); then
  sqlite_rss=$(peak_rss_mb "$work"/sqlite_*.time)
  lienket_rss=$(peak_rss_mb "$work"/lienket_write_*.time)
  dry_rss=$(peak_rss_mb "$work"/lienket_dry_*.time)
  sqlite_cpu=$(median_cpu "$work"/sqlite_*.time)
  lienket_cpu=$(median_cpu "$work"/lienket_write_*.time)
  dry_cpu=$(median_cpu "$work"/lienket_dry_*.time)
fi

cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$repo" diff --quiet HEAD -- src 2>/dev/null || commit="$commit + uncommitted changes in src/"

say "Import throughput: lienket vs the SQLite shell ($(date -u +%Y-%m-%dT%H:%MZ))"
say "file:     $(basename "$csv"), $rows rows, $(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1e6 }') MB (bench/make_import_csv)"
say "machine:  ${cpu_model:-unknown CPU}, $(nproc) cores, load average $load_before before the runs; sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
say "lienket:  $commit, ${build_type:-unknown} build ($build_dir), binary of $(date -u -r "$lienket" +%Y-%m-%dT%H:%MZ)"
say "sqlite3:  PRAGMA journal_mode=WAL, synchronous=NORMAL; .import --csv into a plain table of"
say "          11 TEXT columns (no index, no constraint, one transaction)"
say "lienket:  --db NEW import FILE --json after an untimed init (WAL, synchronous=NORMAL;"
say "          validation, unique vintage index, references checked, import log; rows written"
say "          on a second thread while the file is validated, committed only if it all passes)"
say "runs:     $repeats each, alternating, fresh database each time; median shown"
say ""
say "$(printf '%-8s %9s %9s %10s %9s %10s' engine rows seconds rows/s 'cpu s' 'peak RSS')"
say "$(printf '%-8s %9d %9s %10s %9s %10s' sqlite3 "$rows" "$sqlite_s" "$sqlite_rate" "$sqlite_cpu" "${sqlite_rss:+$sqlite_rss MB}")"
say "$(printf '%-8s %9d %9s %10s %9s %10s' lienket "$rows" "$lienket_s" "$lienket_rate" "$lienket_cpu" "${lienket_rss:+$lienket_rss MB}")"
say "$(printf '%-8s %9d %9s %10s %9s %10s  %s' '(dry)' "$rows" "$dry_s" "$dry_rate" "$dry_cpu" "${dry_rss:+$dry_rss MB}" 'lienket import --dry-run: read + validate, no write; for reference')"
say ""
say "all runs (s): sqlite3 ${sqlite_times[*]}; lienket ${lienket_times[*]}; dry run ${dry_times[*]}"
say "row counts verified: $rows in every database (0 after each dry run)"
if [[ -n $lienket_cpu ]]; then
  say "$(awk -v a="$sqlite_cpu" -v b="$lienket_cpu" 'BEGIN { printf "ratio by CPU seconds (sqlite3/lienket) = %.3f (for reference)", a / b }')"
fi
say "ratio lienket/sqlite3 = $ratio (target >= $target): $verdict"
echo "(written to $report)" >&2

[[ $verdict == PASS ]] || exit 3
