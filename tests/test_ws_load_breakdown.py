"""bench/ws_load.py's server breakdown: where a level's first audio went, from /metrics."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Histogram, generate_latest

from bench.ws_load import flat_metrics, server_breakdown
from voice_server.metrics import TTFA_BUCKETS


def _exposition(engine_s: list[float], tokens_s: list[float]) -> str:
    registry = CollectorRegistry()
    stages = Histogram("voice_server_first_audio_stage_seconds", "stages", ["stage"],
                       buckets=TTFA_BUCKETS, registry=registry)  # fmt: skip
    for value in engine_s:
        stages.labels("engine").observe(value)
    for value in tokens_s:
        stages.labels("tokens").observe(value)
    return generate_latest(registry).decode()


def test_each_first_audio_stage_reports_its_mean_and_the_bucket_of_its_95th_percentile() -> None:
    before = flat_metrics(_exposition([0.02], []))  # counted before the level: left out
    after = flat_metrics(_exposition([0.02] * 96 + [0.4] * 4, [0.06] * 50))
    server = server_breakdown(before, after, wall_s=10.0)
    # 95 of the level's 99 engine stages took 20 ms: p95 lies in the bucket up to 25 ms
    assert server["first_audio_stage_p95_le_ms"]["engine"] == 25.0
    assert server["first_audio_stage_p95_le_ms"]["tokens"] == 75.0
    assert server["first_audio_stage_p95_le_ms"]["decode"] is None  # nothing counted
    mean = server["first_audio_stage_mean_ms"]["engine"]
    assert abs(mean - 1000 * (0.02 * 95 + 0.4 * 4) / 99) < 1e-6


def test_a_tail_past_the_last_bucket_reads_as_unbounded() -> None:
    server = server_breakdown({}, flat_metrics(_exposition([9.0] * 10, [])), wall_s=1.0)
    assert server["first_audio_stage_p95_le_ms"]["engine"] == float("inf")
