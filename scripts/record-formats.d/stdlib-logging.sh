# Python stdlib logging, three format strings (one file each), with logger.exception() tracebacks,
# a "direct cause" chain and a "During handling" chain.
rec_stdlib_logging() {
  "$PY" "$D/stdlib_logging.py" "$DIR" --exceptions "$W/exceptions.jsonl" --formats "$W/formats.json"
  local f1 f2 f3 d3
  f1="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["named.log"]["format"])' "$W/formats.json")"
  f2="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["basic.log"]["format"])' "$W/formats.json")"
  f3="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["module.log"]["format"])' "$W/formats.json")"
  d3="$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["module.log"]["datefmt"])' "$W/formats.json")"
  story --name stdlib-logging --program "python=$(pyversion)" \
    --command "python scripts/record-formats.d/stdlib_logging.py OUTDIR (logging.basicConfig(level=DEBUG, handlers=[three FileHandlers]))" \
    --config "named.log format=$f1" --config "basic.log format=$f2 (logging.BASIC_FORMAT, basicConfig's default)" \
    --config "module.log format=$f3" --config "module.log datefmt=$d3" \
    --exceptions "$W/exceptions.jsonl" --log named.log --log basic.log --log module.log \
    --quirk 'named.log::^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[shop\.orders\] INFO ::default asctime is "YYYY-MM-DD HH:MM:SS,mmm" (comma before milliseconds, no zone)' \
    --quirk 'basic.log::^ERROR:shop\.orders:could not parse::basicConfig'"'"'s default has no time at all: LEVEL:LOGGER:message' \
    --quirk 'module.log::^\[\d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d\] \{stdlib_logging:\d+\} ::datefmt %d/%b/%Y %H:%M:%S gives no milliseconds and no zone' \
    --quirk 'named.log::^PaymentDeclinedError: ::an exception class defined in the script run as __main__ prints with no module prefix (one from an imported module would print as module.Name)' \
    --quirk 'named.log::^The above exception was the direct cause::raise ... from ... joins two tracebacks with "The above exception was the direct cause..."' \
    --quirk 'named.log::^During handling of the above exception, another exception occurred::an exception raised in an except block joins them with "During handling of the above exception..."' \
    --quirk 'named.log::^  second line of the same record$::a message with a newline continues on an unprefixed line' \
    --quirk 'basic.log::^DEBUG:shop\.orders:::DEBUG records are written (level=DEBUG)'
}
