#!/usr/bin/env bash
# How fast the actor alias file is applied to an existing index, against a full re-index:
# query-time resolution (`gazette actors --aliases`), `gazette remap`, and `gazette index --rebuild`.
# Usage: bash bench/remap.sh [CORPUS.jsonl] (default: ../shared/data/reuters21578/reuters21578.jsonl)
# Needs a release build: swift build -c release [--scratch-path DIR]; set GAZETTE=path/to/gazette.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/data/reuters21578/reuters21578.jsonl}
gazette=${GAZETTE:-$root/.build/release/gazette}
[ -f "$corpus" ] || { echo "no corpus at $corpus (needs ../shared)" >&2; exit 1; }
[ -x "$gazette" ] || { echo "no release binary at $gazette; build with swift build -c release" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }

# Corrections a user could make to the Reuters actors (ids as `gazette actors` prints them).
cat > "$work/realistic.toml" <<'TOML'
[[merge]]              # "Reuter" is the agency, not a person
into = "org:reuters"
actors = ["person:reuter"]

[[merge]]
into = "place:germany"
actors = ["place:west-germany"]
name = "Germany"

[[merge]]
into = "org:us-congress"
actors = ["org:us-senate", "org:house"]

[[rename]]
actor = "org:sec"
name = "U.S. Securities and Exchange Commission"

[[alias]]
actor = "person:james-baker"
names = ["Jim Baker"]

[[drop]]
actors = ["person:chapter"]
TOML
# A heavy one: the most mentioned place merged with three others (about a third of the articles).
cat > "$work/heavy.toml" <<'TOML'
[[merge]]
into = "place:united-states"
actors = ["place:new-york", "place:california", "place:new-york-state"]
TOML

start=$(now)
"$gazette" index "$corpus" --index "$work/Index" --jobs 2 >/dev/null
echo "full index (--jobs 2): $(elapsed "$start") s"
articles=$("$gazette" stats --index "$work/Index" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
echo "articles: $articles"

for file in realistic heavy; do
    rm -rf "$work/copy" && cp -r "$work/Index" "$work/copy"
    start=$(now)
    "$gazette" actors --index "$work/copy" --limit 20 --aliases "$work/$file.toml" >/dev/null
    query_time=$(elapsed "$start")
    start=$(now)
    "$gazette" actors --index "$work/copy" --limit 20 >/dev/null
    plain=$(elapsed "$start")
    start=$(now)
    summary=$("$gazette" remap --index "$work/copy" --aliases "$work/$file.toml")
    remap=$(elapsed "$start")
    start=$(now)
    "$gazette" actors --index "$work/copy" --limit 20 --aliases "$work/$file.toml" >/dev/null
    after=$(elapsed "$start")
    echo "$file: $summary"
    echo "$file: remap process $remap s; gazette actors: $plain s without the file, $query_time s applying it at query time, $after s after remap"
done
