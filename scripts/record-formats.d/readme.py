"""Writes FIXTURES/README.md from every FIXTURES/<name>/story.json: program and version, command
line, config strings, logs and line counts, and the quirks observed (each quoted from the log)."""
import json
import os
import sys

HEAD = """# Log formats recorded from real programs

Every file here was written by the real program named below, run on 127.0.0.1 by
`scripts/record-formats` (drivers in `scripts/record-formats.d/`), never typed by hand. Beside the
logs, `story.json` says what the client or script did: each request sent (method, path, user agent,
the status the client saw, and under `app` what the app did: the time it slept, the exception it
raised; `app` is null when the app never saw the request), each job with its outcome, each exception
raised, the programs' versions, the command lines and the exact format/config strings. Tests assert
against the story, not against a parser's reading. Logs over 80 lines are trimmed by the script to
their head, whole records only (`logs.<file>.trimmed` in story.json gives the kept and recorded line
counts): the records of the last requests of such a log may be missing while story.json lists them.

Re-record with `scripts/record-formats --record [--only NAME[,NAME]]`. A quirk below is listed only
when the recording showed it (its example line is quoted from the log); one expected but not seen is
under `quirks_not_seen` in story.json.
"""


def block(name, s):
    out = [f"## {name}", ""]
    progs = ", ".join(f"{k} {v}" for k, v in s.get("programs", {}).items())
    out.append(f"- Programs: {progs}")
    for c in s.get("commands", []):
        out.append(f"- Command: `{c}`")
    for k, v in s.get("config", {}).items():
        out.append(f"- Config `{k}`: `{v}`" if "`" not in v else f"- Config `{k}`: ``{v}``")
    for f, info in s.get("logs", {}).items():
        t = info.get("trimmed")
        extra = f" (trimmed from {t['recorded_lines']})" if t else ""
        out.append(f"- Log `{f}`: {info['lines']} lines{extra}")
    if s.get("requests"):
        out.append(f"- Requests sent: {len(s['requests'])}")
    if s.get("jobs"):
        out.append(f"- Jobs: {len(s['jobs'])}")
    if s.get("quirks"):
        out.append("- Quirks observed:")
        for q in s["quirks"]:
            ex = q["example"]
            if len(ex) > 200:  # a long line: the part that shows the quirk
                m = q.get("match") or ex
                ex = "…" + (m[:200] + "…" if len(m) > 200 else m) + ("…" if not ex.endswith(m) else "")
            ex = ex.replace("\x1b", "\\x1b")
            fence = "``" if "`" in ex else "`"
            out.append(f"  - {q['quirk']} (`{q['file']}`): {fence}{ex}{fence}")
    for n in s.get("notes", []):
        out.append(f"- Note: {n}")
    out.append("")
    return out


def main():
    fix = sys.argv[1]
    lines = [HEAD]
    for name in sorted(os.listdir(fix)):
        p = os.path.join(fix, name, "story.json")
        if os.path.isfile(p):
            with open(p) as f:
                lines += block(name, json.load(f))
    with open(os.path.join(fix, "README.md"), "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
