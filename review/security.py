"""Safe by default: who may talk to the review server, and how much.

One ASGI middleware, in front of every route:

* **Host check**: requests must name the host the server was started for (a page on another
  site cannot reach it through DNS rebinding).
* **Access token**: when the server has a token (required off loopback, see :func:`check_bind`),
  every request needs it, as ``?token=`` once (it is then kept in an HttpOnly cookie),
  a cookie or ``Authorization: Bearer``.
* **Cross-site writes**: a POST whose ``Origin`` (or ``Referer``) is another site is refused;
  the forms also carry a CSRF token matched against a cookie (checked by the app, which reads
  the form).
* **Size**: request bodies over ``max_body`` bytes are refused (413), also when chunked.
"""

from __future__ import annotations

import hmac
import ipaddress
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 256 * 1024  # a form of one item; an appendix row of many cells stays far below


class UnsafeBind(ValueError):
    """Listening off loopback without a token."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve other machines without a token: corrections change published data."""
    if not is_loopback(host) and not token:
        raise UnsafeBind(f"listening on {host} makes the review app reachable from other machines; "
                         "give an access token with --token (e.g. --token $(openssl rand -hex 16))")


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


class Guard:
    def __init__(self, app: ASGIApp, *, hosts: set[str] | None, token: str | None, cookie_prefix: str,
                 max_body: int = MAX_BODY) -> None:
        self.app, self.hosts, self.token, self.max_body = app, hosts, token, max_body
        self.token_cookie = f"{cookie_prefix}_token"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if self.hosts is not None and host not in self.hosts:
            await PlainTextResponse("Host không được phép.", 400)(scope, receive, send)
            return
        if self.token:
            query = parse_qs(scope.get("query_string", b"").decode())
            given = query.get("token", [None])[0]
            cookies = SimpleCookie(headers.get("cookie", ""))
            cookie = cookies[self.token_cookie].value if self.token_cookie in cookies else None
            bearer = headers.get("authorization", "").removeprefix("Bearer ").strip() or None
            if scope["method"] == "GET" and same(given, self.token):
                # Keep the token in a cookie and drop it from the address bar (and from history).
                rest = urlencode([(k, v) for k, vs in query.items() if k != "token" for v in vs], doseq=True)
                response: Response = RedirectResponse(scope["path"] + (f"?{rest}" if rest else ""), 303)
                response.set_cookie(self.token_cookie, self.token, httponly=True, samesite="strict")
                await response(scope, receive, send)
                return
            if not (same(cookie, self.token) or same(bearer, self.token)):
                await PlainTextResponse("Cần mã truy cập: mở địa chỉ có ?token=… mà lệnh kehoach review đã in.",
                                        401)(scope, receive, send)
                return
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get("origin") or headers.get("referer")
            if origin and urlsplit(origin).netloc != host:
                await PlainTextResponse("Từ chối yêu cầu ghi từ trang khác (Origin không khớp).", 403)(
                    scope, receive, send)
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await PlainTextResponse("Yêu cầu quá lớn.", 413)(scope, receive, send)
                return
        await self.app(scope, self._limited(receive), send)

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge
            return message

        return limited


class BodyTooLarge(Exception):
    """A chunked body went past the limit (turned into 413 by the app's exception handler)."""
