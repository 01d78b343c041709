"""Dependencies the routes declare: settings, the store, the sessions, the token check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Security, WebSocketException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection

from supportgym.server.autoplay import PolicyLoader
from supportgym.server.config import Settings, get_settings
from supportgym.server.sessions import SessionManager
from supportgym.store import AbstractStore

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_store(connection: HTTPConnection) -> AbstractStore:
    """The store the app opened at start-up."""
    return connection.app.state.store


def get_sessions(connection: HTTPConnection) -> SessionManager:
    """The app's live environment sessions."""
    return connection.app.state.sessions


def get_policies(connection: HTTPConnection) -> PolicyLoader:
    """The app's policy loader (with its cache of loaded models)."""
    return connection.app.state.policies


StoreDep = Annotated[AbstractStore, Depends(get_store)]
SessionsDep = Annotated[SessionManager, Depends(get_sessions)]
PoliciesDep = Annotated[PolicyLoader, Depends(get_policies)]

bearer = HTTPBearer(
    auto_error=False,
    description="Required when the server has an API token (SUPPORTGYM_API_TOKEN). "
    "WebSockets may pass it as the `token` query parameter instead.",
)


def require_token(
    connection: HTTPConnection,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> None:
    """Let the request through if the server has no token, or it carries the right one.

    Browsers cannot set headers on a WebSocket, so there the token may also come as
    ``?token=``.
    """
    expected = settings.api_token
    if expected is None:
        return
    given = credentials.credentials if credentials is not None else None
    websocket = connection.scope["type"] == "websocket"
    if given is None and websocket:
        given = connection.query_params.get("token")
    if given is not None and secrets.compare_digest(given.encode(), expected.encode()):
        return
    if websocket:
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, "missing or wrong API token")
    raise HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "missing or wrong API token: send the header 'Authorization: Bearer <token>'",
        headers={"WWW-Authenticate": "Bearer"},
    )
