"""The token bucket behind the rate of context opens."""

from __future__ import annotations

import pytest

from voice_server.rate_bucket import TokenBucket


def test_a_full_bucket_allows_a_burst_then_the_rate() -> None:
    bucket = TokenBucket(rate=10.0, burst=20.0)
    assert all(bucket.take(0.0) for _ in range(20))
    assert not bucket.take(0.0)
    assert bucket.wait_s(0.0) == pytest.approx(0.1)
    assert bucket.take(0.1) and not bucket.take(0.1)  # one token a tenth of a second
    assert sum(bucket.take(10.0) for _ in range(100)) == 20  # never more than the burst


async def test_a_read_pace_lets_a_burst_through_then_waits_for_the_rate() -> None:
    """``ReadPace``: twice the rate at once, then one message per 1/rate s (lower bounds
    only: a slow machine can only make it slower)."""
    import asyncio
    import time

    from voice_server.transport.common import ReadPace

    pace = ReadPace(50.0)
    started = time.monotonic()
    for _ in range(100):
        await pace.next()
    burst = time.monotonic() - started
    for _ in range(20):
        await pace.next()
    assert burst < 0.35 and time.monotonic() - started >= 0.38
    unpaced = ReadPace(0.0)
    await asyncio.wait_for(asyncio.gather(*(unpaced.next() for _ in range(10_000))), 5)
