#!/usr/bin/env bash
# Runs the shared peer benchmark (../shared/bench: Xapian C++ and Python, Tantivy 1 and 2
# threads, SQLite FTS5) and Gazette side by side in one run, on one corpus.
#
#   bash bench/peers.sh reuters            # Reuters-21578 (19,779 articles)
#   bash bench/peers.sh synth-100k         # make_corpus.py --docs 100000 --seed 1
#   SYSTEMS=gazette,xapian-cpp bash bench/peers.sh reuters
#
# The harness is copied to bench/_work/harness (git-ignored) because ../shared is read-only;
# results land in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
work=$root/bench/_work
corpus_name=${1:-reuters}
systems=${SYSTEMS:-xapian-py,xapian-cpp,tantivy,tantivy-1t,sqlite-fts5,gazette}

mkdir -p "$work" bench/results
bash bench/harness.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release >/dev/null
export GAZETTE_BIN=$root/.build/release/gazette
py=$work/harness/.venv/bin/python

case "$corpus_name" in
  reuters)
    corpus=$shared/data/reuters21578/reuters21578.jsonl
    queries=$work/harness/queries-reuters.txt ;;
  synth-*)
    count=${corpus_name#synth-}; count=${count/k/000}; count=${count/m/000000}
    corpus=$work/synth-$count.jsonl
    [ -f "$corpus" ] || "$py" "$work/harness/make_corpus.py" --docs "$count" --seed 1 --data "$shared/data" --out "$corpus"
    queries=$work/harness/queries-synth.txt ;;
  *) echo "unknown corpus $corpus_name (reuters, synth-100k, synth-1m)" >&2; exit 64 ;;
esac

"$py" "$work/harness/peers.py" --corpus "$corpus" --queries "$queries" --workdir "$work/$corpus_name" \
  --systems "$systems" --rm-indexes --out "bench/results/peers-$corpus_name.json" | tee "bench/results/peers-$corpus_name.txt"
