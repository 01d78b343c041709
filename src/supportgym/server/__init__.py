"""The HTTP/WebSocket server: ``create_app`` builds the app, ``supportgym serve`` runs it."""

from supportgym.server.app import create_app
from supportgym.server.config import Settings, get_settings

__all__ = ["Settings", "create_app", "get_settings"]
