"""Celery app and periodic jobs of the real-stack test (Redis broker, beat schedule).

In v2.0.1 tasks.sync_sku fails ~40% of its runs with KeyError: 'sku'. Each run's outcome is also
counted here, by the worker itself (celery signals -> a Redis list), so the story can say how many
runs failed without reading any log.
"""
import json
import os
import random
import time

import redis
from celery import Celery
from celery.signals import task_failure, task_success, worker_process_init

VERSION = os.environ.get("APP_VERSION", "v0.0.0")
BROKER = os.environ["RS_BROKER"]

app = Celery("tasks", broker=BROKER)
app.conf.update(
    task_ignore_result=True,
    worker_hijack_root_logger=True,
    broker_connection_retry_on_startup=True,
    timezone="UTC",
    beat_schedule={
        "sync-sku": {"task": "tasks.sync_sku", "schedule": 3.0},
        "send-receipt": {"task": "tasks.send_receipt", "schedule": 2.0},
        "cleanup-sessions": {"task": "tasks.cleanup_sessions", "schedule": 10.0},
    },
)

_rng = random.Random(13 + os.getpid())
_counts = redis.Redis.from_url(BROKER)


@worker_process_init.connect
def _reseed(**_):
    # Prefork children inherit the parent's generator: give each its own (still reproducible) stream.
    _rng.seed(13 + os.getpid())


def _note(task, ok):
    if task is None or not task.name.startswith("tasks."):
        return
    _counts.rpush("sitrep:runs", json.dumps({"task": task.name, "ok": ok, "ts": time.time(),
                                              "version": VERSION}))


@task_success.connect
def _on_success(sender=None, **_):
    _note(sender, True)


@task_failure.connect
def _on_failure(sender=None, **_):
    _note(sender, False)


def _fetch_catalog_row(n):
    row = {"id": n, "sku": f"SKU-{n:05d}", "qty": _rng.randint(0, 40)}
    if VERSION == "v2.0.1" and _rng.random() < 0.4:
        # The bug shipped in v2.0.1: rows from the new supplier feed have no "sku" key.
        del row["sku"]
    return row


@app.task(name="tasks.sync_sku")
def sync_sku():
    time.sleep(_rng.uniform(0.1, 0.3))
    row = _fetch_catalog_row(_rng.randint(1, 99999))
    return {"synced": row["sku"], "qty": row["qty"]}


@app.task(name="tasks.send_receipt")
def send_receipt():
    time.sleep(_rng.uniform(0.02, 0.08))
    return "sent"


@app.task(name="tasks.cleanup_sessions")
def cleanup_sessions():
    time.sleep(_rng.uniform(0.5, 1.0))
    return {"removed": _rng.randint(0, 30)}
