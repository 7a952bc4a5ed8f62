"""APScheduler 4 (the Scheduler of 4.0 pre-releases, in-memory store, default thread-pool
executor) runs two schedules a few times each: charge succeeds, sync_sku raises. Logging to --log
with a basicConfig-style format; stops itself after the runs (bounded) with scheduler.stop().

APScheduler 4 logs each run by the job's UUID only ("Job <uuid> completed successfully", "Job <uuid>
raised an exception"): the task's name appears when its schedule is added, never per run."""
import argparse
import logging
import sys
import threading

from apscheduler import Scheduler
from apscheduler.triggers.interval import IntervalTrigger

import jobs

FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    logging.basicConfig(filename=a.log, level=logging.INFO, format=FORMAT)
    with Scheduler() as sched:
        sched.add_schedule(jobs.charge, IntervalTrigger(seconds=1), id="charge", args=[501],
                           job_executor="threadpool")
        sched.add_schedule(jobs.sync_sku, IntervalTrigger(seconds=1), id="sync_sku", args=["F-6"],
                           job_executor="threadpool")
        # Two or three runs of each, then stop (the bound).
        threading.Timer(2.5, sched.stop).start()
        sched.run_until_stopped()
    return 0


if __name__ == "__main__":
    sys.exit(main())
