# Flask on Werkzeug's dev server, its stderr (request lines and Flask's exception log) to server.log.
rec_flask_werkzeug() {
  local port; port="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "${SIGDEFAULT[@]}" "$VENV/bin/flask" --app "$D/flask_app.py" run --host 127.0.0.1 --port "$port" \
    --no-reload --no-debugger >"$DIR/server.log" 2>&1 &
  track $! flask INT
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop flask
  story --name flask-werkzeug --program "flask=$(pyver flask)" --program "werkzeug=$(pyver werkzeug)" \
    --program "python=$(pyversion)" \
    --command "flask --app scripts/record-formats.d/flask_app.py run --host 127.0.0.1 --port PORT --no-reload --no-debugger (stdout and stderr to server.log; stopped with SIGINT)" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log server.log \
    --quirk 'server.log::^127\.0\.0\.1 - - \[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] "GET /health HTTP/1\.1" 200 -$::request lines are "HOST - - [DD/Mon/YYYY HH:MM:SS] \"REQUEST\" STATUS -": no zone, no size, no user agent or duration' \
    --quirk 'server.log::"\x1b\[33mGET /api/missing HTTP/1\.1\x1b\[0m" 404 -$::a 404 line has ANSI yellow codes INSIDE the quotes, around the request text (ESC[33m ... ESC[0m)' \
    --quirk 'server.log::"\x1b\[35m\x1b\[1mGET /api/boom HTTP/1\.1\x1b\[0m" 500 -$::a 500 line has bold magenta codes inside the quotes (ESC[35mESC[1m ... ESC[0m)' \
    --quirk 'server.log::"\x1b\[35m\x1b\[1mPOST /api/orders HTTP/1\.1\x1b\[0m" 201 -$::a 201 is coloured bold magenta too (only 200 is plain)' \
    --quirk 'server.log::^\x1b\[31m\x1b\[1mWARNING: This is a development server::the startup warning is in ANSI red as well' \
    --quirk 'server.log::^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR in app: Exception on /api/boom \[GET\]::Flask logs "[YYYY-MM-DD HH:MM:SS,mmm] ERROR in app: Exception on PATH [METHOD]" then the traceback (no query string)' \
    --quirk 'server.log::^events\.UpstreamError: ::the exception class carries its module'
}
