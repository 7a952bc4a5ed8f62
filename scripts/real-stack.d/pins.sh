# Sourced by scripts/real-stack: the programs the real stack runs, pinned. The installers come
# from scripts/lib/install.sh.

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
