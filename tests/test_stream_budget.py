"""``bench/stream_budget.py``'s replay of a cold segment with tokens handed out as vLLM's
stream interval does: the arithmetic behind docs/PERFORMANCE.md's statements about the interval."""

from __future__ import annotations

import pytest

from bench.stream_budget import delivered_gaps
from voice_server.codec.streaming import ChunkPolicy


def test_the_first_audio_waits_for_the_output_that_completes_its_window() -> None:
    policy = ChunkPolicy()  # first window: 10 codes, the answer's ids 2-11 (1: the marker)
    assert delivered_gaps(policy, 50.0, 1, 250)[0] == pytest.approx(11 / 50)
    # with one output per 10 ids the window is complete at the second output, id 11
    assert delivered_gaps(policy, 50.0, 10, 250)[0] == pytest.approx(11 / 50)
    # with 4, at the fourth, id 13; a window cut for the groups (cadence 4) fires there too
    assert delivered_gaps(policy, 50.0, 4, 250)[0] == pytest.approx(13 / 50)
    aligned = ChunkPolicy(token_cadence=4)
    assert aligned.first_job_tokens == 12
    assert delivered_gaps(aligned, 50.0, 4, 250)[0] == pytest.approx(13 / 50)


def test_a_fast_stream_plays_without_gaps_and_coarser_outputs_never_shorten_them() -> None:
    policy = ChunkPolicy().loaded_start()
    assert delivered_gaps(policy, 1000.0, 1, 250)[1:] == (0.0, 0.0)
    for rate in (57.0, 63.0, 90.0):
        sums = [delivered_gaps(policy, rate, n, 250)[1] for n in (1, 5, 10)]
        assert sums == sorted(sums) and sums[0] < sums[-1], rate
