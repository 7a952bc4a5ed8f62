#!/usr/bin/env python3
"""The measuring half of scripts/bench-remote: dashboard in tmux over 8 remote files, 8 writers
at RATE lines/s each. Prints the lag figures; asserts nothing."""
import os, re, subprocess, sys, threading, time

binary, out, rate, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
sock = "sitrep-bench-remote"
files = [f"{out}/web{1 + k % 2}/logs/f{k}.log" for k in range(8)]
for f in files:
    os.makedirs(os.path.dirname(f), exist_ok=True)
    open(f, "w").close()
sources = [f"web{1 + k % 2}:{f}" for k, f in enumerate(files)]


def tmux(*args):
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout


def shown():
    """Lines per source as the sources view shows them."""
    counts = {}
    for row in tmux("capture-pane", "-p", "-J").splitlines():
        for k, f in enumerate(files):
            if f"f{k}.log" in row:
                m = re.search(r"(following|done|failing|waiting)\s+(\d+)", row)
                if m:
                    counts[k] = int(m.group(2))
    return counts


env = dict(os.environ)
cmd = "exec " + " ".join([binary] + [f"'{s}'" for s in sources])
tmux("new-session", "-d", "-x", "200", "-y", "50", cmd)
deadline = time.time() + 30
while time.time() < deadline and "Services" not in tmux("capture-pane", "-p"):
    time.sleep(0.05)
tmux("send-keys", "s")
while time.time() < deadline and len(shown()) < 8:
    time.sleep(0.05)
pid = int(tmux("display-message", "-p", "#{pane_pid}").strip())

written = [0] * 8
stop_at = [0.0]


def writer(k):
    line = (
        '127.0.0.1 - - [{}] "GET /api/items/{} HTTP/1.1" 200 512 "-" "bench-remote" 0.012\n'
    )
    with open(files[k], "a") as f:
        start = time.time()
        while time.time() - start < seconds:
            due = int((time.time() - start) * rate)
            stamp = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime())
            chunk = "".join(line.format(stamp, i % 7) for i in range(written[k], due))
            f.write(chunk)
            f.flush()
            written[k] = due
            time.sleep(0.01)


def cpu_seconds(p):
    fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


cpu0 = cpu_seconds(pid)
threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
t0 = time.time()
for t in threads:
    t.start()
lags = []
while any(t.is_alive() for t in threads):
    time.sleep(0.5)
    w = list(written)
    s = shown()
    if len(s) == 8:
        lags.append(max((w[k] - s[k]) / rate for k in range(8)))
for t in threads:
    t.join()
last_write = time.time()
total = sum(written)
caught_up = None
while time.time() - last_write < 60:
    s = shown()
    if len(s) == 8 and all(s[k] >= written[k] for k in range(8)):
        caught_up = time.time() - last_write
        break
    time.sleep(0.02)
cpu = cpu_seconds(pid) - cpu0
final = shown()
tmux("send-keys", "q")
time.sleep(0.5)
tmux("kill-server")
lags.sort()
pct = lambda p: lags[min(len(lags) - 1, int(p * len(lags)))] if lags else float("nan")
print(f"remote files: 8 over ssh (2 hosts), {rate} lines/s each for {seconds:.0f} s: "
      f"{total} lines written, {sum(final.values())} shown")
print(f"lag behind the writers while writing (sampled every 0.5 s, screen refresh included): "
      f"median {pct(0.5):.2f} s, p90 {pct(0.9):.2f} s, max {lags[-1] if lags else float('nan'):.2f} s")
print("every line shown after the last write: "
      + (f"{caught_up:.2f} s" if caught_up is not None else "NOT within 60 s"))
print(f"sitrep CPU (its process only, sampling excluded): {cpu:.1f} s over "
      f"{time.time() - t0:.1f} s wall ({100 * cpu / (last_write - t0):.0f}% of one core while writing)")
