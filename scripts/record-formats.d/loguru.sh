# loguru's default format written to a file with colorize=True (ANSI codes kept, as the file has them).
rec_loguru() {
  "$PY" "$D/loguru_structlog.py" loguru "$DIR/app.log" --exceptions "$W/exceptions.jsonl"
  story --name loguru --program "loguru=$(pyver loguru)" --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/loguru_structlog.py loguru app.log (logger.add(file, colorize=True, level=DEBUG, backtrace=False, diagnose=False), loguru's default format)" \
    --config "format=(loguru default) <green>{time:YYYY-MM-DD HH:mm:ss.SSS}</green> | <level>{level: <8}</level> | <cyan>{name}</cyan>:<cyan>{function}</cyan>:<cyan>{line}</cyan> - <level>{message}</level>" \
    --exceptions "$W/exceptions.jsonl" --log app.log \
    --quirk 'app.log::^\x1b\[32m\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\x1b\[0m \| \x1b\[1mINFO    \x1b\[0m \| ::every line starts with ANSI codes: ESC[32mTIME ESC[0m | ESC[1mLEVEL(padded to 8) ESC[0m | ...' \
    --quirk 'app.log::SUCCESS ::loguru has a SUCCESS level' \
    --quirk 'app.log::\x1b\[36m__main__\x1b\[0m:\x1b\[36mmain\x1b\[0m:\x1b\[36m\d+\x1b\[0m::name:function:line are each wrapped in cyan codes' \
    --quirk 'app.log::^\x1b\[33m\x1b\[1mTraceback \(most recent call last\):\x1b\[0m$::with colorize=True the traceback is coloured too: "Traceback (most recent call last):" itself is wrapped in codes' \
    --quirk 'app.log::^\x1b\[31m\x1b\[1mPaymentDeclinedError\x1b\[0m:\x1b\[1m order 1003: card data missing\x1b\[0m$::the final exception line is ESC[31mESC[1mTYPEESC[0m:ESC[1m MESSAGEESC[0m (colon outside the codes)' \
    --quirk 'app.log::^\x1b\[1mThe above exception was the direct cause::the "direct cause" separator is wrapped in bold codes'
}
