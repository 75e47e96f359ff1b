#!/usr/bin/env bash
# Fuzzes Gazette's parsers with libFuzzer: builds the targets in Fuzz/ (release, AddressSanitizer,
# coverage for libFuzzer) and runs each for a bounded time, starting from the seed corpora in
# Fuzz/Corpus (plus Samples/ for the article formats).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60); targets default to all:
#                                             FuzzQuery FuzzJSON FuzzHTML FuzzMarkdown FuzzText FuzzDates
#
# Prints executions per target. A crash, a hang (over 10 s for one input) or memory over 2 GB
# fails the run and leaves the input under .build-fuzz/artifacts/ for replay:
#   .build-fuzz/release/FuzzJSON .build-fuzz/artifacts/FuzzJSON-crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzQuery FuzzJSON FuzzHTML FuzzMarkdown FuzzText FuzzDates)

scratch=.build-fuzz
swift build -c release --package-path Fuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$scratch/artifacts"
mkdir -p "$artifacts"

seeds() {
  case "$1" in
    FuzzQuery) echo query ;;
    FuzzJSON) echo json ;;
    FuzzHTML) echo html ;;
    FuzzMarkdown) echo markdown ;;
    FuzzText) echo text ;;
    FuzzDates) echo dates ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}

failed=0
printf '%-13s %12s %10s %9s  %s\n' target executions "exec/s" "new units" result
for target in "${targets[@]}"; do
  name=$(seeds "$target")
  corpus="$work/$name"
  cp -r "Fuzz/Corpus/$name" "$corpus"
  case "$name" in
    json) cp Samples/*.json Samples/*.jsonl "$corpus/" 2>/dev/null || true ;;
    html) cp Samples/*.html "$corpus/" 2>/dev/null || true ;;
    markdown) cp Samples/*.md "$corpus/" ;;
    text) cp Samples/*.txt "$corpus/" ;;
  esac
  options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$artifacts/$target-")
  case "$name" in
    query) options+=(-max_len=512 -dict=Fuzz/query.dict) ;;
    dates) options+=(-max_len=256) ;;
    *) options+=(-max_len=16384) ;;
  esac
  log="$work/$target.log"
  if "$scratch/release/$target" "$corpus" "${options[@]}" >"$log" 2>&1; then result=ok; else result=FAILED; failed=1; fi
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  added=$(grep -o 'stat::new_units_added: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  printf '%-13s %12s %10s %9s  %s\n' "$target" "$executions" "$rate" "$added" "$result"
  if [ "$result" = FAILED ]; then
    grep -E 'ERROR|Fatal error|Crash|crash-|timeout-|oom-|leak-|SUMMARY' "$log" | head -20 >&2 || true
    cp "$log" "$artifacts/$target.log"
    echo "  log: $artifacts/$target.log" >&2
  fi
done
exit $failed
