"""A burst of arrivals against a simulated saturating engine: the real ``TokenRate``,
``judge`` and ``SessionRegistry`` decide; only the engine is a formula.

Why: the measurements lag the arrivals (a session speaks a little after it is admitted, and
its tokens reach the 2 s window later still), so rules on measurements alone admit a whole
burst before the rate falls. The projection must stop the burst near the engine's real-time
capacity, and still fill it (the clients retry after the hint, as the protocol asks).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from voice_server.capacity import AdmissionInputs, TokenRate
from voice_server.config import LimitsConfig
from voice_server.registry import (
    CAPACITY_RETRY_AFTER_S,
    REFUSAL_RULES,
    AdmissionError,
    SessionRegistry,
)

FLOOR = 55.0
SATURATED_TOKENS_S = 30_000.0  # the engine's throughput once saturated
ALONE_TOKENS_S = 200.0  # one stream's rate on an idle engine
CAPACITY = int(SATURATED_TOKENS_S / FLOOR)  # 545 streams at the floor
STEP_S = 0.01


@dataclass(eq=False)
class FakeSession:
    admitted_at: float
    has_spoken: bool = False
    is_busy: bool = True

    async def close(self, code: int, reason: str) -> None:
        """Not used: the burst never ends within the simulation."""


def engine_tokens_s(streams: int) -> float:
    """Linear until the engine saturates, flat after it (continuous batching)."""
    return min(streams * ALONE_TOKENS_S, SATURATED_TOKENS_S)


def simulate(arrivals: int, over_s: float, speak_after_s: float, duration_s: float = 12.0
             ) -> tuple[int, float, int]:  # fmt: skip
    """(sessions admitted, lowest per-stream rate once all have spoken, refusals)."""
    now = 0.0
    rate = TokenRate()
    streams = 0

    def inputs() -> AdmissionInputs:
        return AdmissionInputs(rate.per_stream(now), streams, None,
                               tokens_per_s=rate.throughput(now), all_streams=streams)  # fmt: skip

    registry = SessionRegistry(LimitsConfig(max_sessions=10_000, max_sessions_per_ip=10_000,
                                            min_stream_token_rate=FLOOR),
                               inputs, clock=lambda: now)  # fmt: skip
    waiting = [i * over_s / arrivals for i in range(arrivals)]  # next attempt per client
    admitted: list[FakeSession] = []
    refusals = 0
    worst = float("inf")
    while now < duration_s:
        for i, due in enumerate(waiting):
            if due is not None and due <= now:
                session = FakeSession(now)
                try:
                    registry.admit(session, f"client-{i}")
                except AdmissionError as exc:
                    assert exc.retry_after_s == CAPACITY_RETRY_AFTER_S
                    waiting[i] = now + exc.retry_after_s
                    refusals += 1
                    continue
                admitted.append(session)
                waiting[i] = None  # type: ignore[call-overload]
        for session in admitted:
            if not session.has_spoken and now - session.admitted_at >= speak_after_s:
                session.has_spoken = True
                streams += 1
        tokens = engine_tokens_s(streams) * STEP_S
        rate.add(now, round(tokens), streams)
        if streams and now > duration_s - 2.0:
            worst = min(worst, engine_tokens_s(streams) / streams)
        now += STEP_S
    return len(admitted), worst, refusals


def test_a_fast_burst_stops_near_capacity_and_everyone_keeps_real_time() -> None:
    admitted, worst, refusals = simulate(arrivals=800, over_s=5.0, speak_after_s=0.3)
    assert refusals > 0
    assert CAPACITY * 0.85 <= admitted <= CAPACITY + 1, admitted
    assert worst >= FLOOR * 0.995, worst


def test_slow_speakers_are_counted_until_they_speak() -> None:
    # Sessions that wait a second and a half for their first text still count against the
    # capacity while silent, so an instant burst of them does not overshoot either.
    admitted, worst, _ = simulate(arrivals=800, over_s=0.5, speak_after_s=1.5)
    assert admitted <= CAPACITY + 1, admitted
    assert worst >= FLOOR * 0.995, worst


def test_a_load_within_capacity_is_all_admitted() -> None:
    admitted, worst, _ = simulate(arrivals=300, over_s=5.0, speak_after_s=0.3)
    assert admitted == 300
    assert worst > FLOOR


def test_the_registry_forgets_starting_sessions_that_spoke_left_or_aged_out() -> None:
    now = 0.0
    registry = SessionRegistry(LimitsConfig(min_stream_token_rate=0), None, clock=lambda: now)
    sessions = [FakeSession(0.0) for _ in range(4)]
    for i, session in enumerate(sessions):
        registry.admit(session, f"peer-{i}")
    assert registry.starting(now) == 4
    sessions[0].has_spoken = True
    registry.release(sessions[1])
    assert registry.starting(now) == 2
    now = 2.5  # past the rate window: whatever they do, the measurements have seen them
    assert registry.starting(now) == 0
    assert len(registry._silent) == len(registry._starting) == 0


@dataclass(eq=False)
class FakeStream:
    has_spoken: bool = False


def test_one_address_s_silent_sessions_cannot_hold_everyone_else_out() -> None:
    """36 connections from one address that never speak (reopened every 1.5 s, they once let
    5 % of other clients in) count for at most an eighth of the capacity; a client from
    another address still gets in. Many silent sessions from many addresses still count."""
    now = 0.0
    throughput = 900.0  # 10 streams at the floor of 90: one address counts for at most 1
    registry = SessionRegistry(
        LimitsConfig(max_sessions_per_ip=64, min_stream_token_rate=90.0,
                     min_streams_for_rate_check=1),
        lambda: AdmissionInputs(None, 0, None, tokens_per_s=throughput, all_streams=0),
        clock=lambda: now)  # fmt: skip
    for _ in range(36):
        registry.admit(FakeSession(now), "10.0.0.66")
    assert registry.starting(now, 1) == 1
    registry.admit(FakeSession(now), "10.0.0.1")  # not refused
    for i in range(8):
        registry.admit(FakeSession(now), f"10.0.1.{i}")
    with pytest.raises(AdmissionError, match="10 starting"):
        registry.admit(FakeSession(now), "10.0.0.2")


def test_a_session_s_second_stream_at_once_is_judged_and_every_claim_counts() -> None:
    """Admission vouches for a session's first stream; a second one at once (another
    context speaking beside it) must fit the real-time rules, and each claimed stream
    counts as starting until it speaks, whatever its address."""
    now = 0.0
    registry = SessionRegistry(
        LimitsConfig(min_stream_token_rate=90.0, min_streams_for_rate_check=1),
        lambda: AdmissionInputs(None, 0, None, tokens_per_s=850.0, all_streams=0),
        clock=lambda: now)  # fmt: skip
    streams = [FakeStream() for _ in range(9)]
    registry.claim_stream(streams[0], judged=False)
    for stream in streams[1:9]:
        registry.claim_stream(stream, judged=True)  # the 9th: 850 shared by 9 is over 90
    assert registry.starting(now) == 9
    extra = FakeStream()
    with pytest.raises(AdmissionError, match="9 starting"):
        registry.claim_stream(extra, judged=True)
    registry.claim_stream(extra, judged=False)  # a session's first stream is never refused
    assert registry.starting(now) == 10
    streams[0].has_spoken = True  # the engine measures it now
    registry.drop_stream(streams[1])  # ended before it spoke
    assert registry.starting(now) == 8


def test_each_refusal_names_its_rule_to_the_refusal_hook() -> None:
    now = 0.0
    lag: list[float | None] = [None]
    limits = LimitsConfig(max_sessions=3, max_sessions_per_ip=2, min_stream_token_rate=0,
                          min_streams_for_rate_check=1, max_loop_lag_ms=25)  # fmt: skip
    registry = SessionRegistry(limits, None, clock=lambda: now, loop_lag=lambda: lag[0])
    refused: list[str] = []
    registry.on_refusal = refused.append
    registry.admit(FakeSession(0.0), "a")
    registry.admit(FakeSession(0.0), "a")
    with pytest.raises(AdmissionError, match="this address"):
        registry.admit(FakeSession(0.0), "a")
    lag[0] = 0.030
    with pytest.raises(AdmissionError, match="event loop 30 ms late"):
        registry.admit(FakeSession(0.0), "b")
    lag[0] = 0.001
    registry.admit(FakeSession(0.0), "b")
    with pytest.raises(AdmissionError, match="session limit"):
        registry.admit(FakeSession(0.0), "c")
    assert refused == ["per_address", "event_loop", "session_limit"]
    assert set(refused) <= set(REFUSAL_RULES)
