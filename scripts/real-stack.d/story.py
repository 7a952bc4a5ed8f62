"""Writes OUTDIR/story.json: what the real-stack run did, measured by the client and the worker.

Nothing here reads the logs sitrep reads (apart from the deploy line the script itself wrote): the
request numbers come from the traffic client's own record, the job outcomes from the Celery worker's
own count (a Redis list its task signals fill). record.py reuses summary() for the trimmed fixtures.
"""
import argparse
import datetime as dt
import json

WINDOWS = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600}


def iso(ts):
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def epoch(iso_text):
    return dt.datetime.fromisoformat(iso_text.replace("Z", "+00:00")).timestamp()


def pct(values, p):
    if not values:
        return None
    v = sorted(values)
    k = max(0, min(len(v) - 1, -(-p * len(v) // 100) - 1))  # nearest rank
    return round(v[int(k)], 1)


def side(reqs):
    ms = [r["ms"] for r in reqs if r["status"]]
    return {"requests": len(reqs),
            "errors_5xx": sum(1 for r in reqs if r["status"] >= 500),
            "failed_connections": sum(1 for r in reqs if r["status"] == 0),
            "p50_ms": pct(ms, 50), "p95_ms": pct(ms, 95)}


def job_side(rs):
    return {"runs": len(rs), "failures": sum(1 for r in rs if not r["ok"]),
            "successes": sum(1 for r in rs if r["ok"])}


def summary(reqs, runs, deploy_ts, report_ts):
    """Client- and worker-side numbers for requests/runs, split at the deploy.

    A request belongs to the moment it completed (t1), as nginx and gunicorn log it.
    """
    before = [r for r in reqs if r["t1"] < deploy_ts]
    after = [r for r in reqs if r["t1"] >= deploy_ts]
    routes = {}
    for route in sorted({r["route"] for r in reqs}):
        b = side([r for r in before if r["route"] == route])
        a = side([r for r in after if r["route"] == route])
        ratio = a["p95_ms"] / b["p95_ms"] if b["p95_ms"] and a["p95_ms"] else None
        routes[route] = {"before": b, "after": a, "p95_ratio": round(ratio, 2) if ratio else None}
    by_version = {}
    for r in reqs:
        key = r["version"] or "none"
        by_version[key] = by_version.get(key, 0) + 1
    jobs = {}
    for name in sorted({r["task"] for r in runs}):
        mine = [r for r in runs if r["task"] == name]
        last = max(mine, key=lambda r: r["ts"])
        jobs[name] = {"before": job_side([r for r in mine if r["ts"] < deploy_ts]),
                      "after": job_side([r for r in mine if r["ts"] >= deploy_ts]),
                      "by_version": {v: job_side([r for r in mine if r["version"] == v])
                                     for v in sorted({r["version"] for r in mine})},
                      "last_run_at": iso(last["ts"]),
                      "last_outcome": "success" if last["ok"] else "failure"}
    per_second = {}
    for r in reqs:
        per_second[int(r["t1"])] = per_second.get(int(r["t1"]), 0) + 1
    traffic = {
        "first_request_at": iso(min(r["t0"] for r in reqs)),
        "last_response_at": iso(max(r["t1"] for r in reqs)),
        "report_at": iso(report_ts),
        "requests": len(reqs),
        # What a report --at report_at should count in each of its windows.
        "requests_in_window": {w: sum(1 for r in reqs if report_ts - s < r["t1"] <= report_ts)
                               for w, s in WINDOWS.items()},
        "before": side(before), "after": side(after), "by_version": by_version,
        # [epoch second, responses completed in it]: lets a checker count any span a report covers.
        "completions_per_second": sorted(per_second.items()),
    }
    return traffic, routes, jobs


def main(a):
    import redis  # only the live run needs it

    with open(a.deploys) as f:
        deploys = [json.loads(line) for line in f if line.strip()]
    deploy = deploys[-1]
    deploy_ts = epoch(deploy["ts"])
    with open(a.requests) as f:
        reqs = [json.loads(line) for line in f if line.strip()]
    runs = [json.loads(x) for x in redis.Redis.from_url(a.redis_url).lrange("sitrep:runs", 0, -1)]
    with open(a.runs_out, "w") as f:
        json.dump(runs, f)
    # Evaluate one second after the last response: every request is in, nothing later exists.
    report_ts = max(r["t1"] for r in reqs) + 1.0
    traffic, routes, jobs = summary(reqs, runs, deploy_ts, report_ts)
    traffic.update({"rps_target": a.rps, "seed": a.seed})
    story = {
        "story": "v2.0.0 serves traffic, then a deploy of v2.0.1 makes GET /api/orders/:id ~5x slower "
                 "and tasks.sync_sku fail ~40% of runs with KeyError: 'sku'; POST /api/checkout fails "
                 "~3% with LookupError: cart <hex> not found in both versions.",
        "mode": a.mode,
        "programs": json.loads(a.programs),
        "deploy": {"at": deploy["ts"], "version": deploy["version"],
                   "previous_version": a.previous_version, "service": deploy.get("service"),
                   "rollout_s": a.rollout_s},
        "traffic": traffic,
        "routes": routes,
        "jobs": jobs,
        "fixture_trim": None,
    }
    with open(a.out, "w") as f:
        json.dump(story, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    for name in ("--requests", "--deploys", "--redis-url", "--out", "--runs-out", "--programs",
                 "--previous-version", "--mode"):
        ap.add_argument(name, required=True)
    ap.add_argument("--rps", type=float, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--rollout-s", type=float, required=True)
    main(ap.parse_args())
