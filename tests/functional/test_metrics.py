"""``/metrics``: every series present, and moving after real requests on the tiny engine."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from voice_server.runtime import served_policy
from voice_server.metrics import BATCH_BUCKETS, Metrics

pytestmark = pytest.mark.engine

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
BOUNDS = {str(b) for b in BATCH_BUCKETS} | {"+Inf"}


async def scrape(client: Any) -> Samples:
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(await response.text()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_the_runtime_series_are_present_once_the_model_is_ready(make_client: Any) -> None:
    samples = await scrape(await make_client())
    names = {name for name, _ in samples}
    assert value(samples, "voice_server_ready") == 1.0
    assert value(samples, "voice_server_engine_requests_unfinished") == 0.0
    for name in ("voice_server_decode_batch_size_bucket", "voice_server_decode_seconds_total",
                 "voice_server_contexts_active", "voice_server_ttfa_seconds_bucket",
                 "voice_server_rtf_bucket"):
        assert name in names, name
    # The warm-up and voice enrollment already decoded batches on this shared runtime.
    assert value(samples, "voice_server_decode_batch_size_count") > 0
    # every batch is counted once more by its window length and rows
    by_window = {labels: n for (name, labels), n in samples.items()
                 if name == "voice_server_decode_window_batches_total"}  # fmt: skip
    assert sum(by_window.values()) == value(samples, "voice_server_decode_batch_size_count")
    lengths = {str(n) for n in served_policy().graph_window_lengths()} | {"other"}
    for labels in by_window:
        assert dict(labels)["window"] in lengths and dict(labels)["rows"] in BOUNDS, labels
    # every decoded window's wait was counted (warm-up included)
    assert value(samples, "voice_server_decode_wait_seconds_count") == value(
        samples, "voice_server_decode_batch_size_sum")
    # windows due as they reached the decoder (the warm-up's first chunks), in three stages
    due = [value(samples, "voice_server_decode_due_window_seconds_count", stage=stage)
           for stage in ("lane", "decoder", "resume")]  # fmt: skip
    assert due[0] > 0 and due[0] == due[1] == due[2]
    for generation in "012":
        assert ("voice_server_gc_pause_seconds_count", (("generation", generation),)) in samples


async def test_garbage_collections_while_serving_are_timed(make_client: Any) -> None:
    import gc

    client = await make_client()
    before = value(await scrape(client), "voice_server_gc_pause_seconds_count", generation="2")
    gc.collect()  # what the interpreter does on its own under load
    after = await scrape(client)
    assert value(after, "voice_server_gc_pause_seconds_count", generation="2") == before + 1
    assert value(after, "voice_server_gc_pause_seconds_sum", generation="2") > 0


async def test_the_running_server_measures_its_event_loop_lag(make_client: Any) -> None:
    import asyncio
    import time

    client = await make_client()
    before = await scrape(client)
    await asyncio.sleep(0.1)
    time.sleep(0.25)  # a stalled loop, as a long GIL hold or a slow callback makes it
    await asyncio.sleep(0.1)
    after = await scrape(client)
    probes = value(after, "voice_server_event_loop_lag_seconds_count") - value(
        before, "voice_server_event_loop_lag_seconds_count")
    assert probes >= 5  # one every 20 ms while the app runs
    stalls = [value(s, "voice_server_event_loop_lag_seconds_count")
              - value(s, "voice_server_event_loop_lag_seconds_bucket", le="0.1")
              for s in (before, after)]  # fmt: skip
    assert stalls[1] - stalls[0] >= 1.0  # ours (a loaded machine may add its own)


async def test_a_one_shot_request_moves_the_counters_and_histograms(make_client: Any) -> None:
    client = await make_client()
    before = await scrape(client)
    response = await client.post("/v1/tts", json={"input": "Count me. Twice, please.",
                                                  "response_format": "pcm", "seed": 1})
    assert response.status == 200
    audio_s = len(await response.read()) / 2 / 16000
    bad = await client.post("/v1/tts", json={"input": "x", "voice": "nobody"})
    assert bad.status == 400
    after = await scrape(client)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("voice_server_ttfa_seconds_count") == 1
    assert 0 < delta("voice_server_ttfa_seconds_sum") < 60
    assert delta("voice_server_segments_total") >= 1
    assert delta("voice_server_rtf_count") == delta("voice_server_segments_total")
    assert delta("voice_server_audio_seconds_total") == pytest.approx(audio_s, abs=1e-6)
    assert delta("voice_server_http_tts_requests_total", route="tts", format="pcm") == 1
    assert delta("voice_server_errors_total", code="invalid_value") == 1
    assert value(after, "voice_server_sessions_active", transport="http") == 0
    assert delta("voice_server_decode_batch_size_count") > 0
    assert delta("voice_server_decode_seconds_total") > 0
    # its windows counted by length too; a segment of 10 tokens or more starts with a
    # 10-token first chunk, the engine's first group of codes (a random model rarely stops
    # sooner: "10" or "other" both move)
    first = sum(delta("voice_server_decode_window_batches_total", window="10", rows=rows)
                for rows in BOUNDS)  # fmt: skip
    other = sum(delta("voice_server_decode_window_batches_total", window="other", rows=rows)
                for rows in BOUNDS)  # fmt: skip
    graphed = sum(delta("voice_server_decode_window_batches_total", window=str(n), rows=rows)
                  for n in served_policy().graph_window_lengths() for rows in BOUNDS)  # fmt: skip
    assert graphed + other == delta("voice_server_decode_batch_size_count")
    assert first + other >= 1


def test_session_code_hooks_move_their_series() -> None:
    metrics = Metrics()
    metrics.session_opened("ws")
    metrics.session_opened("ws")
    metrics.session_opened("webrtc")
    metrics.session_closed("ws")
    metrics.context_opened()
    metrics.frames(50, late=2)
    metrics.frames(10)
    metrics.cancel()
    metrics.error("text_too_long")
    metrics.observe_segment(0.12, 0.4, 2.5)
    metrics.observe_segment(None, 0.5, 1.0)
    get = metrics.registry.get_sample_value
    assert get("voice_server_sessions_active", {"transport": "ws"}) == 1
    assert get("voice_server_sessions_active", {"transport": "webrtc"}) == 1
    assert get("voice_server_contexts_active") == 1
    assert get("voice_server_frames_sent_total") == 60
    assert get("voice_server_late_frames_total") == 2
    assert get("voice_server_cancels_total") == 1
    assert get("voice_server_errors_total", {"code": "text_too_long"}) == 1
    assert get("voice_server_ttfa_seconds_count") == 1
    assert get("voice_server_ttfa_seconds_bucket", {"le": "0.15"}) == 1
    assert get("voice_server_ttfa_seconds_bucket", {"le": "0.1"}) == 0
    assert get("voice_server_rtf_count") == 2
    assert get("voice_server_audio_seconds_total") == 3.5
    assert get("voice_server_ready") == 0  # no runtime attached


def test_two_apps_do_not_share_series() -> None:
    a, b = Metrics(), Metrics()
    a.cancel()
    assert b.registry.get_sample_value("voice_server_cancels_total") == 0


async def test_vendor_routes_count_as_one_shot_requests_and_sessions_while_they_run(
    make_client: Any,
) -> None:
    """ElevenLabs' and Cartesia's HTTP routes count in the one-shot series by vendor and
    format (no bit rate), and a vendor socket in the sessions gauge while it is open."""
    client = await make_client(pacing={"lead_ms": 10_000})
    before = await scrape(client)
    converted = await client.post("/v1/text-to-speech/alloy?output_format=mp3_44100_96",
                                  json={"text": "Hello there."})  # fmt: skip
    assert converted.status == 200 and len(await converted.read()) > 0
    body = {"transcript": "Hello there.", "voice": {"mode": "id", "id": "alloy"},
            "output_format": {"container": "raw", "encoding": "pcm_s16le",
                              "sample_rate": 16000}}  # fmt: skip
    spoken = await client.post("/tts/bytes", json=body)
    assert spoken.status == 200 and len(await spoken.read()) > 0
    after = await scrape(client)
    name = "voice_server_http_tts_requests_total"
    for route, fmt in (("elevenlabs", "mp3_44100"), ("cartesia", "raw_pcm_s16le_16000")):
        assert value(after, name, route=route, format=fmt) == value(
            before, name, route=route, format=fmt) + 1, (route, fmt)
    for transport in ("elevenlabs", "cartesia"):  # both sessions closed again
        assert value(after, "voice_server_sessions_active", transport=transport) == 0.0
    async with client.ws_connect("/tts/websocket") as ws:
        assert await gauge_reaches(client, "cartesia", 1.0), "the open socket is not counted"
        await ws.close()
    assert await gauge_reaches(client, "cartesia", 0.0), "the closed socket is still counted"


async def gauge_reaches(client: Any, transport: str, target: float) -> bool:
    """Whether ``voice_server_sessions_active{transport}`` reads ``target`` within ~5 s."""
    import asyncio

    for _ in range(100):
        samples = await scrape(client)
        if value(samples, "voice_server_sessions_active", transport=transport) == target:
            return True
        await asyncio.sleep(0.05)
    return False
