#!/usr/bin/env python3
"""Turns a hand-written label source into the JSONL label files the evaluation reads.

A source file is plain text, one statement per line, grouped under the article it belongs to:

    @ Samples/2025-12-14-zelensky-envoys-geneva.md
    person:volodymyr-zelensky | Zelensky | tell | D | Today we talked not about … how fast
    - | both sides | describe | I | the most detailed so far … after a ceasefire

Columns: speaker actor id ("-" when the speaker resolves to no single actor), the speaker words as
written, the verb lemma, D (direct quote) or I (indirect), and the content written out as it appears
in the article body. " … " stands for any run of text inside the paragraph; straight quotes and
apostrophes also match curly ones; a trailing " @2" picks the second match (needed when the text occurs more than once). An "@" line with no
statements under it records an article that was read and has none.

    python3 eval/statements/make_labels.py SOURCE GROUP [--no-text]

writes labels/GROUP.articles.jsonl and labels/GROUP.statements.jsonl. With --no-text (for articles
under ../shared, whose text must not be copied into the repository) the content text is left out
and only byte offsets are stored.
"""

import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402

GAP = " … "


def pattern_for(text):
    parts = []
    for piece in text.split(GAP):
        escaped = ""
        for char in piece:
            if char in "'’":
                escaped += "['’]"
            elif char in "\"“”":
                escaped += "[\"“”]"
            else:
                escaped += re.escape(char)
        parts.append(escaped)
    return re.compile("[^\n]*?".join(parts))


def parse(path):
    articles = []
    current = None
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("@"):
                current = {"key": line[1:].strip(), "statements": [], "line": number}
                articles.append(current)
                continue
            if current is None:
                corpus.fail(f"{path}:{number}: statement before any '@ article' line")
            columns = [column.strip() for column in line.split("|", 4)]
            if len(columns) != 5 or columns[3] not in ("D", "I"):
                corpus.fail(f"{path}:{number}: expected 'id | speaker | verb | D/I | content'")
            occurrence = None
            content = columns[4]
            match = re.search(r"\s@(\d+)$", content)
            if match:
                occurrence = int(match.group(1))
                content = content[: match.start()]
            current["statements"].append({
                "id": None if columns[0] == "-" else columns[0], "speaker": columns[1], "verb": columns[2],
                "direct": columns[3] == "D", "content": content, "occurrence": occurrence, "line": number,
            })
    return articles


def byte_offset(text, index):
    return len(text[:index].encode("utf-8"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("group")
    parser.add_argument("--no-text", action="store_true", help="store offsets only (for ../shared articles)")
    args = parser.parse_args()

    articles = parse(args.source)
    bodies = corpus.run_extractor([a["key"] for a in articles], with_text=True)
    article_rows, statement_rows, problems = [], [], []
    for article in articles:
        record = bodies.get(article["key"])
        if record is None:
            problems.append(f"{args.source}:{article['line']}: Gazette read no article {article['key']}")
            continue
        body = record["body"]
        article_rows.append({
            "article": article["key"], "body_bytes": len(body.encode("utf-8")),
            "body_sha256": corpus.body_digest(body), "statements": len(article["statements"]),
        })
        for statement in article["statements"]:
            matches = list(pattern_for(statement["content"]).finditer(body))
            wanted = statement["occurrence"] or 1
            if len(matches) < wanted or (statement["occurrence"] is None and len(matches) > 1):
                problems.append(
                    f"{args.source}:{statement['line']}: content found {len(matches)} times in {article['key']}"
                    + (" (add @N to pick one)" if len(matches) > 1 else ""))
                continue
            found = matches[wanted - 1]
            row = {
                "article": article["key"],
                "speaker": {"id": statement["id"], "text": statement["speaker"][:40]},
                "verb": statement["verb"],
                "content": [byte_offset(body, found.start()), byte_offset(body, found.end())],
                "direct": statement["direct"],
            }
            if not args.no_text:
                row["text"] = found.group(0)
            statement_rows.append(row)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    base = os.path.join(corpus.LABELS, args.group)
    with open(base + ".articles.jsonl", "w", encoding="utf-8") as handle:
        for row in article_rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    with open(base + ".statements.jsonl", "w", encoding="utf-8") as handle:
        for row in statement_rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(article_rows)} articles, {len(statement_rows)} statements -> {base}.*.jsonl")


if __name__ == "__main__":
    main()
