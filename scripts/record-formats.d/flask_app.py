"""Flask app for the Werkzeug dev server recording: same routes as wsgi_app.py. Flask catches the
exception of /api/boom, logs it ("Exception on PATH [METHOD]" + traceback) and answers 500."""
import time

from flask import Flask, request

import events

app = Flask(__name__)


def _full():
    q = request.query_string.decode()
    return request.path + ("?" + q if q else "")


@app.get("/health")
def health():
    events.record(method="GET", path=_full(), slept_ms=0, status=200)
    return {"status": "ok"}


@app.get("/api/orders/<int:order_id>")
def get_order(order_id):
    ms = events.sleep_ms_for(order_id)
    time.sleep(ms / 1000)
    events.record(method="GET", path=_full(), slept_ms=ms, status=200)
    return {"id": order_id}


@app.post("/api/orders")
def create_order():
    request.get_data()
    time.sleep(0.015)
    events.record(method="POST", path=_full(), slept_ms=15, status=201)
    return {"id": 9001}, 201


@app.get("/api/boom")
def boom():
    events.fail_inventory(_full())
