"""Engines for the store: SQLite set up for several processes, and safe across ``fork``.

SQLite gets, on every new connection, write-ahead logging (readers never block the
writer, and a killed writer leaves a readable file), enforced foreign keys and a busy
timeout. SQLAlchemy, not the ``sqlite3`` module, emits ``BEGIN``: read transactions
begin deferred, write transactions ``BEGIN IMMEDIATE``, so two writers queue on the
busy timeout instead of one failing when its read snapshot goes stale.
"""

from __future__ import annotations

import os
import sqlite3
import time
import weakref
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import ConnectionPoolEntry

BUSY_TIMEOUT_MS = 30_000
"""How long a SQLite connection waits for another process's write lock."""

_WRITE_OPTION = "supportgym_write"
WRITE = {_WRITE_OPTION: True}
"""Execution options for a connection whose transaction will write."""

_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file, its folder is created and the pragmas set."""
    parsed = make_url(url)
    engine = create_engine(parsed)
    if engine.dialect.name == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_sqlite)
    _engines.add(engine)
    return engine


def _configure_sqlite(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
    # None: the driver stops issuing its own BEGIN, so _begin_sqlite controls transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # The timeout first: switching to WAL takes a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _switch_to_wal(cursor)
    finally:
        cursor.close()


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    # While another process turns a new database file to WAL, this fails at once with
    # "database is locked", without waiting on the busy timeout: so wait here.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _begin_sqlite(connection: Connection) -> None:
    write = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _forget_inherited_connections() -> None:
    # A forked child must not use the parent's pooled connections (SQLite files or
    # server sockets shared by two processes corrupt); it opens its own on demand.
    for engine in list(_engines):
        engine.dispose(close=False)


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_forget_inherited_connections)
