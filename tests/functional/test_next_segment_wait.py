"""A context's next segment waits until its listener is near the end of the audio it holds
(``limits.next_segment_ahead_s``): real server, real vLLM (CPU), tiny model."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from protocol import client as pc
from protocol.messages import ContextDone, SegmentDone, Sampling, Start

pytestmark = pytest.mark.engine

AHEAD_S = 1.0
SLACK_S = 0.35  # the pacing lead and send window (the client holds 0.1-0.18 s), and polling


async def _engine_starts(runtime: Any, starts: list[float], stop: asyncio.Event) -> None:
    """Record when the engine goes from no request to one (a segment's request starting)."""
    engine = runtime.replicas[0].engine
    busy = engine.unfinished_requests > 0
    while not stop.is_set():
        now_busy = engine.unfinished_requests > 0
        if now_busy and not busy:
            starts.append(time.monotonic())
        busy = now_busy
        await asyncio.sleep(0.005)


async def test_the_next_segment_starts_only_when_the_listener_nears_the_end_of_its_audio(
    make_client: Any, runtime: Any
) -> None:
    client = await make_client(limits={"next_segment_ahead_s": AHEAD_S})
    start = Start(sampling=Sampling(max_tokens=250, seed=7))  # 5 s segments on a random model
    session = await pc.connect(str(client.make_url("/")), start, http=client.session)
    starts: list[float] = []
    stop = asyncio.Event()
    watcher = asyncio.create_task(_engine_starts(runtime, starts, stop))
    try:
        await session.open("c")
        await session.send_text("c", "The first sentence is here. And the second one follows it.",
                                flush=True)  # fmt: skip
        await session.end("c")
        seen: list[Any] = []
        async with asyncio.timeout(120):
            while not seen or not isinstance(seen[-1], ContextDone):
                item = await session.receive()
                assert item is not None, f"closed ({session.close_code})"
                seen.append(item)
    finally:
        stop.set()
        await watcher
    await session.close()
    audio = [x for x in seen if isinstance(x, pc.ContextAudio)]
    dones = [x for x in seen if isinstance(x, SegmentDone)]
    assert len(dones) == 2 and len(starts) == 2, (dones, starts)
    first_heard = audio[0].received_at  # the client plays from its first frame
    first_ends = first_heard + dones[0].audio_ms / 1000.0
    assert dones[0].audio_ms >= 3000  # long enough that starting at once would be seconds early
    # Made as soon as the first segment's synthesis ended, the second would start seconds
    # before that; held, it starts with about AHEAD_S of the first still to play.
    assert starts[1] >= first_ends - AHEAD_S - SLACK_S, (starts[1] - first_ends)
