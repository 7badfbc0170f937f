"""Test settings: fast hashing, quiet logs; the database comes from DATABASE_URL (SQLite or PostgreSQL)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The throttle counts live in the process-wide cache: across a whole suite they would trip.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
# Two-factor sign-in is enforced everywhere else: the tests about it (tests/accounts/test_two_factor.py,
# the browser test) switch it on, and one proves the production settings enforce it.
TWO_FACTOR_REQUIRED_ROLES: list[str] = []
SMS_BACKEND = "inkubator.notifications.sms.LocmemSmsBackend"
# Tests run inside a transaction that rolls back, where on-commit callbacks never run: the list cache
# would never see their writes invalidate a page. Its own tests (tests/core/test_listcache*.py) and the
# browser tests, which commit, switch it on; LIST_CACHE=1 runs others with it (the authorization
# matrix, tests/security, views each page as each principal: no principal may get another's page).
LIST_CACHE = env_bool("LIST_CACHE", False)  # noqa: F405
