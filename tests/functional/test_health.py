from __future__ import annotations

from typing import Any


async def test_healthz_and_readyz_answer_once_loaded(make_client: Any) -> None:
    client = await make_client()
    assert (await client.get("/healthz")).status == 200
    ready = await client.get("/readyz")
    assert ready.status == 200
    assert (await ready.json())["tiny_random_model"] is True


async def test_voices_lists_the_enrolled_presets_under_our_own_server_name(make_client: Any) -> None:
    client = await make_client()
    response = await client.get("/v1/voices")
    body = await response.json()
    assert "alloy" in [v["id"] for v in body["voices"]]
    assert response.headers["Server"] == "spark-voice-server"
