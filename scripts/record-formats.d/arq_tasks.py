"""arq functions on a real Redis ($RF_REDIS_PORT): charge succeeds, sync_sku fails (max_tries 1).
  python arq_tasks.py enqueue  -> enqueues the plan; the worker is `arq arq_tasks.WorkerSettings --burst`."""
import asyncio
import json
import os
import sys

from arq import create_pool
from arq.connections import RedisSettings

import jobs

REDIS = RedisSettings(host="127.0.0.1", port=int(os.environ["RF_REDIS_PORT"]))


async def charge(ctx, order_id):
    return jobs.charge(order_id)


async def sync_sku(ctx, sku):
    return jobs.sync_sku(sku)


class WorkerSettings:
    functions = [charge, sync_sku]
    redis_settings = REDIS
    max_tries = 1


async def enqueue():
    pool = await create_pool(REDIS)
    for name, arg in (("charge", 401), ("sync_sku", "E-5"), ("charge", 402)):
        job = await pool.enqueue_job(name, arg)
        print(json.dumps({"id": job.job_id, "func": name, "args": [arg],
                          "expect": "fails" if name == "sync_sku" else "succeeds"}))
    await pool.aclose()


if __name__ == "__main__" and sys.argv[1:] == ["enqueue"]:
    asyncio.run(enqueue())
