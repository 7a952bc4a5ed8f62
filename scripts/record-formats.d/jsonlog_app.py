"""FastAPI app with a JSON request-logging middleware (python-json-logger), run by uvicorn with no
access log: one record per request with method, path, route (the template, e.g.
/api/orders/{order_id}), status_code and duration_ms, and an ERROR record with exc_info when a route
raises (the middleware then answers 500 itself). Log file: $RF_APP_LOG."""
import asyncio
import logging
import os
import time

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pythonjsonlogger.json import JsonFormatter

import events

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
log = logging.getLogger("api.requests")
log.setLevel(logging.INFO)
log.propagate = False
if not log.handlers:
    h = logging.FileHandler(os.environ["RF_APP_LOG"], encoding="utf-8")
    h.setFormatter(JsonFormatter(FORMAT))
    log.addHandler(h)

app = FastAPI()


@app.middleware("http")
async def log_requests(request: Request, call_next):
    t0 = time.perf_counter()
    status = 500
    try:
        response = await call_next(request)
        status = response.status_code
        return response
    except Exception as exc:
        log.error("unhandled exception", exc_info=exc,
                  extra={"method": request.method, "path": request.url.path})
        return JSONResponse({"detail": "internal error"}, status_code=500)
    finally:
        route = request.scope.get("route")
        log.log(logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO,
                "request", extra={"method": request.method, "path": request.url.path,
                                  "route": getattr(route, "path", None), "status_code": status,
                                  "duration_ms": round((time.perf_counter() - t0) * 1000, 2)})


@app.get("/health")
async def health(request: Request):
    events.record(method="GET", path=_full(request), slept_ms=0, status=200)
    return {"status": "ok"}


@app.get("/api/orders/{order_id}")
async def get_order(order_id: int, request: Request):
    ms = events.sleep_ms_for(order_id)
    await asyncio.sleep(ms / 1000)
    events.record(method="GET", path=_full(request), slept_ms=ms, status=200)
    return {"id": order_id}


@app.post("/api/orders", status_code=201)
async def create_order(request: Request):
    await request.body()
    await asyncio.sleep(0.015)
    events.record(method="POST", path=_full(request), slept_ms=15, status=201)
    return {"id": 9001}


@app.get("/api/boom")
async def boom(request: Request):
    events.fail_inventory(_full(request))


def _full(request):
    q = request.url.query
    return request.url.path + ("?" + q if q else "")
