"""A plain WSGI app (no framework): gunicorn's sync worker and uWSGI run it. An exception in
/api/boom propagates to the server, which logs the traceback itself.
Routes: /health, GET /api/orders/<id> (sleeps sleep_ms_for(id)), POST /api/orders (201),
/api/boom (raises events.UpstreamError from ConnectionRefusedError), anything else 404."""
import json
import time

import events


def app(environ, start_response):
    method = environ["REQUEST_METHOD"]
    path = environ.get("PATH_INFO", "")
    qs = environ.get("QUERY_STRING", "")
    full = path + ("?" + qs if qs else "")

    def reply(status, body):
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(data)))])
        return [data]

    if path == "/health":
        events.record(method=method, path=full, slept_ms=0, status=200)
        return reply("200 OK", {"status": "ok"})
    if path.startswith("/api/orders/") and method == "GET":
        try:
            order_id = int(path.rsplit("/", 1)[1])
        except ValueError:
            events.record(method=method, path=full, slept_ms=0, status=404)
            return reply("404 Not Found", {"detail": "not found"})
        ms = events.sleep_ms_for(order_id)
        time.sleep(ms / 1000)
        events.record(method=method, path=full, slept_ms=ms, status=200)
        return reply("200 OK", {"id": order_id, "status": "shipped"})
    if path == "/api/orders" and method == "POST":
        n = int(environ.get("CONTENT_LENGTH") or 0)
        environ["wsgi.input"].read(n)
        time.sleep(0.015)
        events.record(method=method, path=full, slept_ms=15, status=201)
        return reply("201 Created", {"id": 9001})
    if path == "/api/boom":
        events.fail_inventory(full)
    events.record(method=method, path=full, slept_ms=0, status=404)
    return reply("404 Not Found", {"detail": "not found"})


application = app
