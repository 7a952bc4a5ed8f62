#!/usr/bin/env python3
"""Live benchmark: a writer appends ~100k lines/s to a followed file for 5 s while the dashboard runs
in tmux. Reports how long after the last write the sources view shows every line, and how long a key
(`?`) takes to show its overlay while the writer runs (several presses: median and worst). Prints
figures, asserts nothing."""
import os, subprocess, sys, threading, time

binary, work = sys.argv[1], sys.argv[2]
sock = "sitrep-bench-live"
log = os.path.join(work, "live.log")
template = open(os.path.join(work, "access.log"), "rb").read().split(b"\n")[:1000]
open(log, "wb").close()

def tmux(*args):
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout

def screen():
    return tmux("capture-pane", "-p")

def wait_for(predicate, timeout=30.0):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        text = screen()
        if predicate(text):
            return time.monotonic() - start
        time.sleep(0.005)
    return None

tmux("new-session", "-d", "-x", "160", "-y", "50", f"{binary} {log}")
wait_for(lambda s: "Services" in s)
tmux("send-keys", "s")
wait_for(lambda s: "lines" in s and "live.log" in s)

rate, seconds = 100_000, 5
written = 0
done_at = [0.0]

def writer():
    global written
    with open(log, "ab") as f:
        start = time.monotonic()
        while time.monotonic() - start < seconds:
            target = int((time.monotonic() - start) * rate)
            while written < target:
                f.write(b"\n".join(template) + b"\n")
                written += len(template)
            f.flush()
            time.sleep(0.01)
    done_at[0] = time.monotonic()

t = threading.Thread(target=writer)
t.start()
started = time.monotonic()
time.sleep(1.0)
key_delays = []
while time.monotonic() - started < seconds - 0.5:
    tmux("send-keys", "?")
    key_delays.append(wait_for(lambda s: "Keys:" in s, timeout=10))
    tmux("send-keys", "x")  # any key closes the help
    wait_for(lambda s: "Keys:" not in s, timeout=10)
    time.sleep(0.2)
t.join()
total = written

def shows_all(text):
    for line in text.splitlines():
        if "live.log" in line:
            return str(total) in line.split()
    return False

catch_up = wait_for(shows_all, timeout=60)
print(f"writer: {total} lines in {seconds} s ({total / seconds:.0f} lines/s)")
print(f"all lines counted on screen {catch_up:.3f} s after the last write" if catch_up is not None
      else "counters did not reach the total within 60 s")
seen = sorted(d for d in key_delays if d is not None)
if seen:
    print(f"key response under load ('?' to overlay, {len(key_delays)} presses): median "
          f"{seen[len(seen) // 2] * 1000:.0f} ms, worst {seen[-1] * 1000:.0f} ms"
          + (f", {len(key_delays) - len(seen)} not seen within 10 s" if len(seen) < len(key_delays) else ""))
else:
    print("key response: overlay not seen within 10 s")
tmux("send-keys", "q")
time.sleep(0.3)
tmux("kill-server")
