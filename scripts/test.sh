#!/usr/bin/env bash
# Runs the full test suite (installing what is missing first). Tests that need ../shared skip with
# a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
