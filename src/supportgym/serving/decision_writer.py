"""Appending decisions to the store off the request path, in batches.

A decision is answered before it is written: the writer thread takes the queued
decisions every 0.2 s (or as soon as 1,000 wait) and adds them in one transaction. So a
decision costs no database write of its own; a process that dies loses at most the last
fraction of a second of its log, and :meth:`DecisionWriter.flush` (which the service
calls before its log is read, and on shutdown) writes everything queued.
"""

from __future__ import annotations

import threading
from typing import Any

from supportgym.store import AbstractStore

FLUSH_SECONDS = 0.2
FLUSH_COUNT = 1000


class DecisionWriter:
    """A queue of decisions and the thread that writes them to ``store``."""

    def __init__(self, store: AbstractStore):
        self.store = store
        self._queued: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._written = threading.Lock()  # held while a batch is being written
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="decision-writer", daemon=True)
        self._thread.start()

    def append(self, decisions: list[dict[str, Any]]) -> None:
        """Queue decisions for the log."""
        with self._lock:
            self._queued += decisions
            full = len(self._queued) >= FLUSH_COUNT
        if full:
            self._wake.set()

    def flush(self) -> None:
        """Write every queued decision now."""
        with self._written:
            with self._lock:
                batch, self._queued = self._queued, []
            if batch:
                self.store.add_decisions(batch)

    def close(self) -> None:
        """Stop the thread, writing what is queued."""
        self._stop.set()
        self._wake.set()
        self._thread.join()
        self.flush()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(FLUSH_SECONDS)
            self._wake.clear()
            self.flush()
