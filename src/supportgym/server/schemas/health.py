"""Models of the health endpoint."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class HealthPublic(BaseModel):
    """The server is up: its version, uptime and load."""

    status: Literal["ok"] = "ok"
    version: str
    uptime_seconds: float
    live_sessions: int
    max_sessions: int
    auth_required: bool
