# journald: a real program (gunicorn sync worker, access and error log on stdout/stderr) fed to a
# private systemd-journald through systemd-cat, exported with journalctl -o json and -o short-iso.
NEEDS_DEB+=(systemd-cat:systemd journalctl:systemd)
rec_journald() {
  local port; port="$(free_port)"
  unshare -m --propagation private bash "$D/journald-ns.sh" "$W" "$DIR" "$PY" "$VENV" "$D" "$port" \
    >"$W/ns.out" 2>&1 &
  track $! journald-ns TERM
  wait $! || { cat "$W/ns.out" >&2; return 1; }
  untrack $!
  story --name journald --program "systemd-journald=$(journalctl --version | head -1 | awk '{print $2}')" \
    --program "gunicorn=$(pyver gunicorn)" --program "python=$(pyversion)" \
    --command "unshare -m (tmpfs /run, private /var/log/journal: the journal is stored there); /lib/systemd/systemd-journald; systemd-cat -t gunicorn --stderr-priority=warning gunicorn -c gunicorn.conf.py --workers 1 wsgi_app:app (accesslog=- errorlog=-)" \
    --command "journalctl -o json SYSLOG_IDENTIFIER=gunicorn > journal.json" \
    --command "journalctl -o short-iso SYSLOG_IDENTIFIER=gunicorn > journal.short-iso.log" \
    --config "access_log_format=%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\" %(D)s %(L)s" \
    --requests "$W/requests.jsonl" --events "$W/events.jsonl" --log journal.json --log journal.short-iso.log --max-lines 120 \
    --quirk 'journal.json::"MESSAGE":"127\.0\.0\.1 - - \[::each journal entry is one JSON object; the program'"'"'s line is in MESSAGE' \
    --quirk 'journal.json::"__REALTIME_TIMESTAMP":"\d{16}"::__REALTIME_TIMESTAMP is microseconds since the epoch, as a string' \
    --quirk 'journal.json::"PRIORITY":"4"::stderr lines carry PRIORITY "4" (--stderr-priority=warning), stdout lines "6"' \
    --quirk 'journal.json::"_TRANSPORT":"stdout"::systemd-cat entries have _TRANSPORT "stdout"' \
    --quirk 'journal.json::"MESSAGE":"Traceback \(most recent call last\):"::each traceback line is an entry of its own (a traceback is many entries)' \
    --quirk 'journal.short-iso.log::^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} \S+ gunicorn\[\d+\]: ::short-iso lines are "YYYY-MM-DDTHH:MM:SS+ZZZZ HOST IDENT[PID]: MESSAGE" (offset without colon, no fraction)' \
    --quirk 'journal.short-iso.log::gunicorn\[\d+\]:   File "::indented traceback lines keep their indentation after the prefix'
}
