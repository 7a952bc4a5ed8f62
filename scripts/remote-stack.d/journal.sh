# Run under `unshare -m`: a private /run so the journald started here is this test's alone.
# Usage: journal.sh SITREP OUTDIR
set -euo pipefail
SITREP="$1" OUT="$2"
mount -t tmpfs tmpfs /run
mkdir -p /run/systemd/journal /run/log/journal
/usr/lib/systemd/systemd-journald >"$OUT/journald.log" 2>&1 &
J=$!
trap 'kill -TERM $J 2>/dev/null; wait $J 2>/dev/null || true' EXIT
deadline=$((SECONDS + 10))
until [ -S /run/systemd/journal/socket ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
for i in $(seq 1 40); do
  if [ $((i % 10)) = 0 ]; then echo "payment failed for order $i" | systemd-cat -t remotestack -p err
  else echo "order $i processed" | systemd-cat -t remotestack -p info; fi
done
echo "not ours" | systemd-cat -t otherapp
# journald writes asynchronously: wait until all 40 are readable.
deadline=$((SECONDS + 10))
until [ "$(journalctl -q -o cat SYSLOG_IDENTIFIER=remotestack | wc -l)" -ge 40 ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
"$SITREP" report --json --window 1h journal:remotestack >"$OUT/journal.json" 2>"$OUT/journal.err" || true
python3 "$(dirname "$0")/check.py" journal "$OUT/journal.json" "$OUT"
