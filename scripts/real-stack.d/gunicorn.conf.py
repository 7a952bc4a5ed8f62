# Gunicorn settings for the real-stack test. Gunicorn re-reads this file on SIGHUP, which is how the
# deploy changes APP_VERSION: raw_env comes from a file the deploy rewrites, and the new workers
# (spawned by the reload, without --preload) import the app with the new environment.
import os

_work = os.environ["RS_WORK"]
_out = os.environ["RS_OUT"]

bind = "127.0.0.1:" + os.environ["RS_GUNICORN_PORT"]
workers = 2
worker_class = "timed_worker.TimedUvicornWorker"
accesslog = os.path.join(_out, "gunicorn.access.log")
errorlog = os.path.join(_out, "gunicorn.error.log")
loglevel = "info"
# Combined format plus the request time in seconds with microseconds (%(L)s).
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s'
# Gunicorn 23+ opens a control socket, by default under ~/.gunicorn: keep it in the work folder.
control_socket = os.path.join(_work, "gunicorn.ctl")
graceful_timeout = 20
with open(os.path.join(_work, "app-version")) as _f:
    raw_env = ["APP_VERSION=" + _f.read().strip(),
               "RS_APP_LOG=" + os.path.join(_out, "app.log")]
