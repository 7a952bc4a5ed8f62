# APScheduler 3 BlockingScheduler running two interval jobs (one raises), stdlib logging to a file.
rec_apscheduler() {
  (cd "$D" && RF_EVENTS="$W/events.jsonl" timeout 30 "$PY" apscheduler_run.py --log "$DIR/scheduler.log")
  story --name apscheduler --program "apscheduler=$(pyver apscheduler)" --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/apscheduler_run.py --log scheduler.log (BlockingScheduler, interval 1 s, two runs each, then shutdown)" \
    --config "format=%(asctime)s %(levelname)s [%(name)s] %(message)s" \
    --runs "$W/events.jsonl" --log scheduler.log \
    --quirk 'scheduler.log::Running job "charge \(trigger: interval\[0:00:01\], next run at: .*\)" \(scheduled at ::a start is "Running job \"NAME (trigger: ..., next run at: ...)\" (scheduled at ...)"' \
    --quirk 'scheduler.log::Job "charge \(trigger: .*\)" executed successfully::success is "Job \"NAME (trigger...)\" executed successfully"' \
    --quirk 'scheduler.log::ERROR \[apscheduler\.executors\.default\] Job "sync_sku \(trigger: .*\)" raised an exception::a failure is "Job \"NAME (trigger...)\" raised an exception" at ERROR, then the traceback' \
    --quirk 'scheduler.log::^jobs\.PaymentDeclinedError: card declined for sku F-6::the traceback ends with the module-qualified exception'
}
