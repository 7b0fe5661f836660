"""Readiness while loading, and graceful shutdown with live sessions."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from protocol import client as pc
from protocol.messages import ErrorEvent

pytestmark = pytest.mark.engine


async def test_readyz_is_false_until_the_runtime_has_loaded(
    runtime: Any, aiohttp_client: Any
) -> None:
    from voice_server.app import create_app
    from voice_server.config import ServerConfig
    from voice_server.runtime import DecodeConfig, SpeechRuntime

    loading = SpeechRuntime(runtime.model, runtime.engine_config, DecodeConfig(device="cpu"))
    client = await aiohttp_client(create_app(ServerConfig(), runtime.model, runtime=loading))
    response = await client.get("/readyz")
    assert response.status == 503 and (await response.json())["reason"] == "loading"
    assert (await client.get("/healthz")).status == 200
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    message = await ws.receive(timeout=10)
    assert "server_busy" in message.data
    await ws.receive(timeout=10)
    assert ws.close_code == 4503


async def test_shutdown_closes_live_sessions_with_1001_and_aborts_their_requests(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client(http={"shutdown_grace_s": 0.2})
    session = await pc.connect(str(client.make_url("/")), http=client.session)
    await session.open("c")
    await session.send_text("c", "A long story that is still being told when we stop. " * 6,
                            flush=True)  # fmt: skip
    async with asyncio.timeout(60):
        while not isinstance(await session.receive(), pc.ContextAudio):
            pass
    await client.app.shutdown()
    seen: list[Any] = []
    async with asyncio.timeout(30):
        while (item := await session.receive()) is not None:
            seen.append(item)
    errors = [x for x in seen if isinstance(x, ErrorEvent)]
    assert errors and errors[-1].code == "shutting_down"
    assert session.close_code == 1001
    for _ in range(100):
        if runtime.engine.unfinished_requests == 0:
            break
        await asyncio.sleep(0.02)
    assert runtime.engine.unfinished_requests == 0
