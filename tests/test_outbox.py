"""Outbox: frames leave at their paced times, several at once within a send window."""

from __future__ import annotations

from voice_server.outbox import Event, Frame, Outbox
from voice_server.pacing import Pacer, PacingConfig

RATE = 16_000
FRAME = 320  # 20 ms


def _outbox(lead_ms: int = 0) -> Outbox:
    config = PacingConfig(frame_ms=20, lead_ms=lead_ms)
    return Outbox(Pacer(config, lambda: 0.0, RATE), RATE)


def _frame(sequence: int) -> Frame:
    return Frame(b"\0" * 2 * FRAME, FRAME, sequence, sequence * FRAME, 1)


def test_frames_due_within_the_window_leave_together() -> None:
    box = _outbox()
    for i in range(10):
        box.put(_frame(i))
    frames, late = box.pop_frames(until=100.04, now=100.0, max_frames=16)
    # The spurt starts now: frames 0, 1, 2 are due at 100.00, 100.02, 100.04.
    assert [f.sequence for f in frames] == [0, 1, 2] and late == 0
    assert box.due_at(100.0) == 100.06
    assert box.sent_frames == 3 and box.queued_samples == 7 * FRAME


def test_an_empty_window_takes_only_what_is_due() -> None:
    box = _outbox()
    for i in range(3):
        box.put(_frame(i))
    frames, _ = box.pop_frames(until=5.0, now=5.0, max_frames=16)
    assert [f.sequence for f in frames] == [0]
    assert box.pop_frames(until=5.01, now=5.01, max_frames=16) == ([], 0)


def test_an_event_ends_the_batch_and_keeps_its_place() -> None:
    box = _outbox()
    box.put(_frame(0))
    box.put(Event("segment_done"))
    box.put(_frame(1))
    frames, _ = box.pop_frames(until=1.0, now=0.0, max_frames=16)
    assert [f.sequence for f in frames] == [0]
    assert box.pop_frames(until=1.0, now=0.0, max_frames=16) == ([], 0)
    item, _ = box.pop()
    assert isinstance(item, Event)
    frames, _ = box.pop_frames(until=1.0, now=0.0, max_frames=16)
    assert [f.sequence for f in frames] == [1]


def test_a_batch_is_capped() -> None:
    box = _outbox(lead_ms=1000)
    for i in range(40):
        box.put(_frame(i))
    frames, _ = box.pop_frames(until=0.0, now=0.0, max_frames=16)
    assert len(frames) == 16  # all 40 are due (the opening burst), 16 leave in this batch


def test_late_frames_are_counted() -> None:
    box = _outbox(lead_ms=100)
    for i in range(6):
        box.put(_frame(i))
    frames, late = box.pop_frames(until=0.0, now=0.0, max_frames=16)
    assert len(frames) == 6 and late == 0  # the opening burst: lead's worth, never late
    box.put(_frame(6))
    box.put(_frame(7))
    # Frames 6 and 7 should have left at 0.02 and 0.04; ready at 0.05 they are late (the
    # client still holds audio: not dry).
    frames, late = box.pop_frames(until=0.05, now=0.05, max_frames=16)
    assert [f.sequence for f in frames] == [6, 7] and late == 2
    assert box.late_frames == 2
