"""Writes DIR/story.json for one recording, after the program stopped: what the client sent and saw
(requests.jsonl from client.py), what the app did (events.jsonl from events.py: server-side sleep,
exception raised), jobs and exceptions a driver recorded, the programs and versions, the command
lines and the exact format/config strings. It also trims logs over --max-lines (keeping whole records:
the cut backs up to where a record starts, never splitting a traceback) and checks each --quirk against the log: a quirk is
written as observed only with the first line that shows it; one not seen goes to quirks_not_seen.

  story.py DIR --name NAME --program NAME=VERSION ... --command CMD ... [--config KEY=VALUE ...]
           [--requests F] [--events F] [--jobs F] [--runs F] [--exceptions F] [--quirk FILE::REGEX::TEXT ...]
           [--log FILE ...] [--max-lines N] [--note TEXT ...]
"""
import argparse
import json
import os
import re
import sys


def jsonl(path):
    if not path or not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


CONT = re.compile(r"^(\s|Traceback |During handling|The above exception|[\w.]+(Error|Exception|Exit|Interrupt)\b|$)")


def trim(path, max_lines):
    with open(path, "rb") as f:
        lines = f.readlines()
    if len(lines) <= max_lines:
        return None
    # Keep whole records only: back up to the start of the record the cut would split.
    cut = max_lines
    while cut > 1 and CONT.match(lines[cut].decode("utf-8", "replace")):
        cut -= 1
    with open(path, "wb") as f:
        f.writelines(lines[:cut])
    return {"kept_lines": cut, "recorded_lines": len(lines)}


def merge(requests, events):
    used = set()
    out = []
    for r in requests:
        r = dict(r)
        for i, e in enumerate(events):
            if i in used or e.get("path") != r["path"]:
                continue
            if e.get("method", r["method"]) != r["method"]:
                continue
            used.add(i)
            r["app"] = {k: e[k] for k in ("slept_ms", "status", "raised", "pid") if k in e}
            break
        else:
            r["app"] = None  # the app never saw it (proxy's own answer, connection refused)
        out.append(r)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--name", required=True)
    ap.add_argument("--program", action="append", default=[])
    ap.add_argument("--command", action="append", default=[])
    ap.add_argument("--config", action="append", default=[])
    ap.add_argument("--requests")
    ap.add_argument("--events")
    ap.add_argument("--jobs")
    ap.add_argument("--exceptions")
    ap.add_argument("--runs", help="events.jsonl of job functions: each run, its outcome and exception")
    ap.add_argument("--quirk", action="append", default=[])
    ap.add_argument("--log", action="append", default=[])
    ap.add_argument("--max-lines", type=int, default=80)
    ap.add_argument("--note", action="append", default=[])
    a = ap.parse_args()

    story = {"name": a.name,
             "programs": dict(p.split("=", 1) for p in a.program),
             "commands": a.command,
             "config": dict(c.split("=", 1) for c in a.config)}
    logs = {}
    for name in a.log:
        path = os.path.join(a.dir, name)
        if not os.path.exists(path):
            print(f"story: {a.name}: log {name} was not written", file=sys.stderr)
            continue
        t = trim(path, a.max_lines)
        with open(path, "rb") as f:
            data = f.read()
        logs[name] = {"lines": data.count(b"\n"), "bytes": len(data)}
        if t:
            logs[name]["trimmed"] = t
    story["logs"] = logs

    requests = jsonl(a.requests)
    if requests:
        events = jsonl(a.events)
        story["requests"] = merge(requests, events)
        raised = [e["raised"] | {"path": e["path"]} for e in events if e.get("raised")]
        story["exceptions"] = raised
    if a.jobs:
        story["jobs"] = jsonl(a.jobs)
    if a.runs:
        runs = jsonl(a.runs)
        story["runs"] = runs
        story.setdefault("exceptions", []).extend(
            r["raised"] | {"job": r.get("job"), "arg": r.get("arg")} for r in runs if r.get("raised"))
    if a.exceptions:
        story.setdefault("exceptions", []).extend(jsonl(a.exceptions))

    quirks, missing = [], []
    for q in a.quirk:
        fname, rx, text = q.split("::", 2)
        path = os.path.join(a.dir, fname)
        example = match = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    m = re.search(rx, line)
                    if m:
                        example, match = line.rstrip("\n"), m.group(0)
                        break
        if example is None:
            print(f"story: {a.name}: quirk not seen in {fname}: {text}", file=sys.stderr)
            missing.append({"file": fname, "quirk": text, "pattern": rx})
        else:
            q = {"file": fname, "quirk": text, "example": example[:400], "match": match[:400]}
            if len(example) > 400:
                q["example_chars"] = len(example)  # a long line: its first 400 characters
            quirks.append(q)
    story["quirks"] = quirks
    if missing:
        story["quirks_not_seen"] = missing
    if a.note:
        story["notes"] = a.note
    with open(os.path.join(a.dir, "story.json"), "w") as f:
        json.dump(story, f, indent=2, sort_keys=False, ensure_ascii=False)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
