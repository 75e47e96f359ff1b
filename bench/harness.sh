#!/usr/bin/env bash
# Copies the shared peer benchmark (../shared/bench, read-only there) to bench/_work/harness and
# sets up its peers (Xapian C++/Python, Tantivy, SQLite FTS5). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-$(pwd)/../shared}
work=$(pwd)/bench/_work
mkdir -p "$work/harness"
for item in "$shared"/bench/*; do
  case "$(basename "$item")" in results|_work) ;; *) cp -r "$item" "$work/harness/" ;; esac
done
chmod -R u+w "$work/harness"
bash "$work/harness/setup.sh" >/dev/null
