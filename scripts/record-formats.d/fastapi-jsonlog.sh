# FastAPI with a JSON request-logging middleware (python-json-logger) under uvicorn --no-access-log.
rec_fastapi_jsonlog() {
  local port; port="$(free_port)"
  RF_EVENTS="$W/events.jsonl" RF_APP_LOG="$DIR/app.jsonl" "${SIGDEFAULT[@]}" "$VENV/bin/uvicorn" --app-dir "$D" \
    --host 127.0.0.1 --port "$port" --no-access-log jsonlog_app:app >"$W/uvicorn.out" 2>&1 &
  track $! uvicorn INT
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop uvicorn
  story --name fastapi-jsonlog --program "uvicorn=$(pyver uvicorn)" --program "fastapi=$(pyver fastapi)" \
    --program "python-json-logger=$(pyver python-json-logger)" --program "python=$(pyversion)" \
    --command "uvicorn --app-dir scripts/record-formats.d --host 127.0.0.1 --port PORT --no-access-log jsonlog_app:app" \
    --config "JsonFormatter format=%(asctime)s %(levelname)s %(name)s %(message)s" \
    --config "extra fields per request=method, path, route, status_code, duration_ms" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log app.jsonl \
    --quirk 'app.jsonl::"route": "/api/orders/\{order_id\}"::the route template is a field of its own beside the concrete path' \
    --quirk 'app.jsonl::"asctime": "\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}"::asctime keeps the stdlib shape (comma before milliseconds, no zone)' \
    --quirk 'app.jsonl::"exc_info": "Traceback \(most recent call last\)::the traceback is one JSON string in exc_info, newlines escaped' \
    --quirk 'app.jsonl::"path": "/api/missing", "route": null::a 404 has no route (null)' \
    --quirk 'app.jsonl::"duration_ms": \d+\.\d+::duration_ms is a float of milliseconds'
}
