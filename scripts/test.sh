#!/usr/bin/env bash
# Runs the full test suite (installing what is missing first): every test, then each parser fuzzed
# for a bounded time, then the shim, reader, parser, hostile-input and query tests under
# AddressSanitizer and UndefinedBehaviorSanitizer (see RELIABILITY.md). Tests that need ../shared
# skip with a message when it is absent.
#
#   GAZETTE_FUZZ_SECONDS   seconds per fuzz target (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
bash scripts/fuzz.sh "${GAZETTE_FUZZ_SECONDS:-20}"
bash scripts/sanitizers.sh ci
