"""When a context starts its next segment: ``pacing.wait_before_next_segment``."""

from __future__ import annotations

import pytest

from voice_server.config import LimitsConfig
from voice_server.pacing import wait_before_next_segment


@pytest.mark.parametrize(("ahead", "limit", "wait"), [
    (5.0, 2.0, 3.0),    # the excess drains at real time
    (2.0, 2.0, 0.0),    # exactly at the limit: start now
    (0.5, 2.0, 0.0),    # the listener is close to running dry
    (0.0, 2.0, 0.0),    # nothing ahead (a new talk spurt)
    (30.0, 0.0, 0.0),   # 0 turns the wait off
])  # fmt: skip
def test_the_next_segment_waits_for_the_excess_over_the_limit(
    ahead: float, limit: float, wait: float
) -> None:
    assert wait_before_next_segment(ahead, limit) == pytest.approx(wait)


def test_the_limit_counts_beyond_the_clients_jitter_buffer() -> None:
    # A client that asked for a 5 s lead holds about 5 s in steady play: the next segment
    # starts 2 s before that buffer would start to drain, not once it is down to 2 s.
    assert wait_before_next_segment(6.0, 2.0, lead_s=5.0) == 0.0
    assert wait_before_next_segment(9.0, 2.0, lead_s=5.0) == pytest.approx(2.0)
    assert wait_before_next_segment(9.0, 0.0, lead_s=5.0) == 0.0


def test_the_default_leaves_two_seconds_ahead_and_the_limit_is_checked() -> None:
    assert LimitsConfig().next_segment_ahead_s == 2.0
    assert LimitsConfig(next_segment_ahead_s=0).next_segment_ahead_s == 0
    for bad in (-0.1, float("nan"), 3601.0):
        with pytest.raises(ValueError, match="next_segment_ahead_s"):
            LimitsConfig(next_segment_ahead_s=bad)
