"""API fuzzing only (``tools/fuzz_api.py`` starts gunicorn with it): production's middleware and
settings over plain HTTP on the loopback, with a throttle high enough for tens of thousands of
generated requests. Never used to serve users.
"""

import os

os.environ.setdefault("SECRET_KEY", "fuzz-only-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
# The throttle still runs (so its 429 stays what the schema documents), just far above the run's rate.
os.environ.setdefault("API_THROTTLE_USER", "1000000/hour")

from .production import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
