# Caddy reverse_proxy to uvicorn (FastAPI app), JSON access log to a file; then uvicorn is stopped
# and Caddy answers 502 itself.
NEEDS_DEB+=(caddy:caddy)
rec_caddy() {
  local port up
  port="$(free_port)" up="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "${SIGDEFAULT[@]}" "$VENV/bin/uvicorn" --app-dir "$D" --host 127.0.0.1 --port "$up" \
    --no-access-log asgi_app:app >"$W/uvicorn.out" 2>&1 &
  track $! uvicorn INT
  poll tcp "$up" --pid $! --timeout 30
  cat >"$W/Caddyfile" <<CADDY
{
	admin off
	auto_https off
	storage file_system $W/caddy-data
}
http://127.0.0.1:$port {
	bind 127.0.0.1
	log {
		output file $DIR/access.log
		format json
	}
	reverse_proxy 127.0.0.1:$up
}
CADDY
  XDG_DATA_HOME="$W/xdg-data" XDG_CONFIG_HOME="$W/xdg-config" \
    caddy run --config "$W/Caddyfile" --adapter caddyfile >"$DIR/caddy.log" 2>&1 &
  track $! caddy TERM
  poll tcp "$port" --pid $! --timeout 30
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop uvicorn
  client "http://127.0.0.1:$port" --plan down --max-s 20 --tag "upstream down"
  stop caddy
  story --name caddy --program "caddy=$(caddy version | awk '{print $1}')" --program "uvicorn=$(pyver uvicorn)" \
    --program "fastapi=$(pyver fastapi)" --program "python=$(pyversion)" \
    --command "caddy run --config Caddyfile --adapter caddyfile (its own log, stderr, to caddy.log; stopped with SIGTERM)" \
    --config "Caddyfile=$(tr '\t' ' ' <"$W/Caddyfile" | sed "s|$W|WORK|g; s|$DIR|OUTDIR|g; s|127.0.0.1:$port|127.0.0.1:PORT|; s|127.0.0.1:$up|127.0.0.1:UPSTREAM|" | tr '\n' ' ' | tr -s ' ')" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log access.log --log caddy.log \
    --quirk 'access.log::^\{"level":"info","ts":\d+\.\d+,"logger":"http\.log\.access[^"]*","msg":"handled request"::each record is {"level","ts" (epoch seconds, float),"logger":"http.log.access...","msg":"handled request",...}' \
    --quirk 'access.log::"level":"error".*"status":404::4xx records are at "level":"error"' \
    --quirk 'access.log::"level":"error".*"status":500::5xx records are at "level":"error"' \
    --quirk 'access.log::"duration":\d+\.\d+::duration is seconds as a float' \
    --quirk 'access.log::"uri":"/api/orders/3\?expand=items&currency=EUR"::request.uri keeps the query string' \
    --quirk 'access.log::"User-Agent":\["curl/8\.0 \\"quoted\\" back\\\\slash"\]::headers are arrays of strings; the user agent is JSON-escaped' \
    --quirk 'access.log::"status":502::Caddy'"'"'s own 502 (upstream down) is in the access log' \
    --quirk 'access.log::"size":0,"status":502,"resp_headers":\{"Server":\["Caddy"\]\}::its 502 has size 0 and only Server: Caddy among the response headers' \
    --quirk 'access.log::"remote_port":"\d+"::remote_port is a string' \
    --quirk 'caddy.log::"level":"error".*"msg":"dial tcp 127\.0\.0\.1:\d+: connect: connection refused"|"err_id"::the upstream failure itself is in Caddy'"'"'s own log (stderr), not in the access log'
}
