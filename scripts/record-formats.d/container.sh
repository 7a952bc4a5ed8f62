# Container framings of a real program: gunicorn with uvicorn's worker, access and error logs on
# stdout/stderr ("-"), run under frame.py, which frames what it writes as Docker's json-file driver
# and Kubernetes CRI would (no container engine here). One traceback line is over 16 KiB.
rec_container() {
  local port; port="$(free_port)"
  RF_PORT="$port" RF_DIR="$DIR" RF_WORK="$W" RF_WORKER_CLASS=uvicorn_worker.UvicornWorker \
    RF_EVENTS="$W/events.jsonl" RF_ACCESS_FORMAT='-' RF_ACCESSLOG=- RF_ERRORLOG=- \
    "$PY" "$D/frame.py" "$DIR" -- "$VENV/bin/gunicorn" -c "$D/gunicorn.conf.py" --chdir "$D" --workers 1 asgi_app:app \
    >"$W/frame.out" 2>&1 &
  track $! frame TERM
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan container --max-s 30
  stop frame
  story --name container --program "gunicorn=$(pyver gunicorn)" --program "uvicorn=$(pyver uvicorn)" \
    --program "uvicorn-worker=$(pyver uvicorn-worker)" --program "fastapi=$(pyver fastapi)" --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/frame.py OUTDIR -- gunicorn -c gunicorn.conf.py --chdir scripts/record-formats.d --workers 1 asgi_app:app (accesslog=- errorlog=-, worker_class=uvicorn_worker.UvicornWorker)" \
    --config "docker json-file=one {\"log\",\"stream\",\"time\"} object a line; lines over 16384 bytes split into 16384-byte partial entries without the trailing \\n" \
    --config "cri=TIMESTAMP STREAM P|F CONTENT; a line over 16384 bytes split into P pieces of 16384 bytes and a last F piece" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" \
    --log stdout.log --log stderr.log --log docker-json.log --log cri.log --max-lines 200 \
    --quirk 'docker-json.log::^\{"log":"[^\n]{16384,}(?<!\\n)","stream":"stderr","time":"::a line over 16 KiB is split: a partial entry holds 16384 bytes and no trailing \n' \
    --quirk 'docker-json.log::\\u003cmodule\\u003e|\\u0026::Docker-style JSON escapes <, > and & as \u003c \u003e \u0026' \
    --quirk 'docker-json.log::"stream":"stdout"::access lines come on stdout' \
    --quirk 'docker-json.log::"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z"::time is RFC3339Nano in UTC with trailing zeros trimmed (variable fraction length)' \
    --quirk 'cri.log::^\S+ stderr P ::CRI partial pieces are tagged P' \
    --quirk 'cri.log::^\S+ stderr F events\.UpstreamError|^\S+ stderr F [^ ]*sku-::the last piece of the long line is tagged F' \
    --quirk 'cri.log::^\S+Z stdout F 127\.0\.0\.1:\d+ - "GET /health HTTP/1\.1" 200$::a whole line is "TIMESTAMP stdout F CONTENT"'
}
