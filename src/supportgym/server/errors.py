"""Errors as JSON: every failure is a status code and a one-line ``detail``.

Routes raise :class:`ApiError` subclasses (or ``HTTPException``); validation errors
become 422 with each field's problem; a ``ValueError`` that escapes a route is the
client's bad input (400). Anything else is a bug: a 500 without internals.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match

from supportgym.server.schemas.common import ErrorResponse, FieldError
from supportgym.sim.library import field_path

logger = logging.getLogger("supportgym.server")


class ApiError(Exception):
    """A request that cannot be served, with the status code it deserves."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, detail: str, errors: Sequence[FieldError] = ()):
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors)

    def body(self) -> ErrorResponse:
        """The JSON body of the error."""
        return ErrorResponse(detail=self.detail, errors=self.errors)


class NotFound(ApiError):
    """An unknown (or expired) id or name."""

    status_code = status.HTTP_404_NOT_FOUND


class Conflict(ApiError):
    """The request does not fit the current state (e.g. stepping a finished episode)."""

    status_code = status.HTTP_409_CONFLICT


class Unprocessable(ApiError):
    """Well-formed input the core refuses (an invalid scenario, an unusable model)."""

    status_code = status.HTTP_422_UNPROCESSABLE_CONTENT


class TooManySessions(ApiError):
    """The cap on live environment sessions is reached."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS


def summary(errors: Sequence[FieldError]) -> str:
    """One line for a list of field problems: the first, and how many more."""
    if not errors:
        return "invalid input"
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{first.path}: {first.message}{more}" if first.path else f"{first.message}{more}"


def validation_errors(raw: Iterable[Any]) -> list[FieldError]:
    """Pydantic's error dicts as field problems (``body.seed: …``)."""
    errors = []
    for item in raw:
        message = str(item.get("msg", "invalid")).removeprefix("Value error, ")
        if item.get("type") == "json_invalid":
            reason = (item.get("ctx") or {}).get("error", "")
            message = f"invalid JSON: {reason}" if reason else "invalid JSON"
            loc: tuple[Any, ...] = ("body",)
        else:
            loc = tuple(item.get("loc", ()))
        errors.append(FieldError(path=field_path(loc), message=message))
    return errors


def _json(status_code: int, body: ErrorResponse, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


async def _api_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return _json(error.status_code, error.body())


async def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    headers = error.headers
    if error.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
        # Starlette names only the first route on the path; a path has one route per method.
        headers = {**(headers or {}), "Allow": ", ".join(_allowed_methods(request))}
    return _json(error.status_code, ErrorResponse(detail=str(error.detail)), headers)


def _allowed_methods(request: Request) -> list[str]:
    allowed = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return allowed


async def _invalid_request(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = validation_errors(error.errors())
    return _json(
        status.HTTP_422_UNPROCESSABLE_CONTENT, ErrorResponse(detail=summary(errors), errors=errors)
    )


async def _value_error(request: Request, error: Exception) -> JSONResponse:
    return _json(status.HTTP_400_BAD_REQUEST, ErrorResponse(detail=str(error)))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return _json(
        status.HTTP_500_INTERNAL_SERVER_ERROR, ErrorResponse(detail="internal server error")
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers on ``app``."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(ValueError, _value_error)
    app.add_exception_handler(Exception, _unexpected)
