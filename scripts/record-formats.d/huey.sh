# Huey consumer (one worker, --verbose, its own --logfile) on a real Redis; a task that succeeds and one that fails.
NEEDS_DEB+=(redis-server:redis-server)
rec_huey() {
  start_redis
  (cd "$D" && RF_REDIS_PORT="$REDIS_PORT" "$PY" -c "import huey_tasks; huey_tasks.enqueue()" >"$W/jobs.jsonl")
  (cd "$D" && RF_REDIS_PORT="$REDIS_PORT" RF_EVENTS="$W/events.jsonl" exec "${SIGDEFAULT[@]}" "$VENV/bin/huey_consumer" \
    huey_tasks.huey -w 1 -k thread -v --logfile "$DIR/consumer.log" >"$W/huey.out" 2>&1) &
  track $! huey INT
  local i; for i in $(seq 1 200); do [ "$(wc -l <"$W/events.jsonl" 2>/dev/null || echo 0)" -ge 3 ] && break; sleep 0.1; done
  pause 0.5
  stop huey
  stop redis
  story --name huey --program "huey=$(pyver huey)" --program "redis-py=$(pyver redis)" --program "python=$(pyversion)" \
    --command "huey_consumer huey_tasks.huey -w 1 -k thread -v --logfile consumer.log (cwd scripts/record-formats.d; stopped with SIGINT)" \
    --jobs "$W/jobs.jsonl" --runs "$W/events.jsonl" --log consumer.log \
    --quirk 'consumer.log::^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO:huey:Worker-1:Executing huey_tasks\.charge: ::lines are "[YYYY-MM-DD HH:MM:SS,mmm] LEVEL:LOGGER:THREAD:message"; a run starts with "Executing MODULE.TASK: ID"' \
    --quirk 'consumer.log::huey_tasks\.charge: \S+ executed in \d+\.\d+s::success is "MODULE.TASK: ID executed in N.NNNs"' \
    --quirk 'consumer.log::ERROR:huey:Worker-1:Unhandled exception in task \S+\.::a failure is "Unhandled exception in task ID." then the traceback' \
    --quirk 'consumer.log::^\+ huey_tasks\.charge$::the startup banner lists the tasks on unprefixed "+ NAME" lines' \
    --quirk 'consumer.log::DEBUG:huey\.consumer\.Scheduler:Scheduler:::with -v the scheduler thread logs DEBUG lines every second' \
    --quirk 'consumer.log::^jobs\.PaymentDeclinedError: card declined for sku D-4::the traceback ends with the module-qualified exception'
}
