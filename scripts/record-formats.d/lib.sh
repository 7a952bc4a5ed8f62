# Sourced by scripts/record-formats: process tracking and helpers the drivers use.
# Each recording runs in a subshell with its own PIDS/NAMES/SIGNALS, stopped by its EXIT trap.
PIDS=() NAMES=() SIGNALS=()
track() { PIDS+=("$1"); NAMES+=("$2"); SIGNALS+=("$3"); }
untrack() {
  local i
  for i in "${!PIDS[@]}"; do
    [ "${PIDS[$i]}" = "$1" ] && unset 'PIDS[i]' 'NAMES[i]' 'SIGNALS[i]'
  done
  return 0
}

# stop_pid PID NAME SIGNAL: the graceful signal, a deadline, KILL only past it.
stop_pid() {
  local pid="$1" name="$2" sig="$3" deadline
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -"$sig" "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
    [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" = Z ] && break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]; then
    log "$name ($pid) ignored SIG$sig for 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# stop NAME: stop the tracked process of that name now (the drivers stop servers before the story).
stop() {
  local i
  for i in "${!PIDS[@]}"; do
    if [ "${NAMES[$i]}" = "$1" ]; then
      stop_pid "${PIDS[$i]}" "${NAMES[$i]}" "${SIGNALS[$i]}"
      unset 'PIDS[i]' 'NAMES[i]' 'SIGNALS[i]'
    fi
  done
  return 0
}

stop_all() {
  local i
  for i in $(printf '%s\n' "${!PIDS[@]}" | sort -rn); do
    stop_pid "${PIDS[$i]}" "${NAMES[$i]}" "${SIGNALS[$i]}"
  done
  PIDS=() NAMES=() SIGNALS=()
}

# Sleep in the background and wait, so a signal is acted on at once.
pause() { sleep "$1" & wait $!; }

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
poll() { "$PY" "$LIB/poll.py" "$@"; }
# client BASE_URL [client.py args]: the standard request plan against BASE_URL, into $W/requests.jsonl.
client() { local base="$1"; shift; "$PY" "$D/client.py" --base-url "$base" --out "$W/requests.jsonl" "$@"; }
# pyver DIST: the installed version of a Python distribution in the venv.
pyver() { "$PY" -c 'import sys; from importlib.metadata import version; print(version(sys.argv[1]))' "$1"; }
pyversion() { "$PY" -c 'import sys; print(sys.version.split()[0])'; }
story() { "$PY" "$D/story.py" "$DIR" "$@"; }


# run_gunicorn WORKER_CLASS APP (uses $GUNICORN_ACCESS_FORMAT): start gunicorn on a free port, drive the standard plan, stop it.
run_gunicorn() {
  local klass="$1" app="$2" port
  port="$(free_port)"
  RF_PORT="$port" RF_DIR="$DIR" RF_WORK="$W" RF_WORKER_CLASS="$klass" RF_EVENTS="$W/events.jsonl" \
    RF_ACCESS_FORMAT="$GUNICORN_ACCESS_FORMAT" \
    "$VENV/bin/gunicorn" -c "$D/gunicorn.conf.py" --chdir "$D" "$app" >"$W/gunicorn.out" 2>&1 &
  track $! gunicorn TERM
  # A bare TCP connect: an HTTP probe would add a request the story does not list.
  poll tcp "$port" --pid $! --timeout 30 || { cat "$W/gunicorn.out" >&2; return 1; }
  client "http://127.0.0.1:$port" --plan api --max-s 40
  stop gunicorn
}


# A background job of a non-interactive shell starts with SIGINT and SIGQUIT ignored, and Python
# keeps an ignored SIGINT ignored: dev servers stopped with SIGINT would only die by KILL. Programs
# we stop with INT or QUIT are started as "${SIGDEFAULT[@]}" CMD &, which gives them the default
# dispositions back. (An array, not a function: a function run with & is a subshell whose PID is not
# the program's, and the subshell itself keeps ignoring the signal.)
SIGDEFAULT=(env --default-signal=INT,QUIT)

# start_redis: redis-server on a free loopback port, no persistence; sets REDIS_PORT and REDIS_URL.
start_redis() {
  REDIS_PORT="$(free_port)"
  mkdir -p "$W/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$W/redis" --save '' --appendonly no \
    --daemonize no --logfile "$W/redis.log" >"$W/redis.out" 2>&1 &
  track $! redis TERM
  poll redis "$REDIS_PORT" --pid $! --timeout 20
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
}
