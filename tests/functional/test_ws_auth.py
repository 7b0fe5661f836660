"""Auth on the native WebSocket: before the upgrade, or in the first message."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from protocol import client as pc
from protocol.messages import Start

pytestmark = pytest.mark.engine

AUTH_ON = {"enabled": True, "api_keys": "server-key", "allowed_origins": "https://app.example"}


async def _mint(client: Any) -> str:
    response = await client.post("/v1/auth/token", headers={"Authorization": "Bearer server-key"})
    assert response.status in (200, 201)
    return str((await response.json())["token"])


async def test_missing_and_wrong_keys_are_refused_before_the_upgrade(make_client: Any) -> None:
    client = await make_client(auth=AUTH_ON)
    with pytest.raises(aiohttp.WSServerHandshakeError) as wrong:
        await client.session.ws_connect(client.make_url("/v1/stream"),
                                        headers={"X-API-Key": "nope"})  # fmt: skip
    assert wrong.value.status == 401


async def test_an_api_key_header_opens_a_session(make_client: Any) -> None:
    client = await make_client(auth=AUTH_ON)
    session = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    assert session.ready.session_id
    await session.close()


@pytest.mark.parametrize("header", ["Authorization", "X-API-Key", "xi-api-key"])
async def test_each_key_header_protocol_md_names_opens_the_native_socket_or_refuses_a_wrong_key(
    make_client: Any, header: str
) -> None:
    """PROTOCOL.md 2.3: the three headers every entry point reads (the vendors' clients' ones)."""
    client = await make_client(auth=AUTH_ON)
    prefix = "Bearer " if header == "Authorization" else ""
    url = client.make_url("/v1/stream")
    with pytest.raises(aiohttp.WSServerHandshakeError) as wrong:
        await client.session.ws_connect(url, headers={header: prefix + "nope"})
    assert wrong.value.status == 401
    ws = await client.session.ws_connect(url, headers={header: prefix + "server-key"})
    await ws.send_str('{"type": "start"}')
    assert '"ready"' in (await ws.receive(timeout=10)).data
    await ws.close()


async def test_a_start_token_beside_an_upgrade_credential_is_not_read_nor_spent(
    make_client: Any,
) -> None:
    """PROTOCOL.md 2.3: with a key on the upgrade, ``start.token`` (garbage or a good token)
    is ignored, and a good one stays unspent for its own session."""
    client = await make_client(auth=AUTH_ON)
    url = client.make_url("/v1/stream")
    token = await _mint(client)
    for carried in ("garbage", token):
        ws = await client.session.ws_connect(url, headers={"X-API-Key": "server-key"})
        await ws.send_json({"type": "start", "token": carried})
        assert '"ready"' in (await ws.receive(timeout=10)).data
        await ws.close()
    session = await pc.connect(str(client.make_url("/")), http=client.session, token=token)
    assert session.ready.session_id
    await session.close()


async def test_a_foreign_origin_is_refused_before_the_upgrade(make_client: Any) -> None:
    client = await make_client(auth=AUTH_ON)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.session.ws_connect(
            client.make_url("/v1/stream"),
            headers={"Origin": "https://evil.example", "X-API-Key": "server-key"},
        )
    assert refused.value.status == 403


async def test_a_browser_token_in_the_subprotocol_works_once(make_client: Any) -> None:
    client = await make_client(auth=AUTH_ON)
    token = await _mint(client)
    url = client.make_url("/v1/stream")
    ws = await client.session.ws_connect(url, protocols=("voice.v1", f"token.{token}"),
                                         headers={"Origin": "https://app.example"})  # fmt: skip
    assert ws.protocol == "voice.v1"  # the token is never echoed back
    await ws.send_str('{"type": "start"}')
    assert '"ready"' in (await ws.receive(timeout=10)).data
    await ws.close()
    with pytest.raises(aiohttp.WSServerHandshakeError) as reused:
        await client.session.ws_connect(url, protocols=("voice.v1", f"token.{token}"),
                                        headers={"Origin": "https://app.example"})  # fmt: skip
    assert reused.value.status == 401


async def test_a_browser_token_in_the_first_message_works_and_a_missing_one_closes_4401(
    make_client: Any,
) -> None:
    client = await make_client(auth=AUTH_ON)
    token = await _mint(client)
    session = await pc.connect(str(client.make_url("/")), Start(token=token), http=client.session,
                               headers={"Origin": "https://app.example"})  # fmt: skip
    assert session.ready.session_id
    await session.close()
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",),
                                         headers={"Origin": "https://app.example"})  # fmt: skip
    await ws.send_str('{"type": "start"}')
    error = await ws.receive(timeout=10)
    assert "unauthorized" in error.data
    await ws.receive(timeout=10)
    assert ws.close_code == 4401


async def test_a_key_at_its_session_cap_is_refused_with_http_429_before_the_upgrade(
    make_client: Any,
) -> None:
    """The key's slot is taken before the upgrade: the refusal once came as ``101`` followed
    by raw ``HTTP/1.1 429`` bytes inside the WebSocket stream."""
    client = await make_client(auth={**AUTH_ON, "max_sessions_per_key": 1})
    held = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.session.ws_connect(client.make_url("/v1/stream"),
                                        headers={"X-API-Key": "server-key"})  # fmt: skip
    assert refused.value.status == 429
    assert refused.value.headers is not None and refused.value.headers["Retry-After"] == "1"
    await held.close()
    again = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    await again.close()


async def test_a_session_refused_after_the_upgrade_gives_its_keys_slot_back(
    make_client: Any,
) -> None:
    """At the process's session cap the upgrade's key slot is taken, then given back when the
    session is refused (4503): the next upgrade again meets the process cap, not the key's."""
    client = await make_client(auth={**AUTH_ON, "max_sessions_per_key": 2},
                               limits={"max_sessions": 1})  # fmt: skip
    held = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    for _ in range(2):
        ws = await client.session.ws_connect(client.make_url("/v1/stream"),
                                             headers={"X-API-Key": "server-key"})  # fmt: skip
        assert '"server_busy"' in (await ws.receive(timeout=10)).data
        await ws.receive(timeout=10)
        assert ws.close_code == 4503
    await held.close()


async def test_a_start_token_whose_key_is_at_its_session_cap_gets_the_close_its_error_names(
    make_client: Any,
) -> None:
    """A good token refused for the key's cap: ``too_many_sessions``, retryable with a hint,
    and the close code in the event is the one that follows (it once said 4401, then 1013)."""
    client = await make_client(auth={**AUTH_ON, "max_sessions_per_key": 1})
    token = await _mint(client)
    held = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_json({"type": "start", "token": token})
    error = (await ws.receive(timeout=10)).json()
    assert (error["code"], error["fatal"], error["retryable"]) == ("too_many_sessions", True, True)
    assert error["retry_after_ms"] == 1000
    await ws.receive(timeout=10)
    assert ws.close_code == error["close_code"] == 1013
    await held.close()


async def test_a_token_refused_for_its_keys_cap_is_used_up_as_protocol_md_section_2_3_says(
    make_client: Any,
) -> None:
    """PROTOCOL.md 2.3 called these refusals retryable without saying the token was spent by
    them: a browser that retried with the same token after ``retry_after_ms`` met 401 or 4401.
    The text now says a retry needs a newly minted token; this pins it on both paths."""
    client = await make_client(auth={**AUTH_ON, "max_sessions_per_key": 1})
    url = client.make_url("/v1/stream")
    in_protocol, in_start = await _mint(client), await _mint(client)
    held = await pc.connect(str(client.make_url("/")), http=client.session, token="server-key")
    with pytest.raises(aiohttp.WSServerHandshakeError) as at_cap:
        await client.session.ws_connect(url, protocols=("voice.v1", f"token.{in_protocol}"))
    assert at_cap.value.status == 429
    ws = await client.session.ws_connect(url, protocols=("voice.v1",))
    await ws.send_json({"type": "start", "token": in_start})
    assert (await ws.receive(timeout=10)).json()["code"] == "too_many_sessions"
    await ws.receive(timeout=10)
    await held.close()
    await asyncio.sleep(0.2)  # the held session's slot is given back as its socket closes
    with pytest.raises(aiohttp.WSServerHandshakeError) as spent:
        await client.session.ws_connect(url, protocols=("voice.v1", f"token.{in_protocol}"))
    assert spent.value.status == 401
    ws = await client.session.ws_connect(url, protocols=("voice.v1",))
    await ws.send_json({"type": "start", "token": in_start})
    error = (await ws.receive(timeout=10)).json()
    assert (error["code"], error["close_code"]) == ("unauthorized", 4401)
    await ws.receive(timeout=10)
    session = await pc.connect(str(client.make_url("/")), Start(token=await _mint(client)),
                               http=client.session)  # fmt: skip
    assert session.ready.session_id  # a new token gets in once the key has room
    await session.close()


@pytest.mark.parametrize("first", ['{"type": "ping"}', '{"type": "open", "context_id": "a"}',
                                   '{"type": "text", "bogus": 1}'])  # fmt: skip
async def test_with_auth_on_a_first_message_other_than_start_is_handshake_required(
    make_client: Any, first: str
) -> None:
    """PROTOCOL.md 4.3: the type is checked before the missing credential (it once got
    ``unauthorized``/4401). Either way the connection closes and nothing is acted on."""
    client = await make_client(auth=AUTH_ON)
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_str(first)
    error = (await ws.receive(timeout=10)).json()
    assert (error["code"], error["close_code"]) == ("handshake_required", 1008)
    await ws.receive(timeout=10)
    assert ws.close_code == 1008


async def test_a_start_in_a_binary_message_authenticates_nothing(make_client: Any) -> None:
    """A binary message is answered ``unexpected_binary`` (client messages are text), so its
    token must not be spent on the session either: the text start after it still needs one."""
    client = await make_client(auth=AUTH_ON)
    token = await _mint(client)
    ws = await client.session.ws_connect(client.make_url("/v1/stream"), protocols=("voice.v1",))
    await ws.send_bytes(b'{"type": "start", "token": "' + token.encode() + b'"}')
    assert (await ws.receive(timeout=10)).json()["code"] == "unexpected_binary"
    await ws.send_str('{"type": "start"}')
    assert (await ws.receive(timeout=10)).json()["code"] == "unauthorized"
    await ws.receive(timeout=10)
    assert ws.close_code == 4401


async def test_a_plain_get_on_a_websocket_path_is_a_json_400_after_the_credential_check(
    make_client: Any,
) -> None:
    """PROTOCOL.md 10: every WebSocket path answers a request that is no upgrade with the
    error body (``bad_request``, naming what the path takes); a wrong credential is still 401."""
    client = await make_client(auth=AUTH_ON)
    for path in ("/v1/stream", "/v1/text-to-speech/alloy/stream-input"):
        plain = await client.get(path, headers={"Authorization": "Bearer server-key"})
        assert plain.status == 400, path
        assert (await plain.json())["error"] == {
            "code": "bad_request", "message": "this path takes WebSocket upgrades only",
            "retryable": False}
    wrong = await client.get("/v1/stream", headers={"X-API-Key": "nope"})
    assert wrong.status == 401
