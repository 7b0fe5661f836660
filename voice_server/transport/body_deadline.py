"""Every request body arrives within a deadline, or the request is refused with 408.

Each POST endpoint reads its body whole before it answers, so a client that sends headers and
then part of a body (or nothing) holds a connection, a file descriptor and a task for as long
as it likes. Measured on the 2-core VM: about 20,000 such connections from 199 addresses took
every descriptor the server had within 5 s (``/readyz`` and new sessions timed out until the
attacker let go), because ``/tts/bytes``, the ElevenLabs-compatible POSTs and
``/v1/auth/token`` read with no deadline. This middleware reads the body first, under one
deadline for all of them (``http_api.body_timeout_s`` plus a second, so the endpoints that
already enforce it answer in their own shape first); the handler then reads it from memory.
A body is at most the app's ``client_max_size``, so reading it ahead costs nothing extra.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from voice_server.auth import error_json

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SLACK_S = 1.0


def body_deadline(timeout_s: float) -> Middleware:
    """A middleware that reads each request's body within ``timeout_s`` + ``SLACK_S``."""
    limit_s = timeout_s + SLACK_S

    @web.middleware
    async def read_body_in_time(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.body_exists and request.method not in ("GET", "HEAD", "OPTIONS"):
            try:
                await asyncio.wait_for(request.read(), limit_s)
            except TimeoutError:
                response = web.Response(
                    status=408, content_type="application/json",
                    text=error_json("body_timeout",
                                    f"the request body did not arrive within {limit_s:g} s",
                                    retryable=True),
                )  # fmt: skip
                response.force_close()  # the rest of the body is not waited for
                return response
        return await handler(request)

    return read_body_in_time
