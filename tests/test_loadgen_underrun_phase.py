"""``loadgen.ArrivalTimer`` charges each playout gap to where it fell in the context's audio."""

from __future__ import annotations

import pytest

from bench.loadgen import PHASE_OPENING_S, ArrivalTimer, UnderrunPhase, underrun_phase

RATE = 16000
FRAME = 320  # 20 ms


def test_phase_of_a_gap_depends_on_segment_and_position() -> None:
    opening = int(PHASE_OPENING_S * RATE)
    assert underrun_phase(0, 0, RATE) is UnderrunPhase.OPENING
    assert underrun_phase(0, opening - 1, RATE) is UnderrunPhase.OPENING
    assert underrun_phase(0, opening, RATE) is UnderrunPhase.STEADY
    assert underrun_phase(3, 0, RATE) is UnderrunPhase.BOUNDARY
    assert underrun_phase(3, opening, RATE) is UnderrunPhase.STEADY


def _play(timer: ArrivalTimer, at: float, frames: int, ts: int) -> tuple[float, int]:
    """``frames`` frames arriving back to back from ``at``; returns the next time and ts."""
    for _ in range(frames):
        timer.add(at, ts, FRAME)
        ts += FRAME
    return at, ts


def test_gaps_are_split_by_phase_and_add_up_to_the_total() -> None:
    timer = ArrivalTimer(RATE, lead_ms=100)
    timer.segment_started(0)
    at, ts = _play(timer, 0.0, 10, 0)  # 0.2 s of audio at t=0: plays until 0.2
    at, ts = _play(timer, 0.5, 10, ts)  # 0.3 s gap 0.2 s into segment 0: opening
    at, ts = _play(timer, 0.6, 50, ts)  # on time (plays until 1.7)
    at, ts = _play(timer, 2.0, 5, ts)  # 0.3 s gap 1.4 s into segment 0: steady
    timer.segment_started(1)  # audio plays until 2.1
    at, ts = _play(timer, 2.6, 5, ts)  # 0.5 s gap at segment 1's first frame: boundary
    by_phase = timer.underrun_by_phase
    assert by_phase[UnderrunPhase.OPENING] == pytest.approx(0.3)
    assert by_phase[UnderrunPhase.STEADY] == pytest.approx(0.3)
    assert by_phase[UnderrunPhase.BOUNDARY] == pytest.approx(0.5)
    assert sum(by_phase.values()) == pytest.approx(timer.playout.stall_s)
    assert timer.playout.late_frames == 3
