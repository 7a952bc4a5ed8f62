# nginx in front of uvicorn (FastAPI app): the combined format with $request_time
# $upstream_response_time $pipe appended, and a JSON format (escape=json), both for the same
# requests; then uvicorn is stopped and nginx answers 502 itself (upstream down).
NEEDS_DEB+=(nginx:nginx)

NGINX_TIMED="log_format timed '\$remote_addr - \$remote_user [\$time_local] \"\$request\" \$status \$body_bytes_sent \"\$http_referer\" \"\$http_user_agent\" \$request_time \$upstream_response_time \$pipe';"
NGINX_JSON="log_format jsonlog escape=json '{\"time\":\"\$time_iso8601\",\"remote_addr\":\"\$remote_addr\",\"request_method\":\"\$request_method\",\"request_uri\":\"\$request_uri\",\"status\":\$status,\"body_bytes_sent\":\$body_bytes_sent,\"request_time\":\$request_time,\"upstream_response_time\":\"\$upstream_response_time\",\"upstream_status\":\"\$upstream_status\",\"http_user_agent\":\"\$http_user_agent\"}';"

rec_nginx() {
  local nginx port up
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  port="$(free_port)" up="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "${SIGDEFAULT[@]}" "$VENV/bin/uvicorn" --app-dir "$D" --host 127.0.0.1 --port "$up" \
    --no-access-log asgi_app:app >"$W/uvicorn.out" 2>&1 &
  track $! uvicorn INT
  poll tcp "$up" --pid $! --timeout 30
  mkdir -p "$W/tmp"
  "$PY" - "$D/nginx.conf.tmpl" "$W/nginx.conf" "$NGINX_TIMED" "$NGINX_JSON" "$W" "$DIR" "$port" "$up" <<'PYEOF'
import sys
src, dst, timed, js, work, out, port, up = sys.argv[1:]
t = open(src).read()
t = t.replace("    # @LOG_FORMATS@ (nginx.sh puts the two log_format directives here, and into story.json)",
              "    " + timed + "\n    " + js)
for k, v in (("@WORK@", work), ("@DIR@", out), ("@PORT@", port), ("@UPSTREAM@", up)):
    t = t.replace(k, v)
open(dst, "w").write(t)
PYEOF
  "$nginx" -t -q -p "$W" -e "$W/nginx-t.log" -c "$W/nginx.conf"
  "${SIGDEFAULT[@]}" "$nginx" -p "$W" -e "$DIR/error.log" -c "$W/nginx.conf" >"$W/nginx.out" 2>&1 &
  track $! nginx QUIT
  poll tcp "$port" --pid $! --timeout 20
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop uvicorn
  client "http://127.0.0.1:$port" --plan down --max-s 20 --tag "upstream down"
  stop nginx
  story --name nginx --program "nginx=$("$nginx" -v 2>&1 | sed 's|.*/||')" --program "uvicorn=$(pyver uvicorn)" \
    --program "fastapi=$(pyver fastapi)" --program "python=$(pyversion)" \
    --command "nginx -p WORK -e error.log -c nginx.conf (daemon off; worker_processes 1; access_log access.log timed; access_log access.json.log jsonlog)" \
    --command "uvicorn --app-dir scripts/record-formats.d --host 127.0.0.1 --port UPSTREAM --no-access-log asgi_app:app (stopped before the 'upstream down' requests)" \
    --config "log_format timed=$NGINX_TIMED" --config "log_format jsonlog=$NGINX_JSON" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log access.json.log --log error.log \
    --quirk 'access.log:: \d+\.\d{3} \d+\.\d{3} \.$::$request_time and $upstream_response_time are seconds with 3 decimals; $pipe is "." (not pipelined)' \
    --quirk 'access.log:: 502 \d+ .* \d+\.\d{3} (-|\d+\.\d{3}) \.$::nginx'"'"'s own 502 (upstream down, connection refused) is in the access log with a body size, and $upstream_response_time is a time (0.000), not "-"' \
    --quirk 'access.json.log::"status":502,.*"upstream_status":"502"::for the 502s nginx made itself $upstream_status is "502" too' \
    --quirk 'access.log::\\x22quoted\\x22 back\\x5Cslash::a quote in the user agent is written \x22 and a backslash \x5C' \
    --quirk 'access.log::\?expand=items&currency=EUR::$request keeps the query string' \
    --quirk 'access.json.log::\\"quoted\\" back\\\\slash::escape=json writes a quote as \" and a backslash as \\' \
    --quirk 'access.json.log::"upstream_response_time":"[^"]*"::$upstream_response_time is quoted in the format (it can be "-" or a list "0.001, 0.000")' \
    --quirk 'access.json.log::"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"::$time_iso8601 has seconds only and a +00:00 offset' \
    --quirk 'error.log::connect\(\) failed \(111: Connection refused\) while connecting to upstream::the 502s leave "connect() failed (111: Connection refused) while connecting to upstream" in the error log'
}
