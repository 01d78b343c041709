"""Units of work on the SQLAlchemy store: sessions, row lookups, paging, the clock.

Shared by the store's parts (:mod:`.sqlalchemy_store` and the tables it is made of), each
method of which is one unit of work.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session, sessionmaker

from supportgym.store import validation as check
from supportgym.store.base import AbstractStore
from supportgym.store.engine import WRITE
from supportgym.store.orm import Base

RowT = TypeVar("RowT", bound=Base)
EntityT = TypeVar("EntityT", covariant=True)


class _Row(Protocol[EntityT]):
    def to_entity(self) -> EntityT: ...


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UnitsOfWork(AbstractStore):
    """Sessions of a ``sessionmaker`` (``self._sessions``, set by the store that opens it)."""

    _sessions: sessionmaker[Session]

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        Args:
            write: The block writes. On SQLite its transaction then takes the write lock
                at once, waiting for other writers, instead of failing halfway.
        """
        with self._sessions.begin() as session:
            if write:
                session.connection(execution_options=WRITE)
            yield session

    def _entity(self, model: type[_Row[EntityT]], key: object) -> EntityT | None:
        with self.session() as session:
            row = session.get(model, key)
            return None if row is None else row.to_entity()

    def _entities(self, query: Select[Any]) -> list[Any]:
        with self.session() as session:
            return [row.to_entity() for row in session.scalars(query)]


def locked(session: Session, model: type[RowT], key: Any, what: str) -> RowT:
    """The row ``key`` of ``model``, or a ``ValueError`` saying ``what`` was not found."""
    # Locked until the transaction ends (FOR UPDATE), so that of two concurrent status
    # changes on PostgreSQL the second sees the first; SQLite's write transactions already
    # hold the database's write lock, and SQLAlchemy leaves the clause out there.
    row = session.get(model, key, with_for_update=True)
    if row is None:
        raise ValueError(f"{what} {key} not found")
    return row


def page(query: Select[Any], limit: int, offset: int) -> Select[Any]:
    """``query`` limited to a checked page."""
    return query.limit(check.integer(1)("limit", limit)).offset(check.integer(0)("offset", offset))
