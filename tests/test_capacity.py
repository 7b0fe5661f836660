"""The real-time headroom arithmetic behind admission control."""

from __future__ import annotations

import pytest

from voice_server.capacity import (
    REAL_TIME_HEADROOM,
    AdmissionInputs,
    TokenRate,
    admission_floor,
    judge,
    judge_loop,
    probe_streams,
)
from voice_server.config import LimitsConfig
from voice_server.registry import AdmissionError, SessionRegistry


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


def test_throughput_is_all_streams_together_over_the_window() -> None:
    rate = TokenRate(window_s=2.0, resolution_s=0.1)
    assert rate.throughput(0.0) is None
    for i in range(21):
        rate.add(i * 0.1, 60, 10 + i)  # 600 tokens/s whatever the stream count
    assert rate.throughput(2.0) == pytest.approx(600.0)
    assert rate.throughput(10.0) is None  # idle for long: nothing to say


def test_samples_are_bounded_by_the_resolution() -> None:
    rate = TokenRate(window_s=1.0, resolution_s=0.1)
    for i in range(10_000):
        rate.add(i * 0.001, 1, 1)
    assert len(rate._samples) <= 12


def measured(per_stream: float | None, streams: int, late: float | None = None) -> AdmissionInputs:
    """One replica whose throughput is what its measured streams got (no projection surprise)."""
    total = None if per_stream is None else per_stream * streams
    return AdmissionInputs(per_stream, streams, late, tokens_per_s=total, all_streams=streams)


@pytest.mark.parametrize(
    ("per_stream", "streams", "overloaded"),
    [(40.0, 100, True), (60.0, 100, False), (40.0, 5, False)],
)
def test_judge(per_stream: float | None, streams: int, overloaded: bool) -> None:
    verdict = judge(measured(per_stream, streams), 0, min_rate=55.0, min_streams=32)
    assert verdict.overloaded is overloaded


def test_a_zero_floor_turns_the_rate_rules_off() -> None:
    assert not judge(measured(1.0, 1000), 0, min_rate=0.0, min_streams=1).overloaded
    assert not judge(AdmissionInputs(None, 1000), 500, min_rate=0.0, min_streams=1).overloaded


def test_the_decoder_rule_refuses_when_too_many_windows_finish_late() -> None:
    # 10 % late over 40 streams, ceiling 5 %: refused, and the reason names the decoder.
    verdict = judge(measured(200.0, 40, 0.10), 0, 55.0, 32, max_late_decode_share=0.05)
    assert verdict.overloaded and "decode windows late" in verdict.reason
    assert not judge(measured(200.0, 40, 0.04), 0, 55.0, 32, 0.05).overloaded
    assert not judge(measured(200.0, 8, 0.9), 0, 55.0, 32, 0.05).overloaded  # too few streams
    assert not judge(measured(200.0, 40, 0.9), 0, 55.0, 32, 0.0).overloaded  # rule off
    assert not judge(measured(200.0, 40, None), 0, 55.0, 32, 0.05).overloaded  # none decoded
    slow = judge(measured(40.0, 40, 0.9), 0, 55.0, 32, 0.05)
    assert slow.overloaded and "tokens/s per stream" in slow.reason  # the token rule first
    assert (verdict.rule, slow.rule) == ("decoder", "token_rate")


def test_the_projection_shares_the_recent_throughput_with_the_streams_still_starting() -> None:
    # 100 streams got 80 tokens/s each (8,000 tokens/s): room for 145 at a floor of 55.
    inputs = measured(80.0, 100)
    assert not judge(inputs, 44, 55.0, 32).overloaded  # 100 + 44 + this one = 145
    verdict = judge(inputs, 45, 55.0, 32)  # 146 would get 54.8 each
    assert verdict.overloaded and "45 starting and this one" in verdict.reason
    assert verdict.rule == "projection" and judge(inputs, 44, 55.0, 32).rule == ""
    assert "floor 55" in verdict.reason
    # Below min_streams in all, nobody is judged (a handful never overloads a GPU).
    assert not judge(AdmissionInputs(1.0, 2, None, 2.0, 2), 10, 55.0, 32).overloaded
    # Nobody else at all: the candidate gets in whatever the floor (nothing to measure else).
    assert not judge(AdmissionInputs(None, 0), 0, 1e9, 1).overloaded


def test_with_nothing_measured_at_most_min_streams_sessions_start_at_once() -> None:
    idle = AdmissionInputs(None, 0)  # an idle engine: no rate in the window
    assert not judge(idle, 31, 55.0, 32).overloaded  # the 32nd new session
    verdict = judge(idle, 32, 55.0, 32)  # the 33rd waits for a measurement
    assert verdict.overloaded and "not measured" in verdict.reason


def test_projection_uses_all_replicas_while_the_measured_rule_uses_the_best() -> None:
    # Two replicas: the best one gets 70 tokens/s over 40 streams; together they make 9,000
    # tokens/s over 100 streams, room for 163 at 55: the 64th starting session is refused.
    inputs = AdmissionInputs(70.0, 40, None, tokens_per_s=9000.0, all_streams=100)
    assert not judge(inputs, 62, 55.0, 32).overloaded
    assert judge(inputs, 63, 55.0, 32).overloaded


def test_decode_lateness_counts_windows_past_deadline_plus_margin_over_the_window() -> None:
    from voice_server.capacity import DecodeLateness

    lateness = DecodeLateness(margin_s=0.1, window_s=2.0, resolution_s=0.1)
    assert lateness.share(0.0) is None
    lateness.add(10.0, [9.95, 9.85, 10.5, 9.0], [9.0] * 4)  # late 0.05 (no), 0.15, early, 1.0
    assert lateness.share(10.0) == 0.5
    lateness.add(11.0, [11.0] * 4, [10.5] * 4)  # four on time
    assert lateness.share(11.0) == 0.25
    assert lateness.share(12.5) == 0.0  # the first batch left the 2 s window
    assert lateness.share(20.0) is None
    with pytest.raises(ValueError):
        DecodeLateness(margin_s=-1)


def test_decode_lateness_does_not_blame_the_decoder_for_windows_that_arrived_late() -> None:
    """A window whose tokens reached the decoder after its deadline was made late by the
    engine: it counts only if the decoder then held it longer than the margin."""
    from voice_server.capacity import DecodeLateness

    lateness = DecodeLateness(margin_s=0.1, window_s=2.0, resolution_s=0.1)
    # Deadlines 1 s past; arrived 0.05 s ago (decoder quick: not late), 0.3 s ago (held too
    # long: late), and one on time that finished 0.2 s past its deadline (late).
    lateness.add(10.0, [9.0, 9.0, 9.8], [9.95, 9.7, 9.5])
    assert lateness.share(10.0) == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        lateness.add(10.0, [9.0], [])


def test_the_start_up_probe_is_a_floor_under_the_recent_throughput() -> None:
    # The probe measured 5,500 tokens/s: an idle engine lets 100 sessions start (55 each).
    idle = AdmissionInputs(None, 0, probed_tokens_per_s=5500.0)
    assert not judge(idle, 99, 55.0, 32).overloaded
    verdict = judge(idle, 100, 55.0, 32)
    assert verdict.overloaded and "5500 tokens/s shared" in verdict.reason
    # A quiet engine's last 0.5 s (1,000 tokens/s over 20 streams) does not lower it...
    quiet = AdmissionInputs(50.0, 20, None, 1000.0, 20, probed_tokens_per_s=5500.0)
    assert not judge(quiet, 79, 55.0, 32).overloaded
    # ...and a busy engine's larger throughput raises it.
    busy = AdmissionInputs(60.0, 300, None, 18000.0, 300, probed_tokens_per_s=5500.0)
    assert not judge(busy, 20, 55.0, 32).overloaded
    assert judge(busy, 27, 55.0, 32).overloaded  # 18000 / 328 = 54.9


@pytest.mark.parametrize(
    ("lag_s", "sessions", "refused"),
    [
        (0.030, 40, True),  # p90 over the 25 ms ceiling with enough sessions held
        (0.020, 40, False),  # under the ceiling
        (0.030, 10, False),  # too few sessions to be the reason
        (None, 40, False),  # not measured
    ],
)
def test_judge_loop(lag_s: float | None, sessions: int, refused: bool) -> None:
    reason = judge_loop(lag_s, sessions, min_sessions=32, max_lag_s=0.025)
    assert bool(reason) is refused
    if refused:
        assert "event loop 30 ms late" in reason and "ceiling 25 ms" in reason


def test_a_zero_ceiling_turns_the_loop_rule_off() -> None:
    assert judge_loop(5.0, 1000, min_sessions=1, max_lag_s=0.0) == ""


def test_an_unset_floor_is_a_multiple_of_the_model_s_real_time() -> None:
    spark = AdmissionInputs(None, 0)  # Spark-TTS: 50 tokens per audio second
    assert admission_floor(None, spark) == pytest.approx(REAL_TIME_HEADROOM * 50) == 90
    slower_codec = AdmissionInputs(None, 0, real_time_tokens_per_s=25.0)
    assert admission_floor(None, slower_codec) == pytest.approx(45)
    assert admission_floor(70.0, slower_codec) == 70  # a floor set is kept as it is
    assert admission_floor(0.0, spark) == 0  # and 0 still turns the rate rules off


def test_a_model_at_another_token_rate_is_admitted_against_its_own_real_time() -> None:
    """60 tokens/s per stream is 2.4x real time for a 25-token/s codec, but only 1.2x for
    Spark-TTS's 50: the first has room, the second is refused by the default floor."""
    limits = LimitsConfig(min_streams_for_rate_check=1)
    for real_time, refused in ((25.0, False), (50.0, True)):
        inputs = AdmissionInputs(60.0, 40, None, tokens_per_s=2400.0, all_streams=40,
                                 real_time_tokens_per_s=real_time)  # fmt: skip
        registry = SessionRegistry(limits, lambda inputs=inputs: inputs)
        session = _Session()
        if refused:
            with pytest.raises(AdmissionError, match="floor 90"):
                registry.admit(session, "10.0.0.1")
        else:
            registry.admit(session, "10.0.0.1")
            assert len(registry) == 1


class _Session:
    is_busy = True
    has_spoken = False

    async def close(self, code: int, reason: str) -> None:
        """Not used: the test admits and stops."""


def test_an_unset_probe_fills_a_gpu_engine_and_stays_small_on_a_cpu() -> None:
    # a GPU engine's throughput grows to ~256+ streams (64 measured ~11,000 tokens/s on an
    # H100 against ~20,000 with 512); a CPU engine saturates at a few streams
    assert probe_streams(None, "cuda:0", max_num_seqs=832) == 512
    assert probe_streams(None, "cuda", max_num_seqs=832) == 512
    assert probe_streams(None, "cpu", max_num_seqs=832) == 64
    assert probe_streams(None, "cuda:1", max_num_seqs=300) == 300  # never past the batch
    assert probe_streams(16, "cuda:0", max_num_seqs=832) == 16  # a number set is kept
    assert probe_streams(2000, "cuda:0", max_num_seqs=832) == 832
    assert probe_streams(0, "cuda:0", max_num_seqs=832) == 0  # and 0 skips the probe
