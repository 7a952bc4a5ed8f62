"""What the apps did, as they did it: one JSON line per request handled (the time the handler slept,
the exception it raised) appended to $RF_EVENTS, so story.json says what really happened server-side.
Small single writes with O_APPEND keep lines whole when several workers share the file."""
import json
import os
import time


def record(**fields):
    path = os.environ.get("RF_EVENTS")
    if not path:
        return
    fields.setdefault("t", round(time.time(), 6))
    fields.setdefault("pid", os.getpid())
    line = (json.dumps(fields, sort_keys=True) + "\n").encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


class UpstreamError(Exception):
    """Raised by the failing routes: not a builtin, so tracebacks print it with its module."""


def sleep_ms_for(order_id: int) -> int:
    # Server-side durations the story can assert on: 20 ms steps by order id.
    return 20 * (order_id % 5) + 10


def fail_inventory(path):
    """Raise a chained exception (ConnectionError -> errors.UpstreamError), recording it first."""
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except ConnectionRefusedError as cause:
        msg = "inventory service unavailable: GET http://inventory.internal/sku/42 failed"
        record(path=path, raised={"type": "events.UpstreamError", "message": msg,
                                  "cause": {"type": "ConnectionRefusedError",
                                            "message": "[Errno 111] Connection refused"}})
        raise UpstreamError(msg) from cause
