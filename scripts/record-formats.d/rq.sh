# RQ: a burst worker on a real Redis (redis-server on 127.0.0.1, random port), jobs that succeed and
# fail; the worker's log is its stderr as RQ writes it.
NEEDS_DEB+=(redis-server:redis-server)

rec_rq() {
  start_redis
  (cd "$D" && "$PY" rq_drive.py enqueue --url "$REDIS_URL" --ids "$W/ids.json")
  RF_EVENTS="$W/events.jsonl" timeout 60 "$VENV/bin/rq" worker --burst --url "$REDIS_URL" \
    --path "$D" --name rq-recorder default >"$DIR/worker.log" 2>&1
  (cd "$D" && "$PY" rq_drive.py report --url "$REDIS_URL" --ids "$W/ids.json" --out "$W/jobs.jsonl")
  stop redis
  story --name rq --program "rq=$(pyver rq)" --program "redis-py=$(pyver redis)" \
    --program "redis-server=$(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')" --program "python=$(pyversion)" \
    --command "rq worker --burst --url redis://127.0.0.1:PORT/0 --path scripts/record-formats.d --name rq-recorder default (stdout and stderr to worker.log)" \
    --jobs "$W/jobs.jsonl" --runs "$W/events.jsonl" --log worker.log \
    --quirk 'worker.log::^\d\d:\d\d:\d\d Worker rq-recorder: default: jobs\.charge\(101\) \(::a job start is "HH:MM:SS Worker NAME: QUEUE: func(args) (ID)": time of day only, no date, no level' \
    --quirk 'worker.log::^\d\d:\d\d:\d\d Successfully completed jobs\.charge\(\d+\) job in \d+:\d\d:\d\d\.\d+s on worker::success names the job with its duration as a timedelta plus "s" (0:00:00.035685s)' \
    --quirk 'worker.log::default: Job OK \(::then "QUEUE: Job OK (ID)" without the function name' \
    --quirk 'worker.log::: exception raised while executing \(jobs\.sync_sku\)$::a failure is "job ID: exception raised while executing (FUNC)" then the traceback and a blank line' \
    --quirk 'worker.log::^jobs\.PaymentDeclinedError: card declined::the traceback ends with the module-qualified exception'
}
