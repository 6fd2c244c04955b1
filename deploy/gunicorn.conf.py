"""gunicorn for AlpOSS: `gunicorn --config deploy/gunicorn.conf.py alposs.wsgi`.

Everything that differs between servers comes from the environment (deploy/env.example).
"""

import multiprocessing
import os

# Where this app server listens, comma-separated: `127.0.0.1:8000`, `10.0.0.11:8000`,
# `unix:/run/alposs/web.sock`. Varnish (or the load balancer) asks it /healthz there.
bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]

# Synchronous workers: one request at a time each, each holding one database connection kept
# between requests (DATABASE_CONN_MAX_AGE). 2 x cores + 1, at most 12: PostgreSQL's
# max_connections (100 on Debian) must cover every worker of every app server plus the task
# workers, and more workers than that only queue on the database.
workers = int(os.environ.get("GUNICORN_WORKERS") or min(2 * multiprocessing.cpu_count() + 1, 12))
worker_class = "sync"

# No preload_app: each worker imports the site after the fork, so no database or Redis
# connection is ever shared between processes, and `systemctl reload` (SIGHUP) starts workers
# on the new code while the old ones finish their requests: an upgrade drops no request.
preload_app = False

# A request is killed after this many seconds (the database gives up first, after
# DATABASE_STATEMENT_TIMEOUT = 15 s, with a 503 page); on reload or stop, workers get this long
# to finish the requests they hold.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Behind Varnish, which reuses its connections to the backends.
keepalive = 5
# A worker is replaced after about this many requests (a slow leak never grows for weeks).
max_requests = 2000
max_requests_jitter = 200

# Logs go to stdout/stderr: journald (systemd) or the terminal (`make serve`) keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The client as nginx saw it, then the usual fields and the time taken (microseconds).
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)sus'
proc_name = os.environ.get("GUNICORN_PROC_NAME", "alposs-web")
