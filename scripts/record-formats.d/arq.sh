# arq worker (--burst) on a real Redis; a job that succeeds and one that fails.
NEEDS_DEB+=(redis-server:redis-server)
rec_arq() {
  start_redis
  (cd "$D" && RF_REDIS_PORT="$REDIS_PORT" "$PY" arq_tasks.py enqueue >"$W/jobs.jsonl")
  (cd "$D" && RF_REDIS_PORT="$REDIS_PORT" RF_EVENTS="$W/events.jsonl" timeout 60 "$VENV/bin/arq" \
    arq_tasks.WorkerSettings --burst >"$DIR/worker.log" 2>&1)
  stop redis
  story --name arq --program "arq=$(pyver arq)" --program "redis-py=$(pyver redis)" --program "python=$(pyversion)" \
    --command "arq arq_tasks.WorkerSettings --burst (cwd scripts/record-formats.d; stdout and stderr to worker.log)" \
    --jobs "$W/jobs.jsonl" --runs "$W/events.jsonl" --log worker.log \
    --quirk 'worker.log::^\d\d:\d\d:\d\d: +[\d.]+s → \S+:charge\(401\)$::a start is "HH:MM:SS:  N.NNs → JOBID:FUNC(ARGS)" (time of day only, the queue delay first)' \
    --quirk 'worker.log::^\d\d:\d\d:\d\d: +[\d.]+s ← \S+:charge ● ::success is "← JOBID:FUNC ● RESULT" with the duration first' \
    --quirk 'worker.log::^\d\d:\d\d:\d\d: +[\d.]+s ! \S+:sync_sku failed, PaymentDeclinedError: card declined::a failure is "! JOBID:FUNC failed, TYPE: MESSAGE" (type without module), then the traceback' \
    --quirk 'worker.log::^jobs\.PaymentDeclinedError: card declined for sku E-5::the traceback ends with the module-qualified exception'
}
