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
