#!/usr/bin/env bash
# Run by journald.sh as `unshare -m --propagation private bash journald-ns.sh ...`: in a private
# mount namespace, a tmpfs on /run and a private /var/log/journal (the host's are never touched),
# a systemd-journald of our own, a real program fed to it through systemd-cat, then the exports.
#   journald-ns.sh WORK OUTDIR PY VENV D PORT
set -euo pipefail
W="$1" DIR="$2" PY="$3" VENV="$4" D="$5" PORT="$6"
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p "$W/var-log-journal"
[ -d /var/log/journal ] && mount --bind "$W/var-log-journal" /var/log/journal
JPID="" GPID=""
cleanup() {
  [ -n "$GPID" ] && kill -TERM "$GPID" 2>/dev/null && wait "$GPID" 2>/dev/null || true
  [ -n "$JPID" ] && kill -TERM "$JPID" 2>/dev/null && wait "$JPID" 2>/dev/null || true
}
trap cleanup EXIT
/lib/systemd/systemd-journald >"$W/journald.out" 2>&1 &
JPID=$!
for _ in $(seq 1 100); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.1; done
[ -S /run/systemd/journal/stdout ] || { echo "journald did not open its stdout socket" >&2; exit 1; }
# gunicorn (sync worker, plain WSGI app), access log on stdout, error log on stderr, both into the
# journal under the identifier "gunicorn"; stderr at priority warning.
RF_PORT="$PORT" RF_DIR="$DIR" RF_WORK="$W" RF_WORKER_CLASS=sync RF_EVENTS="$W/events.jsonl" \
  RF_ACCESSLOG=- RF_ERRORLOG=- \
  RF_ACCESS_FORMAT='%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(L)s' \
  systemd-cat -t gunicorn --stderr-priority=warning \
  "$VENV/bin/gunicorn" -c "$D/gunicorn.conf.py" --chdir "$D" --workers 1 wsgi_app:app &
GPID=$!
"$PY" "$D/../lib/poll.py" tcp "$PORT" --pid "$GPID" --timeout 30
"$PY" "$D/client.py" --base-url "http://127.0.0.1:$PORT" --plan api-short --out "$W/requests.jsonl" --max-s 30
kill -TERM "$GPID"; wait "$GPID" || true; GPID=""
# Our journald stores under the private /var/log/journal (persistent, as the host's folder exists) or
# /run/log/journal: journalctl with no -D reads both, and in this namespace both are ours.
journalctl --no-pager -o json SYSLOG_IDENTIFIER=gunicorn >"$DIR/journal.json"
journalctl --no-pager -o short-iso SYSLOG_IDENTIFIER=gunicorn >"$DIR/journal.short-iso.log"
