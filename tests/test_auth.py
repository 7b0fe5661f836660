"""Authenticator: keys, single-use browser tokens, Origin allow-list, per-key caps, access log.

The HTTP and WebSocket cases run a real aiohttp server with a two-route app that uses the
``Authenticator`` exactly as an entry point must: ``check_upgrade`` before ``prepare`` (so a
refusal is an HTTP status, never an open socket), and ``redeem`` + ``close_code`` for the
first-message path.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from voice_server.auth import (
    ANONYMOUS,
    AUTH,
    TOKEN_PROTOCOL_PREFIX,
    AuthConfig,
    Authenticator,
    AuthRefusal,
    Principal,
    RedactingAccessLogger,
    TooManyRequests,
    Unauthorized,
    parse_keys_file,
    setup_auth,
    sign_token,
)

KEY = "sk-test-0123456789"
OTHER_KEY = "sk-other-abcdef"

Client = TestClient[web.Request, web.Application]


class FakeClock:
    """A settable clock (time is the input here, not a collaborator to mock)."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def enabled(**fields: Any) -> AuthConfig:
    return AuthConfig(**{"enabled": True, "api_keys": f"{KEY},{OTHER_KEY}", **fields})


# --- a minimal app using the Authenticator the way entry points must -------------------------


async def whoami(request: web.Request) -> web.Response:
    principal = request.app[AUTH].check_request(request)
    return web.json_response({"name": principal.name, "via": principal.via})


async def ws_entry(request: web.Request) -> web.WebSocketResponse:
    auth = request.app[AUTH]
    auth.check_upgrade(request)  # before prepare: refusals are HTTP statuses
    ws = web.WebSocketResponse(protocols=("voice.v1",))
    await ws.prepare(request)
    await ws.send_str("hello")
    await ws.close()
    return ws


async def ws_first_message(request: web.Request) -> web.WebSocketResponse:
    auth = request.app[AUTH]
    auth.check_origin(request)
    ws = web.WebSocketResponse(protocols=("voice.v1",))
    await ws.prepare(request)
    first = json.loads(await ws.receive_str(timeout=2))
    try:
        principal = auth.redeem(str(first.get("token", "")))
    except AuthRefusal as refusal:
        await ws.close(code=refusal.close_code, message=refusal.code.encode())
        return ws
    await ws.send_str(principal.name)
    await ws.close()
    return ws


def make_app(config: AuthConfig) -> web.Application:
    from voice_server.transport.body_deadline import body_deadline

    app = web.Application(middlewares=[body_deadline(10.0)])  # as the server's app: bodies
    setup_auth(app, config)  # are read before the handler runs
    app.router.add_get("/whoami", whoami)
    app.router.add_get("/ws", ws_entry)
    app.router.add_get("/ws-first", ws_first_message)
    return app


MakeClient = Callable[..., Awaitable[Client]]


@pytest.fixture
def client_for(aiohttp_client: Any) -> MakeClient:
    async def make(config: AuthConfig) -> Client:
        client: Client = await aiohttp_client(make_app(config))
        return client

    return make


async def mint(client: Client, key: str = KEY) -> str:
    response = await client.post("/v1/auth/token", headers={"Authorization": f"Bearer {key}"})
    assert response.status == 200
    body = await response.json()
    assert body["subprotocol"] == TOKEN_PROTOCOL_PREFIX + body["token"]
    return str(body["token"])


# --- keys --------------------------------------------------------------------------------------


async def test_auth_off_lets_every_request_in_as_anonymous(client_for: MakeClient) -> None:
    client = await client_for(AuthConfig())
    response = await client.get("/whoami")
    assert await response.json() == {"name": "anonymous", "via": "none"}


def test_enabling_auth_without_any_key_refuses_to_start() -> None:
    with pytest.raises(ValueError, match="no key"):
        Authenticator(AuthConfig(enabled=True))


@pytest.mark.parametrize("header", [
    {"Authorization": f"Bearer {KEY}"},
    {"Authorization": f"bearer  {KEY}"},
    {"X-API-Key": KEY},
    {"xi-api-key": KEY},
])
async def test_each_api_key_header_identifies_the_key(
    client_for: MakeClient, header: dict[str, str]
) -> None:
    client = await client_for(enabled())
    response = await client.get("/whoami", headers=header)
    assert response.status == 200
    body = await response.json()
    assert body["via"] == "api_key"
    assert body["name"] == "key-" + hashlib.sha256(KEY.encode()).hexdigest()[:8]


async def test_missing_credentials_get_401_with_a_json_error(client_for: MakeClient) -> None:
    client = await client_for(enabled())
    response = await client.get("/whoami")
    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    error = (await response.json())["error"]
    assert error["code"] == "missing_credentials"
    assert error["retryable"] is False
    assert "API key" in error["message"]
    for header in ("Authorization: Bearer", "X-API-Key", "xi-api-key"):  # each one it reads
        assert header in error["message"]


async def test_a_wrong_key_gets_401_invalid_api_key(client_for: MakeClient) -> None:
    client = await client_for(enabled())
    for header in ({"Authorization": "Bearer nope"}, {"X-API-Key": KEY + "x"},
                   {"Authorization": "Basic " + KEY}):
        response = await client.get("/whoami", headers=header)
        assert response.status == 401
        code = (await response.json())["error"]["code"]
        assert code in ("invalid_api_key", "missing_credentials")


def test_keys_file_gives_names_and_per_key_caps(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"keys": [
        {"name": "app1", "key": KEY, "max_sessions": 2, "requests_per_minute": 7},
        {"name": "hashed", "key_sha256": hashlib.sha256(OTHER_KEY.encode()).hexdigest()},
    ]}))
    auth = Authenticator(AuthConfig(enabled=True, api_keys_file=str(path),
                                    max_sessions_per_key=3, requests_per_minute=9))
    assert auth.principal_for_key(KEY) == Principal("app1", 2, 7)
    assert auth.principal_for_key(OTHER_KEY) == Principal("hashed", 3, 9)
    assert auth.principal_for_key("unknown") is None


@pytest.mark.parametrize("text", [
    "[]", '{"keys": {}}', '{"keys": [1]}', '{"keys": [{"name": "x"}]}',
    '{"keys": [{"key_sha256": "abcd"}]}',
])
def test_a_malformed_keys_file_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ValueError, match="keys file|hex"):
        parse_keys_file(text, (1, 1))


# --- browser tokens ------------------------------------------------------------------------


async def test_a_minted_token_opens_one_websocket_and_is_refused_the_second_time(
    client_for: MakeClient,
) -> None:
    client = await client_for(enabled())
    token = await mint(client)
    protocols = ("voice.v1", TOKEN_PROTOCOL_PREFIX + token)
    async with client.ws_connect("/ws", protocols=protocols) as ws:
        assert ws.protocol == "voice.v1"  # the token entry is never echoed
        assert (await ws.receive_str()) == "hello"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", protocols=protocols)
    assert refused.value.status == 401


async def test_a_token_in_the_query_works_once(client_for: MakeClient) -> None:
    client = await client_for(enabled())
    token = await mint(client)
    async with client.ws_connect(f"/ws?token={token}") as ws:
        assert (await ws.receive_str()) == "hello"
    response = await client.get(f"/whoami?token={token}")
    assert response.status == 401
    assert (await response.json())["error"]["code"] == "token_used"


async def test_a_websocket_without_credentials_is_refused_before_the_upgrade(
    client_for: MakeClient,
) -> None:
    client = await client_for(enabled())
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", protocols=("voice.v1",))
    assert refused.value.status == 401


async def test_a_bearer_token_from_a_page_works_for_an_http_entry_point(
    client_for: MakeClient,
) -> None:
    client = await client_for(enabled())
    token = await mint(client)
    response = await client.get("/whoami", headers={"Authorization": f"Bearer {token}"})
    assert await response.json() == {"name": "key-" + hashlib.sha256(KEY.encode())
                                     .hexdigest()[:8], "via": "token"}


def test_an_expired_token_is_refused() -> None:
    clock = FakeClock()
    auth = Authenticator(enabled(token_ttl_s=30), clock=clock)
    minted = auth.mint(auth.principal_for_key(KEY) or ANONYMOUS)
    assert minted.expires_at == pytest.approx(clock.now + 30)
    clock.now += 30.5
    with pytest.raises(Unauthorized) as refused:
        auth.redeem(minted.token)
    assert refused.value.code == "token_expired"


def test_a_shorter_ttl_may_be_asked_but_never_a_longer_one() -> None:
    auth = Authenticator(enabled(token_ttl_s=30), clock=FakeClock(0.0))
    principal = auth.principal_for_key(KEY)
    assert principal is not None
    assert auth.mint(principal, ttl_s=5).ttl_s == 5
    assert auth.mint(principal, ttl_s=3600).ttl_s == 30


@pytest.mark.parametrize("mangle", ["signature", "audience", "truncated", "garbage", "key"])
def test_forged_or_foreign_tokens_are_refused(mangle: str) -> None:
    clock = FakeClock()
    auth = Authenticator(enabled(token_secret="s3cret"), clock=clock)
    good = {"k": "key-" + hashlib.sha256(KEY.encode()).hexdigest()[:8],
            "a": "spark-voice-server", "e": clock.now + 10, "n": "abc"}
    tokens = {
        "signature": sign_token(b"other secret", good),
        "audience": sign_token(b"s3cret", {**good, "a": "another-deployment"}),
        "truncated": sign_token(b"s3cret", good)[:-4],
        "garbage": "not a token",
        "key": sign_token(b"s3cret", {**good, "k": "removed-key"}),
    }
    with pytest.raises(Unauthorized) as refused:
        auth.redeem(tokens[mangle])
    assert refused.value.code == "invalid_token"
    assert auth.redeem(sign_token(b"s3cret", good)).via == "token"  # the intact one works


def test_replicas_sharing_the_secret_accept_each_others_tokens() -> None:
    config = enabled(token_secret="shared")
    minting, redeeming = Authenticator(config), Authenticator(config)
    principal = minting.principal_for_key(KEY)
    assert principal is not None
    assert redeeming.redeem(minting.mint(principal).token).name == principal.name


def test_a_token_cannot_mint_another_token() -> None:
    auth = Authenticator(enabled())
    principal = auth.principal_for_key(KEY)
    assert principal is not None
    from_token = auth.redeem(auth.mint(principal).token)
    with pytest.raises(AuthRefusal) as refused:
        auth.mint(from_token)
    assert refused.value.status == 403


def test_redeemed_nonces_are_forgotten_once_expired_so_memory_stays_bounded() -> None:
    clock = FakeClock()
    auth = Authenticator(enabled(token_ttl_s=10), clock=clock)
    principal = auth.principal_for_key(KEY)
    assert principal is not None
    for _ in range(50):
        auth.redeem(auth.mint(principal).token)
    assert len(auth._redeemed) == 50
    clock.now += 11
    auth.redeem(auth.mint(principal).token)
    assert len(auth._redeemed) == 1


async def test_first_message_auth_refusal_closes_with_4401_and_a_used_token_too(
    client_for: MakeClient,
) -> None:
    client = await client_for(enabled())
    token = await mint(client)
    async with client.ws_connect("/ws-first") as ws:
        await ws.send_str(json.dumps({"token": token}))
        assert (await ws.receive_str()).startswith("key-")
    for bad in (token, "forged.token", ""):
        async with client.ws_connect("/ws-first") as ws:
            await ws.send_str(json.dumps({"token": bad}))
            message = await ws.receive()
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert ws.close_code == 4401


async def test_minting_needs_an_api_key(client_for: MakeClient) -> None:
    client = await client_for(enabled())
    assert (await client.post("/v1/auth/token")).status == 401
    response = await client.post("/v1/auth/token", headers={"X-API-Key": KEY},
                                 json={"ttl_s": 5})
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert (await response.json())["expires_in"] == 5


@pytest.mark.parametrize("ttl", ["1e400", "-5", "0", "true", '"60"'])
async def test_a_ttl_that_is_not_a_positive_number_is_refused(
    client_for: MakeClient, ttl: str
) -> None:
    """``1e400`` reads as infinity: a token that never expires (``NaN`` once minted one too:
    it is ``invalid_json`` now, below)."""
    client = await client_for(enabled(token_ttl_s=2))
    response = await client.post("/v1/auth/token", headers={"X-API-Key": KEY,
                                 "Content-Type": "application/json"},
                                 data=f'{{"ttl_s": {ttl}}}')  # fmt: skip
    assert response.status == 400
    assert (await response.json())["error"]["code"] == "invalid_field"


@pytest.mark.parametrize(("body", "code"), [
    ("not json", "invalid_json"),
    (b"\xff\xfe{}", "invalid_json"),
    ("[" * 100_000 + "]" * 100_000, "invalid_json"),
    ("[1]", "invalid_json"),
    ('"ttl_s"', "invalid_json"),
    ('{"foo": 1}', "unknown_field"),
    ('{"ttl": 5}', "unknown_field"),
    ('{"ttl_s": 5, "extra": null}', "unknown_field"),
    ('{"ttl_s": NaN}', "invalid_json"),  # not JSON (section 3 rule 5), though Python takes it
    ('{"ttl_s": -Infinity}', "invalid_json"),
    (b"\xef\xbb\xbf{}", "invalid_json"),  # a byte-order mark: not JSON (section 3 rule 5)
    (b'\xef\xbb\xbf{"ttl_s": 5}', "invalid_json"),
])  # fmt: skip
async def test_a_body_other_than_an_object_with_ttl_s_is_refused_with_its_code(
    client_for: MakeClient, body: str | bytes, code: str
) -> None:
    """PROTOCOL.md 2.3 lists these codes. A non-object or a misspelt field was once ignored
    (a token of the default lifetime), and a body that was not JSON got ``bad_json``."""
    client = await client_for(enabled(token_ttl_s=30))
    headers = {"X-API-Key": KEY, "Content-Type": "application/json"}
    refused = await client.post("/v1/auth/token", headers=headers, data=body)
    assert refused.status == 400 and (await refused.json())["error"]["code"] == code


@pytest.mark.parametrize(("body", "expires_in"), [
    (None, 30), ("", 30), ("  ", 30), ("{}", 30), ('{"ttl_s": null}', 30), ('{"ttl_s": 5}', 5),
])  # fmt: skip
async def test_no_body_or_an_object_with_at_most_ttl_s_mints_a_token(
    client_for: MakeClient, body: str | None, expires_in: float
) -> None:
    client = await client_for(enabled(token_ttl_s=30))
    headers = {"X-API-Key": KEY, "Content-Type": "application/json"}
    minted = await client.post("/v1/auth/token", headers=headers, data=body)
    assert minted.status == 200 and (await minted.json())["expires_in"] == expires_in


def test_a_token_cannot_be_minted_with_a_lifetime_that_is_not_finite() -> None:
    auth = Authenticator(enabled(token_ttl_s=30), clock=FakeClock(0.0))
    principal = auth.principal_for_key(KEY)
    assert principal is not None
    with pytest.raises(ValueError, match="finite"):
        auth.mint(principal, ttl_s=float("nan"))


# --- origin ----------------------------------------------------------------------------------


async def test_a_foreign_origin_is_refused_with_403_before_the_upgrade(
    client_for: MakeClient,
) -> None:
    client = await client_for(enabled(allowed_origins="https://app.example.com/"))
    token = await mint(client)
    protocols = ("voice.v1", TOKEN_PROTOCOL_PREFIX + token)
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", protocols=protocols, origin="https://evil.example.net")
    assert refused.value.status == 403
    async with client.ws_connect("/ws", protocols=protocols,
                                 origin="https://APP.example.com") as ws:
        assert (await ws.receive_str()) == "hello"  # the refused attempt did not use the token


async def test_a_missing_origin_is_refused_only_when_configured(client_for: MakeClient) -> None:
    strict = await client_for(AuthConfig(allowed_origins="https://a.example",
                                         allow_missing_origin=False))
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await strict.ws_connect("/ws")
    assert refused.value.status == 403
    lenient = await client_for(AuthConfig(allowed_origins="https://a.example"))
    async with lenient.ws_connect("/ws") as ws:
        assert (await ws.receive_str()) == "hello"


# --- caps ------------------------------------------------------------------------------------


def test_requests_per_minute_is_a_sliding_window_with_retry_after() -> None:
    clock = FakeClock(0.0)
    auth = Authenticator(enabled(requests_per_minute=3), monotonic=clock)
    principal = auth.principal_for_key(KEY)
    other = auth.principal_for_key(OTHER_KEY)
    assert principal is not None and other is not None
    for at in (0.0, 20.0, 40.0):
        clock.now = at
        auth.allow_request(principal)
    clock.now = 50.0
    with pytest.raises(TooManyRequests) as refused:
        auth.allow_request(principal)
    assert refused.value.headers["Retry-After"] == "10"
    assert refused.value.retryable
    auth.allow_request(other)  # caps are per key
    clock.now = 60.5  # the request at 0 s left the window
    auth.allow_request(principal)


def test_session_cap_per_key_refuses_the_next_until_one_is_released() -> None:
    auth = Authenticator(enabled(max_sessions_per_key=2))
    principal = auth.principal_for_key(KEY)
    assert principal is not None
    auth.acquire_session(principal)
    auth.acquire_session(principal)
    with pytest.raises(TooManyRequests) as refused:
        auth.acquire_session(principal)
    assert refused.value.code == "too_many_sessions"
    assert refused.value.close_code == 1013
    auth.release_session(principal)
    auth.acquire_session(principal)
    assert auth.live_sessions(principal) == 2


def test_auth_off_puts_no_caps_on_the_anonymous_principal() -> None:
    auth = Authenticator(AuthConfig(max_sessions_per_key=1, requests_per_minute=1))
    for _ in range(5):
        auth.allow_request(ANONYMOUS)
        auth.acquire_session(ANONYMOUS)
    assert auth.live_sessions(ANONYMOUS) == 5


# --- logs --------------------------------------------------------------------------------------


async def test_the_access_log_never_holds_query_strings_or_credentials(
    aiohttp_client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    server = TestServer(make_app(enabled()))
    await server.start_server(access_log_class=RedactingAccessLogger,
                              access_log=logging.getLogger("test.access"))
    client: Client = await aiohttp_client(server)
    caplog.set_level(logging.DEBUG)
    token = await mint(client)
    await client.get(f"/whoami?token={token}&x=1", headers={"X-API-Key": KEY})
    await client.get("/whoami", headers={"Authorization": f"Bearer {OTHER_KEY}"})
    access = [r for r in caplog.records if r.name == "test.access"]
    assert len(access) == 3
    assert '"GET /whoami"' in access[1].getMessage()
    assert access[1].access["status"] == 200  # type: ignore[attr-defined]
    for secret in (token, KEY, OTHER_KEY, "token=", "x=1"):
        assert all(secret not in r.getMessage() for r in caplog.records)
        assert all(secret not in json.dumps(getattr(r, "access", {})) for r in caplog.records)
