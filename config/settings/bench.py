"""Benchmarks only (``benchmarks/run.py`` starts gunicorn with it): production's middleware and
settings over plain HTTP on the loopback, plus the one-query scoped view that list pages are
measured against (``config/urls_bench.py``). Never used to serve users.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from .production import *  # noqa: E402,F403

ROOT_URLCONF = "config.urls_bench"
# Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies that travel without TLS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Pages are measured, not the static files: no collectstatic manifest is needed.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# Eight simulated users would hit the API's per-user hourly throttle within a national run; it is
# not what is measured.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
