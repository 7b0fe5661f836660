"""The load generator (``bench/loadgen.py``) against the real server and engine: what it
measures is there, and it follows the protocol's reconnect policy for ``server_busy``."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest

from bench import loadgen
from protocol.messages import Start

pytestmark = pytest.mark.engine


def _plans(n: int, cancel_odd: bool, seed: int = 7) -> tuple[loadgen.SessionPlan, ...]:
    """``n`` agents arriving at once, each saying two short sentences (CI time); with
    ``cancel_odd`` every odd one barges in 1.5 s after its first text: after its first audio
    even on a loaded 2-core machine (at 0.4 s a session once cancelled before any audio came,
    which left it nothing to measure), and before the tiny model's answer ends."""
    rng = random.Random(seed)
    pacing = loadgen.PacingPlan(words_per_second=30.0, pause_share=0.0)
    text = "Sure, I can help with that. Your order left this morning."
    return tuple(loadgen.SessionPlan(i, 0.0, text,
                                     loadgen.plan_deltas(text, pacing, loadgen.FlushMode.SENTENCE,
                                                         rng),
                                     1.5 if cancel_odd and i % 2 else None)
                 for i in range(n))  # fmt: skip


async def test_refused_sessions_retry_after_the_hint_and_all_are_measured(
    make_client: Any,
) -> None:
    """Two session slots, four simulated agents arriving at once, two of them barging in:
    the late arrivals are refused with a retryable server_busy, retry, get in as slots free,
    and every session's audio timing, TTFA and cancel are measured."""
    client = await make_client(limits={"max_sessions": 2})
    plans = _plans(4, cancel_odd=True)
    spec = loadgen.WorkerSpec(str(client.make_url("/")), Start(), plans, time.monotonic(),
                              session_timeout_s=240.0, busy_retry_s=200.0)  # fmt: skip
    result = await loadgen.run_plans(spec)
    sessions = result.sessions
    assert [s.errors for s in sessions] == [[]] * 4, [s.note for s in sessions]
    assert sum(s.busy_refusals for s in sessions) >= 2  # two waited for a slot at least once
    for s in sessions:
        assert s.outcome in ("completed", "cancelled")
        assert s.admitted_after_ms is not None and s.connect_ms is not None
        assert s.admitted_after_ms >= s.connect_ms
        assert s.frames > 0 and s.samples > 0 and s.frames_after_terminal == 0
        assert s.ttfa_first_text_ms is not None and s.ttfa_first_text_ms > 0
        assert set(s.underrun_by_phase) == set(loadgen.UnderrunPhase)  # every phase reported
        assert sum(s.underrun_by_phase.values()) == pytest.approx(s.underrun_s)
    assert loadgen.peak_live((s.live_from_s, s.live_until_s) for s in sessions) == 2  # the cap
    waited = [s for s in sessions if s.busy_refusals]
    assert all(s.admitted_after_ms >= 1000.0 * s.busy_refusals for s in waited)  # hint: 1 s
    completed = [s for s in sessions if s.outcome == "completed"]
    assert completed and all(s.segments >= 1 and s.token_rates for s in completed)
    # A barge-in is acknowledged, unless the tiny model's answer had already ended by then.
    cancelled = [s for s in sessions if s.outcome == "cancelled"]
    assert all(s.cancel_ack_ms is not None for s in cancelled)


async def test_without_retries_a_refusal_is_a_failed_session(make_client: Any) -> None:
    client = await make_client(limits={"max_sessions": 1})
    spec = loadgen.WorkerSpec(str(client.make_url("/")), Start(), _plans(2, cancel_odd=False),
                              time.monotonic(), session_timeout_s=240.0)  # fmt: skip
    result = await loadgen.run_plans(spec)
    assert sorted(s.outcome for s in result.sessions) == ["completed", "failed"]
    assert result.errors["server_busy"] == 1
    assert sum(s.busy_refusals for s in result.sessions) == 0
