"""Every request body arrives within a deadline, or the request is refused with 408.

Each POST endpoint reads its body whole before it answers, so a client that sends headers and
then part of a body (or nothing) holds a connection, a file descriptor and a task for as long
as it likes. Measured on the 2-core VM: about 20,000 such connections from 199 addresses took
every descriptor the server had within 5 s (``/readyz`` and new sessions timed out until the
attacker let go), because ``/tts/bytes``, the ElevenLabs-compatible POSTs and
``/v1/auth/token`` read with no deadline. This middleware reads the body first, under one
deadline for all of them (``http_api.body_timeout_s``); the handler then reads it from memory
(``request.read()``: ``can_read_body`` is False by then). The endpoints that enforce the
deadline themselves, in their own error shape (``/v1/tts``, ``/v1/audio/speech``), are left
to do so. A body is at most the app's ``client_max_size``, so reading it ahead costs nothing
extra.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.typedefs import Middleware

from voice_server.auth import error_json

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

OWN_DEADLINE_PATHS = frozenset({"/v1/tts", "/v1/audio/speech"})
"""Endpoints that read their body under the same deadline themselves (``http_api``)."""


def body_deadline(timeout_s: float) -> Middleware:
    """A middleware that reads each request's body within ``timeout_s``."""

    @web.middleware
    async def read_body_in_time(request: web.Request, handler: Handler) -> web.StreamResponse:
        if (request.body_exists and request.method not in ("GET", "HEAD", "OPTIONS")
                and request.path not in OWN_DEADLINE_PATHS):  # fmt: skip
            try:
                await asyncio.wait_for(request.read(), timeout_s)
            except TimeoutError:
                response = web.Response(
                    status=408, content_type="application/json",
                    text=error_json("body_timeout",
                                    f"the request body did not arrive within {timeout_s:g} s",
                                    retryable=True),
                )  # fmt: skip
                response.force_close()  # the rest of the body is not waited for
                return response
        return await handler(request)

    return read_body_in_time
