"""The real third-party clients, unmodified, against the real server on loopback (tiny model).

Pipecat's and LiveKit's ElevenLabs and Cartesia services and the two vendors' SDKs are pointed at
this server by their base-URL settings only. Each test checks what an application would see:
audio at the sample rate the client declared, barge-in through the framework's own path (no
audio after it on the wire, no engine request left behind), and the errors the clients
understand for a bad voice and a bad key.

The clients are an optional, exactly pinned extra (``requirements/compat.txt``); each test
skips when its client is not installed.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.conftest import TIMEOUT_UNIT
from voice_server.app import REGISTRY

pytestmark = pytest.mark.engine

FAST = {"pacing": {"lead_ms": 10_000}, "limits": {"slow_consumer_lag_s": 30.0}}
"""Audio leaves as fast as it is made (a 10 s pacing lead), so tests stay short."""
LONG_TEXT = ("This is a long sentence that goes on and on, so that there is audio left to stop. "
             "And here is a second sentence. ")


def needs(*modules: str) -> pytest.MarkDecorator:
    missing = [m for m in modules if importlib.util.find_spec(m.split(".")[0]) is None]
    return pytest.mark.skipif(bool(missing), reason=f"optional client not installed: {missing}")


def origin(client: Any) -> str:
    return str(client.make_url("")).rstrip("/")


def live_sessions(client: Any) -> list[Any]:
    """The server's live sessions (the registry keeps them; tests read it directly)."""
    return list(client.app[REGISTRY]._sessions)


async def engine_idle(runtime: Any, within_s: float = 5.0) -> bool:
    for _ in range(int(within_s * 10 * TIMEOUT_UNIT)):
        if runtime.engine.unfinished_requests == 0:
            return True
        await asyncio.sleep(0.1)
    return False


async def wire_is_quiet(client: Any, for_s: float = 1.0) -> bool:
    """No session sends another audio frame for ``for_s`` seconds."""
    before = [s.stats["frames"] for s in live_sessions(client)]
    await asyncio.sleep(for_s * TIMEOUT_UNIT)
    return [s.stats["frames"] for s in live_sessions(client)] == before


@contextlib.asynccontextmanager
async def http_session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


# --- Pipecat -------------------------------------------------------------------------------


async def run_pipecat(
    service: Any, frames: list[Any], sample_rate: int
) -> tuple[list[Any], list[Any]]:
    from pipecat.pipeline.worker import PipelineParams
    from pipecat.tests.utils import run_test

    down, up = await asyncio.wait_for(run_test(
        service, frames_to_send=frames,
        pipeline_params=PipelineParams(audio_out_sample_rate=sample_rate),
    ), 60 * TIMEOUT_UNIT)  # fmt: skip
    return list(down), list(up)


def llm_turn(text: str, settle_s: float) -> list[Any]:
    """An LLM response as Pipecat's TTS services see it, then time for the audio to arrive."""
    from pipecat.frames.frames import (
        LLMFullResponseEndFrame,
        LLMFullResponseStartFrame,
        LLMTextFrame,
    )
    from pipecat.tests.utils import SleepFrame

    return [LLMFullResponseStartFrame(), LLMTextFrame(text), LLMFullResponseEndFrame(),
            SleepFrame(sleep=settle_s * TIMEOUT_UNIT)]  # fmt: skip


def pipecat_audio(frames: list[Any]) -> list[Any]:
    from pipecat.frames.frames import TTSAudioRawFrame

    return [f for f in frames if isinstance(f, TTSAudioRawFrame)]


def pipecat_errors(frames: list[Any]) -> str:
    from pipecat.frames.frames import ErrorFrame

    return " | ".join(f.error for f in frames if isinstance(f, ErrorFrame))


def pipecat_elevenlabs(client: Any, voice: str = "alloy", key: str = "x") -> Any:
    from pipecat.services.elevenlabs.tts import ElevenLabsTTSService

    return ElevenLabsTTSService(api_key=key, url=origin(client).replace("http", "ws", 1),
                                settings=ElevenLabsTTSService.Settings(voice=voice))  # fmt: skip


def pipecat_cartesia(client: Any, voice: str = "alloy", key: str = "x") -> Any:
    from pipecat.services.cartesia.tts import CartesiaTTSService

    url = origin(client).replace("http", "ws", 1) + "/tts/websocket"
    return CartesiaTTSService(api_key=key, url=url,
                              settings=CartesiaTTSService.Settings(voice=voice))  # fmt: skip


@needs("pipecat")
@pytest.mark.parametrize("make_service", [pipecat_elevenlabs, pipecat_cartesia])
async def test_pipecat_service_speaks_an_llm_turn_at_the_pipeline_rate(
    make_client: Any, make_service: Any
) -> None:
    client = await make_client(**FAST)
    down, up = await run_pipecat(make_service(client), llm_turn("Hello there. How are you?", 6),
                                 sample_rate=24000)  # fmt: skip
    audio = pipecat_audio(down)
    assert audio, pipecat_errors(up + down)
    assert {f.sample_rate for f in audio} == {24000}
    assert sum(len(f.audio) for f in audio) / 2 / 24000 > 1.0
    assert not pipecat_errors(up + down)


@needs("pipecat")
@pytest.mark.parametrize("make_service", [pipecat_elevenlabs, pipecat_cartesia])
async def test_pipecat_interruption_stops_the_audio_on_the_wire_and_the_engine(
    make_client: Any, runtime: Any, make_service: Any
) -> None:
    from pipecat.frames.frames import (
        InterruptionFrame,
        LLMFullResponseStartFrame,
        LLMTextFrame,
    )
    from pipecat.tests.utils import SleepFrame

    client = await make_client()  # real-time pacing: the turn still has seconds to play
    seen: dict[str, Any] = {}
    # The first segment holds about 10 s of audio; the user barges in 8 s after the text.
    frames = [LLMFullResponseStartFrame(), LLMTextFrame(LONG_TEXT),
              SleepFrame(sleep=8 * TIMEOUT_UNIT), InterruptionFrame(),
              SleepFrame(sleep=2 * TIMEOUT_UNIT)]  # fmt: skip

    async def watch() -> None:
        await asyncio.sleep(7.5 * TIMEOUT_UNIT)
        seen["frames_before"] = sum(s.stats["frames"] for s in live_sessions(client))

    watcher = asyncio.create_task(watch())
    down, up = await run_pipecat(make_service(client), frames, sample_rate=16000)
    await watcher
    assert seen["frames_before"] > 0  # audio was flowing when the user barged in
    assert await wire_is_quiet(client)
    assert await engine_idle(runtime)
    assert all(not s.contexts for s in live_sessions(client))
    index = next(i for i, f in enumerate(down) if isinstance(f, InterruptionFrame))
    assert pipecat_audio(down[:index]) and not pipecat_audio(down[index + 1:])


@needs("pipecat")
async def test_pipecat_elevenlabs_with_a_wrong_key_reports_the_401(make_client: Any) -> None:
    client = await make_client(auth={"enabled": True, "api_keys": "right"})
    down, up = await run_pipecat(pipecat_elevenlabs(client, key="wrong"),
                                 llm_turn("Hello.", 1), sample_rate=16000)  # fmt: skip
    assert not pipecat_audio(down)
    assert "401" in pipecat_errors(up + down)


@needs("pipecat")
async def test_pipecat_elevenlabs_with_an_unknown_voice_reports_the_404(make_client: Any) -> None:
    client = await make_client()
    down, up = await run_pipecat(pipecat_elevenlabs(client, voice="NoSuchVoice"),
                                 llm_turn("Hello.", 1), sample_rate=16000)  # fmt: skip
    assert not pipecat_audio(down)
    assert "404" in pipecat_errors(up + down)


@needs("pipecat")
async def test_pipecat_cartesia_with_an_unknown_voice_gets_the_error_event(
    make_client: Any,
) -> None:
    client = await make_client()
    down, up = await run_pipecat(pipecat_cartesia(client, voice="NoSuchVoice"),
                                 llm_turn("Hello.", 2), sample_rate=16000)  # fmt: skip
    assert not pipecat_audio(down)
    assert "voice_not_found" in pipecat_errors(up + down)


# --- LiveKit -------------------------------------------------------------------------------


def livekit_options() -> Any:
    from livekit.agents import APIConnectOptions

    return APIConnectOptions(max_retry=0, timeout=20 * TIMEOUT_UNIT)


def livekit_elevenlabs(client: Any, http: aiohttp.ClientSession, voice: str = "alloy",
                       key: str = "x") -> Any:  # fmt: skip
    from livekit.plugins import elevenlabs

    return elevenlabs.TTS(api_key=key, base_url=origin(client) + "/v1", voice_id=voice,
                          encoding="pcm_16000", http_session=http)  # fmt: skip


def livekit_cartesia(client: Any, http: aiohttp.ClientSession, voice: str = "alloy",
                     key: str = "x") -> Any:  # fmt: skip
    from livekit.plugins import cartesia

    return cartesia.TTS(api_key=key, base_url=origin(client), voice=voice, sample_rate=16000,
                        http_session=http)  # fmt: skip


async def livekit_stream(tts: Any, text: str) -> list[Any]:
    stream = tts.stream(conn_options=livekit_options())
    stream.push_text(text)
    stream.end_input()
    try:
        return [event.frame async for event in stream]
    finally:
        await stream.aclose()


@needs("livekit.plugins.elevenlabs", "livekit.plugins.cartesia")
@pytest.mark.parametrize("make_tts", [livekit_elevenlabs, livekit_cartesia])
async def test_livekit_stream_and_synthesize_give_audio_at_the_declared_rate(
    make_client: Any, make_tts: Any
) -> None:
    client = await make_client(**FAST)
    async with http_session() as http:
        tts = make_tts(client, http)
        frames = await livekit_stream(tts, "Hello there. How are you today?")
        async with tts.synthesize("Hi there.", conn_options=livekit_options()) as chunked:
            http_frames = [event.frame async for event in chunked]
        await tts.aclose()
    for got in (frames, http_frames):
        assert got and {f.sample_rate for f in got} == {16000}
        assert sum(f.samples_per_channel for f in got) / 16000 > 0.5


@needs("livekit.plugins.elevenlabs")
async def test_livekit_elevenlabs_default_mp3_decodes_as_one_stream_per_turn(
    make_client: Any,
) -> None:
    from livekit.plugins import elevenlabs

    client = await make_client(**FAST)
    async with http_session() as http:
        tts = elevenlabs.TTS(api_key="x", base_url=origin(client) + "/v1", voice_id="alloy",
                             http_session=http)  # the plugin's default encoding: mp3_22050_32
        frames = await livekit_stream(tts, "Hello there. How are you today?")
        await tts.aclose()
    assert frames and {f.sample_rate for f in frames} == {22050}
    assert sum(f.samples_per_channel for f in frames) / 22050 > 1.0


async def barge_in(tts: Any) -> None:
    """A turn that the user interrupts after five audio frames (LiveKit: ``aclose()``)."""
    stream = tts.stream(conn_options=livekit_options())
    stream.push_text(LONG_TEXT)
    stream.flush()
    received = 0
    async for _event in stream:
        received += 1
        if received == 5:
            break
    await stream.aclose()
    assert received == 5


@needs("livekit.plugins.elevenlabs")
async def test_livekit_elevenlabs_aclose_mid_stream_stops_the_audio_and_the_engine(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()  # real-time pacing: the turn still has seconds to play
    async with http_session() as http:
        tts = livekit_elevenlabs(client, http)
        await barge_in(tts)  # the plugin sends close_context without a final flush
        assert await wire_is_quiet(client)
        assert await engine_idle(runtime)
        assert all(not s.contexts for s in live_sessions(client))
        await tts.aclose()


@needs("livekit.plugins.cartesia")
async def test_livekit_cartesia_barge_in_is_cancelled_when_the_plugin_drops_the_socket(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client()  # real-time pacing: the turn still has seconds to play
    async with http_session() as http:
        tts = livekit_cartesia(client, http)
        await barge_in(tts)
        interrupted = live_sessions(client)
        # The plugin's pool closes the interrupted turn's socket when the next turn takes a
        # connection; closing the socket cancels everything on it.
        next_turn = await livekit_stream(tts, "Next turn.")
        assert next_turn
        assert not any(s in live_sessions(client) for s in interrupted)
        assert all(s.closing for s in interrupted)
        assert await engine_idle(runtime)
        await tts.aclose()


@needs("livekit.plugins.elevenlabs", "livekit.plugins.cartesia")
async def test_livekit_gets_vendor_errors_for_a_bad_voice_and_a_bad_key(make_client: Any) -> None:
    from livekit.agents import APIError, APIStatusError

    client = await make_client(auth={"enabled": True, "api_keys": "right"})
    async with http_session() as http:
        with pytest.raises(APIStatusError) as el_voice:
            await livekit_stream(livekit_elevenlabs(client, http, "NoSuchVoice", "right"), "Hi.")
        with pytest.raises(APIStatusError) as el_key:
            await livekit_stream(livekit_elevenlabs(client, http, "alloy", "wrong"), "Hi.")
        with pytest.raises(APIError, match="voice_not_found") as ca_voice:
            await livekit_stream(livekit_cartesia(client, http, "NoSuchVoice", "right"), "Hi.")
        with pytest.raises(APIStatusError) as ca_key:
            await livekit_stream(livekit_cartesia(client, http, "alloy", "wrong"), "Hi.")
    assert el_voice.value.status_code == 404 and el_key.value.status_code == 401
    assert ca_key.value.status_code == 401
    assert "no audio frames" not in str(ca_voice.value)


# --- vendor SDKs ---------------------------------------------------------------------------


@needs("elevenlabs")
async def test_elevenlabs_sdk_streams_pcm_and_raises_for_a_bad_voice(make_client: Any) -> None:
    from elevenlabs.client import AsyncElevenLabs
    from elevenlabs.core.api_error import ApiError

    client = await make_client(**FAST)
    sdk = AsyncElevenLabs(api_key="x", base_url=origin(client))
    pcm = b"".join([chunk async for chunk in sdk.text_to_speech.stream(
        "alloy", text="Hello there.", output_format="pcm_16000", model_id="eleven_flash_v2_5")])
    assert len(pcm) / 2 / 16000 > 0.5
    with pytest.raises(ApiError) as error:
        async for _chunk in sdk.text_to_speech.stream("NoSuchVoice", text="Hi.",
                                                      output_format="pcm_16000"):
            pass
    assert error.value.status_code == 404


@needs("cartesia")
async def test_cartesia_sdk_websocket_context_and_bytes(make_client: Any) -> None:
    from cartesia import AsyncCartesia

    client = await make_client(**FAST)
    raw: Any = {"container": "raw", "encoding": "pcm_s16le", "sample_rate": 16000}
    voice: Any = {"mode": "id", "id": "alloy"}
    sdk = AsyncCartesia(api_key="x", base_url=origin(client),
                        websocket_base_url=origin(client).replace("http", "ws", 1))  # fmt: skip
    async with sdk.tts.websocket_connect() as connection:
        context = connection.context(model_id="sonic-3", voice=voice, output_format=raw)
        await context.push("Hello there. ")
        await context.no_more_inputs()
        events = [event async for event in context.receive()]
    assert events[-1].type == "done"
    assert sum(len(e.audio or b"") for e in events if e.type == "chunk") / 2 / 16000 > 0.5
    response = await sdk.tts.generate(model_id="sonic-3", transcript="Hi there.", voice=voice,
                                      output_format=raw)  # fmt: skip
    assert len(await response.read()) / 2 / 16000 > 0.5
    await sdk.close()
