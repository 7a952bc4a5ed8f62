"""remote-stack's assertions on sitrep's report JSON. Usage: check.py WHAT [REPORT] OUTDIR"""
import json
import os
import sys

failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def sources(report):
    return {s["path"]: s for s in report["sources"]}


def load(path):
    with open(path) as f:
        return json.load(f)


def headless(report, out):
    by = sources(report)
    for host, n in (("web1", 3000), ("web2", 2000)):
        s = by.get(f"{host}:{out}/{host}/logs/access.log")
        expect(s is not None, f"{host}'s access.log is a source")
        if s:
            expect(s["lines"] == n, f"{host}: {s['lines']} lines read of {n} written")
            expect(s["host"] == host, f"{host}: host label {s['host']}")
            expect(s["state"] == "done", f"{host}: state {s['state']} {s['state_reason']}")
            expect(s["format"] == "nginx-combined", f"{host}: format {s['format']}")
            if host == "web1":
                names = [f"web1:{out}/web1/logs/access.log", f"web1:{out}/web1/logs/*.log"]
                expect(s["named_by"] == names, f"named by a path and a glob, read once: {s['named_by']}")
            expect(s["command"][0] == "ssh" and "BatchMode=yes" in s["command"], "ssh with BatchMode")
    odd = {p: s for p, s in by.items() if "/odd dir/" in p}
    names = {os.path.basename(p.split(":", 1)[1]): s["lines"] for p, s in odd.items()}
    expect(names == {"a b.log": 100, "it's $(x).log": 200, "-dash.log": 300}, f"glob with odd names: {names}")
    api = {s["name"]: s for s in report["services"]}
    total = sum(s["requests"] for s in api.values())
    expect(total == 5600, f"requests counted over all sources: {total} of 5600")


def live(report, out):
    by = sources(report)
    for host in ("web1", "web2"):
        written = json.loads(open(f"{out}/writer{host[-1]}.out").read())
        s = by.get(f"{host}:{out}/{host}/logs/live.log")
        expect(s is not None, f"{host}'s live.log is a source")
        if s:
            expect(
                s["lines"] == written["written"],
                f"{host}: {s['lines']} lines followed of {written['written']} written "
                f"over {written['rotations']} rotations",
            )
            expect(s["restarts"] == 0, f"{host}: no restarts ({s['restarts']})")


def gone(report, out):
    by = sources(report)
    s1 = by.get(f"web1:{out}/web1/logs/live.log")
    s2 = by.get(f"web2:{out}/web2/logs/live.log")
    expect(s1 is not None and s1["state"] in ("done", "following"), f"web1 still fine: {s1 and s1['state']}")
    expect(s2 is not None and s2["state"] == "failing", f"web2 failing: {s2 and s2['state']}")
    if s2:
        print("     web2 says:", s2["state_reason"], "| last_exit:", s2["last_exit"], "| stderr:", s2["stderr"])
        expect(s2["last_exit"] is not None and "255" in s2["last_exit"], "ssh's exit status 255 shown")


def orphans(out):
    left = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            args = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        # A ControlPersist master renames itself "ssh: <control path> [mux]".
        is_ssh = args and (os.path.basename(args[0]) == b"ssh" or args[0].startswith(b"ssh: "))
        if is_ssh and any(out.encode() in a for a in args):
            left.append(b" ".join(args).decode(errors="replace"))
    expect(not left, f"ssh processes left: {left}")


def journal(report, out):
    by = sources(report)
    s = by.get("journal:remotestack")
    expect(s is not None, "journal:remotestack is a source")
    if not s:
        return
    expect(s["lines"] == 40, f"journal lines {s['lines']} of 40 (another identifier left out)")
    expect(s["wrapper"] == "journal-json", f"wrapper {s['wrapper']}")
    expect(s["state"] == "done", f"state {s['state']} {s['state_reason']} {s['stderr']}")
    errors = sum(e["count"] for e in report["errors"])
    expect(errors == 4, f"PRIORITY err lines counted as errors: {errors} of 4")


def docker(report, out):
    argv = json.load(open(f"{out}/docker.argv"))
    expect(argv[:2] == ["logs", "--timestamps"] and argv[-2:] == ["--", "api"], f"docker argv {argv}")
    s = sources(report).get("docker:api")
    expect(s is not None, "docker:api is a source")
    if not s:
        return
    expect(s["lines"] == 60, f"docker lines {s['lines']} of 60, stdout and stderr both")
    expect(s["wrapper"] == "docker-timestamps", f"wrapper {s['wrapper']}")
    errors = sum(e["count"] for e in report["errors"])
    expect(errors == 3, f"error records from the container's stderr: {errors} of 3")


what = sys.argv[1]
if what == "orphans":
    orphans(sys.argv[2])
else:
    globals()[what](load(sys.argv[2]), sys.argv[3])
sys.exit(1 if failures else 0)
