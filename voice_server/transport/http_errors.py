"""Every HTTP error this server answers has the protocol's JSON body.

Handlers refuse in the protocol's shape themselves; what they never see is refused by aiohttp
on its own: an unknown path (404), a method the path does not take (405, e.g. the trickle
``PATCH`` a WHIP client may try), an oversized body (413), a request that is not a WebSocket
upgrade on the WebSocket path (400). aiohttp answers those in plain text, which a client
that parses ``{"error": {"code", ...}}`` (PROTOCOL.md) cannot read. This middleware gives
them the same body, keeping their status and headers (``Allow`` on a 405). A client that
hangs up while being answered ends its request quietly (no traceback per hang-up in the log).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from voice_server.auth import error_json

CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    414: "uri_too_long",
    431: "headers_too_large",
}
"""Error codes for aiohttp's own refusals; other statuses become ``http_<status>``."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_error_for(status: int, reason: str, detail: str, method: str, path: str) -> str:
    """The JSON body for aiohttp's plain-text refusal ``status`` of ``method path``."""
    code = CODES.get(status, f"http_{status}")
    if status == 404:
        message = f"no such endpoint: {method} {path}"
    elif status == 405:
        message = f"{method} is not allowed on {path}"
    else:
        message = detail if detail and detail != f"{status}: {reason}" else reason
    return error_json(code, message, retryable=False)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer aiohttp's plain-text client errors with the protocol's JSON body instead."""
    try:
        return await handler(request)
    except ConnectionError:  # the client hung up while being answered: an ordinary event
        return _client_gone()
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise
        headers = {k: v for k, v in exc.headers.items()
                   if k.lower() not in ("content-type", "content-length")}  # fmt: skip
        body = json_error_for(exc.status, exc.reason, exc.text or "", request.method,
                              request.path)  # fmt: skip
        return web.Response(status=exc.status, reason=exc.reason, headers=headers, text=body,
                            content_type="application/json")  # fmt: skip


def _client_gone() -> web.Response:
    """What the access log shows for a request whose client hung up (nginx's 499); aiohttp
    drops it quietly, where an exception would log a traceback per hang-up."""
    response = web.Response(status=499, reason="Client Closed Request")
    response.force_close()
    return response
