# structlog's ConsoleRenderer(colors=True) written to a file (ANSI codes kept).
rec_structlog_console() {
  "$PY" "$D/loguru_structlog.py" structlog "$DIR/app.log" --exceptions "$W/exceptions.jsonl"
  story --name structlog-console --program "structlog=$(pyver structlog)" --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/loguru_structlog.py structlog app.log" \
    --config "processors=[add_log_level, TimeStamper(fmt='iso'), ConsoleRenderer(colors=True)]; PrintLoggerFactory(file)" \
    --exceptions "$W/exceptions.jsonl" --log app.log \
    --quirk 'app.log::^\x1b\[2m\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z\x1b\[0m \[::the ISO timestamp (UTC, Z) is dimmed with ESC[2m' \
    --quirk 'app.log::\[\x1b\[32m\x1b\[1minfo     \x1b\[0m\]::the level is lower case, padded inside [ ] with colour codes' \
    --quirk 'app.log::\x1b\[36mduration_ms\x1b\[0m=\x1b\[35m1840\x1b\[0m::key=value pairs: the key cyan, the value magenta' \
    --quirk 'app.log::\x1b\[1morder created {17}\x1b\[0m::the event text is bold and padded with spaces to 30 columns inside the codes' \
    --quirk 'app.log::^PaymentDeclinedError: order 1003: card data missing$::the traceback follows the event line as plain text (no rich or better-exceptions installed), ending with the exception line' \
    --quirk 'app.log::^The above exception was the direct cause::chained exceptions keep the "direct cause" separator'
}
