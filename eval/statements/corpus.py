"""Shared helpers for the statement evaluation: where labelled articles live, how Gazette reads
them (through the hidden `gazette statements-extract` command) and how label files look.

Article keys are the paths a labeller sees: `Samples/...` and `eval/statements/articles/...`
relative to the repository root, `shared:seeds/...` for files under ../shared (never copied here).
Multi-record files add the record like Gazette's own locations: `Samples/x.jsonl:3` (line),
`Samples/wire-feed.json#2` (array record).
"""

import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
LABELS = os.path.join(ROOT, "eval", "statements", "labels")


def fail(message):
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def split_key(key):
    """'Samples/x.jsonl:3' -> ('Samples/x.jsonl', ':3'); plain paths -> (path, '')."""
    match = re.match(r"^(.*?)((?::|#)\d+)?$", key)
    return match.group(1), match.group(2) or ""


def file_path(key):
    path, _ = split_key(key)
    if path.startswith("shared:"):
        return os.path.join(SHARED, path[len("shared:"):])
    return os.path.join(ROOT, path)


def key_for(record):
    """The article key of one `statements-extract` output line."""
    path = os.path.realpath(record["path"])
    shared = os.path.realpath(SHARED) + os.sep
    root = os.path.realpath(ROOT) + os.sep
    if path.startswith(shared):
        key = "shared:" + path[len(shared):]
    elif path.startswith(root):
        key = path[len(root):]
    else:
        key = path
    if record.get("line"):
        key += f":{record['line']}"
    elif record.get("record"):
        key += f"#{record['record']}"
    return key


def gazette_binary():
    """The gazette executable: $GAZETTE, else the newest build under .build*/ (release or debug)."""
    if os.environ.get("GAZETTE"):
        return os.environ["GAZETTE"]
    candidates = []
    for scratch in sorted(os.listdir(ROOT)):
        if scratch.startswith(".build"):
            for configuration in ("release", "debug"):
                candidate = os.path.join(ROOT, scratch, configuration, "gazette")
                if os.path.exists(candidate):
                    candidates.append(candidate)
    if not candidates:
        fail("no gazette binary found; build it (swift build -c release) or set GAZETTE=/path/to/gazette")
    return max(candidates, key=os.path.getmtime)


def run_extractor(keys, with_text=False):
    """Runs `gazette statements-extract` over the files of `keys`; returns {key: record}."""
    files = sorted({file_path(key) for key in keys})
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        fail("missing article files: " + ", ".join(missing))
    command = [gazette_binary(), "statements-extract"] + (["--text"] if with_text else []) + files
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(command[:2])} failed ({result.returncode}): {result.stderr.strip()}")
    records = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        records[key_for(record)] = record
    return records


def body_digest(body):
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def label_files(include_shared):
    """(articles file, statements file) pairs under labels/; seeds only when ../shared exists."""
    pairs = []
    for name in sorted(os.listdir(LABELS)):
        if not name.endswith(".articles.jsonl"):
            continue
        group = name[: -len(".articles.jsonl")]
        pairs.append((group, os.path.join(LABELS, name), os.path.join(LABELS, group + ".statements.jsonl")))
    return pairs


def read_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                fail(f"{path}:{number}: not JSON: {error}")
    return rows
