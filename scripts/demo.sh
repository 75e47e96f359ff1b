#!/usr/bin/env bash
# The main job: install what is missing, build, index the bundled Samples/ into Index/ and run a
# sample search.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
swift build -c release
.build/release/gazette index Samples --index Index
.build/release/gazette search '"security guarantees"' --actor Zelensky --since 2025-12-01 --index Index
