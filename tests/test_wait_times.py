"""Decode waits counted in fixed buckets, merged over workers, exposed as a histogram."""

from __future__ import annotations

import math

from voice_server.codec.wait_times import (
    WAIT_BUCKETS,
    count_wait,
    cumulative_buckets,
    merged_counts,
)


def test_a_wait_lands_in_the_smallest_bound_that_holds_it_and_past_the_last_in_inf() -> None:
    counts: dict[float, int] = {}
    for seconds in (0.0, 0.001, 0.0011, 0.03, 0.04, 100.0):
        count_wait(counts, seconds)
    assert counts == {0.001: 2, 0.0025: 1, 0.04: 2, math.inf: 1}


def test_workers_counts_merge_and_become_cumulative_prometheus_buckets() -> None:
    merged = merged_counts([{0.01: 2, math.inf: 1}, {0.01: 1, 0.08: 4}])
    assert merged == {0.01: 3, 0.08: 4, math.inf: 1}
    buckets = dict(cumulative_buckets(merged))
    assert list(buckets) == [str(b) for b in WAIT_BUCKETS] + ["+Inf"]
    assert buckets["0.005"] == 0 and buckets["0.01"] == 3 and buckets["0.04"] == 3
    assert buckets["0.08"] == 7 and buckets[str(WAIT_BUCKETS[-1])] == 7 and buckets["+Inf"] == 8
