"""The session's sender: paced frames, several per send within the send window, events in
order. A real Session and its sender task; the sink records what it is handed and when."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from voice_server.codec.audio_format import OutputFormat
from voice_server.codec.encoders import FrameEncoder
from voice_server.config import LimitsConfig, ServerConfig
from voice_server.outbox import Event, Frame
from voice_server.pacing import PacingConfig
from voice_server.session import MAX_FRAMES_PER_SEND, Session
from voice_server.synthesis import Voice

FRAME_S = 0.02
FRAME = 320  # 20 ms at 16 kHz


class RecordingSink:
    def __init__(self, writes_at_once: bool = True) -> None:
        self.writes_at_once = writes_at_once
        self.calls: list[tuple[float, str, Any]] = []

    async def send_message(self, message: Any) -> None:
        self.calls.append((time.monotonic(), "message", message))

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        self.calls.append((time.monotonic(), "audio", list(frames)))

    def drop_audio(self, context_id: str) -> None:
        pass

    async def close(self, code: int, reason: str) -> None:
        pass

    def audio_sends(self) -> list[tuple[float, list[Frame]]]:
        return [(t, item) for t, kind, item in self.calls if kind == "audio"]


def _started(config: ServerConfig, sink: RecordingSink) -> tuple[Session, Any]:
    """A started session on ``sink`` with one open context."""
    session = Session("s", config, None, sink)  # type: ignore[arg-type]
    session.start()
    context = session.open_context("c", Voice(), None, FrameEncoder(OutputFormat()), None,
                                   lambda *a, **k: None)  # type: ignore[arg-type]  # fmt: skip
    return session, context


def _session(window_ms: int, lead_ms: int = 0, writes_at_once: bool = True) -> tuple[Session, RecordingSink, Any]:
    config = ServerConfig(pacing=PacingConfig(frame_ms=20, lead_ms=lead_ms, send_window_ms=window_ms))
    sink = RecordingSink(writes_at_once)
    session, context = _started(config, sink)
    return session, sink, context


def _frame(sequence: int) -> Frame:
    return Frame(b"\0" * 2 * FRAME, FRAME, sequence, sequence * FRAME, 1)


def _assert_one_frame_per_send_at_its_time(sink: RecordingSink, context: Any, frames: int,
                                           lead_s: float) -> None:  # fmt: skip
    sends = sink.audio_sends()
    assert [len(f) for _, f in sends] == [1] * frames
    anchor = context.outbox.pacer.anchor
    for sent_at, (frame,) in sends:
        assert sent_at >= anchor + frame.sequence * FRAME_S - lead_s - 1e-3


async def _play(session: Session, context: Any, sink: RecordingSink, frames: int) -> None:
    for i in range(frames):
        context.outbox.put(_frame(i))
    session._wake.set()
    async with asyncio.timeout(10):
        while sum(len(f) for _, f in sink.audio_sends()) < frames:
            await asyncio.sleep(0.01)


@pytest.mark.parametrize("window_ms", [40, 60])
async def test_frames_leave_together_within_the_window_and_never_late(window_ms: int) -> None:
    session, sink, context = _session(window_ms)
    try:
        await _play(session, context, sink, 50)
        sends = sink.audio_sends()
        per_send = window_ms // 20 + 1
        anchor = context.outbox.pacer.anchor
        # Spurt anchor: frame k is due at anchor + k * 20 ms (lead 0). Each send carries the
        # frame that was due and those due within the window after it.
        assert [len(f) for _, f in sends[:-1]] == [per_send] * (len(sends) - 1)
        for sent_at, frames in sends:
            for frame in frames:
                due = anchor + frame.sequence * FRAME_S
                assert sent_at >= due - window_ms / 1000 - 1e-3, (frame.sequence, sent_at - due)
            # The first frame of a send left at its own time (wake-up jitter allowed).
            assert sent_at - (anchor + frames[0].sequence * FRAME_S) < 0.05
        assert session.stats["late_frames"] == 0 and session.stats["frames"] == 50
    finally:
        await session.close()


async def test_without_a_window_every_frame_leaves_alone_at_its_time() -> None:
    session, sink, context = _session(0)
    try:
        await _play(session, context, sink, 20)
        _assert_one_frame_per_send_at_its_time(sink, context, 20, lead_s=0.0)
    finally:
        await session.close()


async def test_the_opening_burst_leaves_in_capped_sends() -> None:
    session, sink, context = _session(40, lead_ms=1000)
    try:
        await _play(session, context, sink, 40)
        sizes = [len(f) for _, f in sink.audio_sends()]
        assert sizes[:3] == [MAX_FRAMES_PER_SEND, MAX_FRAMES_PER_SEND, 40 - 2 * MAX_FRAMES_PER_SEND]
    finally:
        await session.close()


async def test_an_event_leaves_between_the_frames_around_it() -> None:
    session, sink, context = _session(1000, lead_ms=1000)
    try:
        context.outbox.put(_frame(0))
        context.outbox.put(_frame(1))
        context.outbox.put(Event({"type": "segment_done"}))
        context.outbox.put(_frame(2))
        session._wake.set()
        async with asyncio.timeout(5):
            while len(sink.calls) < 3:
                await asyncio.sleep(0.01)
        kinds = [(kind, [f.sequence for f in item] if kind == "audio" else item) for _, kind, item in sink.calls]
        assert kinds == [("audio", [0, 1]), ("message", {"type": "segment_done"}), ("audio", [2])]
    finally:
        await session.close()


async def test_a_sink_that_may_wait_between_frames_gets_one_at_a_time_at_its_time() -> None:
    """A track queue or a locked JSON socket awaits per frame: handing it a batch could put
    frames of a cancelled context on the wire after the cancel, so it never gets one."""
    session, sink, context = _session(80, lead_ms=100, writes_at_once=False)
    try:
        await _play(session, context, sink, 20)
        _assert_one_frame_per_send_at_its_time(sink, context, 20, lead_s=0.1)  # no window
    finally:
        await session.close()


class StallingSink(RecordingSink):
    """Each ``send_audio`` waits ``stall_s`` (forever if None), like a client that reads slowly."""

    def __init__(self, stall_s: float | None) -> None:
        super().__init__(writes_at_once=True)
        self.stall_s = stall_s
        self.closed_with: tuple[int, str] | None = None

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        await (asyncio.sleep(self.stall_s) if self.stall_s is not None else asyncio.Event().wait())
        await super().send_audio(context_id, frames)

    async def close(self, code: int, reason: str) -> None:
        self.closed_with = (code, reason)


def _stalling_session(stall_s: float | None, lag_s: float) -> tuple[Session, StallingSink, Any]:
    config = ServerConfig(pacing=PacingConfig(frame_ms=20, lead_ms=0, send_window_ms=0),
                          limits=LimitsConfig(slow_consumer_lag_s=lag_s))  # fmt: skip
    sink = StallingSink(stall_s)
    session, context = _started(config, sink)
    return session, sink, context


async def test_a_send_stuck_past_the_lag_budget_closes_the_session_as_slow_consumer() -> None:
    session, sink, context = _stalling_session(None, lag_s=0.3)
    started = time.monotonic()
    context.outbox.put(_frame(0))
    session._wake.set()
    async with asyncio.timeout(5):
        while sink.closed_with is None:
            await asyncio.sleep(0.01)
    assert sink.closed_with[0] == 4429 and "slow consumer" in sink.closed_with[1]
    assert 0.3 <= time.monotonic() - started < 1.0
    await session.close()


async def test_slow_sends_each_within_the_budget_never_close_the_session() -> None:
    """Each send waits 60 % of the budget, back to back for over three budgets: the watch
    re-arms for the send in flight instead of adding up the waits."""
    session, sink, context = _stalling_session(0.12, lag_s=0.2)
    try:
        await _play(session, context, sink, 8)
        assert sink.closed_with is None and not session.closing
    finally:
        await session.close()


async def test_a_cancel_read_while_the_context_done_waits_behind_paced_audio_wins() -> None:
    """PROTOCOL.md 5.1: a cancel that races the natural end gets ``cancelled`` when the server
    had not yet sent the ``context_done``, even though all the audio was synthesized (it only
    waited for its pace): the context is live until its ``context_done`` is sent, and that
    ``context_done`` is then never sent."""
    session, sink, context = _session(0)
    try:
        for i in range(50):  # one second of audio, paced out in real time
            context.outbox.put(_frame(i))
        context.outbox.put(Event({"type": "context_done"}))
        session._wake.set()
        async with asyncio.timeout(5):
            while not sink.audio_sends():
                await asyncio.sleep(0.01)
        assert session.cancel_context("c") is context
        await asyncio.sleep(1.2)  # past the time the context_done was due
        assert [item for _, kind, item in sink.calls if kind == "message"] == []
        assert sum(len(f) for _, f in sink.audio_sends()) < 50
        assert "c" not in session.contexts
    finally:
        await session.close()
