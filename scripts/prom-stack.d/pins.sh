# Sourced by scripts/prom-stack: the Python programs it runs, pinned.
PY_PINS=(
  "prometheus-client==0.21.1"
)
