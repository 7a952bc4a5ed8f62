"""Drives app.py with a bounded number of requests and writes what it did as JSON.

  drive.py PORT OUT.json
"""
import json
import random
import sys
import urllib.error
import urllib.request

PLAN = [("/api/orders", 120), ("/api/fail", 30), ("/api/missing", 10)]


def main():
    port, out = int(sys.argv[1]), sys.argv[2]
    statuses = {}
    # Interleaved, so the errors are spread over the run as a real service's would be.
    queue = []
    for path, n in PLAN:
        queue += [path] * n
    random.Random(18).shuffle(queue)
    for path in queue:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:
                code = r.status
        except urllib.error.HTTPError as e:
            code = e.code
        statuses[str(code)] = statuses.get(str(code), 0) + 1
    with open(out, "w") as f:
        json.dump({"requests": len(queue), "statuses": statuses}, f)


if __name__ == "__main__":
    main()
