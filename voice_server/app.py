"""The aiohttp application: routes, shared state under ``web.AppKey``s, lifecycle.

Lifecycle (``cleanup_ctx``, in order): the speech runtime loads in the background so that
``/healthz`` answers at once and ``/readyz`` says false until the engine has loaded and warmed up;
the session registry closes every live session with 1001 (going away) on shutdown, after a
grace period, and each session aborts its engine requests as it closes.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from voice_server.config import ServerConfig
from voice_server.gc_pauses import freeze_startup_heap
from voice_server.loop_lag import LoopLagWatcher, RecentLag
from voice_server.model_dir import ModelDir
from voice_server.registry import SessionRegistry
from voice_server.runtime import FrontEnd, SpeechRuntime
from voice_server.transport.body_deadline import body_deadline
from voice_server.transport.http_errors import json_errors

log = logging.getLogger(__name__)

CONFIG = web.AppKey("config", ServerConfig)
RUNTIME = web.AppKey("runtime", SpeechRuntime)
REGISTRY = web.AppKey("registry", SessionRegistry)
LOAD_TASK = web.AppKey("load_task", asyncio.Task[None])
FRONT_END = web.AppKey("front_end", FrontEnd)
"""Present only in a front end of several (``http.workers`` > 1)."""

WEB_DEMO = Path(__file__).resolve().parent.parent / "web_demo"
SERVER_HEADER = "spark-voice-server"
LINGERING_S = 1.0
"""How long the rest of a refused request's body is read and dropped before the connection
closes (aiohttp's default, 10 s, let one oversize upload keep a connection reading at full
speed for 10 s after its 413). Reading on a little lets the client see the refusal instead of
a reset."""


def run_options(config: ServerConfig) -> dict[str, Any]:
    """``web.run_app``'s keyword arguments for this config (address, timeouts, access log,
    and each connection's handler settings). The handler's own (``lingering_time``) go in
    as plain keywords, which aiohttp 3.14 hands on to every connection's handler; given as
    ``handler_args`` they reach the handler as one unknown argument, which it refuses, and
    aiohttp then drops *every* setting, ``keepalive_timeout`` too, with a warning per
    connection (idle keep-alive connections were never closed; a probe held 20,000)."""
    from voice_server.auth import RedactingAccessLogger

    return {
        "host": config.http.host,
        "port": config.http.port,
        "shutdown_timeout": config.http.shutdown_grace_s + 5.0,
        "keepalive_timeout": config.http.keepalive_timeout_s,
        "access_log_class": RedactingAccessLogger,
        "lingering_time": LINGERING_S,
        "print": None,
    }


def create_app(config: ServerConfig, model: ModelDir, runtime: SpeechRuntime | None = None,
               front_end: FrontEnd | None = None,
               stop_on_load_failure: bool = False) -> web.Application:  # fmt: skip
    """Build the app. Pass ``runtime`` to share an already loaded one (tests), ``front_end``
    when this process is one of several sharing an engine core (``supervisor``).
    ``stop_on_load_failure``: if the model fails to load, stop serving (SIGTERM to this
    process; ``load_failed`` then says why it stopped), so that a process manager sees the
    server exit instead of one that never gets ready."""
    app = web.Application(client_max_size=config.limits.max_message_bytes * 4,
                          middlewares=[json_errors,
                                       body_deadline(config.http_api.body_timeout_s)])  # fmt: skip
    app[CONFIG] = config
    app[RUNTIME] = runtime or SpeechRuntime(
        model,
        config.engine,
        config.decode,
        Path(config.model.voices_file) if config.model.voices_file else None,
        probe_streams=config.limits.capacity_probe_streams,
        front_end=front_end,
    )
    if front_end is not None:
        app[FRONT_END] = front_end
    recent_lag = RecentLag()  # fed by ``_loop_lag_ctx``'s probe, read at admission
    app[REGISTRY] = SessionRegistry(config.limits, app[RUNTIME].admission_inputs,
                                    loop_lag=lambda: recent_lag.quantile(time.monotonic()),
                                    group=front_end.group if front_end else None)  # fmt: skip
    app.cleanup_ctx.append(_runtime_ctx(owned=runtime is None, stop=stop_on_load_failure))
    app.on_shutdown.append(_close_sessions)
    app.on_response_prepare.append(_server_header)
    from voice_server import routes
    from voice_server.auth import setup_auth
    from voice_server.metrics import setup_metrics
    from voice_server.transport.http_api import setup_http_api

    setup_auth(app, config.auth, shared=front_end.group if front_end else None)
    metrics = setup_metrics(app)
    app[REGISTRY].on_refusal = metrics.admission_refused
    app.cleanup_ctx.append(_loop_lag_ctx(metrics.loop_lag_seconds.observe, recent_lag))
    routes.setup(app)
    setup_http_api(app)
    return app


def load_failed(app: web.Application) -> bool:
    """Whether the app's model load ended with an error."""
    task = app.get(LOAD_TASK)
    return (task is not None and task.done() and not task.cancelled()
            and task.exception() is not None)  # fmt: skip


def _stop_this_process(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        signal.raise_signal(signal.SIGTERM)  # web.run_app's handler: a graceful stop


def _runtime_ctx(owned: bool, stop: bool):  # type: ignore[no-untyped-def]
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        runtime = app[RUNTIME]
        if owned:
            # Once loaded and warm, the model's objects live as long as the process: take them
            # out of garbage collection before /readyz says ready (see ``gc_pauses``).
            young = app[CONFIG].http.gc_young_threshold
            runtime.before_ready = lambda: freeze_startup_heap(young)
            task = asyncio.create_task(runtime.load(), name="runtime-load")
            task.add_done_callback(_log_load_failure)
            if stop:
                task.add_done_callback(_stop_this_process)
            if runtime.front_end is not None:
                group = runtime.front_end.group
                task.add_done_callback(lambda t: group.mark_ready(
                    not t.cancelled() and t.exception() is None))  # fmt: skip
            app[LOAD_TASK] = task
        yield
        if owned:
            app[LOAD_TASK].cancel()
            await asyncio.gather(app[LOAD_TASK], return_exceptions=True)
            await runtime.close()

    return ctx


def _loop_lag_ctx(observe: Callable[[float], None], recent: RecentLag):  # type: ignore[no-untyped-def]
    """Probe the event loop's lag for ``/metrics`` (``observe``) and admission (``recent``)."""

    def both(lag_s: float) -> None:
        observe(lag_s)
        recent.add(time.monotonic(), lag_s)

    async def ctx(app: web.Application) -> AsyncIterator[None]:
        watcher = LoopLagWatcher(both)
        watcher.start()
        yield
        await watcher.stop()

    return ctx


def _log_load_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("model failed to load: %s", task.exception())


async def _close_sessions(app: web.Application) -> None:
    await app[REGISTRY].shutdown(app[CONFIG].http.shutdown_grace_s)


async def _server_header(request: web.Request, response: web.StreamResponse) -> None:
    response.headers["Server"] = SERVER_HEADER
