#!/usr/bin/env bash
# Single-core throughput of `gazette extract` (analysis + tagging + actor resolution) on the
# shared corpora, measured by ../shared/eval/throughput.py in batch mode (one process per pass,
# median of 3 passes after a warm-up), pinned to one core with taskset.
#
#   bash bench/ner-throughput.sh                 # CoNLL eng.testa and 2,000 Reuters articles
#   SCRATCH=.build-w bash bench/ner-throughput.sh
#
# The numbers include process start-up (loading the gazetteer and the model, about 0.05 s of
# CPU); the script also times an empty run and prints the rate without it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${SHARED:-$root/../shared}
scratch=${SCRATCH:-.build}
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --scratch-path "$scratch" --product gazette >/dev/null
bin=$root/$scratch/release/gazette
mkdir -p bench/results

startup=$(python3 - "$bin" <<'PY'
import statistics, subprocess, sys, time
times = []
for _ in range(7):
    t0 = time.perf_counter()
    subprocess.run(["taskset", "-c", "0", sys.argv[1], "extract"], input=b"", stdout=subprocess.DEVNULL, check=True)
    times.append(time.perf_counter() - t0)
print(round(statistics.median(times), 4))
PY
)
echo "start-up (empty input): ${startup} s"

for corpus in "conll:$shared/data/conll2003/eng.testa" "reuters:TRAIN:2000"; do
  name=$(echo "$corpus" | cut -d: -f1)
  out=bench/results/ner-throughput-$name.json
  taskset -c 0 python3 "$shared/eval/throughput.py" --cmd "$bin extract" --batch --corpus "$corpus" --json "$out" >/dev/null
  # The same texts again, timing the CPU the process used: on a machine shared with other work,
  # wall-clock time also counts the waiting.
  python3 - "$out" "$startup" "$bin" "$shared/eval" "$corpus" <<'PY'
import json, os, resource, statistics, subprocess, sys
r = json.load(open(sys.argv[1]))
startup, binary = float(sys.argv[2]), sys.argv[3]
sys.path.insert(0, sys.argv[4])
import throughput
data = "\n\n\n".join(throughput.load_corpus(sys.argv[5])).encode()
cpu = []
for _ in range(4):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["taskset", "-c", "0", binary, "extract"], input=data, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
c = statistics.median(cpu[1:])
t = r["seconds_median"]
n = r["whitespace_tokens"]
print("%-20s %7d tokens  wall %6.3f s = %7d tokens/s (%7d without start-up)  CPU %6.3f s = %7d tokens/s" % (
    r["corpus"].split("/")[-1], n, t, r["whitespace_tokens_per_s"], n / max(t - startup, 1e-9), c, n / c))
PY
done
