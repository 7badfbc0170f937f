"""The database of a benchmark that empties tables before it measures, so never the national demo.

``own_database_url("surge")``: ``BENCH_SURGE_DATABASE_URL`` when set, else ``BENCH_DATABASE_URL`` with
``_surge`` appended to its name (the same server as the national demo, another database), else
``var/bench-surge.sqlite3``; ``create_database`` makes a PostgreSQL one that is not there yet.
Scripts import it as ``from owndb import own_database_url`` (they run as ``python
benchmarks/<script>.py``, so this folder is on the path).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def own_database_url(name: str) -> str:
    """The URL of the benchmark ``name``'s own database (see the module)."""
    own = os.environ.get(f"BENCH_{name.upper()}_DATABASE_URL")
    if own:
        return own
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"].rstrip("/") + f"_{name}"
    return f"sqlite:///{sqlite_path(name)}"


def sqlite_path(name: str) -> Path:
    """Where the benchmark ``name`` keeps its SQLite database when no server is named."""
    return ROOT / "var" / f"bench-{name}.sqlite3"


def create_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` when it is not there yet (through the server's own ``postgres``)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
