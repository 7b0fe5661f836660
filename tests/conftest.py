"""Shared fixtures: one tiny random-weight model and one engine per test session.

Starting vLLM costs tens of seconds, so every functional test shares the ``runtime`` fixture.
``TIMEOUT_UNIT`` scales every wait (set VOICE_SERVER_TEST_TIME_SCALE on slow machines), the way
websockets scales its ``MS`` unit.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

TIME_SCALE = float(os.environ.get("VOICE_SERVER_TEST_TIME_SCALE", "1"))
TIMEOUT_UNIT = 1.0 * TIME_SCALE


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from voice_server.tiny_model import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("tiny-model"), seed=0)


@pytest.fixture(scope="session")
async def runtime(tiny_model_dir: Path) -> AsyncIterator[object]:
    from voice_server.engine.llm import EngineConfig
    from voice_server.model_dir import check_model_dir
    from voice_server.runtime import DecodeConfig, SpeechRuntime

    model = check_model_dir(tiny_model_dir)
    engine = EngineConfig(max_num_seqs=64, max_model_len=4096, cpu_kv_cache_gib=2)
    async with SpeechRuntime(model, engine, DecodeConfig(device="cpu")) as rt:
        yield rt


@pytest.fixture
async def make_client(runtime: object, aiohttp_client: object) -> object:
    """Factory: a test client for an app on the shared runtime, with config overrides.

    ``await make_client(limits={"max_contexts": 2})`` replaces fields of the named sections.
    """
    import dataclasses

    from voice_server.app import create_app
    from voice_server.config import ServerConfig

    async def make(**sections: dict[str, object]) -> object:
        config = ServerConfig()
        for name, fields in sections.items():
            config = dataclasses.replace(
                config, **{name: dataclasses.replace(getattr(config, name), **fields)}
            )
        app = create_app(config, runtime.model, runtime=runtime)  # type: ignore[attr-defined]
        return await aiohttp_client(app)  # type: ignore[operator]

    return make
