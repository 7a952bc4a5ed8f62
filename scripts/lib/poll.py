"""Wait for a condition with a deadline (instead of sleeping and hoping), exit 0 when it holds.

  poll.py http URL [--expect TEXT] [--consecutive N] --timeout S
      GET URL until the body contains TEXT (N times in a row: a reload is over when every worker
      answers with the new version)
  poll.py file PATH --expect TEXT [--offset BYTES] --timeout S
      until PATH contains TEXT after byte BYTES (a log line saying "ready")
  poll.py redis PORT --timeout S
      until redis answers PING
  poll.py tcp PORT --timeout S
      until 127.0.0.1:PORT accepts a connection (closed at once, no request: no access-log line)
With --pid PID it gives up at once when that process is gone (a server that died at start).
"""
import argparse
import socket
import sys
import time
import urllib.request


def http_ok(a):
    try:
        with urllib.request.urlopen(a.target, timeout=2) as r:
            return a.expect in r.read().decode("utf-8", "replace")
    except OSError:
        return False


def file_ok(a):
    try:
        with open(a.target, "rb") as f:
            f.seek(a.offset)
            return a.expect.encode() in f.read()
    except OSError:
        return False


def redis_ok(a):
    try:
        with socket.create_connection(("127.0.0.1", int(a.target)), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def tcp_ok(a):
    try:
        with socket.create_connection(("127.0.0.1", int(a.target)), timeout=2):
            return True
    except OSError:
        return False


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["http", "file", "redis", "tcp"])
    ap.add_argument("target")
    ap.add_argument("--expect", default="")
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--consecutive", type=int, default=1)
    ap.add_argument("--timeout", type=float, required=True)
    ap.add_argument("--pid", type=int)
    a = ap.parse_args()
    check = {"http": http_ok, "file": file_ok, "redis": redis_ok, "tcp": tcp_ok}[a.kind]
    deadline = time.monotonic() + a.timeout
    streak = 0
    while time.monotonic() < deadline:
        streak = streak + 1 if check(a) else 0
        if streak >= a.consecutive:
            return 0
        if a.pid and not alive(a.pid):
            print(f"poll: process {a.pid} exited while waiting for {a.kind} {a.target}", file=sys.stderr)
            return 1
        time.sleep(0.1 if streak else 0.25)
    print(f"poll: gave up after {a.timeout:.0f}s waiting for {a.kind} {a.target} {a.expect!r}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
