"""Which captured decode graph a batch replays: the fastest that holds it, by measured time."""

from __future__ import annotations

import pytest

from voice_server.codec.graphs import batch_buckets, bucket_for, fastest_buckets


def test_buckets_are_powers_of_two_and_the_maximum() -> None:
    assert batch_buckets(1) == (1,)
    assert batch_buckets(8) == (1, 2, 4, 8)
    assert batch_buckets(12) == (1, 2, 4, 8, 12)
    with pytest.raises(ValueError):
        batch_buckets(0)


def test_bucket_for_is_the_smallest_that_holds_the_batch() -> None:
    buckets = batch_buckets(8)
    assert [bucket_for(n, buckets) for n in (1, 2, 3, 5, 8, 9)] == [1, 2, 4, 8, 8, None]


def test_times_growing_with_size_keep_every_bucket() -> None:
    assert fastest_buckets({1: 1.2, 2: 1.3, 4: 1.4, 8: 1.6}) == {1: 1, 2: 2, 4: 4, 8: 8}


def test_a_slow_shape_replays_the_larger_faster_graph() -> None:
    """The H200's channels-last 70-token window: 25.4 ms for 2 rows, 2.6 ms for 4."""
    routes = fastest_buckets({1: 1.58, 2: 25.45, 4: 2.60, 8: 4.12})
    assert routes == {1: 1, 2: 4, 4: 4, 8: 8}


def test_the_fastest_of_several_larger_graphs_wins() -> None:
    assert fastest_buckets({1: 30.0, 2: 20.0, 4: 3.0, 8: 5.0})[1] == 4


def test_noise_within_the_margin_does_not_move_a_bucket() -> None:
    assert fastest_buckets({1: 1.50, 2: 1.45, 4: 1.30})[1] == 1
    assert fastest_buckets({1: 1.50, 2: 1.45, 4: 1.10}, margin=0.8)[1] == 4


def test_margin_must_be_a_ratio() -> None:
    with pytest.raises(ValueError):
        fastest_buckets({1: 1.0}, margin=0)
    with pytest.raises(ValueError):
        fastest_buckets({1: 1.0}, margin=1.5)
