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
