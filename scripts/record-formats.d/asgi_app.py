"""A FastAPI app for the ASGI servers (uvicorn, gunicorn's uvicorn worker, Hypercorn, Daphne, and
behind nginx/Caddy/HAProxy). Same routes as wsgi_app.py; /api/boom raises an unhandled chained
exception, which Starlette answers with a 500 and re-raises for the server to log."""
import asyncio

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

import events

app = FastAPI(title="sitrep record-formats")


@app.get("/health")
async def health(request: Request):
    events.record(method="GET", path=_full(request), slept_ms=0, status=200)
    return {"status": "ok"}


@app.get("/api/orders/{order_id}")
async def get_order(order_id: int, request: Request):
    ms = events.sleep_ms_for(order_id)
    await asyncio.sleep(ms / 1000)
    events.record(method="GET", path=_full(request), slept_ms=ms, status=200)
    return {"id": order_id, "status": "shipped"}


@app.post("/api/orders", status_code=201)
async def create_order(request: Request):
    await request.body()
    await asyncio.sleep(0.015)
    events.record(method="POST", path=_full(request), slept_ms=15, status=201)
    return {"id": 9001}


@app.get("/api/boom")
async def boom(request: Request):
    events.fail_inventory(_full(request))


@app.get("/api/huge")
async def huge(request: Request):
    # An exception whose message alone is over 16 KiB: its traceback's last line is longer than the
    # 16 KiB a container runtime puts in one log entry (json-file and CRI split it).
    msg = "payload rejected (<batch> & retry later): " + ",".join(f"sku-{i:05d}" for i in range(2000))
    events.record(path=_full(request), raised={"type": "events.UpstreamError", "message_len": len(msg),
                                               "message_head": msg[:40]})
    raise events.UpstreamError(msg)


@app.exception_handler(404)
async def not_found(request: Request, exc):
    events.record(method=request.method, path=_full(request), slept_ms=0, status=404)
    return JSONResponse({"detail": "Not Found"}, status_code=404)


def _full(request: Request) -> str:
    q = request.url.query
    return request.url.path + ("?" + q if q else "")
