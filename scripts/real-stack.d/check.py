"""Compares what `sitrep report --json` says with what the real-stack run did (issue 13).

Usage: check.py [--fixture] STORY.json REPORT.json
  --fixture  judge a report on the trimmed fixture files: compare with story.json's "fixture_trim"
             numbers (the trimmed range) instead of the whole run's.
Prints one PASS/FAIL line per assertion with the numbers, then "check: N passed, M failed";
exits 1 if any assertion FAILs. Fields the current schema does not have yet (deploy.routes[],
jobs[].failures_since_deploy) make their assertion FAIL with "missing", not crash.
"""
import datetime as dt
import json
import sys

ORDERS = "GET /api/orders/:id"
results = []


def epoch(iso_text):
    return dt.datetime.fromisoformat(iso_text.replace("Z", "+00:00")).timestamp()


def check(name, ok, detail):
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}")


def api_services(report):
    # A service carrying the API traffic: one whose routes include the orders route.
    return [s for s in report.get("services") or []
            if any(r.get("route") == ORDERS for r in s.get("routes") or [])]


def main(story_path, report_path, fixture=False):
    story = json.load(open(story_path))
    if fixture:
        trim = story["fixture_trim"]
        story.update(traffic=trim["traffic"], routes=trim["routes"], jobs=trim["jobs"])
    report = json.load(open(report_path))
    window = report.get("window")
    client_total = story["traffic"]["requests"]
    client_window = story["traffic"]["requests_in_window"].get(window, client_total)

    # 1. one service for the API, counted once although nginx and gunicorn both log each request
    apis = api_services(report)
    names = ", ".join(f"{s['name']}={s.get('requests')}" for s in apis) or "none"
    check("api service exists", bool(apis), f"services with {ORDERS}: {names}")
    dupes = [(a["name"], b["name"]) for i, a in enumerate(apis) for b in apis[i + 1:]
             if a.get("requests") and b.get("requests")
             and abs(a["requests"] - b["requests"]) <= 0.02 * max(a["requests"], b["requests"])]
    check("nginx and gunicorn logs are one service", len(apis) == 1,
          f"{len(apis)} API service(s) [{names}]"
          + (f"; same requests counted twice: {dupes}" if dupes else ""))

    # 2. request count (the report's numbers cover its window)
    # The nginx log counts what clients sent; prefer the service it feeds.
    nginx_services = {s.get("service") for s in report.get("sources") or []
                      if (s.get("format") or "").startswith("nginx")}
    front = [s for s in apis if s["name"] in nginx_services]
    svc = (front or sorted(apis, key=lambda s: -(s.get("requests") or 0)) or [None])[0]
    got = svc.get("requests") if svc else None
    # sitrep starts a window on the minute nearest its nominal start (so its route rows add up to
    # the service: README, "How the answers are computed"); compare with what the client sent in
    # that same span when the story has per-second counts, else with the nominal window.
    expected = client_window
    span = ""
    per_second = story["traffic"].get("completions_per_second")
    if per_second:
        at = epoch(report["generated_at"])
        seconds = {"1m": 60, "5m": 300, "15m": 900, "1h": 3600}.get(window, 300)
        start = round((at - seconds) / 60) * 60
        expected = sum(c for sec, c in per_second if start <= sec <= at)
        span = f"; the window sitrep covers starts at the minute nearest its start ({at - start:.0f}s)"
    ok = got is not None and abs(got - expected) <= 0.02 * expected
    check("service request count within 2% of the client's", ok,
          f"sitrep {svc['name'] if svc else '-'} requests={got} vs client {expected} in the "
          f"report window {window} (client total {client_total}){span}")

    # 3. the deploy
    deploy = report.get("deploy") or {}
    check("deploy.version is the new release", deploy.get("version") == story["deploy"]["version"],
          f"deploy.version={deploy.get('version')!r}, expected {story['deploy']['version']!r}")
    changes = ", ".join(f"{c.get('metric')} {c.get('before')}->{c.get('after')}"
                        f"{' significant' if c.get('significant') else ''}"
                        for c in deploy.get("changes") or [])
    check("deploy.regression is true", deploy.get("regression") is True,
          f"deploy.regression={deploy.get('regression')!r}; service changes: {changes or 'none'}")

    # 4. the orders route is the regression (deploy.routes[], a new field)
    client_route = story["routes"].get(ORDERS, {})
    client_note = (f"client p95 {client_route.get('before', {}).get('p95_ms')} -> "
                   f"{client_route.get('after', {}).get('p95_ms')} ms (x{client_route.get('p95_ratio')})")
    routes = deploy.get("routes")
    if routes is None:
        check("deploy.routes reports the orders route as a regression", False,
              f"deploy.routes missing; {client_note}")
    else:
        item = next((r for r in routes if r.get("route") == ORDERS), None)
        if item is None:
            check("deploy.routes reports the orders route as a regression", False,
                  f"{ORDERS} not in deploy.routes ({[r.get('route') for r in routes]}); {client_note}")
        else:
            b = (item.get("before") or {}).get("p95_ms")
            a = (item.get("after") or {}).get("p95_ms")
            ratio = a / b if a and b else None
            sig = any(c.get("metric") == "p95_ms" and c.get("significant") is True
                      for c in item.get("changes") or [])
            ok = ratio is not None and ratio >= 3 and sig and item.get("regression") is True
            check("deploy.routes reports the orders route as a regression", ok,
                  (f"p95 {b} -> {a} ms (x{ratio:.2f}, need >= 3)" if ratio else f"p95 {b} -> {a}")
                  + f", p95 significant={sig}, regression={item.get('regression')!r}; {client_note}")

    # 5. the failing job
    jobs = {j.get("name"): j for j in report.get("jobs") or []}
    job = jobs.get("tasks.sync_sku")
    worker = story["jobs"].get("tasks.sync_sku", {})
    wa, wb = worker.get("after", {}), worker.get("before", {})
    worker_note = (f"worker counted before {wb.get('failures')}/{wb.get('runs')} failed, after "
                   f"{wa.get('failures')}/{wa.get('runs')} failed, last {worker.get('last_outcome')}")
    check("tasks.sync_sku is failing", bool(job) and job.get("status") == "failing",
          (f"status={job.get('status')!r} runs={job.get('runs')} failures={job.get('failures')} "
           f"last_outcome={job.get('last_outcome')!r}" if job else "job missing") + f"; {worker_note}")
    if job is None or "failures_since_deploy" not in job:
        check("tasks.sync_sku failures since the deploy match the worker's", False,
              f"jobs[].failures_since_deploy missing; {worker_note}")
    else:
        got = job.get("failures_since_deploy")
        ok = got is not None and abs(got - wa.get("failures", -99)) <= 1
        check("tasks.sync_sku failures since the deploy match the worker's", ok,
              f"sitrep failures_since_deploy={got} runs_since_deploy={job.get('runs_since_deploy')} "
              f"vs worker {wa.get('failures')}/{wa.get('runs')} (±1)")

    # 6. new errors: the KeyError is new, the cart LookupError is not
    new = deploy.get("new_errors") or []
    has_key = any("KeyError" in s and "sku" in s for s in new)
    has_cart = any("LookupError" in s or "cart" in s for s in new)
    check("deploy.new_errors has the KeyError: 'sku'", has_key, f"new_errors={new}")
    check("deploy.new_errors does not have the old cart LookupError", not has_cart, f"new_errors={new}")

    # 7. the top error is an exception, not a log record repeating a 500
    errors = report.get("errors") or []
    top = errors[0] if errors else None
    ok = bool(top) and bool(top.get("type")) and "request completed" not in (top.get("signature") or "")
    check("top error is an exception", ok,
          f"errors[0]: signature={top.get('signature')!r} type={top.get('type')!r} "
          f"count={top.get('count')}" if top else "errors[] empty")
    if len(errors) > 1:
        print("      next errors: " + "; ".join(f"{e.get('signature')!r} x{e.get('count')}"
                                                 for e in errors[1:5]))

    passed = sum(results)
    print(f"check: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    fixture = "--fixture" in args
    args = [x for x in args if x != "--fixture"]
    if len(args) != 2:
        sys.exit(__doc__)
    sys.exit(main(args[0], args[1], fixture))
