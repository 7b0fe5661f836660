"""The real ``openai`` package, pointed at our server by its base URL only.

These are the calls an app built on the OpenAI SDK makes (Pipecat's and LiveKit's OpenAI TTS
services make the same requests): the default (mp3), streaming with
``with_streaming_response``, 24 kHz ``pcm``, ``stream_format="sse"``, errors and auth.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
from typing import Any

import av
import openai
import pytest

pytestmark = pytest.mark.engine

KEY = "sk-openai-compat"


def sdk(client: Any, key: str = "any-non-empty-key") -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=str(client.make_url("/v1")), api_key=key, max_retries=0)


def decode(data: bytes) -> tuple[int, int]:
    """(samples, sample rate) of a complete audio file."""
    with av.open(io.BytesIO(data), "r") as container:
        samples = sum(int(frame.samples) for frame in container.decode(audio=0))
        return samples, container.streams.audio[0].sample_rate


async def test_speech_create_with_defaults_returns_24k_mp3(make_client: Any) -> None:
    oa = sdk(await make_client())
    result = await oa.audio.speech.create(model="tts-1", voice="alloy", input="Hello there.")
    assert result.response.headers["content-type"] == "audio/mpeg"
    samples, rate = decode(result.content)
    assert rate == 24000 and samples > 0.1 * rate


async def test_streaming_response_yields_chunks_of_24k_pcm(make_client: Any) -> None:
    oa = sdk(await make_client())
    text = "Streaming works chunk by chunk. Here is a second sentence to make it longer."
    async with oa.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="coral", input=text, response_format="pcm", speed=1.0,
    ) as response:
        assert response.headers["content-type"] == "audio/pcm"
        assert response.headers["x-sample-rate"] == "24000"
        chunks = [chunk async for chunk in response.iter_bytes()]
    data = b"".join(chunks)
    assert len(chunks) > 1
    assert len(data) % 2 == 0 and len(data) > 2 * 2400


async def test_sse_delivers_base64_deltas_then_done_with_usage(make_client: Any) -> None:
    oa = sdk(await make_client())
    async with oa.audio.speech.with_streaming_response.create(
        model="gpt-4o-mini-tts", voice="shimmer", input="Events, please.",
        response_format="pcm", stream_format="sse", extra_body={"seed": 4},
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line async for line in response.iter_lines()]
    events = [json.loads(line[len("data: "):]) for line in lines if line.startswith("data: ")]
    deltas = [e for e in events if e["type"] == "speech.audio.delta"]
    assert deltas and events[-1]["type"] == "speech.audio.done"
    assert [e["type"] for e in events[:-1]] == ["speech.audio.delta"] * len(deltas)
    pcm = b"".join(base64.b64decode(e["audio"]) for e in deltas)
    tokens = events[-1]["usage"]["output_tokens"]
    # 320 samples per token at 16 kHz is 480 at 24 kHz; the resampler keeps the count exact.
    assert len(pcm) == 2 * 480 * tokens


@pytest.mark.parametrize(("fmt", "rate"), [("wav", 24000), ("opus", 48000), ("flac", 24000),
                                           ("aac", 24000)])
async def test_the_other_openai_formats_decode(make_client: Any, fmt: str, rate: int) -> None:
    oa = sdk(await make_client())
    result = await oa.audio.speech.create(model="tts-1", voice="onyx", input="Format check.",
                                          response_format=fmt)  # type: ignore[arg-type]
    samples, decoded_rate = decode(result.content)
    assert decoded_rate == rate and samples > 0


async def test_the_sync_client_works_too(make_client: Any) -> None:
    client = await make_client()
    sync = openai.OpenAI(base_url=str(client.make_url("/v1")), api_key="x", max_retries=0)

    def call() -> bytes:
        return sync.audio.speech.create(model="tts-1", voice="echo", input="Sync.",
                                        response_format="wav").content

    data = await asyncio.to_thread(call)
    assert data[:4] == b"RIFF" and len(data) > 44


async def test_an_unknown_voice_is_a_bad_request_error_with_openais_body(
    make_client: Any,
) -> None:
    oa = sdk(await make_client())
    with pytest.raises(openai.BadRequestError) as error:
        await oa.audio.speech.create(model="tts-1", voice="galadriel", input="Hi.")
    assert error.value.status_code == 400
    body = error.value.body
    assert isinstance(body, dict)
    assert body["param"] == "voice" and body["type"] == "invalid_request_error"


async def test_with_auth_on_a_wrong_key_is_an_authentication_error_and_the_right_one_works(
    make_client: Any,
) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": KEY})
    with pytest.raises(openai.AuthenticationError):
        await sdk(client, "wrong").audio.speech.create(model="tts-1", voice="nova", input="Hi.")
    result = await sdk(client, KEY).audio.speech.create(
        model="tts-1", voice="nova", input="Hi.", response_format="pcm")
    assert len(result.content) > 0
