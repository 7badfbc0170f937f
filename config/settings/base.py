"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no setting from the environment ("1", "true", "yes", "on" count as yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "rest_framework",
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "drf_spectacular",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "inkubator.core",
    "inkubator.regions",
    "inkubator.accounts",
    "inkubator.centres",
    "inkubator.partners",
    "inkubator.people",
    "inkubator.venues",
    "inkubator.notifications",
    "inkubator.assessments",
    "inkubator.training",
    "inkubator.mentoring",
    "inkubator.incubation",
    "inkubator.service",
    "inkubator.matching",
    "inkubator.programmes",
    "inkubator.reports",
    "inkubator.privacy",
    "inkubator.audit",
    "inkubator.dashboards",
    "inkubator.imports",
    "inkubator.api",
    "inkubator.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp, CONTENT_SECURITY_POLICY below) on every answer.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inkubator.core.middleware.ChosenLanguageMiddleware",
    # An over-long API query answers 414 in JSON (in the user's language, so after the one above).
    "inkubator.core.middleware.ApiQueryLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Permissions-Policy, and no-store on what a signed-in user sees (after authentication: it asks who).
    "inkubator.core.middleware.PrivacyHeadersMiddleware",
    "inkubator.accounts.middleware.SessionLifetimeMiddleware",
    "inkubator.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # axes must be last: it turns locked-out logins into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts, styles, fonts and images from this site only, and
# no inline script or style anywhere (pages read their data from json_script blocks and their small
# behaviours from data attributes, in static/inkubator/js/). ``data:`` images are Bootstrap's own
# (the arrows and ticks of its form controls are SVG data URLs in its stylesheet). No page may be
# framed, post elsewhere, or load plugins. Browsers report a violation in their console.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "inkubator" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inkubator.core.context_processors.navigation",
            ],
            # ``{% icon %}`` everywhere without a ``{% load %}``, as the icon font's classes were.
            "builtins": ["inkubator.core.templatetags.icons"],
        },
    },
]

# SQLite under var/ is the embedded default; production and CI set DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'inkubator.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the task worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation. Pages and API lists run statements of 0.1-15 ms whose plans stay far below
    # jit_above_cost (none of 398 statements of the benchmark's pages crossed it on the national demo,
    # issue 14), so JIT never helped them; when an estimate goes wrong (stale statistics, a bad join
    # guess) a plan crosses the inlining/optimisation thresholds and compiling costs more than the
    # query: the national tenant count forced through them took 236 ms instead of 13 ms (158 ms of
    # JIT), and last session saw over 1 s added. Where it does fire (2 statements of the summaries
    # refresh, ~1 s each) it spent 54-61 ms compiling and saved nothing measurable.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process: gunicorn workers, the task worker and other machines share the
# database, so a figure computed once (the public dashboard's) serves every worker, and counters
# kept in the cache (API throttling) count across workers. The table is made by `migrate` (core's
# post_migrate hook runs createcachetable).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "inkubator_cache",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 3},
    }
}

# List pages and API lists answered from a per-user cache, invalidated by the tables their render read
# (core/listcache.py). Off only to compare with the cache's absence (benchmarks) or in tests (test.py).
LIST_CACHE = env_bool("LIST_CACHE", True)
LIST_CACHE_TIMEOUT = int(os.environ.get("LIST_CACHE_TIMEOUT", "3600"))  # seconds an unused answer is kept

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Before the password check: an address over its limit of failed sign-ins is refused.
    "inkubator.accounts.throttling.AddressLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "inkubator.accounts.validators.CharacterClassValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: both timeouts are enforced by SessionLifetimeMiddleware; the cookie lives as long as
# the absolute lifetime, so the session row is not rewritten on every request.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-factor sign-in (django-otp, TOTP + our hashed recovery codes): the roles that must use it.
# Enforced in every environment; only the test settings switch it off for tests that are not about it,
# and a system check (--deploy) fails if a production configuration drops either role.
TWO_FACTOR_REQUIRED_ROLES = ["ministry_admin", "regional_coordinator"]
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Inkubator Kemnaker"
# Wrong codes: django-otp makes each next try wait 2^(n-1) seconds.
OTP_TOTP_THROTTLE_FACTOR = 1

# Login throttling (django-axes): lock the username from an address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Against password spraying (a few passwords tried on many accounts): failures of every username from
# one address within the cool-off, counted from axes' own records (inkubator/accounts/throttling.py).
SIGNIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGNIN_ADDRESS_FAILURE_LIMIT", "20"))
# Laid-off workers' service: submissions per address per window on the public registration and status
# pages (a family or a warnet shares an address, so the limits are not tight; a script is stopped).
SERVICE_RATE_WINDOW = int(os.environ.get("SERVICE_RATE_WINDOW", "3600"))
SERVICE_REGISTRATION_LIMIT = int(os.environ.get("SERVICE_REGISTRATION_LIMIT", "20"))
SERVICE_STATUS_LIMIT = int(os.environ.get("SERVICE_STATUS_LIMIT", "30"))
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind nginx every request comes from the proxy: with TRUSTED_PROXY_COUNT=1 the client address is
# read from the X-Forwarded-For the proxy sets (django-ipware), else from the connection itself.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "inkubator" / "static"]
# Third-party front-end files are served from the npm packages installed at set-up, never a CDN:
# only the files pages load (inkubator/core/staticfiles.py lists them under vendor/<package>/).
# Bootstrap Icons are not served at all: ``manage.py icon_sprite`` copies the used ones into
# inkubator/icons.svg (inkubator/core/icons.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "inkubator.core.staticfiles.VendorFinder",
]
# whitenoise (production) stores a .gz and .br copy of each collected file beside it; source maps are
# only fetched by a developer's browser tools, so compressing them (the largest files) only slows
# every deployment's collectstatic.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br", "woff", "woff2"),
    "map",
)
STORAGES = {
    # Uploaded JPG/PNG are re-encoded on save (metadata stripped; see inkubator/core/uploads.py).
    "default": {"BACKEND": "inkubator.core.uploads.SanitisingStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

MESSAGE_TAGS = {40: "danger"}

# Background tasks (imports, reports): django-tasks API on the database queue; workers on any
# number of machines run `manage.py db_worker` against the same PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Notifications to people (inkubator.notifications): SMS through a gateway adapter, the console by default.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "inkubator.notifications.sms.ConsoleSmsBackend")
SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("SMS_GATEWAY_TOKEN", "")
NOTIFICATION_ATTEMPTS = 4
# The indicator summaries dashboards read (programmes/tasks.py): rebuilt by the worker this often, and
# this long after a write (one refresh counts every write of that window).
SUMMARY_REFRESH_SECONDS = int(os.environ.get("SUMMARY_REFRESH_SECONDS", "300"))
SUMMARY_SOON_SECONDS = int(os.environ.get("SUMMARY_SOON_SECONDS", "30"))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first, so that an unauthenticated request gets 401 with a challenge rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "inkubator.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "inkubator.core.api.pagination.ApiPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "inkubator.core.api.filtering.ApiFilterBackend",
        "inkubator.core.api.filters.StableOrderingFilter",
    ],
    # Against token guessing and bulk scraping; generous for integrations.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": os.environ.get("API_THROTTLE_USER", "5000/hour"),
        "anon": os.environ.get("API_THROTTLE_ANON", "30/minute"),
    },
}
# An API query string longer than this answers 414 in JSON (core.middleware); gunicorn itself refuses
# request lines over 8190 bytes, in plain text.
API_MAX_QUERY_LENGTH = 6000
# Personal data of people with no activity for this many years is anonymised by the daily retention
# task (privacy.tasks.retention_task, or `manage.py apply_retention` from cron; docs/personal-data.md).
PERSONAL_DATA_RETENTION_YEARS = int(os.environ.get("PERSONAL_DATA_RETENTION_YEARS", "10"))

# API tokens (django-rest-knox, accounts.ApiToken): stored as SHA-512 digests, shown once, expiring.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model name, not a secret)
# knox's own migrations create its default token table even when the model is swapped (they predate
# swappable token models); that stray table would point at users and block table flushes. Without them,
# nothing of knox's is created: our model is accounts.ApiToken.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DEFAULT_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    # A recognisable prefix lets secret scanners spot a key pasted where it does not belong.
    "TOKEN_PREFIX": "ink_",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Inkubator API",
    # The enum hook is drf-spectacular's default; ours documents what every operation may answer.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "inkubator.core.api.schema.document_common_answers",
    ],
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Each app has its own "kind"/"status" choices: name them so they never clash in the schema.
    "ENUM_NAME_OVERRIDES": {
        "HostKindEnum": "inkubator.centres.choices.HostKind",
        "CentreStatusEnum": "inkubator.centres.choices.CentreStatus",
        "ClusterEnum": "inkubator.centres.choices.Cluster",
        "IncubationStageEnum": "inkubator.incubation.choices.Stage",
        "MentoringFocusEnum": "inkubator.centres.choices.MentoringFocus",
        # A batch's venue kind and a venue's kind are both "venue kind": without names of their own
        # one enum overwrote the other in the schema (the fuzzer found venues answering a kind the
        # schema did not list).
        "TrainingVenueKindEnum": "inkubator.training.choices.VenueKind",
        "VenueKindEnum": "inkubator.venues.choices.VenueKind",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# Audit trail (django-auditlog): diffs of every registered model, actor from the request.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False
# Masked fields (NIK, phones, addresses) go into the trail through the project's one mask.
AUDITLOG_MASK_CALLABLE = "inkubator.core.masking.mask_identifier"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request lines carry query strings; personal data never goes into a URL, but stay quiet anyway.
        "django.server": {"level": "WARNING"},
    },
}
