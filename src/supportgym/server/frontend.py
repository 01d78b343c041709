"""The built dashboard at ``/``, as a single-page app that never answers for the API.

Static files are the last resort of routing: a path no API route matches reaches them.
A path that is the API's in any spelling (``/api/x``, ``/api%2F..``, ``/%2561pi/x``) gets
the API's JSON 404 instead of ``index.html``, and so does a path that no file or
client-side route has: a ``..`` segment, a backslash or a NUL, however encoded.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from supportgym import __version__

API_PREFIX = "/api"


def path_spellings(scope: Scope) -> set[str]:
    """The request's path as received and as decoded, then decoded again until it is stable."""
    raw = scope.get("raw_path") or b""
    pending = [scope["path"], raw.decode("latin-1")]
    spellings: set[str] = set()
    while pending:
        path = pending.pop()
        if path not in spellings:
            spellings.add(path)
            pending.append(unquote(path))  # shorter whenever it changes: this ends
    return spellings


def is_api_path(spellings: set[str]) -> bool:
    """Whether any spelling, with backslashes as slashes and dot segments resolved, is API's."""
    for path in spellings:
        path = posixpath.normpath(re.sub(r"[/\\]+", "/", path))
        if path == API_PREFIX or path.startswith(f"{API_PREFIX}/"):
            return True
    return False


def is_unsafe_path(spellings: set[str]) -> bool:
    """Whether any spelling has a NUL, a backslash or a ``..`` segment."""
    return any("\x00" in path or "\\" in path or ".." in path.split("/") for path in spellings)


class SinglePageApp(StaticFiles):
    """The dashboard's files; an unknown path gets ``index.html`` (client-side routing)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a file, or ``index.html``, unless the path is the API's or unsafe."""
        if scope["type"] == "http":
            spellings = path_spellings(scope)
            if is_api_path(spellings) or is_unsafe_path(spellings):
                raise HTTPException(404)  # the app's handler answers in JSON
        await super().__call__(scope, receive, send)

    async def get_response(self, path: str, scope: Scope) -> Response:
        """The file at ``path``; ``index.html`` when there is none."""
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404:
                raise
            return FileResponse(Path(str(self.directory)) / "index.html")


def serve_frontend(app: FastAPI, dist: Path) -> None:
    """Mount the dashboard built in ``dist`` at ``/``; without a build, ``/`` points to the docs."""
    if (dist / "index.html").is_file():
        app.mount("/", SinglePageApp(directory=dist, html=True), name="frontend")
        return

    @app.get("/", include_in_schema=False)
    def root() -> JSONResponse:
        return JSONResponse(
            {
                "name": "SupportGym API",
                "version": __version__,
                "docs": "/api/docs",
                "openapi": "/api/openapi.json",
                "dashboard": f"not built ({dist}/index.html is missing)",
            }
        )
