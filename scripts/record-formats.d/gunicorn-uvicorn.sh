# gunicorn with uvicorn's worker (the uvicorn-worker package) running the FastAPI app: uvicorn's own
# access lines (gunicorn's access_log_format is set but ignored) and the traceback of a failing route.
rec_gunicorn_uvicorn() {
  GUNICORN_ACCESS_FORMAT='%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(L)s'
  run_gunicorn uvicorn_worker.UvicornWorker asgi_app:app
  story --name gunicorn-uvicorn --program "gunicorn=$(pyver gunicorn)" \
    --program "uvicorn=$(pyver uvicorn)" --program "uvicorn-worker=$(pyver uvicorn-worker)" \
    --program "fastapi=$(pyver fastapi)" --program "starlette=$(pyver starlette)" --program "python=$(pyversion)" \
    --command "gunicorn -c gunicorn.conf.py --chdir scripts/record-formats.d asgi_app:app (workers=2, worker_class=uvicorn_worker.UvicornWorker, loglevel=info)" \
    --config "access_log_format=$GUNICORN_ACCESS_FORMAT" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log error.log \
    --quirk 'access.log::^\d+\.\d+\.\d+\.\d+:\d+ - "GET [^"]* HTTP/1\.1" \d{3}$::access_log_format is ignored: each line is only uvicorn'"'"'s message HOST:PORT - "METHOD PATH HTTP/1.1" STATUS (no timestamp, level, size, referer, user agent or duration)' \
    --quirk 'access.log:: 500\b::the failing route is logged with status 500' \
    --quirk 'access.log::\?expand=items::the path keeps its query string' \
    --quirk 'error.log::Exception in ASGI application::uvicorn logs "Exception in ASGI application" at ERROR, then the traceback' \
    --quirk 'error.log::^events\.UpstreamError: ::the exception class carries its module (events.UpstreamError)' \
    --quirk 'error.log::The above exception was the direct cause::chained exceptions print two tracebacks joined by "The above exception was the direct cause..."'
}
