#!/usr/bin/env bash
# The main job: install what is missing, build, create the database with the shipped reference
# data, load the real published figures and the (clearly labelled) illustrative dataset, and
# print the regional summary; write the conference report of the illustrative data as HTML.   Usage: ./run.sh [DATABASE]   (default: ./lienket.db)
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
db="${1:-lienket.db}"
lienket=build/src/app/lienket
"$lienket" --db "$db" init
"$lienket" --db "$db" load-observed
"$lienket" --db "$db" demo load
echo
"$lienket" --db "$db" summary --region mien-bac-28 --period 2024-H1
echo
"$lienket" --db "$db" summary --region mien-bac-28 --period 2023 --dataset illustrative
echo
"$lienket" --db "$db" report --region mien-bac-28 --period 2024-H1 --dataset illustrative \
  --format html -o lienket-bao-cao-mau-2024-H1.html
echo
echo "Database: $db — try: $lienket --db $db observations --province \"Hà Nội\" --indicator exports"
