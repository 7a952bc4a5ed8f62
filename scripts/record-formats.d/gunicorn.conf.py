# gunicorn settings for the gunicorn-sync and gunicorn-uvicorn recordings (RF_* from the driver).
import os

bind = "127.0.0.1:" + os.environ["RF_PORT"]
workers = 2
worker_class = os.environ.get("RF_WORKER_CLASS", "sync")
# "-" (stdout for the access log, stderr for the error log) for the container recording.
accesslog = os.environ.get("RF_ACCESSLOG") or os.path.join(os.environ["RF_DIR"], "access.log")
errorlog = os.environ.get("RF_ERRORLOG") or os.path.join(os.environ["RF_DIR"], "error.log")
loglevel = "info"
# Combined format plus %(D)s (microseconds) and %(L)s (decimal seconds).
access_log_format = os.environ["RF_ACCESS_FORMAT"]
# gunicorn 23+ opens a control socket, by default under ~/.gunicorn: keep it in the work folder.
control_socket = os.path.join(os.environ["RF_WORK"], "gunicorn.ctl")
graceful_timeout = 10
