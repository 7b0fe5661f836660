"""Several front ends' series as one scrape (``http.workers`` > 1)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from voice_server.metrics import Metrics, merge_expositions


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_every_sample_is_labelled_with_its_front_end_and_families_merge() -> None:
    first, second = Metrics(), Metrics()
    first.segments.inc(3)
    second.segments.inc(2)
    first.ttfa_seconds.observe(0.2)
    second.sessions_active.labels("ws").set(4)
    merged = merge_expositions([(0, first.exposition().decode()),
                                (2, second.exposition().decode())], front_ends=3).decode()
    got = samples(merged)
    assert got[("voice_server_segments_total", (("front_end", "0"),))] == 3
    assert got[("voice_server_segments_total", (("front_end", "2"),))] == 2
    assert got[("voice_server_sessions_active", (("front_end", "2"), ("transport", "ws")))] == 4
    bucket = ("voice_server_ttfa_seconds_bucket", (("front_end", "0"), ("le", "0.2")))
    assert got[bucket] == 1
    assert got[("voice_server_front_ends", (("state", "total"),))] == 3
    assert got[("voice_server_front_ends", (("state", "answered"),))] == 2
    families = {f.name: f.type for f in text_string_to_metric_families(merged)}
    assert families["voice_server_ttfa_seconds"] == "histogram"
    assert families["voice_server_segments"] == "counter"
