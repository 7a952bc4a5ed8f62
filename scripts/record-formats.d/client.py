"""Bounded HTTP client for the recordings: sends a fixed plan of requests, one after another, and
writes one JSON line per request to --out with what it saw:
{"seq", "t0", "t1", "method", "path", "user_agent", "status" (0 = no HTTP answer), "error"}.
Bounded by count (the plan) and time (--max-s for the whole plan, --timeout per request).

Plans: "container" (short, with /api/huge: an exception message over 16 KiB), "down" (three requests sent while the upstream is down), "api" (the standard mix: health, orders with server-side sleeps, a query string, a POST, a
404, a failing route, a user agent with a quote and a backslash), "api-short", "health"."""
import argparse
import json
import sys
import time
import urllib.error
import urllib.request

UA = "sitrep-record-formats/1.0 (+loopback)"
ODD_UA = 'curl/8.0 "quoted" back\\slash'


def plan(name):
    if name == "health":
        return [("GET", "/health", UA, None)]
    if name == "container":  # for the container framings: short, with one >16 KiB traceback line
        return [("GET", "/health", UA, None), ("GET", "/api/orders/1", UA, None),
                ("GET", "/api/orders/3?expand=items", UA, None), ("GET", "/api/missing", UA, None),
                ("GET", "/api/huge", UA, None), ("GET", "/health", UA, None)]
    if name == "down":  # sent while the upstream is stopped: the proxy answers by itself
        return [("GET", "/api/orders/6", UA, None), ("POST", "/api/orders", UA, b'{"sku": "B-2", "qty": 1}'),
                ("GET", "/health?probe=lb", UA, None)]
    reqs = [
        ("GET", "/health", UA, None),
        ("GET", "/api/orders/1", UA, None),
        ("GET", "/api/orders/2", UA, None),
        ("GET", "/api/orders/3?expand=items&currency=EUR", UA, None),
        ("POST", "/api/orders", UA, b'{"sku": "A-1", "qty": 2}'),
        ("GET", "/api/orders/4", ODD_UA, None),
        ("GET", "/api/missing", UA, None),
        ("GET", "/api/boom", UA, None),
        ("GET", "/api/orders/5", UA, None),
    ]
    if name == "api":
        reqs += [("GET", "/api/boom?retry=1", UA, None), ("GET", "/api/orders/14", UA, None),
                 ("GET", "/health", UA, None)]
    return reqs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--plan", default="api")
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-s", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--tag", default="", help="written into each line (e.g. 'upstream down')")
    a = ap.parse_args()
    deadline = time.monotonic() + a.max_s
    try:  # seq goes on from an earlier run of the client into the same file
        with open(a.out) as f:
            first = sum(1 for _ in f)
    except OSError:
        first = 0
    with open(a.out, "a") as out:
        for seq, (method, path, ua, body) in enumerate(plan(a.plan), start=first):
            if time.monotonic() > deadline:
                print("client: time bound reached, plan cut short", file=sys.stderr)
                break
            req = urllib.request.Request(a.base_url + path, data=body, method=method,
                                         headers={"User-Agent": ua,
                                                  **({"Content-Type": "application/json"} if body else {})})
            t0 = time.time()
            status, error = 0, None
            try:
                with urllib.request.urlopen(req, timeout=a.timeout) as r:
                    r.read()
                    status = r.status
            except urllib.error.HTTPError as e:
                e.read()
                status = e.code
            except (OSError, ValueError) as e:
                error = f"{type(e).__name__}: {e}"
            rec = {"seq": seq, "t0": round(t0, 6), "t1": round(time.time(), 6), "method": method,
                   "path": path, "user_agent": ua, "status": status}
            if error:
                rec["error"] = error
            if a.tag:
                rec["tag"] = a.tag
            out.write(json.dumps(rec) + "\n")
            out.flush()
            time.sleep(0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main())
