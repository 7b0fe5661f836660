"""The real-time headroom arithmetic behind admission control."""

from __future__ import annotations

import pytest

from voice_server.capacity import TokenRate, judge


def test_rate_per_stream_over_the_window() -> None:
    rate = TokenRate(window_s=2.0, resolution_s=0.1)
    for i in range(21):  # 2 s of 600 tokens/s shared by 10 streams
        rate.add(i * 0.1, 60, 10)
    assert rate.per_stream(2.0) == pytest.approx((20 * 60) / 2.0 / 10)


def test_no_verdict_without_half_a_window_of_history() -> None:
    rate = TokenRate(window_s=2.0)
    rate.add(0.0, 100, 4)
    assert rate.per_stream(0.5) is None
    rate.add(1.0, 100, 4)
    assert rate.per_stream(1.0) == pytest.approx(100 / 1.0 / 4)


def test_an_idle_engine_forgets_old_counts() -> None:
    rate = TokenRate(window_s=1.0)
    rate.add(0.0, 1000, 8)
    rate.add(0.6, 1000, 8)
    assert rate.per_stream(10.0) is None


def test_a_burst_of_new_streams_is_averaged_over_the_window() -> None:
    rate = TokenRate(window_s=2.0, resolution_s=0.1)
    for i in range(20):
        rate.add(i * 0.1, 60, 10)  # 60 tokens/s per stream
    rate.add(2.0, 60, 30)  # twenty streams arrive at once and have not produced yet
    per_stream = rate.per_stream(2.0)
    assert per_stream is not None and per_stream > 50  # one sample of 30 does not swamp it


def test_samples_are_bounded_by_the_resolution() -> None:
    rate = TokenRate(window_s=1.0, resolution_s=0.1)
    for i in range(10_000):
        rate.add(i * 0.001, 1, 1)
    assert len(rate._samples) <= 12


@pytest.mark.parametrize(
    ("per_stream", "streams", "overloaded"),
    [(40.0, 100, True), (60.0, 100, False), (40.0, 5, False), (None, 100, False)],
)
def test_judge(per_stream: float | None, streams: int, overloaded: bool) -> None:
    assert judge(per_stream, streams, min_rate=55.0, min_streams=32).overloaded is overloaded


def test_a_zero_floor_turns_the_rule_off() -> None:
    assert not judge(1.0, 1000, min_rate=0.0, min_streams=1).overloaded


def test_the_decoder_rule_refuses_when_too_many_windows_finish_late() -> None:
    # 10 % late over 40 streams, ceiling 5 %: refused, and the reason names the decoder.
    verdict = judge(200.0, 40, 55.0, 32, late_decode_share=0.10, max_late_decode_share=0.05)
    assert verdict.overloaded and "decode windows late" in verdict.reason
    assert not judge(200.0, 40, 55.0, 32, 0.04, 0.05).overloaded
    assert not judge(200.0, 8, 55.0, 32, 0.9, 0.05).overloaded  # too few streams to judge
    assert not judge(200.0, 40, 55.0, 32, 0.9, 0.0).overloaded  # rule off
    assert not judge(200.0, 40, 55.0, 32, None, 0.05).overloaded  # nothing decoded lately
    slow = judge(40.0, 40, 55.0, 32, 0.9, 0.05)
    assert slow.overloaded and "tokens/s" in slow.reason  # the token rule is named first


def test_decode_lateness_counts_windows_past_deadline_plus_margin_over_the_window() -> None:
    from voice_server.capacity import DecodeLateness

    lateness = DecodeLateness(margin_s=0.1, window_s=2.0, resolution_s=0.1)
    assert lateness.share(0.0) is None
    lateness.add(10.0, [9.95, 9.85, 10.5, 9.0])  # late by 0.05 (no), 0.15 (yes), early, 1.0
    assert lateness.share(10.0) == 0.5
    lateness.add(11.0, [11.0] * 4)  # four on time
    assert lateness.share(11.0) == 0.25
    assert lateness.share(12.5) == 0.0  # the first batch left the 2 s window
    assert lateness.share(20.0) is None
    with pytest.raises(ValueError):
        DecodeLateness(margin_s=-1)
