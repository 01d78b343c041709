"""Server settings from ``SUPPORTGYM_*`` environment variables, read once per process.

Where the store lives is the store's own configuration (``SUPPORTGYM_DATA_DIR``,
``SUPPORTGYM_DATABASE_URL``, see :mod:`supportgym.store.config`), so worker
processes started by the server open the same store as the server itself.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from supportgym.data.reader import MAX_LOG_BYTES

DASHBOARD_DEV_ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5173"]
"""The dashboard's Vite dev server; the built dashboard is served from the same origin."""

SOURCE_TREE_DIST = Path(__file__).resolve().parents[3] / "frontend" / "dist"
"""Where ``make dashboard`` builds the dashboard, when the package runs from its source tree."""


def default_frontend_dist() -> Path:
    """The dashboard inside the installed package, else the source tree's build.

    A wheel carries the dashboard at ``supportgym/server/dashboard/``; an editable
    install runs from ``src/`` and has ``frontend/dist`` beside it. Neither depends on
    the working directory, so ``supportgym serve`` serves the dashboard from anywhere.
    """
    # An installed package is a folder on disk (wheels are never imported zipped).
    packaged = Path(str(resources.files("supportgym.server") / "dashboard"))
    if (packaged / "index.html").is_file() or not SOURCE_TREE_DIST.parent.is_dir():
        return packaged
    return SOURCE_TREE_DIST


class Settings(BaseSettings):
    """What the server listens on, who may call it, and its limits."""

    model_config = SettingsConfigDict(env_prefix="SUPPORTGYM_", extra="ignore")

    host: str = Field(default="127.0.0.1", description="Address to listen on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port to listen on.")
    api_token: str | None = Field(
        default=None,
        description="When set, every API request needs it as a Bearer token; required for "
        "a non-loopback host.",
    )
    max_sessions: int = Field(default=256, ge=1, description="Live environment sessions at most.")
    session_idle_seconds: float = Field(
        default=900.0, gt=0, description="An environment session unused this long expires."
    )
    max_body_bytes: int = Field(
        default=1024 * 1024, ge=1024, description="Largest request body (and WebSocket message)."
    )
    max_upload_bytes: int = Field(
        default=MAX_LOG_BYTES, ge=1024, description="Largest log file uploaded as a dataset."
    )
    cors_origins: list[str] = Field(
        default_factory=lambda: list(DASHBOARD_DEV_ORIGINS),
        description="Browser origins allowed to call the API from another origin.",
    )
    max_jobs: int = Field(
        default=1, ge=1, description="Training/evaluation jobs running at once; more queue."
    )
    frontend_dist: Path = Field(
        default_factory=default_frontend_dist,
        description="The dashboard's built files, served at / when the folder exists; default "
        "the package's own (or the source tree's frontend/dist).",
    )

    @field_validator("api_token")
    @classmethod
    def _empty_is_unset(cls, token: str | None) -> str | None:
        return token or None


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment, read on first use (override in tests)."""
    return Settings()


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
