"""Writes nginx-combined access lines for remote-stack, and says how many it wrote.

  writer.py wait-followed PATH     exits once a `tail` follows PATH (15 s at most)
  writer.py static PATH N          N lines, stamped over the last few minutes, then exits
  writer.py live PATH RATE SECONDS RATE lines a second for SECONDS, renaming PATH to PATH.1
                                   (and so on) every RATE lines, as logrotate's create mode does;
                                   waits first (bounded) until a `tail -F` follows PATH, so no
                                   line is written before anyone reads. Prints the count as JSON.
"""
import json
import os
import sys
import time


def line(i, t):
    stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(t))
    status = 500 if i % 50 == 0 else 200
    return (
        f'127.0.0.1 - - [{stamp}] "GET /api/items/{i % 7} HTTP/1.1" {status} 512 "-" '
        f'"remote-stack" 0.0{i % 9}\n'
    )


def followed(path):
    """A tail process (started by sshd for sitrep) has PATH on its command line."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(b"tail") and path.encode() in args:
            return True
    return False


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "wait-followed":
        deadline = time.time() + 15
        while not followed(path) and time.time() < deadline:
            time.sleep(0.05)
        sys.exit(0 if followed(path) else 1)
    if mode == "static":
        n = int(sys.argv[3])
        now = time.time()
        with open(path, "w") as f:
            for i in range(n):
                f.write(line(i, now - 120 + i * 100 / n))
        return
    rate, seconds = int(sys.argv[3]), float(sys.argv[4])
    deadline = time.time() + 15
    while not followed(path) and time.time() < deadline:
        time.sleep(0.05)
    written = rotations = 0
    f = open(path, "a")
    start = time.time()
    per_tick = max(1, rate // 100)
    while time.time() - start < seconds:
        for _ in range(per_tick):
            f.write(line(written, time.time()))
            written += 1
        f.flush()
        if written % rate == 0:
            f.close()
            for k in range(rotations, 0, -1):
                os.rename(f"{path}.{k}", f"{path}.{k + 1}")
            os.rename(path, f"{path}.1")
            rotations += 1
            f = open(path, "a")
        time.sleep(0.01)
    f.close()
    print(json.dumps({"path": path, "written": written, "rotations": rotations}))


main()
