# APScheduler 4 (pre-release) Scheduler running two interval schedules (one raises), stdlib logging
# to a file. In a venv of its own (ensure_apscheduler4): 4.x cannot share one with the 3.x pin.
rec_apscheduler4() {
  ensure_apscheduler4
  local py4="$CACHE/venv-apscheduler4/bin/python"
  (cd "$D" && RF_EVENTS="$W/events.jsonl" timeout 30 "$py4" apscheduler4_run.py --log "$DIR/scheduler.log")
  story --name apscheduler4 \
    --program "apscheduler=$("$py4" -c 'from importlib.metadata import version; print(version("apscheduler"))')" \
    --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/apscheduler4_run.py --log scheduler.log (Scheduler, in-memory store, thread-pool executor, interval 1 s, stopped after 2.5 s)" \
    --config "format=%(asctime)s %(levelname)s [%(name)s] %(message)s" \
    --runs "$W/events.jsonl" --log scheduler.log \
    --quirk 'scheduler.log::Added new schedule \(task='"'"'jobs:charge'"'"', trigger=IntervalTrigger::the task is named only when its schedule is added' \
    --quirk 'scheduler.log::INFO \[apscheduler\._schedulers\.async_\] Job [0-9a-f-]{36} completed successfully::a success is "Job UUID completed successfully": no task name, no start line, no duration' \
    --quirk 'scheduler.log::ERROR \[apscheduler\._schedulers\.async_\] Job [0-9a-f-]{36} raised an exception::a failure is "Job UUID raised an exception" at ERROR, then the traceback' \
    --quirk 'scheduler.log::^jobs\.PaymentDeclinedError: card declined for sku F-6::the traceback ends with the module-qualified exception'
}
