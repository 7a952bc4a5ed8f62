"""Runs a real program with its stdout and stderr on pipes, the way a container runtime does, and
frames every line it writes in the two documented container log formats, timestamped when read:

- Docker's json-file driver: one JSON object a line, {"log":"...\\n","stream":"stdout|stderr",
  "time":"RFC3339Nano UTC"}. A line longer than 16 KiB is split into 16 KiB entries; the partial
  entries' "log" has no trailing newline, the last one has it. Like Docker's encoder, <, > and & are
  written \\u003c, \\u003e, \\u0026 (Go's HTML-safe JSON), and the time has trailing zeros trimmed.
- Kubernetes CRI (containerd): "TIMESTAMP STREAM TAG content", TAG P for a partial line (a 16 KiB
  piece of a longer one) and F for the full line or a long line's last piece.

Also keeps the raw streams (stdout.log, stderr.log) as read. On SIGTERM it sends SIGTERM to the
program, waits for it and drains the pipes, then exits with the program's status.

  frame.py OUTDIR [--max 16384] -- COMMAND ARGS...
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

LOCK = threading.Lock()


def rfc3339nano(ns):
    secs, frac = divmod(ns, 1_000_000_000)
    base = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs))
    f = f"{frac:09d}".rstrip("0")
    return base + ("." + f if f else "") + "Z"


def docker_json(text, stream, ts):
    s = json.dumps(text, ensure_ascii=False)
    s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    s = s.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return '{"log":%s,"stream":"%s","time":"%s"}\n' % (s, stream, ts)


def pump(pipe, stream, raw, docker, cri, maxlen):
    buf = b""
    while True:
        chunk = pipe.read1(65536) if hasattr(pipe, "read1") else pipe.read(65536)
        if not chunk:
            break
        raw.write(chunk)
        raw.flush()
        buf += chunk
        while True:
            nl = buf.find(b"\n")
            if nl < 0 and len(buf) < maxlen:
                break
            ts = rfc3339nano(time.time_ns())
            if nl < 0 or nl >= maxlen:
                piece, buf, full = buf[:maxlen], buf[maxlen:], False
            else:
                piece, buf, full = buf[:nl], buf[nl + 1:], True
            text = piece.decode("utf-8", "replace")
            with LOCK:
                docker.write(docker_json(text + ("\n" if full else ""), stream, ts))
                cri.write(f"{ts} {stream} {'F' if full else 'P'} {text}\n")
                docker.flush()
                cri.flush()
    if buf:  # the program ended without a final newline
        ts = rfc3339nano(time.time_ns())
        text = buf.decode("utf-8", "replace")
        with LOCK:
            docker.write(docker_json(text, stream, ts))
            cri.write(f"{ts} {stream} F {text}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--max", type=int, default=16384)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def forward(signum, _frame):
        proc.send_signal(signum)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    docker = open(os.path.join(a.outdir, "docker-json.log"), "w", encoding="utf-8")
    cri = open(os.path.join(a.outdir, "cri.log"), "w", encoding="utf-8")
    raws = {s: open(os.path.join(a.outdir, f"{s}.log"), "wb") for s in ("stdout", "stderr")}
    threads = [threading.Thread(target=pump, args=(p, s, raws[s], docker, cri, a.max))
               for p, s in ((proc.stdout, "stdout"), (proc.stderr, "stderr"))]
    for t in threads:
        t.start()
    rc = proc.wait()
    for t in threads:
        t.join()
    for f in (docker, cri, *raws.values()):
        f.close()
    return rc


if __name__ == "__main__":
    sys.exit(main())
