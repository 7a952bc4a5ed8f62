"""A small HTTP service instrumented with prometheus-client, as many Python services are:
http_requests_total{handler,method,status} and http_request_duration_seconds{handler,method}.

  app.py PORT
GET /api/orders answers 200 after a few ms, /api/fail 500, anything else 404; /metrics is the
exposition (not counted). Stops on SIGINT/SIGTERM.
"""
import random
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

REQUESTS = Counter("http_requests_total", "Requests", ["handler", "method", "status"])
LATENCY = Histogram(
    "http_request_duration_seconds", "Request duration", ["handler", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0),
)
rng = random.Random(18)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/metrics":
            body = generate_latest()
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPE_LATEST)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        start = time.perf_counter()
        if self.path == "/api/orders":
            time.sleep(rng.uniform(0.002, 0.02))
            status, handler = 200, "/api/orders"
        elif self.path == "/api/fail":
            status, handler = 500, "/api/fail"
        else:
            status, handler = 404, "none"
        body = b"ok\n" if status == 200 else b"no\n"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        LATENCY.labels(handler, "GET").observe(time.perf_counter() - start)
        REQUESTS.labels(handler, "GET", str(status)).inc()

    def log_message(self, *args):
        pass


def main():
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    server.server_close()


if __name__ == "__main__":
    main()
