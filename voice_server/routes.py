"""URL map: every route of the server in one place."""

from __future__ import annotations

import logging

from aiohttp import web

from voice_server.app import FRONT_END, RUNTIME, WEB_DEMO
from voice_server.auth import AUTH

log = logging.getLogger(__name__)


async def healthz(request: web.Request) -> web.Response:
    """The process is up (says nothing about the model)."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """200 once every engine replica is loaded and warmed up (in every front-end process, with
    ``http.workers`` > 1), while at least one is healthy; 503 before, and once all have died.

    A replica whose engine failed only stops taking sessions (the others keep serving), so one
    dead GPU does not take a host's healthy ones out of a load balancer; ``replicas`` in the
    body and ``voice_server_replica_up`` say how many are up, for an alert that restarts the
    process.
    """
    runtime = request.app[RUNTIME]
    if not runtime.ready.is_set():
        return web.json_response({"ready": False, "reason": "loading"}, status=503)
    front_end = request.app.get(FRONT_END)
    if front_end is not None and not front_end.group.all_ready():  # clients land on any one
        return web.json_response({"ready": False, "reason": "front ends loading",
                                  "front_ends": {"ready": front_end.group.ready_count(),
                                                 "total": front_end.count}}, status=503)  # fmt: skip
    replicas = {"healthy": sum(r.healthy for r in runtime.replicas),
                "total": len(runtime.replicas)}  # fmt: skip
    if runtime.errored:
        return web.json_response({"ready": False, "reason": "engine failed",
                                  "replicas": replicas}, status=503)  # fmt: skip
    return web.json_response({"ready": True, "tiny_random_model": runtime.is_tiny,
                              "replicas": replicas})  # fmt: skip


async def voices(request: web.Request) -> web.Response:
    """The named voices (``speaker`` values) this server knows."""
    request.app[AUTH].check_request(request)
    runtime = request.app[RUNTIME]
    if runtime.voices is None:  # the refusal shape and headers of every other route
        from voice_server.transport.http_api import ApiError, error_response

        return error_response(ApiError(503, "not_ready", "the model is still loading",
                                       retryable=True, headers={"Retry-After": "5"}),
                              openai=False)  # fmt: skip
    return web.json_response({
        "voices": [
            {"id": p.name, "description": p.description,
             "style": p.style.__dict__ if p.style else None}
            for p in runtime.voices.presets()
        ],
        "styles": {"gender": ["female", "male"],
                   "pitch": ["very_low", "low", "moderate", "high", "very_high"],
                   "speed": ["very_low", "low", "moderate", "high", "very_high"]},
        "tiny_random_model": runtime.is_tiny,
    })


async def demo_index(request: web.Request) -> web.FileResponse:
    return web.FileResponse(WEB_DEMO / "index.html")


DEMO_ASSET_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


async def demo_asset(request: web.Request) -> web.FileResponse:
    """Top-level page assets only (never node_modules/ or tests/ of the demo folder)."""
    name = request.match_info["name"]
    path = WEB_DEMO / name
    content_type = DEMO_ASSET_TYPES.get(path.suffix)
    if content_type is None or not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(path, headers={"Content-Type": content_type})


def setup(app: web.Application) -> None:
    from protocol.limits import WEBSOCKET_PATH

    from voice_server.transport.compat_cartesia import setup_cartesia
    from voice_server.transport.compat_elevenlabs import setup_elevenlabs
    from voice_server.transport.ws import stream_handler

    app.router.add_get(WEBSOCKET_PATH, stream_handler)
    setup_elevenlabs(app)
    setup_cartesia(app)
    try:
        from voice_server.transport.webrtc import setup_webrtc
    except ImportError as exc:  # a lean image without aiortc/PyAV: everything else still serves
        log.warning("WebRTC disabled: %s (install aiortc and av)", exc)
    else:
        setup_webrtc(app)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/v1/voices", voices)
    if (WEB_DEMO / "index.html").exists():
        app.router.add_get("/", demo_index)
        app.router.add_get(r"/demo/{name:[A-Za-z0-9_.-]+}", demo_asset)
