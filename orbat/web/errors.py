"""One JSON error shape on every route: ``{"error": {"status": int, "code": str, "message": str}}``.

OrbatError subclasses are translated at this edge (NotFoundError -> 404, InputError -> 422,
DatabaseMissingError -> 503, StoreError -> 500); HTTP and validation errors from FastAPI get the same shape. HTML pages
(paths outside /api and /static) render the error page instead, with the same status.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from orbat.errors import (
    DatabaseMissingError,
    DataError,
    InputError,
    ModelError,
    NotFoundError,
    OrbatError,
    StoreError,
)

log = logging.getLogger("orbat.web")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          409: "conflict", 413: "too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable"}


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in ((404, "Not found"), (422, "Invalid request"), (500, "Internal error"))
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    **{status: {"model": ErrorBody, "description": description}
       for status, description in ((401, "Token missing"), (403, "Wrong token or writes disabled"),
                                   (409, "Conflict"), (413, "Batch too large"))},
}


class ApiError(Exception):
    """Raised by route code for a specific status and code (auth, bad parameters)."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message


def error_body(status: int, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "code": code or _CODES.get(status, "error"), "message": message}}


def is_api_path(path: str) -> bool:
    """JSON errors for the API, the spec and static files; every other path is an HTML page."""
    return path.startswith(("/api", "/static", "/openapi"))


def _orbat_status(exc: OrbatError) -> int:
    if isinstance(exc, DatabaseMissingError):
        return 503
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, InputError | DataError | ModelError):
        return 422
    if isinstance(exc, StoreError):
        return 500
    return 400


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_handlers(app: FastAPI, render_page: Any = None) -> None:
    """Register exception handlers; ``render_page(request, status, message)`` renders HTML errors."""

    def respond(request: Request, status: int, message: str, code: str | None = None,
                headers: dict[str, str] | None = None) -> Response:
        if render_page is not None and not is_api_path(request.url.path):
            page: Response = render_page(request, status, message)
            page.headers.update(headers or {})
            return page
        return JSONResponse(error_body(status, message, code), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return respond(request, exc.status, exc.message, exc.code, headers)

    @app.exception_handler(OrbatError)
    async def _orbat(request: Request, exc: OrbatError) -> Response:
        status = _orbat_status(exc)
        if status >= 500:
            log.error("store error on %s: %s", request.url.path, exc)
        return respond(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: no such page or resource"
        return respond(request, exc.status_code, message, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, _validation_message(exc))

    # Unhandled exceptions are caught, logged and answered by orbat.web.guard.Guard (outermost), so the
    # 500 has the route's error shape and the security headers.
