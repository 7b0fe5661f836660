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
    assert server["first_audio_stage_buckets"]["engine"] == {"<=25": 95.0, "<=500": 4.0}
    assert server["first_audio_stage_buckets"]["decode"] == {}
    mean = server["first_audio_stage_mean_ms"]["engine"]
    assert abs(mean - 1000 * (0.02 * 95 + 0.4 * 4) / 99) < 1e-6


def test_a_tail_past_the_last_bucket_reads_as_unbounded() -> None:
    server = server_breakdown({}, flat_metrics(_exposition([9.0] * 10, [])), wall_s=1.0)
    assert server["first_audio_stage_p95_le_ms"]["engine"] == float("inf")


def test_the_due_window_stages_report_the_bucket_of_their_95th_percentile() -> None:
    """The decode stage of first audio taken apart, as the server exports it: the bucket of
    each stage's 95th percentile, in the decode worker's own bucket bounds."""
    from types import SimpleNamespace

    from prometheus_client.registry import Collector

    from voice_server.codec.decode_worker import DecodeWorkerStats
    from voice_server.codec.wait_times import count_wait
    from voice_server.metrics import _due_window_histogram

    stats = DecodeWorkerStats()
    for stage, seconds in (("lane", [0.003] * 90 + [0.15] * 10), ("decoder", [0.012] * 100)):
        for s in seconds:
            count_wait(stats.due_stage_counts.setdefault(stage, {}), s)
            stats.due_stage_seconds[stage] = stats.due_stage_seconds.get(stage, 0.0) + s
    worker = SimpleNamespace(stats=stats)

    class Due(Collector):
        def collect(self):  # type: ignore[no-untyped-def]
            yield _due_window_histogram([worker])  # type: ignore[list-item]

    registry = CollectorRegistry()
    registry.register(Due())
    server = server_breakdown({}, flat_metrics(generate_latest(registry).decode()), wall_s=1.0)
    # 10 % of the lane waits took 150 ms: the 95th percentile is in the bucket up to 160 ms
    assert server["due_window_stage_p95_le_ms"] == {"lane": 160.0, "decoder": 20.0,
                                                    "resume": None}  # fmt: skip
    assert abs(server["due_window_stage_mean_ms"]["lane"] - (0.003 * 90 + 1.5) * 10) < 1e-6
    assert server["due_window_stage_buckets"]["lane"] == {"<=5": 90.0, "<=160": 10.0}


def _front_ends(lag_s: tuple[float, float], loop_refusals: tuple[int, int]) -> str:
    """/metrics as a group of two front ends answers it: each series with its ``front_end``."""
    lines = ["# TYPE voice_server_event_loop_lag_seconds histogram",
             "# TYPE voice_server_admission_refusals_total counter"]  # fmt: skip
    for front_end in (0, 1):
        lines += [
            f'voice_server_event_loop_lag_seconds_bucket{{front_end="{front_end}",le="+Inf"}} 1',
            f'voice_server_event_loop_lag_seconds_count{{front_end="{front_end}"}} 1',
            f'voice_server_event_loop_lag_seconds_sum{{front_end="{front_end}"}} '
            f"{lag_s[front_end]}",
            f'voice_server_admission_refusals_total{{front_end="{front_end}",rule="event_loop"}} '
            f"{loop_refusals[front_end]}",
            f'voice_server_admission_refusals_total{{front_end="{front_end}",rule="token_rate"}} 1',
        ]
    return "\n".join(lines) + "\n"


def test_each_front_end_s_loop_lag_and_refusals_are_kept_apart_and_summed() -> None:
    before = flat_metrics(_front_ends((1.0, 0.5), (2, 0)))
    after = flat_metrics(_front_ends((4.0, 0.75), (12, 1)))
    server = server_breakdown(before, after, wall_s=1.0)
    assert server["loop_lag_s"] == 3.25
    assert server["loop_lag_s_by_front_end"] == {"0": 3.0, "1": 0.25}
    assert server["refusals_by_rule"] == {"event_loop": 11.0}
    assert server["refusals_by_front_end"] == {"0": 10.0, "1": 1.0}
