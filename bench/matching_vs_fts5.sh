#!/usr/bin/env bash
# matching_vs_fts5.sh — lienket's matching against SQLite FTS5's bm25, side by side, same text.
#
# What it measures (bench/matching_bench, one process, one thread, everything in memory):
#   data     N offers generated deterministically from the vocabulary of
#            tests/relevance/products.csv (26 Northern products, their places and seasons, titles
#            with and without tones) over the 28 Northern provinces; Q requests phrased as buyers
#            phrase them ("Cần mua vải thiều", "can mua vai thieu", "Tìm nguồn chè ... Tân Cương").
#   lienket  linkage::Matcher over the N offers; a query is FindMatches(request, 10): text
#            retrieval in lienket's own index (exact over folded words, bigrams), the hard filters,
#            all score parts and the reasons of the 10 kept.
#   fts5     an in-memory FTS5 table (title, product, description; unicode61 remove_diacritics 2)
#            over the same text; a query is the request's words OR-ed, ORDER BY
#            bm25(listings, 2, 2, 1) LIMIT 10 (text only: FTS5 applies no filter).
#   quality  nDCG@10 of both on the labelled set (tests/relevance: 304 offers, 40 requests with
#            graded judgements), and of lienket's text index alone, for an even comparison.
#
# How to read the output: p50 and p99 latency of a top-10 query in milliseconds per engine, the
# build times, lienket's memory, the nDCG@10 figures, and the verdict. Target (issue 5):
# lienket's p50 at most half of FTS5's, with nDCG@10 at least as good as FTS5's. The same text
# is written to bench/out/matching_vs_fts5.txt.
#
# Usage: bench/matching_vs_fts5.sh [--listings N] [--queries Q] [--build-dir DIR]
#   --listings N     offers (default 1000000)
#   --queries Q      requests timed on each engine after 20 warm-up (default 1000)
#   --build-dir DIR  a configured Release build with matching_bench built (default build/)
# Exit status: 0 target met (PASS), 3 missed (FAIL), 1 the benchmark itself failed.
# About 7 minutes for 1,000,000 listings and 1,000 queries on 2 cores, most of it FTS5's queries
# (about 0.3 s each).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
listings=1000000
queries=1000
build_dir="$repo/build"

die() {
  echo "matching_vs_fts5: $*" >&2
  exit 1
}

while (($#)); do
  case $1 in
    --listings) listings=${2:?--listings needs a value}; shift 2 ;;
    --queries) queries=${2:?--queries needs a value}; shift 2 ;;
    --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[[ $listings =~ ^[1-9][0-9]*$ ]] || die "--listings must be a positive whole number"
[[ $queries =~ ^[1-9][0-9]*$ ]] || die "--queries must be a positive whole number"

bench="$build_dir/bench/matching_bench"
[[ -x $bench ]] || die "$bench not found; build first:
  cmake -S $repo -B $build_dir -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C $build_dir matching_bench"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
[[ $build_type == Release ]] || echo "matching_vs_fts5: warning: $build_dir is a '${build_type:-unknown}' build, not Release" >&2

out_dir="$here/out"
mkdir -p "$out_dir"
raw="$out_dir/matching_vs_fts5.raw"
report="$out_dir/matching_vs_fts5.txt"

load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)
echo "… $listings listings, $queries queries per engine (a few minutes)" >&2
"$bench" --listings "$listings" --queries "$queries" >"$raw" || die "matching_bench failed"
load_after=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)

get() { sed -n "s/^$1=//p" "$raw"; }
for key in lienket_p50_ms fts5_p50_ms ndcg_matcher ndcg_fts5; do
  [[ -n $(get $key) ]] || die "matching_bench printed no $key"
done
ratio=$(awk -v a="$(get lienket_p50_ms)" -v b="$(get fts5_p50_ms)" 'BEGIN { printf "%.4f", a / b }')
verdict_speed=$(awk -v r="$ratio" 'BEGIN { print (r <= 0.5 ? "PASS" : "FAIL") }')
verdict_quality=$(awk -v a="$(get ndcg_matcher)" -v b="$(get ndcg_fts5)" 'BEGIN { print (a >= b ? "PASS" : "FAIL") }')

: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report"; }
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$repo" diff --quiet HEAD -- src/linkage bench 2>/dev/null || commit="$commit + uncommitted changes"

say "Matching: lienket vs SQLite FTS5 ($(date -u +%Y-%m-%dT%H:%MZ))"
say "data:     $(get listings) generated offers (bench/matching_data.hpp), $(get queries) requests"
say "machine:  ${cpu_model:-unknown CPU}, $(nproc) cores, load average $load_before before, $load_after after"
say "lienket:  $commit, ${build_type:-unknown} build; SQLite $(get sqlite_version) FTS5 in memory"
say ""
say "$(printf '%-8s %-44s %9s %9s' engine "top-10 query" "p50 ms" "p99 ms")"
say "$(printf '%-8s %-44s %9s %9s' lienket "Matcher::FindMatches (text, filters, parts)" "$(get lienket_p50_ms)" "$(get lienket_p99_ms)")"
say "$(printf '%-8s %-44s %9s %9s' fts5 "MATCH OR-ed words, bm25() ORDER BY LIMIT 10" "$(get fts5_p50_ms)" "$(get fts5_p99_ms)")"
say ""
say "build:    lienket $(get lienket_build_s) s (peak RSS $(get lienket_peak_rss_mb) MB, $(get lienket_terms) terms, postings $(get lienket_posting_mb) MB); FTS5 $(get fts5_build_s) s"
say "nDCG@10 on tests/relevance (304 offers, 40 requests):"
say "          lienket matcher $(get ndcg_matcher), lienket text index alone $(get ndcg_text), FTS5 bm25 $(get ndcg_fts5)"
say ""
say "p50 ratio lienket/FTS5 = $ratio (target <= 0.5): $verdict_speed"
say "nDCG@10 lienket $(get ndcg_matcher) vs FTS5 $(get ndcg_fts5) (target: at least as good): $verdict_quality"
echo "(written to $report)" >&2

[[ $verdict_speed == PASS && $verdict_quality == PASS ]] || exit 3
