"""Enqueues RQ jobs (enqueue), or after the burst worker ran reads each job's real status back from
Redis (report) into --out as JSON lines: id, func, args, status, and the exception line RQ stored."""
import argparse
import json
import sys

from redis import Redis
from rq import Queue
from rq.job import Job

import jobs

PLAN = [(jobs.charge, (101,)), (jobs.charge, (102,)), (jobs.sync_sku, ("A-1",)), (jobs.charge, (103,)),
        (jobs.sync_sku, ("B-2",))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["enqueue", "report"])
    ap.add_argument("--url", required=True)
    ap.add_argument("--ids", required=True)
    ap.add_argument("--out")
    a = ap.parse_args()
    conn = Redis.from_url(a.url)
    if a.action == "enqueue":
        q = Queue("default", connection=conn)
        ids = [q.enqueue(f, *args, retry=None).id for f, args in PLAN]
        with open(a.ids, "w") as f:
            json.dump(ids, f)
        return 0
    with open(a.ids) as f:
        ids = json.load(f)
    with open(a.out, "w") as out:
        for jid in ids:
            job = Job.fetch(jid, connection=conn)
            rec = {"id": jid, "func": job.func_name, "args": list(job.args),
                   "status": job.get_status().value}
            exc = job.latest_result().exc_string if job.latest_result() else None
            if exc:
                rec["exception"] = exc.strip().splitlines()[-1]
            out.write(json.dumps(rec) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
