"""APScheduler 3 (BlockingScheduler, default executor) runs two jobs a few times each: charge
succeeds, sync_sku raises. Logging to --log with a basicConfig-style format; stops itself after the
runs (bounded) with scheduler.shutdown()."""
import argparse
import logging
import sys
import threading
from datetime import datetime, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler

import jobs

FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    a = ap.parse_args()
    logging.basicConfig(filename=a.log, level=logging.INFO, format=FORMAT)
    sched = BlockingScheduler(timezone="UTC")
    now = datetime.now().astimezone()
    sched.add_job(jobs.charge, "interval", seconds=1, args=[501], id="charge", name="charge",
                  next_run_time=now + timedelta(seconds=0.5), max_instances=1)
    sched.add_job(jobs.sync_sku, "interval", seconds=1, args=["F-6"], id="sync_sku", name="sync_sku",
                  next_run_time=now + timedelta(seconds=0.7), max_instances=1)
    # Two runs of each, then shut down (the bound).
    threading.Timer(2.2, lambda: sched.shutdown(wait=True)).start()
    sched.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
