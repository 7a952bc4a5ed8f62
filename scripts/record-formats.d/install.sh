# Sourced by scripts/record-formats: the pins its recordings name, and uWSGI, which only the uwsgi
# recording needs. Defines: PY_PINS, ensure_uwsgi; the installers come from scripts/lib/install.sh.

# Pinned so a recording says exactly which programs wrote it; bump together with the fixtures.
PY_PINS=(
  "gunicorn==27.0.1" "uvicorn==0.54.0" "uvicorn-worker==0.4.0" "fastapi==0.165.0" "starlette==1.10.0"
  "flask==3.1.3" "werkzeug==3.1.9" "django==5.2.19" "hypercorn==0.18.0" "daphne==4.2.3"
  "twisted==26.10.0" "rq==3.0.0" "redis==5.3.1" "dramatiq==2.2.1" "arq==0.28.0" "huey==3.5.4"
  "apscheduler==3.11.3" "loguru==0.7.3" "structlog==26.1.0" "python-json-logger==4.2.0"
  "httpx==0.28.1"
)

# uWSGI builds from source (python3-dev and gcc from Debian, about 90 s on 2 cores): only for the
# uwsgi recording, so it is not in PY_PINS.
UWSGI_PIN="uwsgi==2.0.31"
ensure_uwsgi() {
  if [ -x "$VENV/bin/uwsgi" ] && [ "$("$VENV/bin/uwsgi" --version)" = "${UWSGI_PIN#uwsgi==}" ]; then
    return 0
  fi
  command -v gcc >/dev/null 2>&1 || ensure_debian_packages gcc:gcc
  "$VENV/bin/python" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' ||
    ensure_debian_packages python3-config:python3-dev
  log "building $UWSGI_PIN into $VENV (about 90 s)"
  nice -n 10 "$VENV/bin/pip" install -q --disable-pip-version-check "$UWSGI_PIN" >&2
}

# APScheduler 4 is a pre-release that cannot share a venv with the 3.x of PY_PINS: only the
# apscheduler4 recording needs it, in a venv of its own beside the main one.
APSCHEDULER4_PIN="apscheduler==4.0.0a6"
ensure_apscheduler4() {
  local venv="$CACHE/venv-apscheduler4"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.sitrep-pins" 2>/dev/null)" = "$APSCHEDULER4_PIN" ]; then
    return 0
  fi
  log "creating $venv with $APSCHEDULER4_PIN"
  python3 -m venv --clear "$venv"
  nice -n 10 "$venv/bin/pip" install -q --disable-pip-version-check "$APSCHEDULER4_PIN" >&2
  printf '%s\n' "$APSCHEDULER4_PIN" >"$venv/.sitrep-pins"
}
