"""asgi_app.py's FastAPI app with logging of its own, as a FastAPI service in a container usually has:
logging.basicConfig at import (to stderr, in a format of the app's choosing), a middleware that logs a
warning for each 4xx/5xx answer and logger.exception for a request that raised. uvicorn's own
records ("Started server process", "Exception in ASGI application" and its traceback) go to stderr
too, in uvicorn's format; its access lines go to stdout."""
import logging

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s [%(name)s] %(message)s")

from asgi_app import app  # noqa: E402 - logging is configured before the app logs anything

log = logging.getLogger("app.requests")


@app.middleware("http")
async def log_failures(request, call_next):
    try:
        response = await call_next(request)
    except Exception:
        log.exception("request failed: %s %s", request.method, request.url.path)
        raise
    if response.status_code >= 400:
        log.warning("%s %s answered %d", request.method, request.url.path, response.status_code)
    return response
