"""Compares sitrep's report over Prometheus with what drive.py did.

  check.py DRIVEN.json REPORT.json CHECK_EXIT CHECK_LINE [DOWN.json]
DOWN.json: the report with the server's port closed.
"""
import json
import sys


def main():
    driven = json.load(open(sys.argv[1]))
    report = json.load(open(sys.argv[2]))
    check_exit, check_line = int(sys.argv[3]), sys.argv[4]
    failures = []

    def expect(ok, what):
        print(("PASS " if ok else "FAIL ") + what)
        if not ok:
            failures.append(what)

    services = {s["name"]: s for s in report["services"]}
    api = services.get("api")
    expect(api is not None, "the report has the api service")
    if api:
        st = driven["statuses"]
        expect(api["requests"] == driven["requests"],
               f"api requests {api['requests']} == {driven['requests']} sent")
        expect(api["status"]["5xx"] == st.get("500", 0),
               f"api 5xx {api['status']['5xx']} == {st.get('500', 0)}")
        expect(api["status"]["4xx"] == st.get("404", 0),
               f"api 4xx {api['status']['4xx']} == {st.get('404', 0)}")
        want = st.get("500", 0) / driven["requests"]
        expect(api["error_rate"] is not None and abs(api["error_rate"] - want) < 1e-9,
               f"api error_rate {api['error_rate']} == {want}")
        expect(api["numbers_from"] == "prometheus", f"numbers_from {api['numbers_from']!r}")
        ns = api["number_sources"]
        expect(ns == {"requests": "prometheus", "latency": "prometheus", "up": "prometheus"},
               f"number_sources {ns}")
        expect(api["p95_ms"] is not None and 0 < api["p95_ms"] <= 1000, f"p95 {api['p95_ms']}")
        expect(api["verdict"] == "DEGRADED", f"api verdict {api['verdict']} ({api['reason']})")
        routes = {r["route"]: r["requests"] for r in api["routes"]}
        expect(routes.get("GET /api/orders") == st.get("200", 0), f"routes {routes}")
    sources = {s["service"]: s for s in report["sources"] if s["format"] == "prometheus-api"}
    good = sources.get("api")
    expect(good is not None and good["state"] == "done", f"api source {good and good['state']}")
    bad = sources.get("broken")
    expect(bad is not None and bad["state"] == "unreadable", "broken source unreadable")
    reason = (bad or {}).get("state_reason") or ""
    expect("bad_data" in reason and "parse error" in reason,
           f"broken source shows Prometheus's error: {reason!r}")
    broken = services.get("broken")
    expect(broken is not None and broken["verdict"] == "UNKNOWN"
           and broken["reason"].startswith("prometheus: "), f"broken service {broken}")
    expect(check_exit == 2 and "api DEGRADED" in check_line,
           f"check exits 2 naming api DEGRADED: {check_exit} {check_line!r}")
    if len(sys.argv) > 5:
        down = json.load(open(sys.argv[5]))
        rows = [s for s in down["sources"] if s["format"] == "prometheus-api"]
        expect(len(rows) == 2 and all(s["state"] == "unreadable"
                                      and "Connection refused" in (s["state_reason"] or "")
                                      for s in rows),
               f"closed port: every source unreachable: {[s['state_reason'] for s in rows]}")
        expect(all(s["verdict"] == "UNKNOWN" and "cannot connect" in s["reason"]
                   for s in down["services"]),
               f"closed port: services UNKNOWN: {[(s['name'], s['reason']) for s in down['services']]}")
    print(f"prom-stack: {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
