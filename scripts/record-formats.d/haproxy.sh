# HAProxy (option httplog) in front of uvicorn, "log stdout format raw" redirected to a file; then
# uvicorn is stopped and HAProxy answers 503 itself (no server available).
NEEDS_DEB+=(haproxy:haproxy)
rec_haproxy() {
  local port up
  port="$(free_port)" up="$(free_port)"
  RF_EVENTS="$W/events.jsonl" "${SIGDEFAULT[@]}" "$VENV/bin/uvicorn" --app-dir "$D" --host 127.0.0.1 --port "$up" \
    --no-access-log asgi_app:app >"$W/uvicorn.out" 2>&1 &
  track $! uvicorn INT
  poll tcp "$up" --pid $! --timeout 30
  cat >"$W/haproxy.cfg" <<HAP
global
    log stdout format raw local0 info
defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 10s
    timeout server 10s
frontend web
    bind 127.0.0.1:$port
    default_backend api
backend api
    server app1 127.0.0.1:$up
HAP
  haproxy -c -q -f "$W/haproxy.cfg"
  haproxy -db -f "$W/haproxy.cfg" >"$DIR/haproxy.log" 2>"$W/haproxy.err" &
  track $! haproxy USR1
  poll tcp "$port" --pid $! --timeout 20
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop uvicorn
  client "http://127.0.0.1:$port" --plan down --max-s 30 --tag "upstream down"
  stop haproxy
  story --name haproxy --program "haproxy=$(haproxy -v | head -1 | awk '{print $3}')" --program "uvicorn=$(pyver uvicorn)" \
    --program "fastapi=$(pyver fastapi)" --program "python=$(pyversion)" \
    --command "haproxy -db -f haproxy.cfg (stdout to haproxy.log; stopped with SIGUSR1)" \
    --config "haproxy.cfg=$(sed "s|127.0.0.1:$port|127.0.0.1:PORT|; s|127.0.0.1:$up|127.0.0.1:UPSTREAM|" "$W/haproxy.cfg" | tr '\n' ';' | tr -s ' ')" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log haproxy.log \
    --quirk 'haproxy.log::^127\.0\.0\.1:\d+ \[\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d\.\d{3}\] web api/app1 \d+/\d+/\d+/\d+/\d+ 200 \d+ - - ---- \d+/\d+/\d+/\d+/\d+ \d+/\d+ "GET /health HTTP/1\.1"$::option httplog: CLIENT:PORT [DD/Mon/YYYY:HH:MM:SS.mmm] FRONTEND BACKEND/SERVER TR/Tw/Tc/Tr/Ta STATUS BYTES - - FLAGS conns queues "REQUEST"; no zone; Ta (ms) is the total time' \
    --quirk 'haproxy.log::web api/app1 0/0/-1/-1/\d+ 503 \d+ - - SC-- \d+/\d+/\d+/\d+/3 ::with the upstream down HAProxy answers 503 (not 502) after its 3 retries: Tc/Tr are -1, Ta about 3000 ms, flags SC--, the retry count last in the conns field' \
    --quirk 'haproxy.log::web/<NOSRV> -1/-1/-1/-1/\d+ 400 0 - - CR-- .* "<BADREQ>"$::a connection closed without a request (the script'"'"'s TCP readiness probe) is logged as 400 "<BADREQ>" with flags CR--: that line is not one of the story'"'"'s requests' \
    --quirk 'haproxy.log::"GET /api/orders/3\?expand=items&currency=EUR HTTP/1\.1"::the request keeps the query string' \
    --quirk 'haproxy.log::^Proxy web stopped \(cumulated conns: FE: \d+, BE: \d+\)\.$::the soft stop writes "Proxy NAME stopped (cumulated conns: ...)." lines, unprefixed, into the same stream'
}
