#!/usr/bin/env python3
"""Gazette against the peers, side by side in one run, on one corpus.

    python3 bench/perf.py reuters            # Reuters-21578 (19,779 articles)
    python3 bench/perf.py synth-100k         # ../shared/bench/make_corpus.py --docs 100000 --seed 1
    python3 bench/perf.py synth-1m --peers tantivy,tantivy-1t,sqlite-fts5
    python3 bench/perf.py reuters --peers none   # Gazette only

The peers (Xapian C++ and Python, Tantivy with 2 and 1 threads, SQLite FTS5) run through the shared
harness (../shared/bench/peers.py, copied to bench/_work/harness). Gazette is measured here the same
way: wall time and peak RSS of the indexing process (`--jobs 2`), index size before and after
`gazette compact`, in-process query latency with one warm-up pass and three timed passes of the same
queries (`gazette query-latency`: build the query, take the top 10, read their ids), and the time of
a fresh `gazette search` process. It also measures the floor (analysis alone and analysis + actor
extraction without Xapian writes, `--dry-run`) and where indexing time goes (`--profile`).
Prints one markdown table with Gazette's ratio to each peer; writes bench/results/perf-CORPUS.{md,json}.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "_work")
HARNESS = os.path.join(WORK, "harness")
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
GAZETTE = os.path.join(ROOT, ".build", "release", "gazette")
ALL_PEERS = ["xapian-cpp", "xapian-py", "tantivy", "tantivy-1t", "sqlite-fts5"]


def sample_rss(pid, samples, start, every=5.0):
    """Appends (seconds since start, resident MB) of `pid` until it exits: memory over the run."""
    while True:
        try:
            with open("/proc/%d/status" % pid) as f:
                rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            return
        samples.append((time.perf_counter() - start, rss / 1024))
        time.sleep(every)


def run_with_rss(args, samples=None):
    """Runs a process and returns (stdout, wall seconds, its own peak RSS in bytes); with `samples`,
    also records its resident memory every few seconds."""
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if samples is not None:
        threading.Thread(target=sample_rss, args=(process.pid, samples, start), daemon=True).start()
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("failed (%d): %s" % (code, " ".join(args)))
    return out.decode(), wall, usage.ru_maxrss * 1024


def du(path):
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    return total


def corpus_for(name, python):
    if name == "reuters":
        return os.path.join(SHARED, "data", "reuters21578", "reuters21578.jsonl"), os.path.join(HARNESS, "queries-reuters.txt")
    if name.startswith("synth-"):
        count = name[len("synth-"):].replace("k", "000").replace("m", "000000")
        path = os.path.join(WORK, "synth-%s.jsonl" % count)
        if not os.path.exists(path):
            subprocess.run([python, os.path.join(HARNESS, "make_corpus.py"), "--docs", count, "--seed", "1",
                            "--data", os.path.join(SHARED, "data"), "--out", path], check=True)
        return path, os.path.join(HARNESS, "queries-synth.txt")
    sys.exit("unknown corpus %s (reuters, synth-100k, synth-1m)" % name)


def gazette_queries(queries_file):
    """The neutral query syntax of the harness in Gazette's language (as peers.py's adapter does)."""
    sys.path.insert(0, HARNESS)
    import systems  # noqa: E402  (the harness's own parser)
    lines = []
    for line in systems.read_queries(queries_file):
        q = systems.parse_query(line)
        parts = []
        for op, words in q["pos"]:
            if op == "phrase":
                parts.append('"%s"' % " ".join(words))
            elif op == "or":
                parts.append("(%s)" % " OR ".join(words))
            else:
                parts.append(" AND ".join(words))
        text = " AND ".join(parts)
        for word in q["not"]:
            text += " NOT " + word
        since = until = ""
        if q["date"]:
            lo, hi = q["date"]
            iso = lambda d: "%s-%s-%s" % (d[:4], d[4:6], d[6:8])  # noqa: E731
            since = iso(lo) if lo else ""
            until = iso(hi) if hi else ""
        lines.append((line, text, since, until))
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--peers", default=",".join(ALL_PEERS), help="peers to run, or 'none'")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cold-query", default='"interest rates"')
    parser.add_argument("--no-floor", action="store_true",
                        help="skip the analysis-only and no-writes runs (they take as long as indexing at 1M)")
    parser.add_argument("--no-merge", action="store_true", help="skip merging the shards into one")
    parser.add_argument("--reuse-peers", action="store_true",
                        help="take the peers' figures from this corpus's last run instead of running them again")
    args = parser.parse_args()

    subprocess.run(["bash", os.path.join(ROOT, "bench", "harness.sh")], check=True)
    env = dict(os.environ, PATH="/opt/swift/usr/bin:" + os.environ.get("PATH", ""))
    subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True, env=env, stdout=subprocess.DEVNULL)
    python = os.path.join(HARNESS, ".venv", "bin", "python")
    corpus, queries = corpus_for(args.corpus, python)
    corpus_bytes = os.path.getsize(corpus)
    results_dir = os.path.join(ROOT, "bench", "results")
    os.makedirs(results_dir, exist_ok=True)
    workdir = os.path.join(WORK, args.corpus)
    os.makedirs(workdir, exist_ok=True)

    peers = {}
    peers_json = os.path.join(workdir, "peers.json")
    if args.reuse_peers and os.path.exists(peers_json):
        with open(peers_json) as f:
            peers = json.load(f)["systems"]
    elif args.peers != "none":
        subprocess.run([python, os.path.join(HARNESS, "peers.py"), "--corpus", corpus, "--queries", queries,
                        "--workdir", workdir, "--systems", args.peers, "--rm-indexes", "--out", peers_json], check=True)
        with open(peers_json) as f:
            peers = json.load(f)["systems"]

    index = os.path.join(workdir, "gazette-index")
    print("gazette: indexing with --jobs %d ..." % args.jobs, flush=True)
    memory = []
    out, wall, rss = run_with_rss([GAZETTE, "index", corpus, "--index", index, "--rebuild", "--jobs", str(args.jobs),
                                  "--output", "json", "--format", "jsonl"], samples=memory)
    summary = json.loads(out)
    docs = summary["documents"]
    size_raw = du(index)
    analysis_wall = extraction_wall = float("nan")
    if not args.no_floor:
        print("gazette: analysis-only and no-writes runs ...", flush=True)
        _, analysis_wall, _ = run_with_rss([GAZETTE, "index", corpus, "--index", os.path.join(workdir, "dry"),
                                            "--dry-run", "analysis", "--jobs", str(args.jobs), "--format", "jsonl"])
        _, extraction_wall, _ = run_with_rss([GAZETTE, "index", corpus, "--index", os.path.join(workdir, "dry"),
                                              "--dry-run", "extraction", "--jobs", str(args.jobs), "--format", "jsonl"])
    translated = gazette_queries(queries)
    tsv = os.path.join(workdir, "gazette-queries.tsv")
    with open(tsv, "w") as f:
        for _, text, since, until in translated:
            f.write("%s\t%s\t%s\n" % (text, since, until))

    def latency():
        out, _, _ = run_with_rss([GAZETTE, "query-latency", tsv, "--index", index, "--passes", "3"])
        return json.loads(out)

    def cold():
        times = []
        for _ in range(5):
            _, wall_s, _ = run_with_rss([GAZETTE, "search", args.cold_query, "--index", index, "--format", "json"])
            times.append(wall_s * 1000)
        return statistics.median(times)

    print("gazette: queries ...", flush=True)
    raw_latency, raw_cold = latency(), cold()
    _, compact_wall, _ = run_with_rss([GAZETTE, "compact", "--index", index])
    size_compacted = du(index)
    compacted_latency, compacted_cold = latency(), cold()
    merge_wall, merged_latency, merged_cold = float("nan"), compacted_latency, compacted_cold
    if not args.no_merge:
        _, merge_wall, _ = run_with_rss([GAZETTE, "compact", "--merge", "--index", index])
        merged_latency, merged_cold = latency(), cold()

    gazette = {
        "docs": docs, "index_s": wall, "docs_per_s": docs / wall, "mb_per_s": corpus_bytes / 1e6 / wall,
        "peak_rss": rss, "memory_over_time": memory, "size_bytes": size_raw, "compacted_bytes": size_compacted, "compact_s": compact_wall,
        "merge_s": merge_wall, "stages": summary.get("stages", {}), "shards": summary.get("shards"),
        "analysis_docs_per_s": docs / analysis_wall, "extraction_docs_per_s": docs / extraction_wall,
        "query": raw_latency, "cold_ms": raw_cold,
        "query_compacted": compacted_latency, "cold_compacted_ms": compacted_cold,
        "query_merged": merged_latency, "cold_merged_ms": merged_cold,
    }
    report = render(args.corpus, corpus_bytes, peers, gazette, translated)
    print(report)
    with open(os.path.join(results_dir, "perf-%s.md" % args.corpus), "w") as f:
        f.write(report)
    with open(os.path.join(results_dir, "perf-%s.json" % args.corpus), "w") as f:
        json.dump({"corpus": args.corpus, "corpus_bytes": corpus_bytes, "gazette": gazette,
                   "peers": {k: {kk: vv for kk, vv in v.items() if kk != "query"} | {"query": {kk: vv for kk, vv in v.get("query", {}).items() if kk in ("p50_ms", "p95_ms", "p99_ms", "counts")}}
                             for k, v in peers.items()}}, f, indent=1)


def render(name, corpus_bytes, peers, gazette, translated):
    def mb(value):
        return "%.0f" % (value / 1e6)

    lines = ["## %s (%s MB input, %s articles)" % (name, mb(corpus_bytes), "{:,}".format(gazette["docs"])), "",
             "| system | articles/s | input MB/s | index MB (compacted) | peak RSS MB | query p50 / p95 / p99 ms | cold search ms |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for system, data in peers.items():
        index, query, cold = data.get("index", {}), data.get("query", {}), data.get("cold", {})
        if "docs_per_s" not in index:
            continue
        size = mb(data.get("size_bytes", 0))
        if data.get("compact", {}).get("size_bytes"):
            size += " (%s)" % mb(data["compact"]["size_bytes"])
        lines.append("| %s | %s | %.2f | %s | %.0f | %.2f / %.2f / %.2f | %.1f |" % (
            system, "{:,.0f}".format(index["docs_per_s"]), index["mb_per_s"], size, index["peak_rss"] / 2**20,
            query.get("p50_ms", 0), query.get("p95_ms", 0), query.get("p99_ms", 0), cold.get("proc_ms", 0)))
    g = gazette
    for label, query, cold_ms in (("Gazette", g["query"], g["cold_ms"]),
                                   ("Gazette, compacted", g["query_compacted"], g["cold_compacted_ms"]),
                                   ("Gazette, merged to 1 shard", g["query_merged"], g["cold_merged_ms"])):
        size = "%s (%s)" % (mb(g["size_bytes"]), mb(g["compacted_bytes"])) if label == "Gazette" else ""
        rate = "{:,.0f}".format(g["docs_per_s"]) if label == "Gazette" else ""
        mbs = "%.2f" % g["mb_per_s"] if label == "Gazette" else ""
        rss = "%.0f" % (g["peak_rss"] / 2**20) if label == "Gazette" else ""
        lines.append("| **%s** | %s | %s | %s | %s | %.2f / %.2f / %.2f | %.1f |" % (
            label, rate, mbs, size, rss, query["p50_ms"], query["p95_ms"], query["p99_ms"], cold_ms))
    lines += ["", "Gazette's ratio to each peer (articles/s: higher is better; p50, size: lower is better):", "",
              "| peer | indexing articles/s | analysis+extraction articles/s | query p50 (best of Gazette's layouts) | index size, both compacted |",
              "|---|---:|---:|---:|---:|"]
    best_p50 = min(g["query"]["p50_ms"], g["query_compacted"]["p50_ms"], g["query_merged"]["p50_ms"])
    for system, data in peers.items():
        index, query = data.get("index", {}), data.get("query", {})
        if "docs_per_s" not in index:
            continue
        peer_size = data.get("compact", {}).get("size_bytes") or data.get("size_bytes")
        lines.append("| %s | %.2fx | %.2fx | %.2fx | %.2fx |" % (
            system, g["docs_per_s"] / index["docs_per_s"], g["extraction_docs_per_s"] / index["docs_per_s"],
            best_p50 / query["p50_ms"] if query.get("p50_ms") else float("nan"), g["compacted_bytes"] / peer_size))
    lines += ["", "Floor and profile (Gazette, --jobs %s, %s shards):" % ("2", g["shards"]), "",
              "- analysis alone (read, tokenize, fold, stem): %s articles/s" % "{:,.0f}".format(g["analysis_docs_per_s"]),
              "- analysis + actor extraction + document building, no Xapian writes: %s articles/s"
              % "{:,.0f}".format(g["extraction_docs_per_s"]),
              "- compaction: %.1f s per shard set, merging into one shard: %.1f s" % (g["compact_s"], g["merge_s"]), ""]
    if g.get("memory_over_time"):
        memory = g["memory_over_time"]
        marks = []
        for fraction in (0.1, 0.25, 0.5, 0.75, 1.0):
            seconds, mb_now = memory[min(len(memory) - 1, int(fraction * (len(memory) - 1)))]
            marks.append("%.0f%% of the run (%.0f s): %.0f MB" % (fraction * 100, seconds, mb_now))
        lines += ["- resident memory while indexing: " + "; ".join(marks), ""]
    stages = g["stages"]
    total = sum(stages.values()) or 1
    lines += ["| stage (CPU time over all threads) | seconds | share |", "|---|---:|---:|"]
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        lines.append("| %s | %.2f | %.0f%% |" % (stage, seconds, seconds / total * 100))
    reference = next((peers[p] for p in ("tantivy", "sqlite-fts5", "xapian-cpp") if p in peers and "query" in peers[p]), None)
    if reference and reference["query"].get("counts"):
        mismatched = [(line, c, t) for (line, _, _, _), c, t in zip(translated, g["query"]["totals"], reference["query"]["counts"])
                      if c != t]
        lines += ["", "Hit counts equal to %s on %d of %d queries%s" % (
            next(p for p in ("tantivy", "sqlite-fts5", "xapian-cpp") if p in peers), len(translated) - len(mismatched),
            len(translated), (": differing: " + "; ".join("`%s` %d vs %d" % m for m in mismatched[:8])) if mismatched else ".")]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
