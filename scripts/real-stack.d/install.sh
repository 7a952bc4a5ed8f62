# Sourced by scripts/real-stack. Installs what the real stack needs, only when it is missing.
# Defines: ensure_debian_packages, ensure_venv. Uses: $VENV, log().

# Pinned so a recording says exactly which programs wrote it; bump together with the fixtures README.
PY_PINS=(
  "fastapi==0.165.0"
  "uvicorn==0.54.0"
  "gunicorn==27.0.1"
  "uvicorn-worker==0.4.0"
  "celery[redis]==5.7.0"  # the extra brings what kombu's Redis transport imports (packaging)
  "redis==8.1.0"
  "httpx==0.28.1"
  "python-json-logger==4.2.0"
)

ensure_debian_packages() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  # Package maintainer scripts would start nginx/redis on port 80/6379 as system services; a
  # policy-rc.d that exits 101 tells invoke-rc.d "not allowed". Keep any existing one and put it back.
  local policy=/usr/sbin/policy-rc.d saved=""
  if [ -e "$policy" ]; then saved="$(mktemp)"; cp -p "$policy" "$saved"; fi
  printf '#!/bin/sh\n# temporary, from sitrep scripts/real-stack\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  local rc=0
  {
    # An old or empty package list finds nothing: refresh it once.
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
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
  "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_PINS[@]}" >&2
  printf '%s\n' "$want" >"$VENV/.sitrep-pins"
}
