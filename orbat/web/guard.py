"""The outermost layer of the web app (pure ASGI): what every request passes before any route runs.

- the Host header must name this server (``allowed_hosts``): a DNS-rebinding page cannot read the KB;
- the write endpoints need the token before a byte of the body is read, and every body is capped
  (Content-Length checked first, streamed bytes counted) -> 401/403/413;
- every response carries the security headers, errors and crashes included; a crash becomes a 500
  in the error shape of the route (HTML page or JSON), logged here.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from orbat.web.errors import ApiError, error_body, is_api_path

log = logging.getLogger("orbat.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
RenderPage = Callable[[Request, int, str], Response]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class BodyTooLarge(StarletteHTTPException):
    """Raised from ``receive`` when a streamed body passes the cap (an HTTPException, so FastAPI's
    body parsing lets it through as a 413 instead of a 400 "error parsing the body")."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes (ORBAT_MAX_REQUEST_BYTES)")


def host_name(header: str) -> str:
    """The name in a Host header, without the port ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(name: str, allowed: Sequence[str]) -> bool:
    """Exact names, ``*.example.org`` for subdomains, or ``*`` for any host."""
    for pattern in allowed:
        pattern = pattern.strip().lower()
        if pattern == "*" or name == pattern or (pattern.startswith("*.") and name.endswith(pattern[1:])):
            return True
    return False


class Guard:
    """Host check, token-before-body, body cap, security headers and crash handling."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Sequence[str], write_routes: set[tuple[str, str]],
                 check_token: Callable[[str], None], max_body: int, render_page: RenderPage) -> None:
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)
        self.write_routes = write_routes  # (method, path) of the token-protected endpoints
        self.check_token = check_token
        self.max_body = max_body
        self.render_page = render_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                missing = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message["headers"] = headers + [(k, v) for k, v in missing if k not in present]
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                await self._error(scope, send_with_headers, refusal)
                return
            await self.app(scope, self._capped(receive), send_with_headers)
        except BodyTooLarge:
            if not started:
                await self._error(scope, send_with_headers, self._too_large())
        except Exception:  # the last line of defence: one logged 500 in the route's error shape
            log.exception("unhandled error on %s", scope.get("path"))
            if not started:
                await self._error(scope, send_with_headers, ApiError(500, "internal error; see the server log"))

    def _refusal(self, scope: Scope) -> ApiError | None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        name = host_name(headers.get("host", ""))
        if not host_allowed(name, self.allowed_hosts):
            return ApiError(400, f"Host {name!r} is not served here (allowed: {', '.join(self.allowed_hosts)}; "
                                 "set ORBAT_ALLOWED_HOSTS)", "bad_host")
        if (scope.get("method", "GET"), scope.get("path", "")) in self.write_routes:
            try:
                self.check_token(headers.get("authorization", ""))
            except ApiError as exc:
                return exc
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.max_body):
            return self._too_large()
        return None

    def _too_large(self) -> ApiError:
        return ApiError(413, f"request body over {self.max_body} bytes (ORBAT_MAX_REQUEST_BYTES)")

    def _capped(self, receive: Receive) -> Receive:
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge(self.max_body)
            return message

        return capped

    async def _error(self, scope: Scope, send: Send, exc: ApiError) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        request = Request(scope)
        response: Response
        if is_api_path(request.url.path):
            response = JSONResponse(error_body(exc.status, exc.message, exc.code), exc.status, headers=headers)
        else:
            response = self.render_page(request, exc.status, exc.message)
        response.headers["Connection"] = "close"  # the unread body, if any, is not drained

        async def nothing() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, nothing, send)
