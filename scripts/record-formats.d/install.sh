# Sourced by scripts/record-formats. Installs what the recordings need, only when it is missing.
# Defines: ensure_debian_packages, ensure_venv, ensure_uwsgi. Uses: $VENV, log().

# Pinned so a recording says exactly which programs wrote it; bump together with the fixtures.
PY_PINS=(
  "gunicorn==27.0.1" "uvicorn==0.54.0" "uvicorn-worker==0.4.0" "fastapi==0.165.0" "starlette==1.10.0"
  "flask==3.1.3" "werkzeug==3.1.9" "django==5.2.19" "hypercorn==0.18.0" "daphne==4.2.3"
  "twisted==26.10.0" "rq==3.0.0" "redis==5.3.1" "dramatiq==2.2.1" "arq==0.28.0" "huey==3.5.4"
  "apscheduler==3.11.3" "loguru==0.7.3" "structlog==26.1.0" "python-json-logger==4.2.0"
  "httpx==0.28.1"
)

# ensure_debian_packages BINARY:PACKAGE ...: installs the packages whose binary is missing.
ensure_debian_packages() {
  local missing=() pair bin pkg
  for pair in "$@"; do
    bin="${pair%%:*}" pkg="${pair#*:}"
    command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || [ -x "/usr/bin/$bin" ] ||
      [ -x "/lib/systemd/$bin" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  # Maintainer scripts would start nginx/redis/caddy/haproxy as system services on their usual
  # ports; a policy-rc.d that exits 101 tells invoke-rc.d "not allowed". Any existing one goes back.
  local policy=/usr/sbin/policy-rc.d saved=""
  if [ -e "$policy" ]; then saved="$(mktemp)"; cp -p "$policy" "$saved"; fi
  printf '#!/bin/sh\n# temporary, from sitrep scripts/record-formats\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive nice -n 10 apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >&2 || rc=$?
  if [ -n "$saved" ]; then cp -p "$saved" "$policy"; rm -f "$saved"; else rm -f "$policy"; fi
  [ "$rc" -eq 0 ] || { log "apt-get install failed ($rc)"; return "$rc"; }
}

ensure_venv() {
  # The pins are written into the venv; a venv with other pins is rebuilt in place.
  local want; want="$(printf '%s\n' "${PY_PINS[@]}")"
  if [ -x "$VENV/bin/python" ] && [ "$(cat "$VENV/.sitrep-pins" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  log "creating Python venv in $VENV"
  mkdir -p "$(dirname "$VENV")"
  if ! python3 -m venv --help >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
  fi
  python3 -m venv --clear "$VENV"
  nice -n 10 "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_PINS[@]}" >&2
  printf '%s\n' "$want" >"$VENV/.sitrep-pins"
}

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
