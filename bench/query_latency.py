#!/usr/bin/env python3
"""Wall-clock latency of `gazette search` (one process per query, as a user runs it).

  python3 bench/query_latency.py --index DIR --bin .build/release/gazette \
      --peer-queries queries-reuters.txt --text-queries queries.tsv [--passes 3] [--label NAME]

--peer-queries: the shared harness's neutral query syntax, translated the way peers.py does it.
--text-queries: qid<TAB>text natural-language questions, sent as ir_eval.py sends them (words joined by OR).
One untimed warm-up pass, then --passes timed passes; prints p50/p95 per query set in milliseconds.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def percentile(values, fraction):
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(binary, index, query, extra):
    command = [binary, "search", "--format", "json", "--limit", "10", query, "--index", index] + extra
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def measure(binary, index, queries, passes):
    for query, extra in queries:
        timed(binary, index, query, extra)
    samples = [timed(binary, index, q, e) for _ in range(passes) for q, e in queries]
    return percentile(samples, 0.5), percentile(samples, 0.95), statistics.mean(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--harness", required=True, help="the copied shared harness (for peers.py and systems.py)")
    parser.add_argument("--peer-queries")
    parser.add_argument("--text-queries")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--label", default="gazette")
    parser.add_argument("--search-arg", action="append", default=[], help="extra argument for every search (repeatable)")
    args = parser.parse_args()
    sys.path.insert(0, args.harness)
    import peers
    import systems

    sets = []
    if args.peer_queries:
        translated = [peers.gazette_query(line) for line in systems.read_queries(args.peer_queries)]
        sets.append(("peer queries", [(text, extra + args.search_arg) for text, extra in translated]))
    if args.text_queries:
        with open(args.text_queries, encoding="utf-8") as handle:
            texts = [line.rstrip("\n").partition("\t")[2] for line in handle if line.strip()]
        sets.append(("natural-language OR", [(" OR ".join(systems.text_words(t)), args.search_arg) for t in texts]))
    for name, queries in sets:
        p50, p95, mean = measure(args.bin, args.index, queries, args.passes)
        print("| %s | %s | %d | %.1f | %.1f | %.1f |" % (args.label, name, len(queries), p50, p95, mean), flush=True)


if __name__ == "__main__":
    main()
