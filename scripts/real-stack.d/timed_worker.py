"""Gunicorn's UvicornWorker, but with gunicorn's own access log line (format, %(L)s request time).

Quirk of the real programs: with `-k uvicorn_worker.UvicornWorker` gunicorn's --access-logformat is
ignored. The worker routes uvicorn's "uvicorn.access" logger into gunicorn's access log handler,
whose formatter is "%(message)s", so each line is only uvicorn's message:
    127.0.0.1:51234 - "GET /api/orders/17 HTTP/1.1" 200
(no timestamp, no duration). Deployments that want timings log them themselves; this worker does it
by calling gunicorn's Logger.access(), so the line is formatted by gunicorn with access_log_format.
"""
import datetime
import time
from types import SimpleNamespace

from uvicorn_worker import UvicornWorker


class _AccessLog:
    def __init__(self, app, logger):
        self.app = app
        self.log = logger

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        resp = SimpleNamespace(status="500", sent=0, headers=[])

        async def send_and_note(message):
            if message["type"] == "http.response.start":
                resp.status = str(message["status"])
                resp.headers = [(k.decode("latin-1"), v.decode("latin-1"))
                                for k, v in message.get("headers", [])]
            elif message["type"] == "http.response.body":
                resp.sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
            headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", [])]
            hdr = {k.lower(): v for k, v in headers}
            raw = scope.get("raw_path") or scope["path"].encode()
            uri = raw.decode("latin-1") + (("?" + scope["query_string"].decode("latin-1"))
                                           if scope.get("query_string") else "")
            environ = {
                "REMOTE_ADDR": (scope.get("client") or ("-",))[0],
                "REQUEST_METHOD": scope["method"],
                "RAW_URI": uri,
                "PATH_INFO": scope["path"],
                "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
                "SERVER_PROTOCOL": "HTTP/" + scope.get("http_version", "1.1"),
                "HTTP_REFERER": hdr.get("referer", "-"),
                "HTTP_USER_AGENT": hdr.get("user-agent", "-"),
            }
            self.log.access(resp, headers, environ, elapsed)


class TimedUvicornWorker(UvicornWorker):
    # uvicorn's own access lines would land in the same file without times: turn them off.
    CONFIG_KWARGS = {"loop": "auto", "http": "auto", "access_log": False}

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = _AccessLog(self.wsgi, self.log)
