"""Copies a trimmed recording of a real-stack run into the test fixtures, with a README.

Usage: record.py --out OUTDIR --fixtures DIR --requests requests.jsonl --runs runs.json --command CMD

Each log is cut to the same continuous time range around the deploy, [deploy - B, deploy + A):
A = AFTER_S, B the largest (in 1 s steps) that keeps every file under LIMIT bytes. sitrep compares
a deploy only with a minute of data on each side, so both should come out a little over 60 s
(at ~20 req/s the nginx log holds ~130 s in LIMIT). Lines are kept whole
and in order; a traceback's continuation lines go with the line that started it. The range and the
client/worker numbers *within it* go into story.json as "fixture_trim", so unit tests can assert
against the trimmed files (the top-level numbers are the whole run's).
"""
import argparse
import datetime as dt
import json
import os
import re
import shutil

import story as st

LIMIT = 299 * 1024
AFTER_S = 65
MIN_BEFORE_S = 30
LOGS = ["api.access.log", "gunicorn.access.log", "gunicorn.error.log", "app.log", "worker.log"]

ACCESS = re.compile(r"\[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\]")
GUNICORN_ERR = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4})\]")
CELERY = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}):")
APP = re.compile(r'"asctime": "(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3})"')


def stamp(line):
    """Epoch seconds of a line that starts a record, None for a continuation line.

    The machine runs in UTC; the app's and celery's local-time stamps are read as UTC.
    """
    m = ACCESS.search(line)
    if m:
        return dt.datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
    m = GUNICORN_ERR.match(line)
    if m:
        return dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S %z").timestamp()
    for rx in (CELERY, APP):
        m = rx.search(line) if rx is APP else rx.match(line)
        if m:
            t = dt.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc)
            return t.timestamp() + int(m.group(2)) / 1000.0
    return None


def records(path):
    """[(ts, [lines])]: a record is a stamped line plus the unstamped lines after it."""
    out = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            ts = stamp(line)
            if ts is None and out:
                out[-1][1].append(line)
            else:
                out.append((ts if ts is not None else float("-inf"), [line]))
    return out


def cut(recs, lo, hi):
    return [r for r in recs if lo <= r[0] < hi]


def size(recs):
    return sum(len(line.encode("utf-8", "surrogateescape")) for _, lines in recs for line in lines)


README = """# real-stack fixtures

Recorded by `{command}` (scripts/real-stack, issue 13) on {date}: real programs on one Debian 12
machine, loopback only, each writing its usual log. Regenerate with the same command; a plain
`scripts/real-stack` run (as CI runs it) does not touch this folder.

| program | version |
| --- | --- |
{versions}

## The story
{story}

- v{old} served from the start; `deploys.jsonl` says v{new} was deployed at **{deploy_at}**
  (gunicorn reloaded with HUP into the new APP_VERSION, the Celery worker restarted; the rollout took
  {rollout_s}s).
- Traffic: a seeded httpx client through nginx, ~{rps} req/s open loop: `GET /api/orders/:id`
  (40-70 ms, then 250-350 ms in v{new}), `POST /api/checkout` (fast; ~3% raise
  `LookupError: cart <9 hex> not found` in both versions), `GET /admin/report` (300-500 ms, steady:
  it owns the service-wide p95), `GET /health`.
- Celery beat: `tasks.sync_sku` every 3 s (fails ~40% with `KeyError: 'sku'` in v{new}),
  `tasks.send_receipt` every 2 s, `tasks.cleanup_sessions` every 10 s.

## What was trimmed
The whole run lasted {run_span}. Every log here is cut to the same continuous range
**{trim_from} .. {trim_to}** ({before}s before and {after}s after the deploy: sitrep compares a deploy
only with a minute of data on each side), whole lines in order, so each file
stays under {limit} KiB; `deploys.jsonl` is whole. `story.json` has the whole run's client and
worker numbers at the top level, and the same numbers for the trimmed range under `fixture_trim`
(evaluate a report on these files with `--at {trim_to}`).

| file | written by | lines | bytes |
| --- | --- | --- | --- |
{files}

## How the lines look
- `api.access.log` (nginx): combined format plus `$request_time $upstream_response_time` (seconds,
  ms resolution), e.g. `{nginx_line}`
- `gunicorn.access.log`: gunicorn's `access_log_format` with `%(L)s` (seconds, µs resolution). With
  `-k uvicorn_worker.UvicornWorker` gunicorn ignores `access_log_format` and writes uvicorn's message
  only (`127.0.0.1:51234 - "GET /x HTTP/1.1" 200`, no time, no duration), so the run uses a
  small subclass (`scripts/real-stack.d/timed_worker.py`) that hands each request to gunicorn's own
  `Logger.access()`. The same requests as nginx's log, plus the script's direct health checks
  (`Python-urllib`) while it waits for the reload.
- `gunicorn.error.log`: gunicorn's and uvicorn's lines, `[2026-.. +0000] [pid] [LEVEL] ...`; each
  unhandled exception appears here a second time as `Exception in ASGI application` + traceback.
- `app.log`: python-json-logger, one JSON object a line; tracebacks in `exc_info`; every 500 also
  gets an ERROR record `"message": "request completed", "status": 500` with no exception.
- `worker.log`: Celery at INFO: `Task tasks.sync_sku[<uuid>] received`, `... succeeded in 0.2s: ...`,
  failures as `[..: ERROR/ForkPoolWorker-N] Task tasks.sync_sku[<uuid>] raised unexpected:
  KeyError('sku')` followed by the traceback ending `KeyError: 'sku'`; the restart at the deploy
  shows as a new `worker@sitrep-real-stack ready.` (the warm-shutdown message goes to the worker's
  stdout, not to its --logfile).
- nginx keeps upstream connections alive; uvicorn closes its connection after an unhandled exception,
  so now and then nginx sends the next request on a connection that is being reset: a GET is
  retried (only nginx's error log shows it), a POST gets a 502 from nginx with no app record.

## Reading them
`sitrep report --json --from-start --at {trim_to} Tests/SitrepCoreTests/Fixtures/real-stack/*.log Tests/SitrepCoreTests/Fixtures/real-stack/deploys.jsonl`
(`app.log` has no service in its name: sitrep names its service after the folder), then
`scripts/real-stack.d/check.py --fixture story.json report.json` judges that report against the
trimmed range's client and worker numbers.
"""


def main(a):
    story = json.load(open(os.path.join(a.out, "story.json")))
    deploy_ts = st.epoch(story["deploy"]["at"])
    recs = {name: records(os.path.join(a.out, name)) for name in LOGS}
    stamped = [r[0] for rs in recs.values() for r in rs if r[0] != float("-inf")]
    after = min(AFTER_S, int(max(stamped) - deploy_ts) + 1)
    fits = lambda b, a: max(size(cut(rs, deploy_ts - b, deploy_ts + a)) for rs in recs.values()) <= LIMIT
    while True:
        before = int(deploy_ts - min(stamped)) + 1
        while before > MIN_BEFORE_S and not fits(before, after):
            before -= 1
        if fits(before, after) or after <= 5:
            break
        after -= 5
    lo, hi = deploy_ts - before, deploy_ts + after

    os.makedirs(a.fixtures, exist_ok=True)
    files = {}
    for name, rs in recs.items():
        kept = cut(rs, lo, hi)
        with open(os.path.join(a.fixtures, name), "w", encoding="utf-8", errors="surrogateescape") as f:
            for _, lines in kept:
                f.writelines(lines)
        files[name] = {"lines": sum(len(l) for _, l in kept), "bytes": size(kept),
                       "of_lines": sum(len(l) for _, l in rs)}
    shutil.copyfile(os.path.join(a.out, "deploys.jsonl"), os.path.join(a.fixtures, "deploys.jsonl"))
    with open(os.path.join(a.out, "deploys.jsonl")) as f:
        files["deploys.jsonl"] = {"lines": sum(1 for _ in f), "bytes": os.path.getsize(f.name)}

    reqs = [json.loads(l) for l in open(a.requests) if l.strip()]
    runs = json.load(open(a.runs))
    in_reqs = [r for r in reqs if lo <= r["t1"] < hi]
    in_runs = [r for r in runs if lo <= r["ts"] < hi]
    traffic, routes, jobs = st.summary(in_reqs, in_runs, deploy_ts, hi)
    story["fixture_trim"] = {"from": st.iso(lo), "to": st.iso(hi), "before_s": before, "after_s": after,
                             "report_at": st.iso(hi), "files": files,
                             "traffic": traffic, "routes": routes, "jobs": jobs}
    with open(os.path.join(a.fixtures, "story.json"), "w") as f:
        json.dump(story, f, indent=2)
        f.write("\n")

    progs = story["programs"]
    writers = {"api.access.log": f"nginx {progs['nginx']}",
               "gunicorn.access.log": f"gunicorn {progs['gunicorn']} (uvicorn-worker {progs['uvicorn-worker']})",
               "gunicorn.error.log": f"gunicorn {progs['gunicorn']}, uvicorn {progs['uvicorn']}",
               "app.log": f"FastAPI {progs['fastapi']} app, python-json-logger {progs['python-json-logger']}",
               "worker.log": f"celery {progs['celery']} worker",
               "deploys.jsonl": "scripts/real-stack (the deploy step)"}
    nginx_line = next(open(os.path.join(a.fixtures, "api.access.log"))).strip()
    first, last = st.epoch(story["traffic"]["first_request_at"]), st.epoch(story["traffic"]["last_response_at"])
    text = README.format(
        command=a.command, date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d"),
        versions="\n".join(f"| {k} | {v} |" for k, v in progs.items()),
        story=story["story"], old=story["deploy"]["previous_version"].lstrip("v"),
        new=story["deploy"]["version"].lstrip("v"), deploy_at=story["deploy"]["at"],
        rollout_s=story["deploy"]["rollout_s"], rps=story["traffic"]["rps_target"],
        run_span=f"{last - first:.0f}s of traffic ({story['traffic']['first_request_at']} .. "
                 f"{story['traffic']['last_response_at']})",
        trim_from=st.iso(lo), trim_to=st.iso(hi), before=before, after=after, limit=LIMIT // 1024,
        files="\n".join(f"| `{n}` | {writers[n]} | {v['lines']} | {v['bytes']} |" for n, v in files.items())
              + "\n| `story.json` | scripts/real-stack.d/story.py (client and worker counts) | | |",
        nginx_line=nginx_line)
    with open(os.path.join(a.fixtures, "README.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    for name in ("--out", "--fixtures", "--requests", "--runs", "--command"):
        ap.add_argument(name, required=True)
    main(ap.parse_args())
