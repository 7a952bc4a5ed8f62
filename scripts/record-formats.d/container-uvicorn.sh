# uvicorn alone in a container, as its defaults write: access lines on stdout; on stderr its own
# records (start-up, "Exception in ASGI application" and the traceback) and the app's, in the app's
# logging format (asgi_logging_app.py). Run under frame.py, which
# frames both streams as Docker's json-file driver and Kubernetes CRI would (no container engine here).
rec_container_uvicorn() {
  local port; port="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "$PY" "$D/frame.py" "$DIR" -- "$VENV/bin/uvicorn" --app-dir "$D" \
    --host 127.0.0.1 --port "$port" asgi_logging_app:app >"$W/frame.out" 2>&1 &
  track $! frame TERM
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 30
  stop frame
  story --name container-uvicorn --program "uvicorn=$(pyver uvicorn)" --program "fastapi=$(pyver fastapi)" \
    --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/frame.py OUTDIR -- uvicorn --app-dir scripts/record-formats.d --host 127.0.0.1 --port PORT asgi_logging_app:app" \
    --config "docker json-file=one {\"log\",\"stream\",\"time\"} object a line" \
    --config "cri=TIMESTAMP STREAM P|F CONTENT" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" \
    --log stdout.log --log stderr.log --log docker-json.log --log cri.log --max-lines 400 \
    --quirk 'docker-json.log::"log":"INFO:     127\.0\.0\.1:\d+ - \\"GET /health HTTP/1\.1\\" 200 OK\\n","stream":"stdout"::access lines come on stdout' \
    --quirk 'docker-json.log::"log":"INFO:     Started server process \[\d+\]\\n","stream":"stderr"::uvicorn'"'"'s own records come on stderr' \
    --quirk 'docker-json.log::"log":"ERROR:    Exception in ASGI application\\n","stream":"stderr"::the failing request'"'"'s traceback comes on stderr, after "Exception in ASGI application"' \
    --quirk 'stderr.log::^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} ERROR \[app\.requests\] request failed: GET /api/boom::the app'"'"'s own records share stderr with uvicorn'"'"'s, in the app'"'"'s format' \
    --quirk 'cri.log::^\S+ stdout F INFO:     127\.0\.0\.1:\d+ - "GET /api/boom HTTP/1\.1" 500 Internal Server Error$::the failing request'"'"'s access line is on stdout with its 500'
}
