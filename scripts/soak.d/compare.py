#!/usr/bin/env python3
"""Compares what the soak's writer wrote with what sitrep counted, and checks memory.

Usage: compare.py MANIFEST REPORT RSS_LOG RSS_BOUND_MIB

MANIFEST is the writer's (lines written per followed path, rotated generations included), REPORT
sitrep's JSON report (`sources[]`), RSS_LOG the soak's samples ("elapsed_s rss_kib hwm_kib" lines).

What "counted" means, per disturbance (README, "Soak"):
  rename rotation, copytruncate, symlink flip, partial lines, churned glob files that lived 15 s:
      exactly the lines written: every generation is read through to its end, a copytruncate's
      unread tail is read back from the copy, a flipped-back target resumes where it was left.
  flash files (created with 5 lines and deleted at once): 0 (never seen, possibly not listed) or
      all 5 (opened before the delete); anything in between is lost lines.
  churned files gone for a minute retire (README, "Memory bounds"): their own entries go and their
      lines join the glob's one `vanished` entry, which must hold exactly the lines of the retired
      churn files plus 0 or 5 per retired flash file.
Exit status 1 on any mismatch or when the peak RSS is over the bound.
"""
import json
import sys


def main():
    manifest_path, report_path, rss_path, bound_mib = sys.argv[1:5]
    bound_mib = float(bound_mib)
    manifest = json.load(open(manifest_path))
    report = json.load(open(report_path))
    counted = {s["path"]: s for s in report["sources"] if s["state"] != "vanished"}
    vanished = {s["path"]: s for s in report["sources"] if s["state"] == "vanished"}
    failures = []

    print("\n%-36s %-13s %5s %10s %10s %6s %9s %s" % (
        "file", "disturbance", "rot.", "written", "counted", "trunc", "recov. B", ""))
    churn = {"files": 0, "deleted": 0, "written": 0, "counted": 0}
    retired = {"files": 0, "written": 0}
    for path, f in sorted(manifest["files"].items()):
        s = counted.get(path)
        if s is None and f["kind"] == "churn" and f.get("deleted"):
            # Retired: checked against the glob's vanished entry below.
            retired["files"] += 1
            retired["written"] += f["lines"]
            churn["files"] += 1
            churn["deleted"] += 1
            churn["written"] += f["lines"]
            continue
        got = s["lines"] if s else None
        ok = got == f["lines"]
        if not ok:
            failures.append("%s: wrote %d lines, sitrep counted %s" % (path, f["lines"], got))
        if f["kind"] == "churn":
            # Hundreds over an hour: one summary line, and a row only for a file that is wrong.
            churn["files"] += 1
            churn["deleted"] += 1 if f.get("deleted") else 0
            churn["written"] += f["lines"]
            churn["counted"] += got or 0
            if ok:
                continue
        print("%-36s %-13s %5d %10d %10s %6s %9s %s" % (
            short(path), f["kind"], f["rotations"], f["lines"], got if got is not None else "-",
            s["truncations"] if s else "-", s["recovered_bytes"] if s else "-",
            "ok" if ok else "MISMATCH"))
    gone = sum(v["lines"] for v in vanished.values())
    gone_files = sum(v["vanished_files"] for v in vanished.values())
    flash_gone = [p for p in manifest["flash"] if p not in counted]
    flash_lines = gone - retired["written"]
    retired_ok = flash_lines >= 0 and flash_lines % 5 == 0 and flash_lines <= 5 * len(flash_gone)
    if not retired_ok:
        failures.append("vanished entries hold %d lines; the %d retired churn files had %d, leaving "
                        "%d for %d retired flash files (must be 0 or 5 each)" % (
                            gone, retired["files"], retired["written"], flash_lines, len(flash_gone)))
    churn["counted"] += gone - max(0, flash_lines)
    print("retired: %d files on the vanished entry (%d churn, %d lines written; %d lines from "
          "flash files), %s" % (gone_files, retired["files"], retired["written"],
                                max(0, flash_lines), "ok" if retired_ok else "MISMATCH"))
    print("%-36s %-13s %5s %10d %10d %6s %9s %s" % (
        "churn/*.log: %d files, %d deleted" % (churn["files"], churn["deleted"]), "glob churn", "-",
        churn["written"], churn["counted"], "-", "-",
        "ok" if churn["written"] == churn["counted"] else "MISMATCH"))
    seen = sum(1 for p in manifest["flash"] if counted.get(p, {}).get("lines", 0) > 0)
    for path, lines in sorted(manifest["flash"].items()):
        got = counted.get(path, {}).get("lines", 0)
        if got not in (0, lines):
            failures.append("%s (flash): wrote %d lines, sitrep counted %d" % (path, lines, got))
    print("flash files: %d created and deleted at once, %d seen whole by sitrep, the rest unseen"
          % (len(manifest["flash"]), seen))
    written = sum(f["lines"] for f in manifest["files"].values())
    total = sum(counted.get(p, {}).get("lines", 0) for p in manifest["files"]) + churn_retired(
        retired, retired_ok)
    print("all files: %d lines written, %d counted" % (written, total))
    unexpected = [p for p in counted if p not in manifest["files"] and p not in manifest["flash"]
                  and "*" not in p]
    for p in unexpected:
        failures.append("%s: counted by sitrep (%d lines) but never written" % (
            p, counted[p]["lines"]))

    pace = manifest["pace"]
    print("writer pace: %.0f lines/s against %.0f target, worst lag %.2f s, %d of %d ticks more "
          "than 0.5 s behind" % (pace["rate_achieved"], pace["rate_target"], pace["worst_lag_s"],
                                pace["ticks_behind_over_0_5s"], pace["ticks"]))
    if pace["worst_lag_s"] > 1.0:
        print("  the writer fell behind its pace (worst lag over 1 s): the rate was not held")

    samples = [tuple(float(x) for x in line.split()) for line in open(rss_path) if line.strip()]
    peak_hwm = max((s[2] for s in samples), default=0) / 1024
    last_rss = samples[-1][1] / 1024 if samples else 0
    print("memory: peak %.1f MiB (VmHWM), last sample %.1f MiB RSS, bound %.0f MiB"
          % (peak_hwm, last_rss, bound_mib))
    if peak_hwm > bound_mib:
        failures.append("peak RSS %.1f MiB over the bound of %.0f MiB" % (peak_hwm, bound_mib))

    print_largest_tables(report)
    if failures:
        print("\nFAIL")
        for f in failures:
            print("  " + f)
        return 1
    print("\nPASS: every line written was counted once, memory within the bound")
    return 0


def churn_retired(retired, ok):
    """The retired churn files' lines, counted on the vanished entry when it adds up."""
    return retired["written"] if ok else 0


def print_largest_tables(report):
    """The per-key tables that grow with the input, and their largest sizes."""
    services = report.get("services", [])
    routes = max(((len(s.get("routes", [])), s["name"]) for s in services), default=(0, "-"))
    layers = ["%s under %s" % (s["app_layer"]["name"], s["name"]) for s in services
              if s.get("app_layer")]
    print("largest per-key tables: %d services; most routes %d (%s); %d jobs; %d error "
          "signatures; %d sources" % (
              len(services), routes[0], routes[1], len(report.get("jobs", [])),
              len(report.get("errors", [])), len(report.get("sources", []))))
    if layers:
        print("  services shown as another's app layer (same traffic slot by slot): "
              + ", ".join(layers))


def short(path):
    parts = path.split("/")
    return "/".join(parts[-2:])


if __name__ == "__main__":
    sys.exit(main())
