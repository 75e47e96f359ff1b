#!/usr/bin/env python3
"""Prints bench/relevance.sh's tables from ir_eval.py's JSON results.

  python3 bench/relevance_table.py --results bench/results [--ablation SPEC=NAME ...]

Main table: every system on both collections with the four metrics, then the issue's target for
Gazette: nDCG@10 at least 5 % above the best peer's, MAP@100 not below the best peer's.
Ablation: Gazette with each --ranking SPEC (results in RESULTS/relevance-ablation/NAME-<collection>.json).
"""
import argparse
import json
import os

COLLECTIONS = [("cranfield", "Cranfield"), ("cisi", "CISI")]
METRICS = ["ndcg@10", "map@100", "p@10", "r@100"]


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["systems"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", required=True)
    parser.add_argument("--ablation", action="append", default=[], help="SPEC=NAME")
    args = parser.parse_args()

    for key, title in COLLECTIONS:
        systems = load(os.path.join(args.results, "relevance-%s.json" % key))
        any_system = next(iter(systems.values()))
        print("\n%s (%d judged queries)\n" % (title, any_system["queries"]))
        print("| system | nDCG@10 | MAP@100 | P@10 | R@100 |")
        print("|---|---:|---:|---:|---:|")
        for name, result in systems.items():
            print("| %s | %s |" % (name, " | ".join("%.4f" % result[m] for m in METRICS)))
        peers = {n: r for n, r in systems.items() if n != "gazette"}
        if "gazette" in systems and peers:
            best_ndcg = max(peers.items(), key=lambda item: item[1]["ndcg@10"])
            best_map = max(peers.items(), key=lambda item: item[1]["map@100"])
            gazette = systems["gazette"]
            target = 1.05 * best_ndcg[1]["ndcg@10"]
            print("\nGazette nDCG@10 %.4f vs 1.05 x %s %.4f = %.4f: %s (%+.1f %% over %s); MAP@100 %.4f vs %s %.4f: %s"
                  % (gazette["ndcg@10"], best_ndcg[0], best_ndcg[1]["ndcg@10"], target,
                     "met" if gazette["ndcg@10"] >= target else "NOT met",
                     100 * (gazette["ndcg@10"] / best_ndcg[1]["ndcg@10"] - 1), best_ndcg[0],
                     gazette["map@100"], best_map[0], best_map[1]["map@100"],
                     "met" if gazette["map@100"] >= best_map[1]["map@100"] else "NOT met"))

    if args.ablation:
        print("\nAblation (Gazette, --ranking SPEC)\n")
        print("| --ranking | Cranfield nDCG@10 | Cranfield MAP@100 | CISI nDCG@10 | CISI MAP@100 |")
        print("|---|---:|---:|---:|---:|")
        for item in args.ablation:
            spec, _, name = item.partition("=")
            cells = []
            for key, _ in COLLECTIONS:
                result = load(os.path.join(args.results, "relevance-ablation", "%s-%s.json" % (name, key)))["gazette"]
                cells += ["%.4f" % result["ndcg@10"], "%.4f" % result["map@100"]]
            print("| `%s` | %s |" % (spec, " | ".join(cells)))


if __name__ == "__main__":
    main()
