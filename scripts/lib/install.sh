# Sourced by scripts/real-stack and scripts/record-formats: installs what they need, only when it
# is missing. Defines: ensure_debian_packages, ensure_venv. Uses: $VENV, PY_PINS (set by the caller:
# each script pins the programs its recordings name), log().

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
  printf '#!/bin/sh\n# temporary, from sitrep scripts/lib/install.sh\nexit 101\n' >"$policy"
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
