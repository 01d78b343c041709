"""The FastAPI application: ``create_app(settings)`` builds one, ``supportgym serve`` runs it.

Every API route lives under ``/api`` (OpenAPI at ``/api/openapi.json``, docs at
``/api/docs``) and, when the server has a token, needs it as a Bearer token. The
built dashboard, when present, is served at ``/``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, FastAPI, Security
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema
from starlette.concurrency import run_in_threadpool

from supportgym import __version__
from supportgym.server.autoplay import PolicyLoader
from supportgym.server.config import Settings, get_settings
from supportgym.server.deps import require_token
from supportgym.server.errors import install_error_handlers
from supportgym.server.frontend import serve_frontend
from supportgym.server.middleware import BodySizeLimit
from supportgym.server.routes import ROUTERS
from supportgym.server.schemas import EnvCommand, error_responses
from supportgym.server.schemas.envs import EnvStreamError, EnvStreamSession, EnvStreamStep
from supportgym.server.schemas.runs import RunEvent
from supportgym.server.sessions import SessionManager
from supportgym.serving.service import DecisionService
from supportgym.store import open_store

PURGE_INTERVAL_MAX = 60.0
"""Seconds between sweeps of expired sessions, at most."""


def operation_id(route: APIRoute) -> str:
    """Stable operation ids for the generated client: ``"{tag}-{name}"``."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store (which marks interrupted runs), sweep idle sessions, close at the end."""
    app.state.store = await run_in_threadpool(open_store)
    app.state.started_at = time.monotonic()
    sessions: SessionManager = app.state.sessions
    interval = min(PURGE_INTERVAL_MAX, sessions.idle_seconds / 2)
    sweeper = asyncio.create_task(_sweep(sessions, interval))
    try:
        yield
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        sessions.clear()
        await run_in_threadpool(app.state.decisions.close)
        app.state.store.close()


async def _sweep(sessions: SessionManager, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        sessions.purge_expired()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The SupportGym API.

    Args:
        settings: Default :func:`get_settings` (the environment); given settings also
            replace ``get_settings`` for the routes.
    """
    settings = settings or get_settings()
    app = FastAPI(
        title="SupportGym",
        version=__version__,
        description="The HTTP and WebSocket API of SupportGym, the reinforcement-learning "
        "workbench for customer-support policies.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
        redoc_url=None,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.openapi = functools.partial(_openapi, app)  # type: ignore[method-assign]
    app.dependency_overrides[get_settings] = lambda: settings
    app.state.settings = settings
    app.state.sessions = SessionManager(settings.max_sessions, settings.session_idle_seconds)
    app.state.policies = PolicyLoader()
    app.state.decisions = DecisionService()
    app.state.started_at = time.monotonic()
    install_error_handlers(app)
    app.add_middleware(
        BodySizeLimit,
        max_bytes=settings.max_body_bytes,
        uploads={"/api/datasets": settings.max_upload_bytes},
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    api = APIRouter(
        prefix="/api",
        dependencies=[Security(require_token)],
        responses=error_responses(401),
    )
    for router in ROUTERS:
        api.include_router(router)
    app.include_router(api)
    serve_frontend(app, settings.frontend_dist)
    return app


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


STREAM_MODELS: tuple[type[BaseModel], ...] = (
    EnvCommand,
    EnvStreamSession,
    EnvStreamStep,
    EnvStreamError,
    RunEvent,
)
"""The WebSocket messages, which OpenAPI has no operations for: added as schemas."""


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema with the WebSocket messages and integral bounds as integers.

    FastAPI writes every bound as a float: ``2**62`` became ``4.611686018427388e+18``,
    which a client reading decimals takes for a larger number than the server accepts.
    """
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        _, definitions = models_json_schema(
            [(model, "serialization") for model in STREAM_MODELS],
            ref_template="#/components/schemas/{model}",
        )
        schemas = schema["components"]["schemas"]
        for name, definition in definitions["$defs"].items():
            schemas.setdefault(name, definition)
        app.openapi_schema = _exact_bounds(schema)
    return app.openapi_schema


def _exact_bounds(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: int(value)
            if key in _BOUNDS and isinstance(value, float) and value.is_integer()
            else _exact_bounds(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_exact_bounds(item) for item in node]
    return node
