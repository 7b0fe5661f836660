"""The pacer is pure arithmetic: every test drives it with a fake clock and never sleeps."""

from __future__ import annotations

import pytest

from voice_server.pacing import FrameSlot, Pacer, PacingConfig, lag

RATE = 16_000
FRAME = 320  # 20 ms at 16 kHz
LEAD = 0.1


class FakeClock:
    """A monotonic clock that only moves when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def make_pacer(lead_ms: int = 100, rate: int = RATE) -> tuple[Pacer, FakeClock]:
    clock = FakeClock()
    return Pacer(PacingConfig(frame_ms=20, lead_ms=lead_ms), clock, rate), clock


def send_in_real_time(pacer: Pacer, clock: FakeClock, frames: int) -> list[FrameSlot]:
    """What a perfect sender does: wait until each frame's send time (frames always ready)."""
    slots = []
    for _ in range(frames):
        slot = pacer.schedule(FRAME)
        clock.now = max(clock.now, slot.send_at)
        slots.append(slot)
    return slots


def test_config_defaults_are_20_ms_frames_and_100_ms_lead() -> None:
    config = PacingConfig()
    assert (config.frame_ms, config.lead_ms, config.lead_s) == (20, 100, 0.1)


@pytest.mark.parametrize("kwargs", [{"frame_ms": 0}, {"lead_ms": -1}, {"lead_ms": 10_001}])
def test_config_rejects_out_of_range_values(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        PacingConfig(**kwargs)


def test_first_frame_of_a_spurt_leaves_at_once_and_anchors_playback_now() -> None:
    pacer, clock = make_pacer()
    slot = pacer.schedule(FRAME)
    assert slot == FrameSlot(send_at=clock.now, playback_at=clock.now, late=False, new_spurt=True)
    assert pacer.anchor == clock.now


def test_a_spurt_opens_with_a_burst_of_lead_worth_of_audio() -> None:
    pacer, clock = make_pacer()
    start = clock.now
    slots = [pacer.schedule(FRAME) for _ in range(10)]  # all ready at the same instant
    due_now = [s for s in slots if s.send_at <= start]
    assert len(due_now) == 6  # frame 0 plus 100 ms (5 frames) of lead
    assert slots[6].send_at == pytest.approx(start + 0.02)
    assert not any(s.late for s in slots)


def test_on_time_frames_leave_every_frame_duration_after_the_burst() -> None:
    pacer, clock = make_pacer()
    start = clock.now
    slots = send_in_real_time(pacer, clock, 50)
    gaps = [b.send_at - a.send_at for a, b in zip(slots[6:], slots[7:])]
    assert gaps == pytest.approx([0.02] * len(gaps))
    assert [s.playback_at - start for s in slots] == pytest.approx([i * 0.02 for i in range(50)])
    assert all(s.playback_at - s.send_at == pytest.approx(LEAD) for s in slots[6:])
    assert pacer.late_frames == 0 and pacer.spurts == 1


def test_a_frame_ready_after_its_send_time_goes_at_once_and_counts_late() -> None:
    pacer, clock = make_pacer()
    send_in_real_time(pacer, clock, 20)
    clock.now += 0.05  # generation stalls 50 ms: the client's buffer shrinks but holds
    slot = pacer.schedule(FRAME)
    assert slot.late and not slot.new_spurt
    assert slot.send_at < clock.now < slot.playback_at
    assert pacer.late_frames == 1


def test_frames_of_the_opening_burst_are_never_late() -> None:
    pacer, clock = make_pacer()
    pacer.schedule(FRAME)
    clock.now += 0.015  # after their nominal send times, before the client runs dry
    slots = [pacer.schedule(FRAME) for _ in range(5)]
    assert all(s.send_at < clock.now for s in slots)
    assert not any(s.late or s.new_spurt for s in slots)


def test_falling_behind_by_more_than_the_lead_re_anchors_instead_of_bursting() -> None:
    pacer, clock = make_pacer()
    send_in_real_time(pacer, clock, 20)
    clock.now += 0.5  # the client ran dry long ago
    slot = pacer.schedule(FRAME)
    assert slot.late and slot.new_spurt
    assert (slot.send_at, slot.playback_at, pacer.anchor) == (clock.now, clock.now, clock.now)
    # The backlog is not burst: after lead worth of audio, frames are paced again.
    following = [pacer.schedule(FRAME) for _ in range(8)]
    assert sum(s.send_at <= clock.now for s in following) == 5
    assert pacer.spurts == 2 and pacer.late_frames == 1


def test_reset_starts_a_new_spurt_that_is_not_late() -> None:
    pacer, clock = make_pacer()
    send_in_real_time(pacer, clock, 10)
    pacer.reset()
    assert pacer.anchor is None and pacer.spurt_samples == 0
    clock.now += 30.0  # an idle gap
    slot = pacer.schedule(FRAME)
    assert slot.new_spurt and not slot.late and slot.send_at == clock.now


def test_ten_hours_of_frames_do_not_drift() -> None:
    pacer, clock = make_pacer(rate=48_000)
    start = clock.now
    frames = 10 * 3600 * 50
    for _ in range(frames):
        slot = pacer.schedule(960)
        clock.now = max(clock.now, slot.send_at)
    # Exact: the last send time comes from the sample count, not from summed increments.
    assert slot.playback_at == start + (frames - 1) * 960 / 48_000
    assert slot.send_at == slot.playback_at - LEAD
    assert pacer.late_frames == 0 and pacer.spurts == 1


def test_zero_lead_sends_each_frame_at_its_playback_time() -> None:
    pacer, clock = make_pacer(lead_ms=0)
    slots = send_in_real_time(pacer, clock, 5)
    assert [s.send_at for s in slots] == [s.playback_at for s in slots]
    assert [s.send_at <= slots[0].send_at for s in slots] == [True, False, False, False, False]


def test_buffered_at_client_counts_scheduled_audio_not_yet_played() -> None:
    pacer, clock = make_pacer()
    assert pacer.buffered_at_client(clock.now) == 0.0
    for _ in range(5):
        pacer.schedule(FRAME)
    assert pacer.buffered_at_client(clock.now) == pytest.approx(0.1)
    assert pacer.buffered_at_client(clock.now + 0.06) == pytest.approx(0.04)
    assert pacer.buffered_at_client(clock.now + 1.0) == 0.0


def test_lag_is_the_lateness_of_the_oldest_unsent_frame() -> None:
    assert lag(None, 5.0) == 0.0
    assert lag(5.5, 5.0) == 0.0
    assert lag(4.25, 5.0) == 0.75


def test_schedule_uses_the_injected_clock_when_now_is_omitted() -> None:
    pacer, clock = make_pacer()
    clock.now = 42.0
    assert pacer.schedule(FRAME).send_at == 42.0
    assert pacer.schedule(FRAME, now=42.01).playback_at == pytest.approx(42.02)


def test_pacer_rejects_a_non_positive_sample_rate_and_negative_frames() -> None:
    with pytest.raises(ValueError):
        Pacer(PacingConfig(), FakeClock(), 0)
    pacer, _ = make_pacer()
    with pytest.raises(ValueError):
        pacer.schedule(-1)
