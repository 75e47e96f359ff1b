#!/usr/bin/env python3
"""Scores Gazette's statement extractor against the hand labels in labels/.

    python3 eval/statements/evaluate.py [--show misses|extra|speakers|all] [--json] [--check]

Runs `gazette statements-extract` (the hidden developer command; $GAZETTE or a build under
.build-w/.build) over every labelled article and compares what it prints with the labels.

Matching: a predicted statement matches a labelled one in the same article when their content
spans overlap by at least half of each span (overlap >= 0.5 x len(predicted) and >= 0.5 x
len(labelled)). Pairs are matched one to one, best overlap (Jaccard) first.

Reported per group (samples, own, seeds) and overall:
  precision  matched / predicted            recall  matched / labelled
  speaker    matched statements whose resolved speaker id equals the label's (null == null)
  direct     matched statements whose direct flag equals the label's
  end-to-end matched statements with the right speaker / labelled (recall with speakers)

Groups: samples (Samples/), own (eval/statements/articles/), seeds (../shared/seeds) and heldout
(10 Reuters-21578 articles in ../shared, labelled blind; see README). Groups under ../shared are
skipped with a notice when it is absent.

The seed check: in ../shared/seeds every labelled statement by Zelensky, the United States
(U.S. envoys and officials), Europe (European leaders), Ukraine (Ukrainian officials, Kyiv) and
Russia (Moscow) must be found with the right speaker. --check exits 1 when overall recall or
speaker accuracy is below 0.85 or the seed check fails.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

SEED_SPEAKERS = {
    "person:volodymyr-zelensky", "place:united-states", "place:europe", "place:ukraine", "place:russia",
}
TARGET = 0.85


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold, predicted):
    """One-to-one pairs (gold index, predicted index) of substantially overlapping contents."""
    candidates = []
    for g, label in enumerate(gold):
        for p, guess in enumerate(predicted):
            shared = overlap(label["content"], guess["content"])
            g_len = label["content"][1] - label["content"][0]
            p_len = guess["content"][1] - guess["content"][0]
            if shared > 0 and shared * 2 >= g_len and shared * 2 >= p_len:
                candidates.append((shared / (g_len + p_len - shared), g, p))
    candidates.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, g, p in candidates:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        pairs.append((g, p))
    return pairs


class Tally:
    def __init__(self):
        self.gold = self.predicted = self.matched = self.speaker = self.direct = 0

    def add(self, other):
        for field in ("gold", "predicted", "matched", "speaker", "direct"):
            setattr(self, field, getattr(self, field) + getattr(other, field))

    def ratios(self):
        def ratio(a, b):
            return a / b if b else 0.0
        return {
            "labelled": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": ratio(self.matched, self.predicted), "recall": ratio(self.matched, self.gold),
            "speaker_accuracy": ratio(self.speaker, self.matched), "direct_accuracy": ratio(self.direct, self.matched),
            "end_to_end_recall": ratio(self.speaker, self.gold),
        }


def load_groups(shared_available):
    groups = []
    for group, articles_path, statements_path in corpus.label_files(True):
        articles = corpus.read_jsonl(articles_path)
        if any(a["article"].startswith("shared:") for a in articles) and not shared_available:
            print(f"note: skipping group '{group}': ../shared is absent", file=sys.stderr)
            continue
        statements = corpus.read_jsonl(statements_path) if os.path.exists(statements_path) else []
        groups.append((group, articles, statements))
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", choices=["misses", "extra", "speakers", "all"], help="list the disagreements")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--group", action="append", help="only these groups (samples, own, seeds)")
    args = parser.parse_args()

    groups = load_groups(os.path.isdir(os.path.join(corpus.SHARED, "seeds")))
    if args.group:
        groups = [g for g in groups if g[0] in args.group]
    keys = [a["article"] for _, articles, _ in groups for a in articles]
    records = corpus.run_extractor(keys, with_text=True)

    report = {"groups": {}, "seed_check": None}
    overall = Tally()
    seed_failures = []
    for group, articles, statements in groups:
        tally = Tally()
        for article in articles:
            key = article["article"]
            record = records.get(key)
            if record is None:
                corpus.fail(f"Gazette read no article {key}")
            body = record["body"]
            if corpus.body_digest(body) != article["body_sha256"]:
                corpus.fail(f"the body Gazette reads for {key} changed since it was labelled; relabel it")
            gold = [s for s in statements if s["article"] == key]
            predicted = record["statements"]
            pairs = match(gold, predicted)
            tally.gold += len(gold)
            tally.predicted += len(predicted)
            tally.matched += len(pairs)
            matched_gold = {g: p for g, p in pairs}
            matched_pred = {p for _, p in pairs}
            raw = body.encode("utf-8")

            def cut(span):
                return raw[span[0]:span[1]].decode("utf-8", "replace")

            for g, p in pairs:
                same_speaker = gold[g]["speaker"]["id"] == predicted[p]["speaker"].get("id")
                tally.speaker += same_speaker
                tally.direct += gold[g]["direct"] == predicted[p]["direct"]
                if not same_speaker and args.show in ("speakers", "all"):
                    print(f"SPEAKER {key} {gold[g]['content']}: labelled {gold[g]['speaker']['id']} "
                          f"({gold[g]['speaker']['text']}), found {predicted[p]['speaker'].get('id')} "
                          f"({predicted[p]['speaker']['text']}) | {cut(gold[g]['content'])[:90]}")
            for g, label in enumerate(gold):
                found = g in matched_gold
                if group == "seeds" and label["speaker"]["id"] in SEED_SPEAKERS:
                    right = found and predicted[matched_gold[g]]["speaker"].get("id") == label["speaker"]["id"]
                    if not right:
                        seed_failures.append({"article": key, "content": label["content"], "speaker": label["speaker"]["id"]})
                if not found and args.show in ("misses", "all"):
                    print(f"MISSED  {key} {label['content']} {label['speaker']['id']} {label['verb']}: {cut(label['content'])[:120]}")
            for p, guess in enumerate(predicted):
                if p not in matched_pred and args.show in ("extra", "all"):
                    print(f"EXTRA   {key} {guess['content']} {guess['speaker'].get('id')} ({guess['speaker']['text']}) "
                          f"{guess['verb']}: {cut(guess['content'])[:120]}")
        report["groups"][group] = tally.ratios()
        overall.add(tally)
    report["overall"] = overall.ratios()
    if any(group == "seeds" for group, _, _ in groups):
        report["seed_check"] = {"failures": seed_failures, "passed": not seed_failures}

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{'group':<10} {'labelled':>8} {'found':>6} {'matched':>7} {'P':>6} {'R':>6} {'speaker':>8} {'direct':>7} {'end2end':>8}")
        rows = list(report["groups"].items()) + [("overall", report["overall"])]
        for name, r in rows:
            print(f"{name:<10} {r['labelled']:>8} {r['predicted']:>6} {r['matched']:>7} {r['precision']:>6.3f} "
                  f"{r['recall']:>6.3f} {r['speaker_accuracy']:>8.3f} {r['direct_accuracy']:>7.3f} {r['end_to_end_recall']:>8.3f}")
        if report["seed_check"] is not None:
            if seed_failures:
                print(f"seed check: FAILED for {len(seed_failures)} statements:")
                for failure in seed_failures:
                    print(f"  {failure['article']} {failure['content']} {failure['speaker']}")
            else:
                print("seed check: every statement by Zelensky, U.S., European, Ukrainian (Kyiv) and Russian (Moscow) "
                      "speakers found with the right speaker")
    if args.check:
        missed = report["overall"]["recall"] < TARGET or report["overall"]["speaker_accuracy"] < TARGET
        if missed or (report["seed_check"] and not report["seed_check"]["passed"]):
            sys.exit(1)


if __name__ == "__main__":
    main()
