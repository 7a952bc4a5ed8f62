"""Dramatiq actors on a real Redis ($RF_REDIS_URL): charge succeeds, sync_sku fails (no retries).
  python dramatiq_tasks.py enqueue  -> sends the plan; the worker is `dramatiq dramatiq_tasks`."""
import os
import sys

import dramatiq
from dramatiq.brokers.redis import RedisBroker

import jobs

dramatiq.set_broker(RedisBroker(url=os.environ["RF_REDIS_URL"]))


@dramatiq.actor(max_retries=0)
def charge(order_id):
    jobs.charge(order_id)


@dramatiq.actor(max_retries=0)
def sync_sku(sku):
    jobs.sync_sku(sku)


PLAN = [(charge, 201), (sync_sku, "C-3"), (charge, 202)]

if __name__ == "__main__" and sys.argv[1:] == ["enqueue"]:
    import json
    for actor, arg in PLAN:
        msg = actor.send(arg)
        print(json.dumps({"id": msg.message_id, "func": actor.actor_name, "args": [arg],
                          "expect": "fails" if actor is sync_sku else "succeeds"}))
