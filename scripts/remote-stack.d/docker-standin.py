#!/usr/bin/env python3
"""A stand-in for the docker CLI (no engine on this machine): answers `docker logs --timestamps
[--follow] (--tail N | --since T) -- NAME` as docker does, the container's stdout lines on
stdout and its stderr lines on stderr, each stamped with RFC 3339 nanoseconds. Records its argv
in $DOCKER_STANDIN_ARGV so the test checks what sitrep ran."""
import json
import os
import sys
import time

with open(os.environ["DOCKER_STANDIN_ARGV"], "w") as f:
    json.dump(sys.argv[1:], f)
if sys.argv[1:2] != ["logs"] or "--timestamps" not in sys.argv:
    print("docker stand-in: only `docker logs --timestamps` is imitated", file=sys.stderr)
    sys.exit(1)
now = time.time()
for i in range(60):
    t = now - 60 + i
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%09dZ" % (i * 1000)
    level = "ERROR" if i % 20 == 0 else "INFO"
    out = sys.stderr if level == "ERROR" else sys.stdout
    msg = {"level": level, "message": f"event {i}", "logger": "api"}
    print(f"{stamp} {json.dumps(msg)}", file=out, flush=True)
