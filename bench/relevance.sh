#!/usr/bin/env bash
# Relevance on the Cranfield and CISI test collections (shared query halves): Gazette's default
# ranking against the peers (Xapian from Python, Tantivy, SQLite FTS5), through the shared
# harness's ir_eval.py (nDCG@10, MAP@100, P@10, R@100).
#
#   bash bench/relevance.sh              # the table (about 1 min after the build)
#   ABLATION=1 bash bench/relevance.sh   # also Gazette with each ranking choice added in turn
#   SYSTEMS=gazette bash bench/relevance.sh
#
# The harness is copied to bench/_work/harness (git-ignored) because ../shared is read-only;
# results land in bench/results/relevance-*.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
work=$root/bench/_work
systems=${SYSTEMS:-xapian-py,tantivy,sqlite-fts5,gazette}
scratch=${SCRATCH:-.build}

mkdir -p "$work/harness" bench/results
for item in "$shared"/bench/*; do
  case "$(basename "$item")" in results|_work) ;; *) cp -r "$item" "$work/harness/" ;; esac
done
chmod -R u+w "$work/harness"
bash "$work/harness/setup.sh" >/dev/null
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --scratch-path "$scratch" >/dev/null
export GAZETTE_REAL=$root/$scratch/release/gazette
export GAZETTE_BIN=$root/bench/ir_gazette.sh
py=$work/harness/.venv/bin/python

evaluate() { # collection systems output-name
  local data=$shared/data/ir-$1
  "$py" "$work/harness/ir_eval.py" --collection "$data" --queries "$data/queries.tsv" --qrels "$data/qrels.tsv" \
    --system "$2" --workdir "$work/ir/$1" --out "$3.json" 2> >(grep -v "no title and no body text" >&2)
}

for collection in cranfield cisi; do
  evaluate "$collection" "$systems" "bench/results/relevance-$collection" > "bench/results/relevance-$collection.txt"
done

ablation=()
if [ -n "${ABLATION:-}" ]; then
  mkdir -p bench/results/relevance-ablation
  # Each step adds one choice to the one before; the last rows are alternatives that were not chosen.
  for spec in classic classic,stopwords:drop classic,stopwords:drop,ineb2 standard standard,expand \
              classic,ineb2 classic,stopwords:drop,bm25:1.2:0.75 standard,ineb2:1 standard,bm25:1.2:0.75 \
              standard,ties:newest; do
    name=$(echo "$spec" | tr ',:.' '_~p' | sed 's/~/-/g')
    for collection in cranfield cisi; do
      GAZETTE_RANKING=$spec evaluate "$collection" gazette "bench/results/relevance-ablation/$name-$collection" >/dev/null
    done
    ablation+=("$spec=$name")
  done
fi

"$py" bench/relevance_table.py --results bench/results "${ablation[@]/#/--ablation=}" | tee bench/results/relevance.txt
