"""gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Everything that differs per machine comes from the environment (docs/deploy.md lists the variables):

* ``GUNICORN_BIND`` — address(es) to listen on, comma-separated (default ``127.0.0.1:8000``; nginx in front);
* ``GUNICORN_WORKERS`` (or the conventional ``WEB_CONCURRENCY``) — worker processes (default 2 × cores + 1);
* ``GUNICORN_THREADS`` — threads per worker (default 1: sync workers; more switches to ``gthread``);
* ``GUNICORN_TIMEOUT`` — seconds a silent worker may take before it is restarted (default 60);
* ``GUNICORN_MAX_REQUESTS`` — recycle a worker after this many requests (default 2000, with jitter);
* ``GUNICORN_CONTROL_SOCKET`` — path of gunicorn's control socket (default: gunicorn's own);
* ``FORWARDED_ALLOW_IPS`` — read by gunicorn itself: the proxies trusted for X-Forwarded-* headers.

Personal data never goes into a log line: the access log records the method and the *path* of a
request, never its query string (``%(q)s``), the request line (``%(r)s``, which contains the query
string) or the referrer (``%(f)s``, the previous page's full URL with its query string). gunicorn's
error log writes the full URI when an exception escapes the application ("Error handling request
/path?query") or a request line is malformed; a filter removes query strings from those lines too.
"""

from __future__ import annotations

import logging
import os
import re


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"

bind = [item.strip() for item in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if item.strip()]
workers = _int("GUNICORN_WORKERS", _int("WEB_CONCURRENCY", 2 * _cores() + 1))
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# Long work (imports, reports) runs as tasks in the db_worker, so requests are short; a worker
# silent for a minute is stuck. nginx's proxy_read_timeout (deploy/nginx.conf) is a bit longer.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so that a slow leak never becomes an outage.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max(max_requests // 10, 0)

# Request size limits in front of Django's own (uploads go in the body, not the header).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# Heartbeat files in memory, not on a disk that may stall (gunicorn docs, "Blocking os.fchmod").
# Only gunicorn's own heartbeat files go there, created with mkstemp (unique names, mode 0600).
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Logs go to stdout/stderr (journald under systemd).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Remote address as nginx saw it, time, method, path without the query string, status, bytes,
# duration in ms, user agent. %(r)s, %(q)s and %(f)s are left out on purpose (see above).
access_log_format = '%({x-forwarded-for}i)s %(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'

proc_name = "inkubator-web"


class DropQueryStrings(logging.Filter):
    """Replace the query string of any URL in a gunicorn error-log line with ``?…``."""

    QUERY = re.compile(r"(?<=[^\s?])\?[^\s'\"]+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = self.QUERY.sub("?…", message), None
        return True


_error_log = logging.getLogger("gunicorn.error")
if not any(isinstance(f, DropQueryStrings) for f in _error_log.filters):  # the file is re-read on HUP
    _error_log.addFilter(DropQueryStrings())
