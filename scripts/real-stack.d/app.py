"""The small FastAPI service the real-stack test puts behind gunicorn and nginx.

Its version comes from APP_VERSION, read when a gunicorn worker imports it: the deploy changes the
environment and reloads gunicorn, so new workers serve the new version. v2.0.1 makes
GET /api/orders/{order_id} about 5x slower; everything else behaves the same in both versions.
"""
import asyncio
import logging
import os
import random
import secrets

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pythonjsonlogger.json import JsonFormatter

VERSION = os.environ.get("APP_VERSION", "v0.0.0")
APP_LOG = os.environ["RS_APP_LOG"]

log = logging.getLogger("app")
log.setLevel(logging.INFO)
log.propagate = False
if not log.handlers:
    # Several gunicorn workers append to one file: O_APPEND keeps each (one-line) record whole.
    handler = logging.FileHandler(APP_LOG, mode="a", encoding="utf-8")
    handler.setFormatter(JsonFormatter("%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"))
    log.addHandler(handler)

app = FastAPI(title="sitrep real-stack api")
rng = random.Random()  # latencies only; the traffic mix is seeded on the client side


log.info("worker started", extra={"version": VERSION})


@app.middleware("http")
async def version_and_500s(request: Request, call_next):
    # An unhandled exception propagates through here (Starlette answers 500 further out), so the
    # "request completed" record below is only written for 500s the app returns itself.
    response = await call_next(request)
    response.headers["x-app-version"] = VERSION
    if response.status_code >= 500:
        log.error("request completed", extra={"status": response.status_code,
                                             "method": request.method, "path": request.url.path,
                                             "version": VERSION})
    return response


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    # Log the traceback as JSON, then answer 500 like most apps do. Starlette still re-raises the
    # exception afterwards so the server (uvicorn) logs it too: that line lands in gunicorn's error log.
    log.error("unhandled exception", exc_info=exc,
              extra={"method": request.method, "path": request.url.path, "version": VERSION})
    log.error("request completed", extra={"status": 500, "method": request.method,
                                         "path": request.url.path, "version": VERSION})
    return JSONResponse({"detail": "internal error"}, status_code=500,
                        headers={"x-app-version": VERSION})


@app.get("/health")
async def health():
    return {"status": "ok", "version": VERSION}


class Carts:
    def load(self, cart_id: str) -> dict:
        # ~3% of carts are gone (expired sessions), in every version: a pre-existing error.
        if rng.random() < 0.03:
            raise LookupError(f"cart {cart_id} not found")
        return {"id": cart_id, "items": rng.randint(1, 5)}


carts = Carts()


@app.post("/api/checkout")
async def checkout(request: Request):
    body = await request.json()
    cart_id = body.get("cart") or secrets.token_hex(5)[:9]
    await asyncio.sleep(rng.uniform(0.005, 0.020))
    cart = carts.load(cart_id)
    return {"ok": True, "cart": cart["id"], "items": cart["items"]}


@app.get("/api/orders/{order_id}")
async def get_order(order_id: int):
    if VERSION == "v2.0.1":
        # The regression: an N+1 query slipped in with this release.
        await asyncio.sleep(rng.uniform(0.250, 0.350))
    else:
        await asyncio.sleep(rng.uniform(0.040, 0.070))
    return {"id": order_id, "status": "shipped", "total": round(order_id * 1.37, 2)}


@app.get("/admin/report")
async def admin_report():
    # Slow and steady: it owns the service-wide p95, hiding a regression of a faster route.
    await asyncio.sleep(rng.uniform(0.300, 0.500))
    return {"rows": 1200, "version": VERSION}
