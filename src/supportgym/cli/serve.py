"""``supportgym serve``: the API server (and the built dashboard) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from supportgym.cli.errors import fail


def serve(
    host: Annotated[
        str | None,
        typer.Option(help="Address to listen on; default SUPPORTGYM_HOST or 127.0.0.1."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=0, max=65535, help="Port; default SUPPORTGYM_PORT or 8000."),
    ] = None,
) -> None:
    """Serve the API at http://HOST:PORT/api (docs at /api/docs) and the built dashboard.

    Listening on anything but loopback (127.0.0.0/8, ::1, localhost) needs an API
    token in SUPPORTGYM_API_TOKEN; every request must then carry it as a Bearer token.
    """
    from pydantic import ValidationError
    from sqlalchemy.exc import SQLAlchemyError

    from supportgym.server.config import Settings, is_loopback
    from supportgym.store import open_store

    try:
        settings = Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "SUPPORTGYM_" + "_".join(str(part) for part in first["loc"]).upper()
        fail(f"{name}: {first['msg']}")
    settings = settings.model_copy(
        update={"host": host or settings.host, "port": settings.port if port is None else port}
    )
    if not is_loopback(settings.host) and settings.api_token is None:
        fail(
            f"refusing to listen on {settings.host!r} without an API token: "
            "set SUPPORTGYM_API_TOKEN, or use a loopback host such as 127.0.0.1"
        )
    try:  # fail here in one line rather than in the server's start-up
        open_store().close()
    except (SQLAlchemyError, OSError) as error:
        fail(f"cannot open the store: {error}".splitlines()[0])

    import uvicorn

    from supportgym.server.app import create_app

    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        ws_max_size=settings.max_body_bytes,
        timeout_graceful_shutdown=5,
    )
