#!/usr/bin/env python3
"""The soak's writer: 20 followed files at a paced rate, disturbed the way servers disturb them.

Usage: writer.py DIR --seconds N [--rate LINES_PER_S] [--rotate-every S] [--seed N]
       writer.py DIR --layout      (print the paths and globs sitrep should follow, then exit)

Followed paths (under DIR), 20 at any moment:
  access/{api,shop,admin,search,auth,media}.access.log   nginx combined + request time; rename
      rotation (x.log -> x.log.1, a new x.log), the old file written for 0.5 s more, as nginx does
      until it reopens its logs.
  app/{orders,billing,catalog,users,notify}.log   JSON app logs (structlog and python-json-logger
      records, some with a traceback field); copytruncate rotation.
  jobs/celery-{default,beat,mail}.log   Celery worker lines, failures with multi-line tracebacks;
      rename rotation.
  jobs/cron-{web1,web2}.log   syslog CRON lines; copytruncate rotation.
  live/{payments,search}.log   symlinks to releases/NAME-blue.log or -green.log (Python logging
      lines with tracebacks), flipped every rotation period (blue, green, blue: the old target is
      appended to again after a flip back).
  churn/*.log (a glob)   two files at a time, each written for 15 s, left quiet for 3 s, deleted;
      a new name replaces it. Every 10 s a flash file (5 lines) is created and deleted at once.

Every rotation period each non-churn file is rotated once, staggered across the period. Every second
one file gets the first part of a line and, 0.4 s later, the rest (nothing else is written to that
file in between); a partial line is always completed before its file is rotated or the run ends.

The manifest (DIR/manifest.json, written at the end) holds, per followed path, the lines written to
it over the run, rotated generations included (the disturbance kind and the count of rotations
with it), the flash files with their line counts, and the pace: lines due at the target rate
against lines written, and the worst lag. Progress goes to stdout every 60 s.
"""
import argparse
import json
import os
import random
import shutil
import sys
import time

ACCESS = ["api", "shop", "admin", "search", "auth", "media"]
APPS = ["orders", "billing", "catalog", "users", "notify"]
CELERY = ["default", "beat", "mail"]
CRON = ["web1", "web2"]
LIVE = ["payments", "search"]
CHURN_SLOTS = 2
CHURN_LIFE_S = 15.0
CHURN_QUIET_S = 3.0
FLASH_EVERY_S = 10.0
FLASH_LINES = 5
PARTIAL_HOLD_S = 0.4
LATE_WRITE_S = 0.5
GENERATIONS = 3
TICK_S = 0.01


def layout(root):
    """The paths and globs sitrep is told to follow, in order."""
    paths = [f"{root}/access/{n}.access.log" for n in ACCESS]
    paths += [f"{root}/app/{n}.log" for n in APPS]
    paths += [f"{root}/jobs/celery-{n}.log" for n in CELERY]
    paths += [f"{root}/jobs/cron-{n}.log" for n in CRON]
    paths += [f"{root}/live/{n}.log" for n in LIVE]
    return paths + [f"{root}/churn/*.log"]


class Clock:
    """Formatted stamps, computed once per second (the writer formats 10k lines a second)."""

    def __init__(self):
        self.second = None

    def at(self, now):
        second = int(now)
        if second != self.second:
            self.second = second
            t = time.gmtime(second)
            self.clf = time.strftime("%d/%b/%Y:%H:%M:%S +0000", t)
            self.iso = time.strftime("%Y-%m-%dT%H:%M:%S", t)
            self.space = time.strftime("%Y-%m-%d %H:%M:%S", t)
            self.syslog = time.strftime("%b %d %H:%M:%S", t).replace(" 0", "  ", 1)
        return int((now - second) * 1000)


TRACEBACK = [
    "Traceback (most recent call last):",
    '  File "/srv/app/{mod}.py", line {line}, in {func}',
    "    row = repo.fetch(key)",
    '  File "/srv/app/repo.py", line 17, in fetch',
    "    return self._rows[key]",
    "KeyError: '{key}'",
]


def traceback_lines(rnd, mod):
    func = rnd.choice(["get_order", "charge", "load_sku", "send", "refresh"])
    line = rnd.choice([42, 88, 120])
    key = rnd.choice(["sku", "customer", "currency", "order-%d" % rnd.randrange(20)])
    return [t.format(mod=mod, line=line, func=func, key=key) for t in TRACEBACK]


class Stream:
    """One followed path: what it writes, how it is disturbed, and how many lines it got."""

    def __init__(self, root, path, kind, make, weight):
        self.root = root
        self.path = path
        self.kind = kind  # rename, copytruncate, symlink, churn
        self.make = make  # (rnd, clock, now) -> list of lines of one record
        self.weight = weight
        self.lines = 0
        self.rotations = 0
        self.fh = None
        self.late = None  # (old file, until): written after a rename rotation
        self.partial = None  # (rest of the line, due)
        self.target = None  # symlinks: "blue" or "green"

    def open(self):
        target = self.path
        if self.kind == "symlink":
            target = os.path.realpath(self.path)
        self.fh = open(target, "ab", buffering=0)

    def write(self, data, lines):
        fh = self.late[0] if self.late else self.fh
        fh.write(data)
        self.lines += lines


def access_line(service):
    routes = [
        ("GET", "/api/orders/{}", 0.30), ("POST", "/api/orders", 0.08),
        ("GET", "/api/customers/{}", 0.15), ("GET", "/api/search", 0.12),
        ("GET", "/health", 0.10), ("GET", "/static/app.{}.js", 0.10),
        ("PUT", "/api/carts/{}/items", 0.10), ("GET", "/p/{}", 0.05),
    ]
    agents = ['"python-httpx/0.27.0"', '"kube-probe/1.29"',
              '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"']

    def make(rnd, clock, now):
        clock.at(now)
        r = rnd.random()
        for method, route, share in routes:
            r -= share
            if r <= 0:
                break
        if "{}" in route:
            # /p/ slugs are unbounded (a crawler): they test the route table's bound.
            ident = "%08x" % rnd.getrandbits(32) if route.startswith("/p/") else rnd.randrange(99999)
            route = route.format(ident)
        status = rnd.choices([200, 201, 304, 404, 500, 502], [80, 5, 5, 6, 2, 2])[0]
        took = rnd.expovariate(1 / 0.05)
        return ['10.0.%d.%d - - [%s] "%s %s HTTP/1.1" %d %d "-" %s %.3f' % (
            rnd.randrange(8), rnd.randrange(1, 250), clock.clf, method, route, status,
            rnd.randrange(80, 9000), rnd.choice(agents), took)]
    return make


def app_line(service):
    def make(rnd, clock, now):
        ms = clock.at(now)
        n = rnd.randrange(100000)
        error = rnd.random() < 0.03
        if rnd.random() < 0.5:
            rec = {"event": "failed to load order" if error else "order created",
                   "order_id": n, "level": "error" if error else "info",
                   "logger": "app." + service, "timestamp": "%s.%03d000Z" % (clock.iso, ms)}
            if error:
                rec["exception"] = "\n".join(traceback_lines(rnd, service))
        else:
            rec = {"asctime": "%s,%03d" % (clock.space, ms),
                   "levelname": "ERROR" if error else "INFO", "name": "app." + service,
                   "message": "charge failed" if error else "request handled", "order_id": n}
            if error:
                rec["exc_info"] = "\n".join(traceback_lines(rnd, service))
            elif rnd.random() < 0.3:
                rec.update(method="GET", path="/api/%s/%d" % (service, n % 500),
                           status_code=200, duration_ms=round(rnd.expovariate(1 / 20), 2))
        return [json.dumps(rec)]
    return make


def celery_line(queue):
    tasks = ["tasks.sync_sku", "tasks.send_receipt", "tasks.cleanup_sessions",
             "reports.nightly", "tasks.reindex_%s" % queue]

    def make(rnd, clock, now):
        ms = clock.at(now)
        task = rnd.choice(tasks)
        uid = "%08x-%04x-4%03x-8%03x-%012x" % (
            rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(12), rnd.getrandbits(12),
            rnd.getrandbits(48))
        head = "[%s,%03d: " % (clock.space, ms)
        r = rnd.random()
        if r < 0.45:
            return [head + "INFO/MainProcess] Task %s[%s] received" % (task, uid)]
        if r < 0.9:
            return [head + "INFO/ForkPoolWorker-%d] Task %s[%s] succeeded in %.4fs: None" % (
                rnd.randrange(1, 5), task, uid, rnd.expovariate(1 / 0.3))]
        if r < 0.95:
            return [head + "INFO/ForkPoolWorker-1] Task %s[%s] retry: Retry in 10s: "
                    "ConnectionError('smtp unreachable')" % (task, uid)]
        return [head + "ERROR/ForkPoolWorker-2] Task %s[%s] raised unexpected: KeyError('sku')"
                % (task, uid)] + traceback_lines(rnd, "tasks")
    return make


def cron_line(host):
    commands = ["(root) CMD (/usr/local/bin/backup.sh >/dev/null 2>&1)",
                "(app) CMD (cd /srv/app && ./venv/bin/python -m app.jobs.import_orders)",
                "(app) CMD (/srv/app/bin/rotate-keys)"]

    def make(rnd, clock, now):
        clock.at(now)
        return ["%s %s CRON[%d]: %s" % (clock.syslog, host, rnd.randrange(2000, 60000),
                                        rnd.choice(commands))]
    return make


def python_line(service):
    def make(rnd, clock, now):
        ms = clock.at(now)
        if rnd.random() < 0.02:
            return ["%s,%03d ERROR app.%s: payment %d failed" % (
                clock.space, ms, service, rnd.randrange(9999))] + traceback_lines(rnd, service)
        level = rnd.choice(["INFO", "INFO", "INFO", "WARNING", "DEBUG"])
        return ["%s,%03d %s app.%s: handled %d in %d ms" % (
            clock.space, ms, level, service, rnd.randrange(99999), rnd.randrange(400))]
    return make


class Writer:
    def __init__(self, root, rate, rotate_every, seed):
        self.root = root
        self.rate = rate
        self.rotate_every = rotate_every
        self.rnd = random.Random(seed)
        self.clock = Clock()
        self.streams = []
        self.churn_seq = 0
        self.flash = {}
        self.flash_seq = 0
        self.churn = []  # (stream, writes_until, delete_at)
        for d in ("access", "app", "jobs", "live", "releases", "churn"):
            os.makedirs(os.path.join(root, d), exist_ok=True)
        for n in ACCESS:
            self.add(f"access/{n}.access.log", "rename", access_line(n), 3.0)
        for n in APPS:
            self.add(f"app/{n}.log", "copytruncate", app_line(n), 2.0)
        for n in CELERY:
            self.add(f"jobs/celery-{n}.log", "rename", celery_line(n), 1.0)
        for n in CRON:
            self.add(f"jobs/cron-{n}.log", "copytruncate", cron_line(n), 0.3)
        for n in LIVE:
            for colour in ("blue", "green"):
                open(os.path.join(root, "releases", f"{n}-{colour}.log"), "ab").close()
            link = os.path.join(root, "live", f"{n}.log")
            if not os.path.islink(link):
                os.symlink(f"../releases/{n}-blue.log", link)
            s = self.add(f"live/{n}.log", "symlink", python_line(n), 1.0)
            s.target = "blue"
        self.rotatable = list(self.streams)
        for _ in range(CHURN_SLOTS):
            self.new_churn(time.time())

    def add(self, rel, kind, make, weight):
        s = Stream(self.root, os.path.join(self.root, rel), kind, make, weight)
        if kind != "symlink":
            open(s.path, "ab").close()
        s.open()
        self.streams.append(s)
        return s

    def new_churn(self, now):
        self.churn_seq += 1
        s = self.add(f"churn/worker-{self.churn_seq:04d}.log", "churn",
                     app_line("worker%d" % self.churn_seq), 1.0)
        self.churn.append((s, now + CHURN_LIFE_S, now + CHURN_LIFE_S + CHURN_QUIET_S))
        return s

    def writable(self, now):
        """Streams taking new lines now: not holding a partial line, not a churn file past its life."""
        out = []
        for s in self.streams:
            if s.partial or s.fh is None:
                continue
            if s.kind == "churn" and not any(c[0] is s and now < c[1] for c in self.churn):
                continue
            out.append(s)
        return out

    def write_lines(self, count, now):
        streams = self.writable(now)
        if not streams:
            return 0
        total_weight = sum(s.weight for s in streams)
        written = 0
        for s in streams:
            want = count * s.weight / total_weight
            n = int(want) + (1 if self.rnd.random() < want - int(want) else 0)
            if n == 0:
                continue
            out = []
            lines = 0
            while lines < n:
                record = s.make(self.rnd, self.clock, now)
                out.extend(record)
                lines += len(record)
            s.write(("\n".join(out) + "\n").encode(), lines)
            written += lines
        return written

    def start_partial(self, now):
        candidates = [s for s in self.writable(now) if s.kind != "churn" and not s.late]
        if not candidates:
            return
        s = self.rnd.choice(candidates)
        line = s.make(self.rnd, self.clock, now)[0].encode()
        cut = self.rnd.randrange(1, len(line))
        s.write(line[:cut], 0)
        s.partial = (line[cut:] + b"\n", now + PARTIAL_HOLD_S)

    def finish_partial(self, s):
        if s.partial:
            s.write(s.partial[0], 1)
            s.partial = None

    def rotate(self, s, now):
        self.finish_partial(s)
        s.rotations += 1
        if s.kind == "symlink":
            name = os.path.basename(s.path)[: -len(".log")]
            s.target = "green" if s.target == "blue" else "blue"
            tmp = s.path + ".flip"
            os.symlink(f"../releases/{name}-{s.target}.log", tmp)
            os.replace(tmp, s.path)
            s.fh.close()
            s.open()
            return
        self.shift_generations(s.path)
        if s.kind == "rename":
            self.end_late(s)
            os.rename(s.path, s.path + ".1")
            s.late = (s.fh, now + LATE_WRITE_S)
            s.fh = open(s.path, "ab", buffering=0)
        else:  # copytruncate, as logrotate does it: copy, then truncate in place
            shutil.copyfile(s.path, s.path + ".1")
            os.truncate(s.path, 0)

    def end_late(self, s):
        if s.late:
            s.late[0].close()
            s.late = None

    @staticmethod
    def shift_generations(path):
        oldest = f"{path}.{GENERATIONS}"
        if os.path.exists(oldest):
            os.unlink(oldest)
        for g in range(GENERATIONS - 1, 0, -1):
            if os.path.exists(f"{path}.{g}"):
                os.rename(f"{path}.{g}", f"{path}.{g + 1}")

    def flash_file(self, now):
        """A glob match created and deleted at once: sitrep may or may not see it."""
        self.flash_seq += 1
        path = os.path.join(self.root, "churn", f"flash-{self.flash_seq:04d}.log")
        make = app_line("flash")
        lines = []
        while len(lines) < FLASH_LINES:
            lines += make(self.rnd, self.clock, now)
        with open(path, "wb") as fh:
            fh.write(("\n".join(lines) + "\n").encode())
        os.unlink(path)
        self.flash[path] = len(lines)

    def churn_step(self, now):
        done = [c for c in self.churn if now >= c[2]]
        if not done:
            return
        self.churn = [c for c in self.churn if now < c[2]]
        for s, _, _ in done:
            s.fh.close()
            s.fh = None
            os.unlink(s.path)
            self.new_churn(now)

    def run(self, seconds):
        start = time.time()
        end = start + seconds
        due_total = 0
        written = 0
        worst_lag = 0.0
        behind_ticks = 0
        ticks = 0
        next_partial = start + 1
        next_flash = start + FLASH_EVERY_S
        next_progress = start + 60
        period = self.rotate_every
        n = len(self.rotatable)
        next_rotation = [start + period * (i + 1) / n for i in range(n)]
        last_minute_written = 0
        while True:
            now = time.time()
            if now >= end:
                break
            due_total = int(self.rate * (now - start))
            owed = due_total - written
            if owed > 0:
                written += self.write_lines(owed, now)
            lag = max(0, due_total - written) / self.rate
            worst_lag = max(worst_lag, lag)
            ticks += 1
            if lag > 0.5:
                behind_ticks += 1
            for s in self.streams:
                if s.partial and now >= s.partial[1]:
                    self.finish_partial(s)
                if s.late and now >= s.late[1]:
                    self.end_late(s)
            for i, s in enumerate(self.rotatable):
                if now >= next_rotation[i]:
                    self.rotate(s, now)
                    next_rotation[i] += period
            if now >= next_partial:
                self.start_partial(now)
                next_partial += 1
            if now >= next_flash:
                self.flash_file(now)
                next_flash += FLASH_EVERY_S
            self.churn_step(now)
            if now >= next_progress:
                minute = round((now - start) / 60)
                print("writer: minute %d: %d lines written this minute (%d/s), %d in all, lag %.2f s"
                      % (minute, written - last_minute_written,
                         (written - last_minute_written) / 60, written, lag), flush=True)
                last_minute_written = written
                next_progress += 60
            spare = TICK_S - (time.time() - now)
            if spare > 0:
                time.sleep(spare)
        for s in self.streams:
            self.finish_partial(s)
            self.end_late(s)
            if s.fh:
                s.fh.close()
        elapsed = time.time() - start
        return {
            "seconds": round(elapsed, 3),
            "rate_target": self.rate,
            "lines_due": int(self.rate * seconds),
            "lines_written": sum(s.lines for s in self.streams),
            "rate_achieved": round(written / elapsed, 1),
            "worst_lag_s": round(worst_lag, 3),
            "ticks_behind_over_0_5s": behind_ticks,
            "ticks": ticks,
        }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dir")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--rate", type=float, default=10000)
    p.add_argument("--rotate-every", type=float, default=60)
    p.add_argument("--seed", type=int, default=19)
    p.add_argument("--layout", action="store_true")
    p.add_argument("--setup", action="store_true", help="create the files, then exit")
    a = p.parse_args()
    root = os.path.abspath(a.dir)
    if a.layout:
        print("\n".join(layout(root)))
        return
    w = Writer(root, a.rate, a.rotate_every, a.seed)
    if a.setup:
        return
    pace = w.run(a.seconds)
    manifest = {
        "pace": pace,
        "files": {s.path: {"kind": s.kind, "lines": s.lines, "rotations": s.rotations,
                           "deleted": s.kind == "churn" and not os.path.exists(s.path)}
                  for s in w.streams},
        "flash": w.flash,
    }
    with open(os.path.join(root, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
    print("writer: %d lines in %.1f s (%.0f/s, target %.0f/s), worst lag %.2f s" % (
        pace["lines_written"], pace["seconds"], pace["rate_achieved"], a.rate,
        pace["worst_lag_s"]), flush=True)


if __name__ == "__main__":
    sys.exit(main())
