"""Huey tasks on a real Redis ($RF_REDIS_PORT): charge succeeds, sync_sku fails (no retries).
  python -c "import huey_tasks; huey_tasks.enqueue()"  -> enqueues the plan; the worker is `huey_consumer huey_tasks.huey`."""
import os

from huey import RedisHuey

import jobs

huey = RedisHuey("record-formats", host="127.0.0.1", port=int(os.environ["RF_REDIS_PORT"]))


@huey.task()
def charge(order_id):
    return jobs.charge(order_id)


@huey.task()
def sync_sku(sku):
    return jobs.sync_sku(sku)


def enqueue():
    # Called as huey_tasks.enqueue(), not from __main__: huey names tasks by module, and tasks
    # enqueued as __main__.charge are not found by the consumer.
    import json
    for name, arg in (("charge", 301), ("sync_sku", "D-4"), ("charge", 302)):
        r = globals()[name](arg)
        print(json.dumps({"id": r.id, "func": "huey_tasks." + name, "args": [arg],
                          "expect": "fails" if name == "sync_sku" else "succeeds"}))
