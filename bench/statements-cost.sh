#!/usr/bin/env bash
# What statement extraction adds to indexing: runs analysis, actor extraction and statement
# extraction over a corpus (in memory, no index is written) and prints each step's time, best of
# REPEATS passes, and statements / (analysis + actors). The target is below 25%.
#
#   bash bench/statements-cost.sh                 # Reuters-21578 from ../shared (19,779 articles)
#   bash bench/statements-cost.sh Samples         # any files or folders Gazette reads
#   REPEATS=5 SCRATCH=.build-w bash bench/statements-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
scratch=${SCRATCH:-.build}
repeats=${REPEATS:-3}
if [ "$#" -eq 0 ]; then
  corpus=$shared/data/reuters21578/reuters21578.jsonl
  [ -f "$corpus" ] || { echo "no $corpus; name files or folders to measure, e.g. Samples" >&2; exit 64; }
  set -- "$corpus"
fi
swift build -c release --scratch-path "$scratch" >/dev/null
"$scratch/release/gazette" statements-extract --timing --repeats "$repeats" "$@"
