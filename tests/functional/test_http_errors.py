"""aiohttp's own refusals (unknown path, wrong method, not an upgrade) carry the protocol's
JSON error body, like every refusal the handlers make."""

from __future__ import annotations

from typing import Any

import pytest


async def refusal(client: Any, method: str, path: str, **kwargs: Any) -> tuple[int, dict, Any]:
    async with client.request(method, path, **kwargs) as response:
        assert response.content_type == "application/json", await response.text()
        return response.status, (await response.json())["error"], response.headers


async def test_an_unknown_endpoint_is_a_json_404(make_client: Any) -> None:
    status, error, _ = await refusal(await make_client(), "GET", "/v1/nothing-here")
    assert status == 404
    assert error == {"code": "not_found", "message": "no such endpoint: GET /v1/nothing-here",
                     "retryable": False}  # fmt: skip


@pytest.mark.parametrize("method, path, allowed", [
    ("PATCH", "/v1/webrtc/abc", {"DELETE"}),  # a WHIP client trickling candidates
    ("GET", "/v1/webrtc", {"POST", "OPTIONS"}),
    ("DELETE", "/v1/voices", {"GET", "HEAD"}),
])  # fmt: skip
async def test_a_method_the_endpoint_does_not_take_is_a_json_405_with_allow(
    make_client: Any, method: str, path: str, allowed: set[str]
) -> None:
    pytest.importorskip("aiortc")
    status, error, headers = await refusal(await make_client(), method, path)
    assert status == 405
    assert error["code"] == "method_not_allowed" and not error["retryable"]
    assert error["message"] == f"{method} is not allowed on {path}"
    assert {m.strip() for m in headers["Allow"].split(",")} == allowed


async def test_a_plain_get_on_the_websocket_path_is_a_json_400(make_client: Any) -> None:
    status, error, _ = await refusal(await make_client(), "GET", "/v1/stream")
    assert status == 400
    assert error["code"] == "bad_request" and error["message"]
