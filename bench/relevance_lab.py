#!/usr/bin/env python3
"""Ranking experiments behind Gazette's default, on the indexes bench/relevance.sh built.

  bench/_work/harness/.venv/bin/python bench/relevance_lab.py [--only weighting,title,proximity,stemming,feedback,bootstrap]

Runs queries with python3-xapian against Gazette's own index of each collection
(bench/_work/ir/<collection>/idx-gazette), building them the way Gazette does (the ir_eval.py
words, Snowball English stems, StopWords.swift's list, an OR of the terms), so a candidate can be
tried in a second instead of a rebuild. The first row re-measures Gazette's default here; it must
match bench/results/relevance.txt. Candidates that change the index (title weight, stemmer) are
measured on copies that differ only in that respect. Results: bench/results/relevance-lab.txt.
"""
import argparse
import itertools
import json
import os
import random
import re
import sys

import xapian

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "_work")
sys.path.insert(0, os.path.join(WORK, "harness"))
import ir_eval  # noqa: E402
import systems  # noqa: E402

COLLECTIONS = ["cranfield", "cisi"]
SHARED = os.environ.get("SHARED", os.path.join(ROOT, "..", "shared"))
STEM = xapian.Stem("english")


def stop_words():
    """The list in StopWords.swift (one source of truth)."""
    with open(os.path.join(ROOT, "Sources", "GazetteCore", "Search", "StopWords.swift"), encoding="utf-8") as handle:
        source = handle.read()
    block = re.search(r'"""\n(.*?)"""', source, re.S).group(1)
    return set(block.split())


STOP = stop_words()


def term(word, stem=STEM):
    # As Gazette's analyzer: words with digits are not stemmed.
    if any(c.isdigit() for c in word) or stem is None:
        return word
    out = stem(word)
    return (out.decode() if isinstance(out, bytes) else out) or word


class Collection:
    def __init__(self, name):
        data = os.path.join(SHARED, "data", "ir-" + name)
        self.name = name
        self.data = data
        self.queries = ir_eval.read_tsv_queries(os.path.join(data, "queries.tsv"))
        self.qrels = ir_eval.read_qrels(os.path.join(data, "qrels.tsv"))
        self.judged = [q for q in self.queries if any(r >= 1 for r in self.qrels.get(q, {}).values())]
        self.index = os.path.join(WORK, "ir", name, "idx-gazette")
        if not os.path.isdir(self.index):
            sys.exit("no Gazette index at %s: run bench/relevance.sh first" % self.index)

    def evaluate(self, runs):
        per = {q: ir_eval.metrics(runs.get(q, []), self.qrels[q], 1) for q in self.judged}
        mean = {m: sum(v[m] for v in per.values()) / len(per) for m in ("ndcg@10", "map@100")}
        return mean, per


# ------------------------------------------------------------------------------------------ ranking

def weighting(spec):
    kind, *params = spec
    if kind == "bm25":
        return xapian.BM25Weight(params[0], 0, 1, params[1], 0.5)
    if kind == "bm25+":
        return xapian.BM25PlusWeight(params[0], 0, 1, params[1], 0.5, params[2])
    if kind == "ineb2":
        return xapian.IneB2Weight(params[0])
    if kind == "bb2":
        return xapian.BB2Weight(params[0])
    if kind == "pl2":
        return xapian.PL2Weight(params[0])
    if kind == "dph":
        return xapian.DPHWeight()
    raise ValueError(spec)


class Unprefixed(xapian.ExpandDecider):
    def __call__(self, name):
        name = name.decode() if isinstance(name, bytes) else name
        return bool(name) and not ("A" <= name[0] <= "Z")


# Gazette's default without feedback (the base every table varies), and the default itself:
# feedback from the top 10 hits, 10 terms at weight 0.5, for queries of five or more words.
BASE = {"weight": ("ineb2", 0.5), "stop": True}
DEFAULT = dict(BASE, feedback=(10, 10, 0.5), feedback_words=5)


def content_terms(words, config):
    stem = config.get("stem", STEM)
    terms = [term(w, stem) for w in words if not (config.get("stop") and w in STOP)]
    return terms or [term(w, stem) for w in words]


def build_query(terms, config):
    query = xapian.Query(xapian.Query.OP_OR, [xapian.Query(t) for t in terms])
    proximity = config.get("proximity")
    if proximity and len(terms) > 1:
        op, window, scale = proximity
        pairs = [xapian.Query(op, [xapian.Query(a), xapian.Query(b)], window) for a, b in zip(terms, terms[1:]) if a != b]
        if pairs:
            boost = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(xapian.Query.OP_OR, pairs), scale)
            query = xapian.Query(xapian.Query.OP_AND_MAYBE, query, boost)
    return query


def run(collection, config, index=None):
    database = xapian.Database(index or collection.index)
    runs = {}
    for qid, text in collection.queries.items():
        enquire = xapian.Enquire(database)
        enquire.set_weighting_scheme(weighting(config.get("weight", BASE["weight"])))
        terms = content_terms(systems.text_words(text), config)
        query = build_query(terms, config)
        enquire.set_query(query)
        feedback = config.get("feedback")
        if feedback and len(terms) >= config.get("feedback_words", 1):
            documents, count, scale = feedback
            relevant = xapian.RSet()
            for match in enquire.get_mset(0, documents):
                relevant.add_document(match.docid)
            eset = enquire.get_eset(count, relevant, Unprefixed())
            extra = [xapian.Query(item.term) for item in eset]
            if extra:
                boost = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(xapian.Query.OP_OR, extra), scale)
                enquire.set_query(xapian.Query(xapian.Query.OP_AND_MAYBE, query, boost))
        runs[qid] = [json.loads(m.document.get_data())["id"] for m in enquire.get_mset(0, 100)]
    return collection.evaluate(runs)


# ------------------------------------------------------------------------------------- index copies

def title_weighted_copy(collection, boost):
    """Gazette's index with title words counted `boost` times instead of Schema.titleWdfBoost (3)."""
    path = os.path.join(WORK, "ir", collection.name, "lab-title-%d" % boost)
    source = xapian.Database(collection.index)
    target = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    for docid in range(1, source.get_lastdocid() + 1):
        try:
            document = source.get_document(docid)
        except xapian.DocNotFoundError:
            continue
        entries = {t.term: (t.wdf, list(t.positer)) for t in document.termlist()}
        copy = xapian.Document()
        copy.set_data(document.get_data())
        for name, (wdf, positions) in entries.items():
            if positions:
                for position in positions:
                    copy.add_posting(name, position)
                title = entries.get(b"S" + name)
                # Gazette stores body count + 3 x title count; the positions give 1 x, add the rest.
                if not name[:1].isupper() and title and boost > 1:
                    copy.add_term(name, (boost - 1) * title[0])
            elif wdf:
                copy.add_term(name, wdf)
            else:
                copy.add_boolean_term(name)
        target.replace_document(docid, copy)
    target.commit()
    return path


def plural_stem(word):
    """A plural-only stemmer (a lighter alternative to Snowball)."""
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


class Stemmer:
    def __init__(self, name):
        self.name = name
        self.snowball = xapian.Stem(name) if name in ("english", "porter") else None

    def __call__(self, word):
        if self.snowball:
            return self.snowball(word)
        return plural_stem(word) if self.name == "plural" else word


def stemmed_copy(collection, stemmer):
    """A simplified index (\\w+ words, title words x3 as in Gazette) with another stemmer."""
    path = os.path.join(WORK, "ir", collection.name, "lab-stem-" + stemmer.name)
    database = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    with open(os.path.join(collection.data, "docs.jsonl"), encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if not (record["title"] or record["body"]):
                continue
            document = xapian.Document()
            document.set_data(json.dumps({"id": record["id"]}))
            position = 1
            for word in systems.WORD.findall(record["title"].lower()):
                document.add_posting(term(word, stemmer), position, 3)
                position += 1
            position += 100
            for word in systems.WORD.findall(record["body"].lower()):
                document.add_posting(term(word, stemmer), position)
                position += 1
            database.replace_document("Q" + record["id"], document)
    database.commit()
    return path


# ---------------------------------------------------------------------------------------- reporting

class Report:
    def __init__(self, collections, out):
        self.collections = collections
        self.out = out

    def emit(self, text=""):
        print(text, flush=True)
        self.out.write(text + "\n")

    def table(self, title):
        self.emit("\n### " + title + "\n")
        self.emit("| setting | Cranfield nDCG@10 | Cranfield MAP@100 | CISI nDCG@10 | CISI MAP@100 |")
        self.emit("|---|---:|---:|---:|---:|")

    def row(self, label, config, indexes=None):
        cells = []
        for collection in self.collections:
            mean, _ = run(collection, config, (indexes or {}).get(collection.name))
            cells += ["%.4f" % mean["ndcg@10"], "%.4f" % mean["map@100"]]
        self.emit("| %s | %s |" % (label, " | ".join(cells)))


def bootstrap(report, samples=4000):
    """How often a ranking would meet the issue's targets on resampled query sets of the same size."""
    report.emit("\n### Bootstrap: %d resampled query sets (same size, with replacement) per collection\n" % samples)
    report.emit("| ranking | collection | P(nDCG@10 >= 1.05 x best peer) | P(MAP@100 >= best peer) |")
    report.emit("|---|---|---:|---:|")
    for (label, config), collection in itertools.product((("default", DEFAULT), ("without feedback", BASE)),
                                                         report.collections):
        peers_file = os.path.join(ROOT, "bench", "results", "relevance-%s.json" % collection.name)
        with open(peers_file, encoding="utf-8") as handle:
            peers = {n: r["per_query"] for n, r in json.load(handle)["systems"].items() if n != "gazette"}
        _, ours = run(collection, config)
        rng = random.Random(7)
        queries = list(ours)
        ndcg_ok = map_ok = 0
        for _ in range(samples):
            sample = [rng.choice(queries) for _ in queries]
            total = lambda per, m: sum(per[q][m] for q in sample)  # noqa: E731
            ndcg_ok += total(ours, "ndcg@10") >= 1.05 * max(total(p, "ndcg@10") for p in peers.values())
            map_ok += total(ours, "map@100") >= max(total(p, "map@100") for p in peers.values())
        report.emit("| %s | %s | %.2f | %.2f |" % (label, collection.name, ndcg_ok / samples, map_ok / samples))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="weighting,title,proximity,stemming,feedback,bootstrap")
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "relevance-lab.txt"))
    args = parser.parse_args()
    parts = set(args.only.split(","))
    collections = [Collection(name) for name in COLLECTIONS]
    with open(args.out, "w", encoding="utf-8") as out:
        report = Report(collections, out)
        report.table("Reference")
        report.row("Gazette's default re-measured here", DEFAULT)
        report.row("the same without feedback (the base of the tables below)", BASE)
        if "weighting" in parts:
            report.table("Weighting (stop words dropped)")
            for k1 in (0.9, 1.2, 1.5, 2.0):
                for b in (0.3, 0.5, 0.75, 0.9):
                    report.row("BM25 k1=%g b=%g" % (k1, b), dict(BASE, weight=("bm25", k1, b)))
            for delta in (0.5, 1.0):
                report.row("BM25+ k1=1.2 b=0.75 delta=%g" % delta, dict(BASE, weight=("bm25+", 1.2, 0.75, delta)))
            for c in (0.25, 0.5, 0.75, 1, 2, 4):
                report.row("IneB2 c=%g" % c, dict(BASE, weight=("ineb2", c)))
            for c in (0.5, 1, 2):
                report.row("BB2 c=%g" % c, dict(BASE, weight=("bb2", c)))
                report.row("PL2 c=%g" % c, dict(BASE, weight=("pl2", c)))
            report.row("DPH", dict(BASE, weight=("dph",)))
        if "title" in parts:
            report.table("Title words counted N times (Schema.titleWdfBoost; Gazette uses 3)")
            for boost in (1, 2, 3, 5):
                indexes = {c.name: title_weighted_copy(c, boost) for c in collections}
                report.row("title x%d" % boost, BASE, indexes)
        if "proximity" in parts:
            report.table("Proximity: OR AND_MAYBE (scaled OR of adjacent query-word pairs)")
            for label, op, window in (("NEAR/2", xapian.Query.OP_NEAR, 2), ("NEAR/8", xapian.Query.OP_NEAR, 8),
                                      ("PHRASE", xapian.Query.OP_PHRASE, 2)):
                for scale in (0.02, 0.05, 0.1, 0.25):
                    report.row("%s x%g" % (label, scale), dict(BASE, proximity=(op, window, scale)))
        if "stemming" in parts:
            report.table("Stemming (simplified copies: \\w+ words, title x3; compare rows with each other)")
            for name in ("english", "porter", "plural", "none"):
                stemmer = Stemmer(name)
                indexes = {c.name: stemmed_copy(c, stemmer) for c in collections}
                report.row("%s" % name, dict(BASE, stem=stemmer), indexes)
        if "feedback" in parts:
            report.table("Pseudo-relevance feedback (top D hits, T terms, weight W; AND_MAYBE; every query)")
            for documents in (5, 10, 20):
                for count in (5, 10, 20):
                    for scale in (0.25, 0.5, 1.0):
                        report.row("D=%d T=%d W=%g" % (documents, count, scale),
                                   dict(BASE, feedback=(documents, count, scale)))
        if "bootstrap" in parts:
            bootstrap(report)


if __name__ == "__main__":
    main()
