#!/usr/bin/env bash
# What statements cost at index time: builds the same index from scratch with and without
# statement extraction and the statement index writes (`gazette index --no-statements`), release
# build, `--jobs 2`, and prints the wall time of each (best of REPEATS runs, alternating so machine
# load hits both alike), the difference as a share of the full indexing time (target: < 25%), and
# the `--profile` stage times of the last run with statements.
#
#   bash bench/statements-index-cost.sh                 # Reuters-21578 from ../shared (19,779 articles)
#   bash bench/statements-index-cost.sh Samples         # any files or folders Gazette reads
#   REPEATS=5 SCRATCH=.build-w JOBS=2 bash bench/statements-index-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
scratch=${SCRATCH:-.build}
repeats=${REPEATS:-3}
jobs=${JOBS:-2}
if [ "$#" -eq 0 ]; then
  corpus=$shared/data/reuters21578/reuters21578.jsonl
  [ -f "$corpus" ] || { echo "no $corpus; name files or folders to measure, e.g. Samples" >&2; exit 64; }
  set -- "$corpus"
fi
swift build -c release --scratch-path "$scratch" >/dev/null
gazette=$scratch/release/gazette
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-statements-cost.XXXXXX")
trap 'rm -rf "$work"' EXIT

seconds() { # runs gazette index with extra flags, prints wall seconds
  local start end
  start=$(date +%s.%N)
  "$gazette" index "$@" --index "$work/index" --rebuild --jobs "$jobs" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

best_with=; best_without=
for _ in $(seq "$repeats"); do
  t=$(seconds "$@" --no-statements)
  if [ -z "$best_without" ] || (( $(echo "$t < $best_without" | bc -l) )); then best_without=$t; fi
  t=$(seconds "$@")
  if [ -z "$best_with" ] || (( $(echo "$t < $best_with" | bc -l) )); then best_with=$t; fi
done
statements=$("$gazette" statements --limit 0 --format json --index "$work/index" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
printf 'index --jobs %s, best of %s: without statements %.2f s, with statements %.2f s (%s statements); statements add %.2f s = %.1f%% of indexing time\n' \
  "$jobs" "$repeats" "$best_without" "$best_with" "$statements" \
  "$(echo "$best_with - $best_without" | bc -l)" "$(echo "100 * ($best_with - $best_without) / $best_with" | bc -l)"
echo "stage times of one run with statements (thread CPU seconds):"
"$gazette" index "$@" --index "$work/index" --rebuild --jobs "$jobs" --profile 2>/dev/null | sed -n '/Xapian\|analysis\|extraction\|building\|parse\|read/p'
