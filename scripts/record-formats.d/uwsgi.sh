# uWSGI (built from source into the venv on first use, about 90 s) serving the plain WSGI app; its
# default request-log lines and the Python traceback of the failing request, to a --logto file.
rec_uwsgi() {
  ensure_uwsgi
  local port; port="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "$VENV/bin/uwsgi" --http-socket "127.0.0.1:$port" --chdir "$D" \
    --wsgi-file "$D/wsgi_app.py" --callable app --master --processes 1 --need-app --die-on-term \
    --logto "$DIR/uwsgi.log" >"$W/uwsgi.out" 2>&1 &
  track $! uwsgi TERM
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop uwsgi
  story --name uwsgi --program "uwsgi=$("$VENV/bin/uwsgi" --version)" --program "python=$(pyversion)" \
    --command "uwsgi --http-socket 127.0.0.1:PORT --chdir scripts/record-formats.d --wsgi-file wsgi_app.py --callable app --master --processes 1 --need-app --die-on-term --logto uwsgi.log (stopped with SIGTERM)" \
    --config "logformat=(uWSGI's default request logging)" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log uwsgi.log --max-lines 120 \
    --quirk 'uwsgi.log::^\[pid: \d+\|app: 0\|req: \d+/\d+\] 127\.0\.0\.1 \(\) \{\d+ vars in \d+ bytes\} \[[A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d \d{4}\] GET /health => generated \d+ bytes in \d+ msecs \(HTTP/1\.1 200\)::request lines are "[pid: P|app: 0|req: N/M] ADDR () {N vars in N bytes} [ctime date] METHOD URI => generated N bytes in N msecs (PROTO STATUS) ..."; the duration is whole milliseconds' \
    --quirk 'uwsgi.log::GET /api/orders/3\?expand=items&currency=EUR =>::the URI keeps the query string' \
    --quirk 'uwsgi.log::GET /api/boom => generated 0 bytes in \d+ msecs \(HTTP/1\.1 500\) 0 headers in 0 bytes \(0 switches on core 0\)::the failing request is logged with status 500, 0 bytes and 0 headers' \
    --quirk 'uwsgi.log::^Traceback \(most recent call last\):$::the traceback comes BEFORE its request line, with no header line of its own (no time, level or path)' \
    --quirk 'uwsgi.log::^events\.UpstreamError: ::the Python traceback is written into the same log, ending with the module-qualified exception' \
    --quirk 'uwsgi.log::^\*\*\*.*\*\*\*$::uWSGI'"'"'s startup banner has "*** ... ***" lines'
}
