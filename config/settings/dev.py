"""Local development: DEBUG on by default, SQLite under var/ unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F403
from .base import env_bool  # noqa: E402

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405, S105

# `make run` starts no worker process: tasks (import commits) run at once, inside the request.
# Production queues them in the database for `manage.py db_worker` (see docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
