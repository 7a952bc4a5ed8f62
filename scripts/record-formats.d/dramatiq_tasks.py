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
    for actor, arg in PLAN:
        print(actor.send(arg).message_id)
