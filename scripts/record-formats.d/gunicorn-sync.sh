# gunicorn, sync worker, plain WSGI app: access log with %(D)s %(L)s appended, error log with the
# traceback of the failing request.
rec_gunicorn_sync() {
  GUNICORN_ACCESS_FORMAT='%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(L)s'
  run_gunicorn sync wsgi_app:app
  story --name gunicorn-sync --program "gunicorn=$(pyver gunicorn)" --program "python=$(pyversion)" \
    --command "gunicorn -c gunicorn.conf.py --chdir scripts/record-formats.d wsgi_app:app (workers=2, worker_class=sync, loglevel=info)" \
    --config "access_log_format=$GUNICORN_ACCESS_FORMAT" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log error.log \
    --quirk 'access.log::" \d{3} \S+ "[^"]*" "[^"]*" \d+ \d+\.\d+$::%(D)s is microseconds (integer) and %(L)s decimal seconds, appended after the user agent' \
    --quirk 'access.log::"curl/8\.0 \\"quoted\\" back\\slash"::a quote in the user agent is escaped as \" but a backslash is written as is (not doubled)' \
    --quirk 'access.log::"GET /api/boom HTTP/1\.1" 500 0 "-" "-"::the 500 gunicorn answers after the app raised has size 0 and "-" for referer AND user agent (the client did send one)' \
    --quirk 'access.log::\?expand=items::%(r)s keeps the query string' \
    --quirk 'error.log::Error handling request GET /api/boom::the failing request is logged as "Error handling request METHOD PATH" (query string kept) at ERROR, then the traceback' \
    --quirk 'error.log::^events\.UpstreamError: ::the exception class carries its module (events.UpstreamError)' \
    --quirk 'error.log::The above exception was the direct cause::chained exceptions print two tracebacks joined by "The above exception was the direct cause..."' \
    --quirk 'error.log::^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4}\] \[\d+\] \[INFO\]::error log lines are "[YYYY-MM-DD HH:MM:SS +ZZZZ] [PID] [LEVEL] message"'
}
