# Daphne running the FastAPI app: access log to a file, its own log (exceptions) on stderr.
rec_daphne() {
  local port; port="$(free_port)"
  (cd "$D" && RF_EVENTS="$W/events.jsonl" exec "${SIGDEFAULT[@]}" "$VENV/bin/daphne" -b 127.0.0.1 -p "$port" \
    --access-log "$DIR/access.log" -v 1 asgi_app:app >"$DIR/server.log" 2>&1) &
  track $! daphne INT
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  # Daphne logs application exceptions from a reaper that runs about once a second.
  pause 2.5
  stop daphne
  story --name daphne --program "daphne=$(pyver daphne)" --program "twisted=$(pyver twisted)" \
    --program "fastapi=$(pyver fastapi)" --program "python=$(pyversion)" \
    --command "daphne -b 127.0.0.1 -p PORT --access-log access.log -v 1 asgi_app:app (cwd scripts/record-formats.d; stderr to server.log; 2.5 s wait, then SIGINT)" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log server.log \
    --quirk 'access.log::"GET /health" 200 \d+$::access lines have no protocol in the request: "METHOD PATH" STATUS SIZE' \
    --quirk 'access.log::"GET /api/orders/3\?expand=items&currency=EUR" 200::the path keeps its query string' \
    --quirk 'server.log::^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR    Exception inside application: inventory::its own lines are "YYYY-MM-DD HH:MM:SS,mmm LEVEL(padded to 8) message"; the exception line carries the message' \
    --quirk 'access.log::^127\.0\.0\.1:\d+ - - \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d\]::HOST:PORT - - [DD/Mon/YYYY:HH:MM:SS] with no zone' \
    --quirk 'server.log::Exception inside application::exceptions are logged as "Exception inside application: MESSAGE" then the traceback' \
    --quirk 'server.log::^events\.UpstreamError: ::the exception class carries its module'
}
