"""The WebRTC audio track: schedule arithmetic with a fake clock, the queue, and the real
aiortc Opus encoder on its frames."""

from __future__ import annotations

import asyncio
import time
from fractions import Fraction

import numpy as np
import pytest
from aiortc.codecs.opus import OpusEncoder
from aiortc.mediastreams import MediaStreamError

from voice_server.pacing import Pacer, PacingConfig
from voice_server.transport.audio_track import FrameSchedule, PacedAudioTrack, Tick

RATE = 48_000
FRAME = 960  # 20 ms at 48 kHz
FRAME_S = 0.02


class FakeTime:
    """A clock that moves only when the track sleeps (or the test says so)."""

    def __init__(self, start: float = 500.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


def make_track(max_queued_frames: int = 3) -> tuple[PacedAudioTrack, FakeTime]:
    fake = FakeTime()
    track = PacedAudioTrack(max_queued_frames=max_queued_frames, clock=fake, sleep=fake.sleep)
    return track, fake


def tone(value: int) -> bytes:
    return np.full(FRAME, value, dtype="<i2").tobytes()


# --- FrameSchedule ---------------------------------------------------------------------------


def test_deadlines_come_from_the_frame_count_so_an_hour_does_not_drift() -> None:
    schedule = FrameSchedule(FRAME, RATE)
    start = 1234.567
    now = start
    for _ in range(180_000):  # one hour of 20 ms frames, each taken exactly when due
        now = schedule.due(now)
        schedule.take(now)
    assert schedule.due(now) == start + 180_000 * FRAME / RATE
    assert schedule.lateness.late_frames == 0
    assert schedule.frames == 180_000


def test_the_first_frame_is_due_at_once_and_the_next_one_frame_later() -> None:
    schedule = FrameSchedule(FRAME, RATE)
    assert schedule.due(10.0) == 10.0
    assert schedule.take(10.0) == Tick(pts=0, due=10.0, lateness=0.0)
    assert schedule.due(10.0) == pytest.approx(10.02)


def test_a_short_stall_keeps_the_schedule_so_the_owed_frames_leave_at_once() -> None:
    schedule = FrameSchedule(FRAME, RATE, max_behind_frames=5)
    schedule.take(0.0)
    stalled_until = 0.02 + 0.07  # frame 1 taken 3.5 frame periods late
    tick = schedule.take(stalled_until)
    assert tick.lateness == pytest.approx(0.07)
    assert schedule.due(stalled_until) == pytest.approx(0.04)  # still owed: burst
    assert schedule.reanchors == 0
    assert schedule.lateness.late_frames == 1


def test_a_long_stall_reanchors_instead_of_bursting_and_pts_stay_continuous() -> None:
    schedule = FrameSchedule(FRAME, RATE, max_behind_frames=5)
    schedule.take(0.0)
    tick = schedule.take(0.5)  # 24 frame periods late
    assert schedule.reanchors == 1
    assert tick.pts == FRAME
    assert schedule.due(0.5) == pytest.approx(0.52)
    assert schedule.take(0.52).pts == 2 * FRAME


def test_lateness_percentiles_come_from_a_bounded_histogram() -> None:
    schedule = FrameSchedule(FRAME, RATE)
    now = 0.0
    for i in range(100):
        due = schedule.due(now)
        now = due + (0.0105 if i == 99 else 0.0005)
        schedule.take(now)
    assert schedule.lateness.percentile_ms(0.5) == 1.0
    assert schedule.lateness.percentile_ms(1.0) == 11.0
    assert schedule.lateness.max_s == pytest.approx(0.0105)
    assert len(schedule.lateness.histogram) == 201


@pytest.mark.parametrize("args", [(0, RATE, 5), (FRAME, RATE, 0)])
def test_schedule_rejects_bad_arguments(args: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError):
        FrameSchedule(*args)


def test_a_pacer_with_a_40_ms_lead_keeps_the_track_fed_through_at_most_three_frames() -> None:
    """The session's pacer and the track run on their own clocks; simulate both exactly.

    The pacer sends 40 ms ahead of playback, the track takes a frame every 20 ms at some
    phase: the queue between them must never run dry during speech, nor grow past 3.
    """
    for phase in (0.001, 0.007, 0.0133, 0.0199):
        pacer = Pacer(PacingConfig(frame_ms=20, lead_ms=40), lambda: 0.0, RATE)
        schedule = FrameSchedule(FRAME, RATE)
        schedule.due(phase)
        speech, queued, most, silence_during_speech = 200, 0, 0, 0
        sent = taken = 0
        next_send = pacer.schedule(FRAME, 0.0).send_at
        while taken < speech:
            tick_at = schedule.due(0.0)
            if sent < speech and next_send <= tick_at:
                queued, sent = queued + 1, sent + 1
                most = max(most, queued)
                if sent < speech:
                    next_send = max(next_send, pacer.schedule(FRAME, next_send).send_at)
                continue
            schedule.take(tick_at)
            if queued:
                queued, taken = queued - 1, taken + 1
            elif taken:
                silence_during_speech += 1
        assert most <= 3, phase
        assert silence_during_speech == 0, phase


# --- PacedAudioTrack ---------------------------------------------------------------------------


async def test_recv_sends_silence_frames_on_schedule_when_nothing_is_queued() -> None:
    track, fake = make_track()
    start = fake.now
    frames = [await track.recv() for _ in range(50)]
    assert [f.pts for f in frames] == [i * FRAME for i in range(50)]
    assert fake.now == pytest.approx(start + 49 * FRAME_S)
    first = frames[0]
    assert (first.format.name, first.layout.name, first.sample_rate, first.samples) == (
        "s16", "mono", RATE, FRAME,
    )  # fmt: skip
    assert first.time_base == Fraction(1, RATE)
    assert all(not f.to_ndarray().any() for f in frames)
    assert (track.stats.silence_frames, track.stats.speech_frames) == (50, 0)


async def test_recv_plays_queued_frames_in_order_then_falls_back_to_silence() -> None:
    track, _ = make_track()
    for value in (1, 2, 3):
        assert await track.put("c1", tone(value))
    values = [int((await track.recv()).to_ndarray()[0, 0]) for _ in range(5)]
    assert values == [1, 2, 3, 0, 0]
    assert (track.stats.speech_frames, track.stats.silence_frames, track.stats.gaps) == (3, 2, 1)


async def test_put_waits_for_room_when_the_queue_is_full() -> None:
    track, _ = make_track(max_queued_frames=2)
    await track.put("c1", tone(1))
    await track.put("c1", tone(2))
    waiting = asyncio.create_task(track.put("c1", tone(3)))
    await asyncio.sleep(0)
    assert not waiting.done()
    await track.recv()
    assert await asyncio.wait_for(waiting, 1.0) is True
    assert track.queued_frames == 2


async def test_drop_removes_only_the_cancelled_context_frames() -> None:
    track, _ = make_track(max_queued_frames=4)
    for context_id, value in (("a", 1), ("b", 2), ("a", 3), ("b", 4)):
        await track.put(context_id, tone(value))
    assert track.drop("a") == 2
    values = [int((await track.recv()).to_ndarray()[0, 0]) for _ in range(3)]
    assert values == [2, 4, 0]
    assert track.stats.dropped_frames == 2


async def test_two_contexts_talking_at_once_are_mixed_in_real_time() -> None:
    track, _ = make_track()
    seen: list[tuple[str, ...]] = []
    track.on_frame = lambda tick, contexts: seen.append(contexts)
    for value in (10000, 2000):
        await track.put("a", tone(value))
    await track.put("b", tone(30000))
    first = (await track.recv()).to_ndarray()[0]
    second = (await track.recv()).to_ndarray()[0]
    assert (int(first[0]), int(second[0])) == (32767, 2000)  # saturated sum, then "a" alone
    assert seen == [("a", "b"), ("a",)]
    assert track.stats.mixed_frames == 1


async def test_a_full_queue_of_one_context_does_not_block_another() -> None:
    track, _ = make_track(max_queued_frames=1)
    await track.put("a", tone(1))
    assert await asyncio.wait_for(track.put("b", tone(2)), 1.0)


async def test_a_put_waiting_for_room_is_discarded_when_its_context_is_dropped() -> None:
    track, _ = make_track(max_queued_frames=1)
    await track.put("a", tone(1))
    late = asyncio.create_task(track.put("a", tone(2)))
    await asyncio.sleep(0)
    # both never play, so both are counted off what `cancelled` reports as taken
    assert track.drop("a") == 2
    assert await asyncio.wait_for(late, 1.0) is False
    assert not (await track.recv()).to_ndarray().any()
    assert track.stats.discarded_puts == 1
    assert await track.put("a", tone(5))  # the same id may speak again after the cancel


async def test_stop_ends_recv_and_releases_waiting_puts() -> None:
    track, _ = make_track(max_queued_frames=1)
    await track.put("a", tone(1))
    waiting = asyncio.create_task(track.put("a", tone(2)))
    await asyncio.sleep(0)
    track.stop()
    assert await asyncio.wait_for(waiting, 1.0) is False
    with pytest.raises(MediaStreamError):
        await track.recv()


async def test_put_rejects_a_payload_that_is_not_one_frame() -> None:
    track, _ = make_track()
    with pytest.raises(ValueError):
        await track.put("a", bytes(100))


async def test_the_observer_sees_every_tick_with_its_context() -> None:
    track, _ = make_track()
    seen: list[tuple[int, tuple[str, ...]]] = []
    track.on_frame = lambda tick, contexts: seen.append((tick.pts, contexts))
    await track.put("a", tone(1))
    await track.recv()
    await track.recv()
    assert seen == [(0, ("a",)), (FRAME, ())]


async def test_recv_keeps_a_20_ms_cadence_on_the_real_clock() -> None:
    track = PacedAudioTrack()
    arrivals = []
    for _ in range(26):
        await track.recv()
        arrivals.append(time.monotonic())
    intervals = np.diff(arrivals[1:])
    # The schedule is absolute, so sleep overshoot does not accumulate.
    assert arrivals[-1] - arrivals[1] == pytest.approx(24 * FRAME_S, abs=0.015)
    assert float(np.median(intervals)) == pytest.approx(FRAME_S, abs=0.004)


async def test_frames_encode_with_aiortc_opus_encoder_at_960_sample_steps() -> None:
    track, _ = make_track()
    t = np.arange(FRAME) / RATE
    await track.put("a", (np.sin(2 * np.pi * 440 * t) * 8000).astype("<i2").tobytes())
    encoder = OpusEncoder()
    stamps = []
    for _ in range(4):
        payloads, timestamp = encoder.encode(await track.recv())
        assert len(payloads) == 1
        stamps.append(timestamp)
    assert np.diff(stamps).tolist() == [FRAME] * 3
