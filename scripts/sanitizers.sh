#!/usr/bin/env bash
# Runs the tests with AddressSanitizer over the Swift code and the C/C++ shim, and
# UndefinedBehaviorSanitizer over the shim (swiftc has no -sanitize=undefined on Linux; Swift
# itself traps on overflow and out-of-bounds access in every build). Then checks the CLI for leaks.
#
#   scripts/sanitizers.sh        every test (the Reuters test too when ../shared exists) + leak check
#   scripts/sanitizers.sh ci     the CI subset: shim, reader, parser, hostile-input and query tests
#
# Instrumented builds run several times slower and keep freed memory in quarantine, so the tests'
# time and memory bounds are switched off (GAZETTE_SANITIZED=1); correctness checks all stay.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
mode=${1:-full}

scratch=.build-sanitize
sanitize=(--sanitize=address -Xcc -fsanitize=undefined -Xcxx -fsanitize=undefined)
swift build --build-tests --scratch-path "$scratch" "${sanitize[@]}"

# Leaks are checked on the CLI below, not in the test process: XCTest and the Swift runtime leave
# allocations behind at exit that are not Gazette's.
export ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export GAZETTE_SANITIZED=1

case "$mode" in
  ci)
    suites='AnalyzerTests|IndexingTests|ReaderTests|StreamingInputTests|FieldLimitTests|MarkdownTextTests|QueryParserTests'
    suites+='|QueryLimitsTests|DateParserTests|DatelineTests|ChangingFilesTests|RandomQueryTests|HostileInputTests'
    GAZETTE_RANDOM_QUERIES=${GAZETTE_RANDOM_QUERIES:-2000} GAZETTE_RANDOM_CLI_QUERIES=${GAZETTE_RANDOM_CLI_QUERIES:-20} \
      swift test --skip-build --scratch-path "$scratch" "${sanitize[@]}" --filter "$suites"
    ;;
  full)
    GAZETTE_RANDOM_QUERIES=${GAZETTE_RANDOM_QUERIES:-5000} swift test --skip-build --scratch-path "$scratch" "${sanitize[@]}"
    ;;
  *)
    echo "usage: $0 [ci|full]" >&2
    exit 64
    ;;
esac

[ "$mode" = ci ] && exit 0

# Leak check: index, search and show through the instrumented binary with LeakSanitizer on.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gazette="$scratch/debug/gazette"
leaks=0
check() {
  if ! ASAN_OPTIONS=detect_leaks=1 "$gazette" "$@" >"$work/out" 2>"$work/err"; then
    if grep -q 'LeakSanitizer' "$work/err"; then
      echo "leak: gazette $*" >&2
      grep -E '^(Direct|Indirect) leak|#[0-9]+ .* in \$s11GazetteCore' "$work/err" | head -12 >&2
      leaks=1
    fi
  fi
}
check index Samples --index "$work/index1" --jobs 1
check index Samples --index "$work/index2" --jobs 2
check search 'actor:zelensky NEAR/5 "security guarantees"' --facets --index "$work/index1"
check show gz-2025-12-14-geneva-envoys --index "$work/index1"
check stats --index "$work/index1"
[ $leaks -eq 0 ] && echo "leak check: no leaks"
exit $leaks
