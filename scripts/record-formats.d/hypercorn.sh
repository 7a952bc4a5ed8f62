# Hypercorn running the FastAPI app, access and error logs to files.
rec_hypercorn() {
  local port; port="$(free_port)"
  (cd "$D" && RF_EVENTS="$W/events.jsonl" exec "${SIGDEFAULT[@]}" "$VENV/bin/hypercorn" --bind "127.0.0.1:$port" \
    --access-logfile "$DIR/access.log" --error-logfile "$DIR/error.log" asgi_app:app >"$W/hypercorn.out" 2>&1) &
  track $! hypercorn INT
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop hypercorn
  story --name hypercorn --program "hypercorn=$(pyver hypercorn)" --program "fastapi=$(pyver fastapi)" \
    --program "python=$(pyversion)" \
    --command "hypercorn --bind 127.0.0.1:PORT --access-logfile access.log --error-logfile error.log asgi_app:app (cwd scripts/record-formats.d; stopped with SIGINT)" \
    --config "access_log_format=(hypercorn's default)" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log error.log \
    --quirk 'access.log::"GET /api/orders/3 1\.1"::%(r)s has no query string and says 1.1, not HTTP/1.1' \
    --quirk 'access.log::^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[INFO\] 127\.0\.0\.1:\d+ - - \[::access lines carry the logger prefix [time] [PID] [INFO] then a combined-like record' \
    --quirk 'access.log::"curl/8\.0 "quoted" back\\slash"$::the user agent is written raw: its quotes are NOT escaped, so the quoted field holds unescaped quotes' \
    --quirk 'access.log::\] "GET /api/orders/3 1\.1" 200 \d+ "-" "::combined shape after the prefix: "METHOD PATH 1.1" STATUS SIZE "REFERER" "UA", no duration' \
    --quirk 'error.log::Error in ASGI Framework::an exception is logged as "Error in ASGI Framework" then the traceback' \
    --quirk 'error.log::^events\.UpstreamError: ::the exception class carries its module'
}
