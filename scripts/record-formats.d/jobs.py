"""The job functions every job-runner recording runs (RQ, Dramatiq, Huey, APScheduler, arq wrap these
or call them): one that succeeds after a short sleep, one that always fails with a module-qualified
exception. Each run is appended to $RF_EVENTS (name, argument, outcome, slept_ms, exception)."""
import time

import events


class PaymentDeclinedError(Exception):
    pass


def charge(order_id, ms=30):
    time.sleep(ms / 1000)
    events.record(job="charge", arg=order_id, outcome="ok", slept_ms=ms)
    return {"order": order_id, "charged": True}


def sync_sku(sku):
    msg = f"card declined for sku {sku}"
    events.record(job="sync_sku", arg=sku, outcome="failed",
                  raised={"type": "jobs.PaymentDeclinedError", "message": msg})
    raise PaymentDeclinedError(msg)
