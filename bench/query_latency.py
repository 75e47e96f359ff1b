#!/usr/bin/env python3
"""Latency of `gazette search` (one process per query, as a user runs it), several variants side by side.

  python3 bench/query_latency.py --index DIR --harness bench/_work/harness \
      --variant 'before=/path/to/old/gazette' --variant 'after=.build/release/gazette' \
      --variant 'after --expand=.build/release/gazette --expand' \
      --peer-queries queries-reuters.txt --text-queries queries.tsv [--passes 5]

--peer-queries: the shared harness's neutral query syntax, translated the way peers.py does it.
--text-queries: qid<TAB>text natural-language questions, sent as ir_eval.py sends them (words joined by OR).
Each query runs once per variant in turn (the variants interleaved, so a busy machine slows all
of them alike), after one untimed warm-up pass. Reported per variant and query set, in ms:
wall-clock p50/p95 over all runs, and p50 of the process's CPU time (user + system), which a
loaded machine disturbs less than wall time.
"""
import argparse
import os
import shlex
import subprocess
import sys
import time


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    if status != 0:
        sys.exit("failed (%d): %s" % (status, " ".join(command)))
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--harness", required=True, help="the copied shared harness (for peers.py and systems.py)")
    parser.add_argument("--variant", action="append", required=True, help="LABEL=BINARY [EXTRA SEARCH ARGS]")
    parser.add_argument("--peer-queries")
    parser.add_argument("--text-queries")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, args.harness)
    import peers
    import systems

    variants = []
    for item in args.variant:
        label, _, command = item.partition("=")
        binary, *extra = shlex.split(command)
        variants.append((label, binary, extra))
    sets = []
    if args.peer_queries:
        sets.append(("peer queries", [peers.gazette_query(line) for line in systems.read_queries(args.peer_queries)]))
    if args.text_queries:
        with open(args.text_queries, encoding="utf-8") as handle:
            texts = [line.rstrip("\n").partition("\t")[2] for line in handle if line.strip()]
        sets.append(("natural-language OR", [(" OR ".join(systems.text_words(t)), []) for t in texts]))

    print("| variant | queries | n | wall p50 | wall p95 | CPU p50 |")
    print("|---|---|---:|---:|---:|---:|")
    for name, queries in sets:
        samples = {label: ([], []) for label, _, _ in variants}
        for repetition in range(args.passes + 1):
            for number, (text, query_extra) in enumerate(queries):
                turn = (number + repetition) % len(variants)
                for label, binary, extra in variants[turn:] + variants[:turn]:
                    command = [binary, "search", "--format", "json", "--limit", "10", text, "--index", args.index]
                    wall, cpu = timed(command + query_extra + extra)
                    if repetition > 0:  # the first pass warms the page cache
                        samples[label][0].append(wall)
                        samples[label][1].append(cpu)
        for label, _, _ in variants:
            walls, cpus = samples[label]
            print("| %s | %s | %d | %.1f | %.1f | %.1f |" % (
                label, name, len(queries), percentile(walls, 0.5), percentile(walls, 0.95), percentile(cpus, 0.5)),
                flush=True)


if __name__ == "__main__":
    main()
