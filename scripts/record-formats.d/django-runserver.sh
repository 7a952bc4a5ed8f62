# Django runserver with DEBUG=True and the default LOGGING: its stderr to server.log.
rec_django_runserver() {
  local port; port="$(free_port)"
  RF_EVENTS="$W/events.jsonl" DJANGO_SETTINGS_MODULE=django_site PYTHONPATH="$D" \
    "${SIGDEFAULT[@]}" "$PY" -m django runserver "127.0.0.1:$port" --noreload >"$DIR/server.log" 2>&1 &
  track $! django INT
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop django
  # Django's default TIME_ZONE is America/Chicago: runserver's times are in that zone, not the host's.
  local offset
  offset="$("$PY" - "$DIR/server.log" "$W/requests.jsonl" <<'PYEOF'
import json, re, sys
from datetime import datetime, timezone
line = next(l for l in open(sys.argv[1]) if re.match(r"\[\d\d/\w{3}/\d{4} [\d:]{8}\] \"GET /health", l))
logged = datetime.strptime(line[1:21], "%d/%b/%Y %H:%M:%S")
sent = datetime.fromtimestamp(json.loads(open(sys.argv[2]).readline())["t0"], timezone.utc).replace(tzinfo=None)
print(round((logged - sent).total_seconds() / 3600))
PYEOF
)"
  story --name django-runserver --program "django=$(pyver django)" --program "python=$(pyversion)" \
    --command "DJANGO_SETTINGS_MODULE=django_site python -m django runserver 127.0.0.1:PORT --noreload (DEBUG=True, default LOGGING; stdout and stderr to server.log; stopped with SIGINT)" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log server.log \
    --note "observed: request-line times are UTC$( [ "${offset:0:1}" = - ] && echo - || echo + )${offset#-} hours (Django's default TIME_ZONE America/Chicago, settings set no TIME_ZONE); the client's first GET /health was sent at story.requests[0].t0" \
    --quirk 'server.log::^\[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] "GET /health HTTP/1\.1" 200 \d+$::request lines are "[DD/Mon/YYYY HH:MM:SS] \"REQUEST\" STATUS SIZE": no level, no host, no zone' \
    --quirk 'server.log::^Internal Server Error: /api/boom$::an exception is "Internal Server Error: PATH" (no timestamp, no query string) then the traceback' \
    --quirk 'server.log::^Not Found: /api/missing$::a 404 adds a "Not Found: PATH" line before its request line' \
    --quirk 'server.log::"GET /api/boom\?retry=1 HTTP/1\.1" 500 \d+::the request line keeps the query string' \
    --quirk 'server.log::^events\.UpstreamError: ::the exception class carries its module'
}
