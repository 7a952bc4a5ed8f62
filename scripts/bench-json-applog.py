#!/usr/bin/env python3
"""Writes a JSON app log as structlog and python-json-logger write it, for scripts/bench.

Usage: bench-json-applog.py LINES OUT

Each record is serialised by json.dumps, as both libraries do. Half the lines are structlog's
(`event`, `level`, `logger`, `timestamp`), half python-json-logger's (`asctime`, `levelname`,
`name`, `message`); one in 25 is an error carrying a real traceback (formatted by the traceback
module from a raised exception), one in 10 a request-logging middleware's line with a status and
a duration.
"""
import json
import random
import sys
import traceback


ORDERS_PY = """
def fetch(repo, key):
    return repo[key]


def get_order(key):
    row = fetch({}, key)
    return row
"""


def tracebacks():
    # Compiled under the app's file name, so frames read as an app's would.
    code = {}
    exec(compile(ORDERS_PY, "/srv/app/orders.py", "exec"), code)
    out = []
    for key in ("order-77", 77, None):
        try:
            code["get_order"](key)
        except Exception:  # noqa: BLE001 - any exception makes a realistic traceback
            text = traceback.format_exc().rstrip("\n")
            out.append(text.replace(__file__, "/srv/app/worker.py"))
    return out


def main():
    lines, path = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(1)
    tbs = tracebacks()
    paths = ["/api/orders/{}", "/api/customers/{}", "/health", "/api/search"]
    base = 1795528800.0
    with open(path, "w") as out:
        for n in range(lines):
            t = base + n * 0.01
            secs = int(t)
            micros = int((t - secs) * 1e6)
            hh, mm, ss = (secs // 3600) % 24, (secs // 60) % 60, secs % 60
            iso = "2026-11-24T%02d:%02d:%02d.%06dZ" % (hh, mm, ss, micros)
            asctime = "2026-11-24 %02d:%02d:%02d,%03d" % (hh, mm, ss, micros // 1000)
            structlog = n % 2 == 0
            if n % 25 == 0:
                rec = {"event": "failed to load order", "order_id": n % 1000, "level": "error",
                       "logger": "app.orders", "timestamp": iso,
                       "exception": tbs[n % len(tbs)]}
                if not structlog:
                    rec = {"asctime": asctime, "levelname": "ERROR", "name": "app.orders",
                           "message": "failed to load order", "exc_info": tbs[n % len(tbs)],
                           "order_id": n % 1000}
            elif n % 10 == 1:
                route = paths[n % len(paths)]
                rec = {"event": "request finished", "method": "GET",
                       "path": route.format(n % 500), "status_code": 200 if n % 50 else 500,
                       "duration_ms": round(rnd.uniform(2, 300), 3), "level": "info",
                       "logger": "app.access", "timestamp": iso,
                       "request_id": "%032x" % rnd.getrandbits(128)}
            elif structlog:
                rec = {"event": "order created", "order_id": n, "customer_id": n % 977,
                       "level": "info", "logger": "app.orders", "timestamp": iso}
            else:
                rec = {"asctime": asctime, "levelname": "INFO", "name": "app.orders",
                       "message": "cart updated for customer %d" % (n % 977), "cart_items": n % 7,
                       "request_id": "%032x" % rnd.getrandbits(128)}
            out.write(json.dumps(rec) + "\n")


main()
