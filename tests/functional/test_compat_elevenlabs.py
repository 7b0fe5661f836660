"""The ElevenLabs-compatible endpoints on the wire, against the real server and tiny engine.

These speak the vendor protocol by hand (aiohttp's client), so they run without the optional
client packages; ``test_compat_clients.py`` runs the real third-party clients.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
from typing import Any

import av
import pytest
from aiohttp import WSMsgType

from tests.conftest import TIMEOUT_UNIT

pytestmark = pytest.mark.engine

FAST = {"pacing": {"lead_ms": 10_000}, "limits": {"slow_consumer_lag_s": 30.0}}
"""Audio leaves as fast as it is made (a 10 s pacing lead), so tests stay short."""

MULTI = "/v1/text-to-speech/{voice}/multi-stream-input"


async def receive_until_final(ws: Any, limit_s: float = 60.0) -> list[dict[str, Any]]:
    """Every JSON message up to and including the first ``isFinal``."""
    messages: list[dict[str, Any]] = []
    while True:
        msg = await ws.receive(timeout=limit_s * TIMEOUT_UNIT)
        assert msg.type is WSMsgType.TEXT, msg
        messages.append(json.loads(msg.data))
        if messages[-1].get("isFinal"):
            return messages


def mp3_samples(data: bytes) -> tuple[int, int]:
    """(sample rate, samples) of an MP3 stream, decoded whole."""
    with av.open(io.BytesIO(data), mode="r", format="mp3") as container:
        frames = list(container.decode(audio=0))
    return frames[0].sample_rate, sum(f.samples for f in frames)


def audio_bytes(messages: list[dict[str, Any]]) -> bytes:
    return b"".join(base64.b64decode(m["audio"]) for m in messages if m.get("audio"))


async def test_flushed_context_streams_pcm_then_is_final(make_client: Any) -> None:
    client = await make_client(**FAST)
    url = MULTI.format(voice="alloy") + "?output_format=pcm_24000&model_id=any"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": " ", "context_id": "turn-1"})
        await ws.send_json({"text": "Hello there, how are you today?", "context_id": "turn-1"})
        await ws.send_json({"context_id": "turn-1", "flush": True})
        await ws.send_json({"context_id": "turn-1", "close_context": True})
        messages = await receive_until_final(ws)
    audio = [m for m in messages if m.get("audio")]
    assert audio and all(m["contextId"] == "turn-1" for m in audio)
    assert all(m["alignment"] is None and m["isFinal"] is None for m in audio)
    assert messages[-1] == {"isFinal": True, "contextId": "turn-1"}
    pcm = audio_bytes(messages)
    assert len(pcm) % 2 == 0 and len(pcm) >= 2 * 24_000 // 2  # at least half a second


async def test_close_context_without_flush_is_a_barge_in_with_nothing_after_is_final(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()  # real-time pacing: most audio is still to come
    url = MULTI.format(voice="alloy") + "?output_format=pcm_16000&auto_mode=true"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": " ", "context_id": "a"})
        await ws.send_json({"text": "This sentence would take many seconds.", "context_id": "a"})
        first = json.loads((await ws.receive(timeout=30 * TIMEOUT_UNIT)).data)
        assert first.get("audio") and first["contextId"] == "a"
        await ws.send_json({"context_id": "a", "close_context": True})
        messages = await receive_until_final(ws, limit_s=5)
        assert messages[-1] == {"isFinal": True, "contextId": "a"}
        with pytest.raises(asyncio.TimeoutError):
            await ws.receive(timeout=0.5 * TIMEOUT_UNIT)  # nothing follows isFinal
    for _ in range(50):
        if runtime.engine.unfinished_requests == 0:
            break
        await asyncio.sleep(0.1)
    assert runtime.engine.unfinished_requests == 0


async def test_empty_text_is_a_keepalive_that_ends_nothing(make_client: Any) -> None:
    client = await make_client(**FAST)
    url = MULTI.format(voice="alloy") + "?output_format=pcm_16000"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": ""})
        await ws.send_json({"text": " ", "context_id": "k"})
        await ws.send_json({"text": "", "context_id": "k"})
        await ws.send_json({"text": "Still here.", "context_id": "k"})
        await ws.send_json({"text": "", "context_id": "k", "flush": True})
        await ws.send_json({"context_id": "k", "close_context": True})
        messages = await receive_until_final(ws)
    assert audio_bytes(messages)
    assert not any("error" in m for m in messages)


async def test_mp3_context_is_one_continuous_decodable_stream(make_client: Any) -> None:
    client = await make_client(**FAST)
    url = MULTI.format(voice="alloy") + "?output_format=mp3_22050_32&auto_mode=true"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": "One sentence. ", "context_id": "m", "flush": True})
        await ws.send_json({"text": "And another. ", "context_id": "m", "flush": True})
        await ws.send_json({"text": "", "context_id": "m", "flush": True})
        await ws.send_json({"context_id": "m", "close_context": True})
        messages = await receive_until_final(ws)
    rate, samples = mp3_samples(audio_bytes(messages))
    assert rate == 22050 and samples / 22050 > 1.0


async def test_unknown_voice_is_refused_at_the_handshake_with_a_404_detail(
    make_client: Any,
) -> None:
    client = await make_client()
    response = await client.get(MULTI.format(voice="NoSuchVoice123"),
                                headers={"Connection": "Upgrade", "Upgrade": "websocket",
                                         "Sec-WebSocket-Version": "13",
                                         "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="})
    assert response.status == 404
    body = await response.json()
    assert body["detail"]["status"] == "voice_not_found"
    assert "NoSuchVoice123" in body["detail"]["message"]
    assert response.headers["Server"] == "spark-voice-server"


async def test_unsupported_output_format_is_refused_with_400(make_client: Any) -> None:
    client = await make_client()
    response = await client.post("/v1/text-to-speech/alloy/stream?output_format=alaw_8000",
                                 json={"text": "Hi."})
    assert response.status == 400
    assert "alaw_8000" in (await response.json())["detail"]["message"]


async def test_wrong_key_gets_401_and_a_right_key_in_any_convention_works(
    make_client: Any,
) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": "right-key"}, **FAST)
    refused = await client.post("/v1/text-to-speech/alloy/stream?output_format=pcm_16000",
                                json={"text": "Hi."}, headers={"xi-api-key": "wrong"})
    assert refused.status == 401
    assert (await refused.json())["detail"]["status"] == "invalid_api_key"
    header = await client.post("/v1/text-to-speech/alloy/stream?output_format=pcm_16000",
                               json={"text": "Hi."}, headers={"xi-api-key": "right-key"})
    assert header.status == 200 and len(await header.read()) > 0
    url = MULTI.format(voice="alloy") + "?output_format=pcm_16000&authorization=right-key"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": "Hi there.", "context_id": "q"})
        await ws.send_json({"context_id": "q", "flush": True})
        await ws.send_json({"context_id": "q", "close_context": True})
        assert audio_bytes(await receive_until_final(ws))


async def test_a_missing_key_gets_401_whose_message_names_the_elevenlabs_header(
    make_client: Any,
) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": "right-key"})
    response = await client.post("/v1/text-to-speech/alloy/stream", json={"text": "Hi."})
    assert response.status == 401
    detail = (await response.json())["detail"]
    assert detail["status"] == "missing_credentials" and "xi-api-key" in detail["message"]


async def test_stream_input_speaks_then_closes_with_1000(make_client: Any) -> None:
    client = await make_client(**FAST)
    url = "/v1/text-to-speech/alloy/stream-input?output_format=ulaw_8000"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": " ", "try_trigger_generation": True,
                            "generation_config": {"chunk_length_schedule": [50]}})
        await ws.send_json({"text": "Hello ", "try_trigger_generation": True})
        await ws.send_json({"text": "there. ", "try_trigger_generation": True})
        await ws.send_json({"text": ""})
        messages = await receive_until_final(ws)
        closing = await ws.receive(timeout=5 * TIMEOUT_UNIT)
    assert messages[-1] == {"isFinal": True}
    assert "contextId" not in messages[0]
    assert len(audio_bytes(messages)) > 4000  # mu-law: one byte a sample at 8 kHz
    assert closing.type in (WSMsgType.CLOSE, WSMsgType.CLOSED) and ws.close_code == 1000


async def test_http_routes_stream_audio_and_timestamped_lines(make_client: Any) -> None:
    client = await make_client(**FAST)
    base = "/v1/text-to-speech/alloy"
    raw = await client.post(base + "/stream?output_format=pcm_16000", json={"text": "Hi."})
    assert raw.status == 200 and raw.headers["Content-Type"].startswith("audio/")
    assert len(await raw.read()) > 16000
    lines = await client.post(base + "/stream/with-timestamps?output_format=pcm_16000",
                              json={"text": "Hi.", "model_id": "eleven_flash_v2_5"})
    chunks = [json.loads(line) for line in (await lines.read()).splitlines() if line]
    assert chunks and all(set(c) == {"audio_base64", "alignment", "normalized_alignment"}
                          for c in chunks)  # fmt: skip
    whole = await client.post(base + "/with-timestamps?output_format=pcm_16000",
                              json={"text": "Hi."})
    assert base64.b64decode((await whole.json())["audio_base64"])
    mp3 = await client.post(base + "?output_format=mp3_44100_128", json={"text": "Hi."})
    assert mp3.headers["Content-Type"] == "audio/mpeg"
    rate, samples = mp3_samples(await mp3.read())
    assert rate == 44100 and samples > 44100 // 2


async def test_close_socket_finishes_flushed_contexts_cancels_the_rest_then_closes_1000(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    url = MULTI.format(voice="alloy") + "?output_format=pcm_16000"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": "Finish me.", "context_id": "kept"})
        await ws.send_json({"context_id": "kept", "flush": True})
        await ws.send_json({"text": "Never flushed, so dropped", "context_id": "dropped"})
        await ws.send_json({"close_socket": True})
        messages = []
        async for msg in ws:
            messages.append(json.loads(msg.data))
    finals = [m["contextId"] for m in messages if m.get("isFinal")]
    assert sorted(finals) == ["dropped", "kept"]
    assert {m["contextId"] for m in messages if m.get("audio")} == {"kept"}
    assert ws.close_code == 1000


async def test_a_context_over_the_limit_gets_an_error_and_its_final(make_client: Any) -> None:
    client = await make_client(limits={"max_contexts": 5})
    url = MULTI.format(voice="alloy") + "?output_format=pcm_16000"
    async with client.ws_connect(url) as ws:
        for n in range(6):
            await ws.send_json({"text": " ", "context_id": f"c{n}"})
        error = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
        final = json.loads((await ws.receive(timeout=10 * TIMEOUT_UNIT)).data)
    assert error["error"] == "too_many_contexts" and error["contextId"] == "c5"
    assert final == {"isFinal": True, "contextId": "c5"}


UPGRADE = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
           "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}  # fmt: skip
SEED_RULE = "seed must be an integer in [0, 4294967295]"
INACTIVITY_RULE = "inactivity_timeout must be a number of seconds in (0, 180]"


@pytest.mark.parametrize("query, rule", [
    ("seed=abc", SEED_RULE),
    ("seed=1.5", SEED_RULE),
    ("seed=-1", SEED_RULE),
    ("seed=4294967296", SEED_RULE),
    ("seed=" + "9" * 5000, SEED_RULE),  # past int()'s digit limit, which has its own message
    ("inactivity_timeout=abc", INACTIVITY_RULE),
    ("inactivity_timeout=0", INACTIVITY_RULE),
    ("inactivity_timeout=181", INACTIVITY_RULE),
    ("inactivity_timeout=nan", INACTIVITY_RULE),
    ("auto_mode=maybe", "auto_mode must be true or false"),  # once silently false
    ("auto_mode=on", "auto_mode must be true or false"),
])  # fmt: skip
async def test_a_bad_socket_parameter_is_refused_at_the_handshake_naming_what_is_allowed(
    make_client: Any, query: str, rule: str
) -> None:
    client = await make_client()
    response = await client.get(MULTI.format(voice="alloy") + "?" + query, headers=UPGRADE)
    assert response.status == 400
    assert await response.json() == {"detail": {"status": "invalid_parameters", "message": rule}}


@pytest.mark.parametrize("seed", ["abc", "1.5", -1, 1.5, True, 4_294_967_296, [1]])
async def test_a_bad_seed_in_an_http_body_is_refused_naming_what_is_allowed(
    make_client: Any, seed: Any
) -> None:
    client = await make_client()
    response = await client.post("/v1/text-to-speech/alloy/stream?output_format=pcm_16000",
                                 json={"text": "Hi.", "seed": seed})  # fmt: skip
    assert response.status == 400
    assert await response.json() == {"detail": {"status": "invalid_parameters",
                                                "message": SEED_RULE}}  # fmt: skip


async def test_the_largest_seed_is_accepted_in_a_body_and_in_a_socket_url(
    make_client: Any,
) -> None:
    client = await make_client(**FAST)
    response = await client.post("/v1/text-to-speech/alloy/stream?output_format=pcm_16000",
                                 json={"text": "Hi.", "seed": 4_294_967_295})  # fmt: skip
    assert response.status == 200 and len(await response.read()) > 0
    url = "/v1/text-to-speech/alloy/stream-input?output_format=pcm_16000&seed=4294967295"
    async with client.ws_connect(url) as ws:
        await ws.send_json({"text": "Hi there. "})
        await ws.send_json({"text": ""})
        assert audio_bytes(await receive_until_final(ws))


@pytest.mark.parametrize("name", ["mp3_44100_256", "mp3_22050_128", "mp3_44100_100",
                                  "pcm_016000", "mp3_44100_0128"])  # fmt: skip
async def test_an_output_format_outside_the_listed_ones_is_refused_with_the_list(
    make_client: Any, name: str
) -> None:
    """The error message and compat.md list the formats; nothing else may slip through."""
    client = await make_client()
    response = await client.post(f"/v1/text-to-speech/alloy/stream?output_format={name}",
                                 json={"text": "Hi."})  # fmt: skip
    assert response.status == 400
    detail = (await response.json())["detail"]
    assert detail["status"] == "invalid_parameters"
    assert detail["message"] == (
        f"output_format {name!r} is not supported here; use one of "
        "pcm_8000|16000|22050|24000|44100|48000, ulaw_8000, mp3_22050_32, "
        "mp3_44100_32|64|96|128|192")  # fmt: skip


@pytest.mark.parametrize("header", [
    {"Authorization": "Bearer right-key"}, {"X-API-Key": "right-key"}, {"xi-api-key": "right-key"},
])  # fmt: skip
async def test_every_key_header_of_the_server_works_on_both_vendors_routes(
    make_client: Any, header: dict[str, str]
) -> None:
    """compat.md "Keys": past the key check, an empty text is each vendor's 400."""
    client = await make_client(auth={"enabled": True, "api_keys": "right-key"})
    eleven = await client.post("/v1/text-to-speech/alloy", json={"text": ""}, headers=header)
    assert (eleven.status, (await eleven.json())["detail"]["status"]) == (400, "invalid_text")
    cartesia = await client.post("/tts/bytes", json={"transcript": ""}, headers=header)
    assert (cartesia.status, (await cartesia.json())["error_code"]) == (400, "invalid_request")


async def test_a_browser_token_in_the_query_works_on_both_vendors_routes(make_client: Any) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": "right-key"})
    for path, body in (("/v1/text-to-speech/alloy", {"text": ""}), ("/tts/bytes", {})):
        minted = await client.post("/v1/auth/token", headers={"xi-api-key": "right-key"})
        token = (await minted.json())["token"]
        response = await client.post(f"{path}?token={token}", json=body)
        assert response.status == 400, await response.text()  # past the key check


async def test_get_v1_voices_is_this_servers_voice_list_not_elevenlabs_shape(
    make_client: Any,
) -> None:
    """compat.md "Not supported": the one voice-management path that is not a 404."""
    client = await make_client()
    response = await client.get("/v1/voices")
    voices = (await response.json())["voices"]
    assert response.status == 200 and voices
    assert all(set(v) == {"id", "description", "style"} for v in voices)
