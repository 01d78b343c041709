"""Live environment sessions in memory: a cap, an idle timeout, one lock per session."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from supportgym.server.episode import Episode
from supportgym.server.errors import NotFound, TooManySessions


@dataclass
class LiveSession:
    """One session: its conversation, the lock that serializes its steps, its last use."""

    id: str
    episode: Episode
    last_used: float
    lock: threading.Lock = field(default_factory=threading.Lock)


class SessionManager:
    """Keeps at most ``max_sessions`` sessions; one unused for ``idle_seconds`` expires.

    Expired sessions are dropped lazily whenever sessions are accessed, and by the
    app's periodic :meth:`purge_expired`. All methods are thread-safe.

    Args:
        max_sessions: Live sessions at most; creating one more raises :class:`TooManySessions`.
        idle_seconds: Seconds without use after which a session is gone.
        clock: Monotonic seconds (injectable for tests).
    """

    def __init__(
        self,
        max_sessions: int,
        idle_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._sessions: dict[str, LiveSession] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        self.purge_expired()
        return len(self._sessions)

    def create(self, make_episode: Callable[[], Episode]) -> LiveSession:
        """Start a session with the conversation ``make_episode`` builds."""
        self._check_room()
        episode = make_episode()
        with self._lock:
            self._purge_locked()
            self._check_room_locked()
            session = LiveSession(uuid.uuid4().hex, episode, self.clock())
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> LiveSession:
        """The live session ``session_id``, marked as used now."""
        with self._lock:
            self._purge_locked()
            session = self._sessions.get(session_id)
            if session is None:
                raise NotFound(f"environment session {session_id} not found (or expired)")
            session.last_used = self.clock()
            return session

    @contextmanager
    def use(self, session_id: str) -> Iterator[Episode]:
        """Hold the session's lock: concurrent requests to one session take turns."""
        session = self.get(session_id)
        with session.lock:
            yield session.episode
            session.last_used = self.clock()

    def delete(self, session_id: str) -> None:
        """End a session."""
        with self._lock:
            self._purge_locked()
            if self._sessions.pop(session_id, None) is None:
                raise NotFound(f"environment session {session_id} not found (or expired)")

    def purge_expired(self) -> int:
        """Drop the expired sessions; returns how many."""
        with self._lock:
            return self._purge_locked()

    def clear(self) -> None:
        """Drop every session (at shutdown)."""
        with self._lock:
            self._sessions.clear()

    def _purge_locked(self) -> int:
        deadline = self.clock() - self.idle_seconds
        expired = [
            key
            for key, s in self._sessions.items()
            if s.last_used <= deadline and not s.lock.locked()  # in use is not idle
        ]
        for key in expired:
            del self._sessions[key]
        return len(expired)

    def _check_room(self) -> None:
        with self._lock:
            self._purge_locked()
            self._check_room_locked()

    def _check_room_locked(self) -> None:
        if len(self._sessions) >= self.max_sessions:
            raise TooManySessions(
                f"too many live environment sessions ({self.max_sessions}); delete one "
                f"or wait for idle ones to expire ({self.idle_seconds:g} s)"
            )
