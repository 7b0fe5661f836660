"""``loop_lag``: a blocked event loop shows up as lag, in the watcher and in /metrics."""

from __future__ import annotations

import asyncio
import time

import pytest

from voice_server.loop_lag import LoopLagWatcher, RecentLag, lag_seconds, watch_loop_lag
from voice_server.metrics import Metrics


def test_lag_is_how_late_a_timer_ran() -> None:
    assert lag_seconds(10.0, 10.25) == pytest.approx(0.25)
    assert lag_seconds(10.0, 9.99) == 0.0


async def test_a_blocking_callback_is_measured_as_one_long_stall() -> None:
    seen: list[float] = []
    watcher = LoopLagWatcher(seen.append, interval_s=0.01)
    watcher.start()
    await asyncio.sleep(0.1)
    time.sleep(0.3)  # what a stalled loop looks like: nothing else runs for 300 ms
    await asyncio.sleep(0.1)
    await watcher.stop()
    assert max(seen) >= 0.25
    assert sum(1 for lag in seen if lag >= 0.1) == 1
    count = len(seen)
    await asyncio.sleep(0.05)
    assert len(seen) == count  # stopped: no more observations


async def test_the_histogram_counts_stalls_over_the_pacing_lead() -> None:
    metrics = Metrics()
    task = asyncio.create_task(watch_loop_lag(metrics.loop_lag_seconds.observe, 0.01))
    await asyncio.sleep(0.05)
    time.sleep(0.2)
    await asyncio.sleep(0.05)
    task.cancel()
    text = metrics.exposition().decode()
    over = [line for line in text.splitlines()
            if line.startswith("voice_server_event_loop_lag_seconds_bucket")]  # fmt: skip
    counts = {line.split('le="')[1].split('"')[0]: float(line.rsplit(" ", 1)[1]) for line in over}
    assert counts["+Inf"] - counts["0.1"] == 1.0  # the one 200 ms stall
    lag_sum = next(line for line in text.splitlines()
                   if line.startswith("voice_server_event_loop_lag_seconds_sum"))  # fmt: skip
    assert float(lag_sum.rsplit(" ", 1)[1]) >= 0.15


def test_interval_must_be_positive() -> None:
    with pytest.raises(ValueError):
        asyncio.run(watch_loop_lag(lambda lag: None, 0.0))


def test_recent_lag_is_the_quantile_of_the_probes_in_the_window() -> None:
    recent = RecentLag(window_s=2.0, min_probes=10)
    for i in range(100):  # 2 s of probes: 12 of them 40 ms late, the rest 1 ms
        recent.add(i * 0.02, 0.040 if i % 9 == 0 else 0.001)
    assert recent.quantile(1.98, 0.9) == pytest.approx(0.040)  # over a tenth were late
    assert recent.quantile(1.98, 0.8) == pytest.approx(0.001)
    exactly_a_tenth = RecentLag(window_s=2.0, min_probes=10)
    for i in range(100):
        exactly_a_tenth.add(i * 0.02, 0.040 if i % 10 == 0 else 0.001)
    assert exactly_a_tenth.quantile(1.98, 0.9) == pytest.approx(0.001)


def test_recent_lag_forgets_probes_older_than_the_window() -> None:
    recent = RecentLag(window_s=2.0, min_probes=10)
    for i in range(50):
        recent.add(i * 0.02, 0.5)  # a bad second
    for i in range(150):
        recent.add(1.0 + i * 0.02, 0.001)  # then three quiet ones
    assert recent.quantile(4.0) == pytest.approx(0.001)


def test_recent_lag_says_nothing_with_too_few_probes() -> None:
    recent = RecentLag(window_s=2.0, min_probes=10)
    for i in range(9):
        recent.add(i * 0.02, 0.3)
    assert recent.quantile(0.2) is None
    recent.add(0.2, 0.3)
    assert recent.quantile(0.2) == pytest.approx(0.3)
    assert recent.quantile(10.0) is None  # a loop not probed lately (all aged out)
