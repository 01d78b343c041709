"""``GET /api/health``: is the server up."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request

from supportgym import __version__
from supportgym.server.deps import SessionsDep, SettingsDep
from supportgym.server.schemas import HealthPublic

router = APIRouter(prefix="/health", tags=["health"])


@router.get("", response_model=HealthPublic)
def read_health(request: Request, sessions: SessionsDep, settings: SettingsDep) -> HealthPublic:
    """The server's version, uptime and live environment sessions."""
    return HealthPublic(
        version=__version__,
        uptime_seconds=time.monotonic() - request.app.state.started_at,
        live_sessions=len(sessions),
        max_sessions=sessions.max_sessions,
        auth_required=settings.api_token is not None,
    )
