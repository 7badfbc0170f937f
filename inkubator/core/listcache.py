"""A per-user cache of list pages and API list answers, invalidated exactly by the tables they read.

Rendering a list costs 3-23 ms of CPU; the same user asking for the same page again gets the stored
answer when nothing it was built from has changed since. "Changed" is known by construction, not by
signals (imports write with ``bulk_update``, COPY, ``INSERT … SELECT`` and raw SQL):

* **Writes.** Every database connection gets an execute wrapper (and, on PostgreSQL, a cursor whose
  ``copy()`` is watched: COPY bypasses execute wrappers) that notes the model tables a statement
  writes (``INSERT INTO``, ``UPDATE``, ``DELETE FROM``, ``TRUNCATE``, ``COPY … FROM``, also inside
  ``WITH``). Reads cost one prefix check.
* **Versions.** Each table has a token in the shared cache (``CACHES``: the database cache). A write
  deletes the tokens of the tables it wrote once its transaction commits (``on_commit``; right away
  in autocommit), never inside the writer's transaction. A missing token is a miss; a reader creates
  a fresh random one. Deleting rather than setting a new value is one statement that raises on
  failure, where the database cache's ``set`` swallows database errors (a lost bump would be a
  silently stale page).
* **Entries.** Keyed by the user and their second factor (the rows as the middleware loaded them,
  before any token was read, so their fields are part of the key), the session or API token,
  the CSRF cookie (the page embeds a token made from it), the language, the full URL and today's
  date; holding the body and the tokens, read *before* rendering, of the tables the render read.
  A hit serves the body only if every one of those tokens is still current. Because tokens are read
  before the render and deleted after the writer's commit, a stored page can only be newer than its
  tokens, never older: once a writer's commit has returned, no reader is served a page from before it.

What it cannot see: data outside the database (files, the clock beyond the date) and the shared cache
itself (a render that reads it is not stored). A list whose rows depend on the time of day opts out
(``ObjectListView.cache_pages``, ``ScopedReadOnlyViewSet.cache_lists``). ``settings.LIST_CACHE``
turns serving and storing off; tracking and invalidation always run, so turning it on again never
finds entries that missed a write.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "lc:p:"  # an answer (page or API list)
TOKEN_PREFIX = "lc:t:"  # noqa: S105 - a cache key prefix (a table's version), not a secret
# Tables no list reads and that ordinary requests write (sessions, sign-in attempts, the task queue):
# tracking them would only cost a token delete per request.
IGNORED_TABLE_PREFIXES = ("django_session", "axes_", "django_tasks")


def enabled() -> bool:
    """Whether answers are served from and stored in the cache (tracking runs regardless)."""
    return bool(getattr(settings, "LIST_CACHE", False))


def _cache() -> Any:
    return caches[getattr(settings, "LIST_CACHE_ALIAS", "default")]


# -- Which tables ------------------------------------------------------------------------------------

_known: frozenset[str] | None = None


def tracked_tables() -> frozenset[str]:
    """The model tables whose writes are tracked (every concrete model's, bookkeeping tables aside)."""
    global _known
    if _known is None:
        tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
        _known = frozenset(t for t in tables if not t.startswith(IGNORED_TABLE_PREFIXES))
    return _known


# A write statement's first word. Django's own SELECTs start with "SELECT" exactly: that prefix is the
# whole cost of a read.
_WRITE_HEADS = frozenset({"INSERT", "UPDATE", "DELETE", "TRUNCATE", "COPY", "WITH", "MERGE", "REPLACE"})
_HEAD = re.compile(r"\s*([A-Za-z]+)")
_TARGET = re.compile(
    r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|COPY)"
    r"\s+(?:ONLY\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)\"?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def written_tables(sql: str) -> frozenset[str]:
    """The tracked tables ``sql`` writes (empty for a read).

    Over-counting is safe (a needless miss), under-counting is not: ``TRUNCATE`` counts every table it
    names, ``WITH`` every write target inside it. ``COPY … TO`` is a read. Other writes name their
    table first: only the statement's start is read (a bulk INSERT's text can be a megabyte).
    """
    head = _HEAD.match(sql)
    if head is None or head.group(1).upper() not in _WRITE_HEADS:
        return frozenset()
    verb, known = head.group(1).upper(), tracked_tables()
    if verb == "TRUNCATE":
        return frozenset(_WORD.findall(sql)) & known
    if verb == "WITH":
        return frozenset(_TARGET.findall(sql)) & known
    if verb == "COPY" and re.search(r"\bTO\s+STDOUT\b", sql[:4096], re.IGNORECASE):
        return frozenset()
    target = _TARGET.match(sql, head.start(1))
    return frozenset(target.groups()) & known if target else frozenset()


def _sql_text(sql: Any, connection: BaseDatabaseWrapper) -> str:
    if isinstance(sql, str):
        return sql
    if isinstance(sql, bytes):
        return sql.decode("utf-8", "replace")
    as_string = getattr(sql, "as_string", None)  # psycopg.sql.Composable
    if as_string is not None:
        return as_string(connection.connection)
    return str(sql)


# -- Tracking writes and reads, per connection -------------------------------------------------------


class Tracker:
    """One per connection: an execute wrapper noting written tables (and, while a render is recorded,
    read ones), and the bumps of written tables' tokens at commit."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.reads: set[str] | None = None  # words of the statements run while a render is recorded
        self.wrote_while_reading = False
        # table -> the connection's on_commit list a bump of it was registered in. Django replaces that
        # list at commit, at rollback and at a savepoint's rollback (which drops the callbacks made
        # inside it): while it is the same list, an earlier registration is still pending.
        self._registered: dict[str, list] = {}
        self._lock = threading.Lock()  # the trainee import COPYs from a second thread on this connection

    def __call__(self, execute: Callable, sql: Any, params: Any, many: bool, context: dict[str, Any]) -> Any:
        if type(sql) is str and sql.startswith("SELECT"):
            if self.reads is not None:
                self.reads.update(_WORD.findall(sql))
            return execute(sql, params, many, context)
        text = _sql_text(sql, self.connection)
        if self.reads is not None:
            self.reads.update(_WORD.findall(text))
        tables = written_tables(text)
        try:
            return execute(sql, params, many, context)
        finally:
            # Even when the statement failed: a needless bump is harmless, a missed one is not.
            if tables:
                self.wrote(tables)

    def wrote(self, tables: Iterable[str]) -> None:
        """Tables were written: bump their tokens now (autocommit) or when the transaction commits."""
        tables = frozenset(tables)
        if self.reads is not None:
            self.wrote_while_reading = True
        connection = self.connection
        if not connection.in_atomic_block:
            if not connection.get_autocommit():
                # Manual transaction management (never used by the project): no hook runs at its commit.
                logger.warning("list cache: a write outside atomic() without autocommit; bumped before commit")
            bump(tables)
            return
        with self._lock:
            pending = connection.run_on_commit
            new = [table for table in tables if self._registered.get(table) is not pending]
            if not new:
                return
            connection.on_commit(lambda: bump(new))
            for table in new:
                self._registered[table] = connection.run_on_commit

    @contextmanager
    def recording(self) -> Iterator[set[str]]:
        """Collect the words of every statement run inside (the caller keeps the table names)."""
        self.reads, self.wrote_while_reading = set(), False
        try:
            yield self.reads
        finally:
            self.reads = None


def bump(tables: Iterable[str]) -> None:
    """Delete the tokens of ``tables``: every answer built from them becomes a miss.

    Runs after the writer's commit: a failure is logged, not raised (the data is committed, and an
    exception here would also skip the transaction's other on-commit callbacks). Entries expire after
    ``LIST_CACHE_TIMEOUT`` in any case.
    """
    keys = [TOKEN_PREFIX + table for table in tables]
    if not keys:
        return
    cache = _cache()
    try:
        cache.delete_many(keys)
    except Exception:
        table = getattr(cache, "_table", None)
        if table is not None and table not in connections[DEFAULT_DB_ALIAS].introspection.table_names():
            return  # a database being migrated, before its cache table exists: nothing stored to invalidate
        logger.exception("list cache: tokens of %s not bumped", ", ".join(sorted(tables)))


def forget_answers() -> int:
    """Delete every stored answer (pages and API lists), keeping the tables' tokens; returns how many.

    An answer a write made stale is never served again but stays in the cache table until it expires.
    An erasure of a person's data must not leave their name in such copies for that long (nor in the
    next backup): it calls this once the erasure commits.
    """
    cache = _cache()
    table = getattr(cache, "_table", None)
    if table is None:  # not the database cache: no way to pick the answers out
        cache.clear()
        return 0
    connection = connections[router.db_for_write(cache.cache_model_class)]
    pattern = cache.make_key(ENTRY_PREFIX).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(table)} WHERE cache_key LIKE %s ESCAPE '\\'",  # noqa: S608
            [pattern],
        )
        return cursor.rowcount


def _watching_copy(factory: type, tracker: Tracker) -> type:
    """A psycopg cursor class whose ``copy()`` notes the table a ``COPY … FROM`` writes."""

    class CopyTrackingCursor(factory):  # type: ignore[misc, valid-type]
        def copy(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
            tables = written_tables(_sql_text(statement, tracker.connection))
            if tables:
                tracker.wrote(tables)
            return super().copy(statement, *args, **kwargs)

    CopyTrackingCursor.__qualname__ = f"CopyTracking{factory.__name__}"
    return CopyTrackingCursor


def install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: track this connection's writes (once per wrapper)."""
    tracker = getattr(connection, "list_cache_tracker", None)
    if tracker is None:
        tracker = connection.list_cache_tracker = Tracker(connection)
        connection.execute_wrappers.append(tracker)
    # A reconnect brings a new raw connection: watch its COPYs too. (Execute wrappers do not see
    # ``cursor.copy()``, which the trainee import and the audit trail use to write real tables.)
    raw = connection.connection
    factory = getattr(raw, "cursor_factory", None)
    if connection.vendor == "postgresql" and factory is not None and not factory.__name__.startswith("CopyTracking"):
        raw.cursor_factory = _watching_copy(factory, tracker)


def tracker_for(alias: str = DEFAULT_DB_ALIAS) -> Tracker | None:
    """The tracker of this thread's connection (None before it first connected)."""
    connection = connections[alias]
    connection.ensure_connection()
    return getattr(connection, "list_cache_tracker", None)


# -- Answers -----------------------------------------------------------------------------------------

# The tables each kind of answer read last time (in this process): the tokens fetched along with the
# entry, so that a hit is one query. Grows only; a table read that was not fetched before the render
# leaves that answer unstored this time.
_usual_reads: dict[str, frozenset[str]] = {}
_usual_lock = threading.Lock()


def _row(instance: Any) -> tuple[Any, ...]:
    if instance is None:
        return ()
    fields = instance._meta.concrete_fields
    return (type(instance).__name__, *(repr(getattr(instance, field.attname, None)) for field in fields))


def _identity(request: Any) -> tuple[Any, ...]:
    # The rows the middleware loaded before the view, as loaded: the user (role, scope flags, name)
    # and their verified second factor. They were read before any token, so a token could not vouch
    # for them; in the key, a change to them made since is a different key rather than a page built
    # from the old row. (Rows the render reads again, such as the user's regions, are tokens as usual.)
    user = request.user
    return (_row(user), _row(getattr(user, "otp_device", None)))


class Visit:
    """One cacheable GET: its entry's key, then the stored answer or a render to store."""

    def __init__(self, key: str, scope: str, *, html: bool) -> None:
        self.key = key
        self.scope = scope
        self.html = html
        self.tokens: dict[str, str | None] = {}  # table -> token, read before the render

    def stored(self, request: HttpRequest) -> HttpResponse | None:
        """The stored answer if every table it read still has the token it had; None on a miss.

        One query on a hit: the entry and the tokens of the tables this kind of answer usually reads.
        The tokens also serve as the pre-render tokens on a miss (read before the render).
        """
        cache = _cache()
        usual = _usual_reads.get(self.scope, frozenset())
        found = cache.get_many([self.key, *(TOKEN_PREFIX + table for table in usual)])
        entry = found.pop(self.key, None)
        tokens = {key.removeprefix(TOKEN_PREFIX): value for key, value in found.items()}
        if entry is not None:
            kept, content_type, body = entry
            missing = [table for table in kept if table not in tokens]
            if missing:
                found = cache.get_many([TOKEN_PREFIX + table for table in missing])
                tokens.update({key.removeprefix(TOKEN_PREFIX): value for key, value in found.items()})
            if all(tokens.get(table) == token for table, token in kept.items()):
                if self.html:
                    get_token(request)  # the CSRF cookie refreshed, as a render's {% csrf_token %} does
                return HttpResponse(body, content_type=content_type)
        self.tokens = self._complete(tokens, usual)
        return None

    @staticmethod
    def _complete(tokens: dict[str, Any], tables: frozenset[str]) -> dict[str, str | None]:
        # Tokens missing (never made, bumped, culled) are made now, before the render: made after it, a
        # write committed during the render would be covered by a token that postdates it.
        absent = [table for table in tables if table not in tokens]
        if absent:
            cache = _cache()
            for table in absent:
                cache.add(TOKEN_PREFIX + table, secrets.token_hex(16), timeout=None)
            found = cache.get_many([TOKEN_PREFIX + table for table in absent])
            tokens.update({key.removeprefix(TOKEN_PREFIX): value for key, value in found.items()})
        return tokens

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Run the render inside: the tables it reads are noted for ``store``."""
        tracker = tracker_for()
        self.read: frozenset[str] | None = None
        self.volatile = tracker is None
        if tracker is None:
            yield
            return
        with tracker.recording() as words:
            yield
        cache_table = getattr(_cache(), "_table", None)
        self.volatile = tracker.wrote_while_reading or (cache_table is not None and cache_table in words)
        self.read = frozenset(words) & tracked_tables()

    def store(self, response: HttpResponse) -> None:
        """Keep ``response`` (rendered) if it is a plain 200 built only from tables with known tokens."""
        read = getattr(self, "read", None)
        if read is None or self.volatile or response.status_code != 200 or response.streaming or response.cookies:
            return
        with _usual_lock:
            usual = _usual_reads.get(self.scope, frozenset())
            if not read <= usual:
                _usual_reads[self.scope] = usual | read
        kept = {table: self.tokens.get(table) for table in read}
        if None in kept.values():
            return  # a table read without a token from before the render: next time it will have one
        entry = (kept, response["Content-Type"], response.content)
        _cache().set(self.key, entry, timeout=getattr(settings, "LIST_CACHE_TIMEOUT", 3600))

    def answer(self, request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
        """The stored answer, or ``render()`` recorded and stored."""
        stored = self.stored(request)
        if stored is not None:
            return stored
        with self.recording():
            response = render()
        self.store(response)
        return response


def _key(parts: tuple[Any, ...]) -> str:
    return ENTRY_PREFIX + hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def _common(request: HttpRequest) -> tuple[Any, ...]:
    return (
        _identity(request),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        request.build_absolute_uri(),
    )


def page_visit(request: HttpRequest, *, scope: str) -> Visit | None:
    """A cacheable visit of an HTML list page, or None (cache off, not a signed-in GET, no CSRF cookie,
    messages waiting to be shown)."""
    if not enabled() or request.method != "GET" or not request.user.is_authenticated:
        return None
    session_key = request.session.session_key
    csrf = request.META.get("CSRF_COOKIE")
    if not session_key or not csrf:
        # Without a CSRF cookie the render makes one and sets it: a stored copy would embed another's.
        return None
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return None  # the render shows (and so consumes) them
    return Visit(_key(("html", scope, session_key, csrf, *_common(request))), f"html:{scope}", html=True)


def api_visit(request: Any, *, scope: str) -> Visit | None:
    """A cacheable visit of an API list (DRF request, after authentication and negotiation), or None."""
    if not enabled() or request.method != "GET" or not request.user.is_authenticated:
        return None
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is None or renderer.format != "json":
        return None  # the browsable API is a page with forms and a CSRF token
    auth = request.auth
    credential = ("token", auth.pk) if auth is not None else ("session", request.session.session_key)
    if credential[1] is None:
        return None
    parts = ("api", scope, credential, request.accepted_media_type, *_common(request))
    return Visit(_key(parts), f"api:{scope}", html=False)
