# Dramatiq worker (--verbose, one process, one thread) on a real Redis; a job that succeeds and one that fails.
NEEDS_DEB+=(redis-server:redis-server)
rec_dramatiq() {
  start_redis
  (cd "$D" && RF_REDIS_URL="$REDIS_URL" "$PY" dramatiq_tasks.py enqueue >"$W/jobs.jsonl")
  (cd "$D" && RF_REDIS_URL="$REDIS_URL" RF_EVENTS="$W/events.jsonl" exec "$VENV/bin/dramatiq" --processes 1 --threads 1 \
    --verbose dramatiq_tasks >"$DIR/worker.log" 2>&1) &
  track $! dramatiq TERM
  # Done when the three jobs ran (the actors record each run).
  local i; for i in $(seq 1 200); do [ "$(wc -l <"$W/events.jsonl" 2>/dev/null || echo 0)" -ge 3 ] && break; sleep 0.1; done
  pause 0.5
  stop dramatiq
  stop redis
  story --name dramatiq --program "dramatiq=$(pyver dramatiq)" --program "redis-server=$(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')" \
    --program "python=$(pyversion)" \
    --command "dramatiq --processes 1 --threads 1 --verbose dramatiq_tasks (cwd scripts/record-formats.d; stdout and stderr to worker.log; stopped with SIGTERM)" \
    --jobs "$W/jobs.jsonl" --runs "$W/events.jsonl" --log worker.log \
    --quirk 'worker.log::^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] \[PID \d+\] \[[^]]+\] \[dramatiq\.[^]]+\] \[(DEBUG|INFO)\]::lines are "[YYYY-MM-DD HH:MM:SS,mmm] [PID n] [THREAD] [LOGGER] [LEVEL] message"' \
    --quirk 'worker.log::\[ERROR\] Failed to process message sync_sku\(.C-3.\)::a failure is "Failed to process message ACTOR(ARGS) with unhandled exception." at ERROR, then the traceback' \
    --quirk 'worker.log::\[DEBUG\] Received message charge\(201\)::with --verbose each message is logged on receipt at DEBUG, with its id' \
    --quirk 'worker.log::\[dramatiq_tasks\.sync_sku\] \[DEBUG\] Completed after \d+\.\d+ms\.::the actor logs "Completed after N.NNms." at DEBUG even for the run that failed, before the ERROR line' \
    --quirk 'worker.log::^jobs\.PaymentDeclinedError: card declined for sku C-3::the traceback ends with the module-qualified exception'
}
