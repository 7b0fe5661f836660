"""``loadgen.peak_live``: how many sessions a server held at once, from their live intervals."""

from __future__ import annotations

from bench import loadgen


def test_peak_counts_the_most_sessions_open_at_one_moment() -> None:
    assert loadgen.peak_live([]) == 0
    assert loadgen.peak_live([(0.0, 5.0)]) == 1
    assert loadgen.peak_live([(0.0, 5.0), (1.0, 2.0), (1.5, 6.0), (5.5, 7.0)]) == 3
    assert loadgen.peak_live([(0.0, 1.0), (2.0, 3.0), (4.0, 5.0)]) == 1


def test_a_session_admitted_as_another_closes_takes_its_place() -> None:
    """A retrying client admitted the moment a slot frees never overlaps the one that left."""
    assert loadgen.peak_live([(0.0, 2.0), (2.0, 4.0), (1.0, 3.0)]) == 2


def test_the_ttfa_timeline_shows_when_first_audio_was_slow() -> None:
    """Two-second buckets of admission time: a stall at 4-6 s stands out from the rest."""
    points = [(0.5, 100.0), (1.9, 120.0), (2.0, 110.0), (4.1, 1700.0), (5.0, 1500.0),
              (5.9, 90.0)]  # fmt: skip
    assert loadgen.ttfa_timeline(points) == [[0.0, 2, 110.0, 120.0], [2.0, 1, 110.0, 110.0],
                                             [4.0, 3, 1500.0, 1700.0]]  # fmt: skip
    assert loadgen.ttfa_timeline([]) == []
