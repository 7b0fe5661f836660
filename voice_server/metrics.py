"""Prometheus metrics of one app, on its own registry (no process-global state).

Two kinds of series:

* Event series (sessions, contexts, segments, frames, cancels, errors) are updated by the code
  where the event happens, through the small methods of ``Metrics``.
* State owned by other parts (the engines' unfinished requests, the decode workers' batch
  counters, readiness, sessions placed per replica) is read when Prometheus scrapes, by
  ``_RuntimeCollector``, so nothing polls and the numbers are never stale. The unlabelled
  engine and decode series sum over replicas; ``voice_server_replica_*`` give each replica's
  share, labelled ``replica`` and ``device``.

Every name starts with ``voice_server_``; ``docs/OPERATIONS.md`` lists them with their meaning.
Autoscale on ``voice_server_sessions_active`` (summed over transports) per replica.
"""

from __future__ import annotations

import collections
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from voice_server import cuda_mps
from voice_server.codec.wait_times import DUE_STAGES, cumulative_buckets, merged_counts
from voice_server.gc_pauses import GcPauseRecorder
from voice_server.loop_lag import LAG_BUCKETS
from voice_server.registry import REFUSAL_RULES


if TYPE_CHECKING:
    from voice_server.codec.decode_worker import DecodeWorker
    from voice_server.replicas import Replica
    from voice_server.runtime import SpeechRuntime

TTFA_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)
"""Time to first audio, 10 ms to 5 s: the interesting range is 50-500 ms."""

RTF_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0)
"""Real-time factor = generation wall time / audio duration; above 1 the listener waits."""

BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128)


class Metrics:
    """All series of one app. ``runtime`` is a getter so the collector sees the live runtime."""

    def __init__(self, runtime: Callable[[], SpeechRuntime | None] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.sessions_active = Gauge(
            "voice_server_sessions_active", "Live sessions, by transport (ws, webrtc, http).",
            ["transport"], registry=r)
        self.contexts_active = Gauge(
            "voice_server_contexts_active", "Open contexts over all sessions.", registry=r)
        self.ttfa_seconds = Histogram(
            "voice_server_ttfa_seconds",
            "Time from a request (text flush or HTTP request) to its first audio.",
            buckets=TTFA_BUCKETS, registry=r)
        self.first_audio_stages = Histogram(
            "voice_server_first_audio_stage_seconds",
            "Where a cold-started segment's time to first audio goes: engine (start to first "
            "token: queueing and prefill), tokens (first token to the first decode window's "
            "last token), decode (decode queue and decode of that window).",
            ["stage"], buckets=TTFA_BUCKETS, registry=r)
        self.rtf = Histogram(
            "voice_server_rtf", "Real-time factor of each segment (generation time / audio time).",
            buckets=RTF_BUCKETS, registry=r)
        self.segments = Counter(
            "voice_server_segments", "Text segments synthesized.", registry=r)
        self.audio_seconds = Counter(
            "voice_server_audio_seconds", "Seconds of audio synthesized.", registry=r)

        self.warm_segments = Counter(
            "voice_server_segments_warm_start",
            "Segments that started on the warm decode schedule (audio still queued ahead of "
            "them: no growth phase, fewer decode windows).", registry=r)
        self.loaded_segments = Counter(
            "voice_server_segments_loaded_start",
            "Segments that started cold on the loaded decode schedule (the engine's recent "
            "per-stream token rate too low for the regions to double: they grow more slowly, "
            "in more windows).", registry=r)
        self.decode_windows = Counter(
            "voice_server_segment_decode_windows",
            "Decode windows handed to the decoder by finished segments.", registry=r)
        self.frames_sent = Counter(
            "voice_server_frames_sent", "Audio frames sent to clients.", registry=r)
        self.late_frames = Counter(
            "voice_server_late_frames",
            "Audio frames sent after their playback deadline (the client may have heard a gap).",
            registry=r)
        self.cancels = Counter(
            "voice_server_cancels", "Cancels (barge-in) honoured.", registry=r)
        self.errors = Counter(
            "voice_server_errors", "Errors reported to clients, by error code.", ["code"],
            registry=r)
        self.http_requests = Counter(
            "voice_server_http_tts_requests", "One-shot synthesis requests, by route and format.",
            ["route", "format"], registry=r)
        self.admission_refusals = Counter(
            "voice_server_admission_refusals",
            "New sessions refused, by the rule that refused them: session_limit, token_rate "
            "(streams under the floor), projection (the recent throughput would not carry one "
            "more), decoder (decode windows late), event_loop (the loop runs late), "
            "per_address.", ["rule"], registry=r)
        for rule in REFUSAL_RULES:  # every series from the start, at 0
            self.admission_refusals.labels(rule)
        self.loop_lag_seconds = Histogram(
            "voice_server_event_loop_lag_seconds",
            "How late the server's event loop ran a timer due every 20 ms; above the pacing "
            "lead every listener hears a gap. The sum is the total stall time.",
            buckets=LAG_BUCKETS, registry=r)
        self.cuda_mps = Gauge(
            "voice_server_cuda_mps",
            "1 when this server's CUDA processes are clients of CUDA MPS (engine.mps): the GPU "
            "runs the engine's and the decoder's kernels side by side; 0 when it time-slices "
            "between them (or the server has no GPU).", registry=r)
        self.cuda_mps.set(1 if cuda_mps.in_use() else 0)
        r.register(_RuntimeCollector(runtime or (lambda: None)))
        self.gc_pauses = GcPauseRecorder()
        r.register(_GcCollector(self.gc_pauses))

    # --- what the session and HTTP code call -------------------------------------------------

    def session_opened(self, transport: str) -> None:
        self.sessions_active.labels(transport).inc()

    def session_closed(self, transport: str) -> None:
        self.sessions_active.labels(transport).dec()

    def context_opened(self) -> None:
        self.contexts_active.inc()

    def context_closed(self) -> None:
        self.contexts_active.dec()

    def observe_segment(self, ttfa_s: float | None, rtf: float, audio_s: float,
                        schedule: str = "cold", decode_windows: int = 0) -> None:  # fmt: skip
        """One finished segment. ``ttfa_s`` only for the first segment of a request (None else),
        because later segments' first audio is hidden behind the audio already playing."""
        if ttfa_s is not None:
            self.ttfa_seconds.observe(ttfa_s)
        self.rtf.observe(rtf)
        self.segments.inc()
        self.audio_seconds.inc(audio_s)
        self.warm_segments.inc(int(schedule == "warm"))
        self.loaded_segments.inc(int(schedule == "loaded"))
        self.decode_windows.inc(decode_windows)

    def observe_first_audio_stages(self, engine_s: float, tokens_s: float, decode_s: float) -> None:
        """The parts of one segment's time to first audio (see the metric's help)."""
        self.first_audio_stages.labels("engine").observe(engine_s)
        self.first_audio_stages.labels("tokens").observe(tokens_s)
        self.first_audio_stages.labels("decode").observe(decode_s)

    def observe_ttfa(self, ttfa_s: float) -> None:
        """Time to first audio, for callers that know it before the segment ends."""
        self.ttfa_seconds.observe(ttfa_s)

    def frames(self, sent: int, late: int = 0) -> None:
        self.frames_sent.inc(sent)
        if late:
            self.late_frames.inc(late)

    def cancel(self) -> None:
        self.cancels.inc()

    def admission_refused(self, rule: str) -> None:
        self.admission_refusals.labels(rule).inc()

    def error(self, code: str) -> None:
        self.errors.labels(code).inc()

    def http_request(self, route: str, fmt: str) -> None:
        self.http_requests.labels(route, fmt).inc()

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return generate_latest(self.registry)


class _GcCollector(Collector):
    """``voice_server_gc_pause_seconds{generation}``, read from the recorder at scrape."""

    def __init__(self, recorder: GcPauseRecorder) -> None:
        self._recorder = recorder

    def describe(self) -> list[Metric]:
        return []  # dynamic: collected on scrape only

    def collect(self) -> Iterator[Metric]:
        family = HistogramMetricFamily(
            "voice_server_gc_pause_seconds",
            "Garbage-collector pauses of the server process, by generation (2 = full); every "
            "session's frames wait behind one.", labels=["generation"])
        for generation in range(3):
            buckets, total = self._recorder.histogram(generation)
            family.add_metric([str(generation)], buckets, total)
        yield family


class _RuntimeCollector(Collector):
    """Reads engine and decoder state at scrape time (see the module docstring)."""

    def __init__(self, runtime: Callable[[], SpeechRuntime | None]) -> None:
        self._runtime = runtime

    def describe(self) -> list[Metric]:
        return []  # dynamic: collected on scrape only

    def collect(self) -> Iterator[Metric]:
        runtime = self._runtime()
        ready = runtime is not None and runtime.ready.is_set()
        yield GaugeMetricFamily("voice_server_ready", "1 once the model is loaded and warm.",
                                value=1.0 if ready else 0.0)
        if runtime is None or not ready:
            return
        replicas = list(runtime.replicas)
        yield GaugeMetricFamily(
            "voice_server_engine_requests_unfinished",
            "Requests the engines hold (running plus waiting), over all replicas.",
            value=sum(r.engine.unfinished_requests for r in replicas))
        # The replicas of one GPU share a decode worker: count each worker once.
        workers = list({id(r.decoder): r.decoder for r in replicas}.values())
        batch_sizes: collections.Counter[int] = collections.Counter()
        for worker in workers:
            # A copy: the worker thread writes its Counter while we read.
            batch_sizes.update(dict(worker.stats.batch_sizes))
        yield _batch_histogram("voice_server_decode_batch_size",
                               "Windows per BiCodec decode batch, over all replicas.",
                               batch_sizes)  # fmt: skip
        yield _window_batches(workers, runtime.decode_config.policy.graph_window_lengths())
        yield CounterMetricFamily(
            "voice_server_decode_seconds", "Wall time spent decoding batches, over all replicas.",
            value=sum(w.stats.decode_seconds for w in workers))
        yield _wait_histogram(
            "voice_server_decode_wait_seconds",
            "How long each decode window waited from its request to the start of its batch "
            "(held open for more windows, or queued behind the batch before it).",
            [(w.stats.wait_counts, w.stats.wait_seconds) for w in workers])
        yield _due_window_histogram(workers)
        if any(getattr(w.backend, "shared", False) for w in workers):
            yield from _shared_decoder_families(workers)
        yield from _replica_families(replicas)


def _shared_decoder_families(workers: list[DecodeWorker]) -> Iterator[Metric]:
    """The passes of the decoder process the front ends share (``decode.placement`` process
    with ``http.workers`` > 1), each counted by the front end whose batch led it: summed over
    front ends, they are the decoder's."""
    sizes: collections.Counter[int] = collections.Counter()
    for worker in workers:
        sizes.update(dict(worker.stats.shared_batch_sizes))
    yield _batch_histogram(
        "voice_server_decode_shared_batch_size",
        "Windows per pass of the decoder process shared by the front ends (their batches "
        "merged), for the passes this front end's batch led.", sizes)
    yield CounterMetricFamily(
        "voice_server_decode_shared_seconds",
        "Wall time of the shared decoder's passes this front end's batch led.",
        value=sum(w.stats.shared_decode_seconds for w in workers))
    yield CounterMetricFamily(
        "voice_server_decode_shared_urgent_passes",
        "Passes of the shared decoder this front end's batch led that its urgent stream ran, "
        "beside a pass in progress (decode.urgent_stream_ms).",
        value=sum(w.stats.urgent_passes for w in workers))
    yield _wait_histogram(
        "voice_server_decode_shared_queue_seconds",
        "How long each of this front end's batches waited in the shared decoder process, from "
        "its sending to the start of its pass (behind other front ends' passes).",
        [(w.stats.shared_queue_counts, w.stats.shared_queue_seconds) for w in workers])


def _wait_histogram(name: str, documentation: str,
                    parts: list[tuple[dict[float, int], float]]) -> Metric:  # fmt: skip
    """One histogram of waits from each worker's ``({bound: count}, sum)`` (``wait_times``)."""
    return HistogramMetricFamily(name, documentation,
                                 buckets=cumulative_buckets(merged_counts(c for c, _ in parts)),
                                 sum_value=sum(total for _, total in parts))  # fmt: skip


def _due_window_histogram(workers: list[DecodeWorker]) -> Metric:
    """First audio's decode stage taken apart (``DecodeWorkerStats.due_stage_counts``)."""
    family = HistogramMetricFamily(
        "voice_server_decode_due_window_seconds",
        "Windows already due when requested (a cold segment's first chunk, a late window), "
        "by stage: lane (request to the start of its batch), decoder (the batch at the "
        "decoder), resume (audio handed back to its task running again).",
        labels=["stage"])  # fmt: skip
    for stage in DUE_STAGES:
        parts = [(w.stats.due_stage_counts.get(stage, {}),
                  w.stats.due_stage_seconds.get(stage, 0.0)) for w in workers]  # fmt: skip
        family.add_metric([stage], cumulative_buckets(merged_counts(c for c, _ in parts)),
                          sum_value=sum(total for _, total in parts))  # fmt: skip
    return family


def _window_batches(workers: list[DecodeWorker], graph_lengths: tuple[int, ...]) -> Metric:
    """Decode batches by window length and batch size (rounded up to a ``BATCH_BUCKETS``
    bound): where small batches come from. Lengths without a CUDA graph (a stream's final
    window, whatever its length) are summed as "other", which keeps the label set small."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for worker in workers:
        for (length, rows), n in dict(worker.stats.window_batch_sizes).items():  # a copy
            window = str(length) if length in graph_lengths else "other"
            bound = next((b for b in BATCH_BUCKETS if rows <= b), None)
            counts[(window, str(bound) if bound is not None else "+Inf")] += n
    family = CounterMetricFamily(
        "voice_server_decode_window_batches",
        "Decode batches by window length (tokens; \"other\": lengths without a CUDA graph, "
        "mostly streams' final windows) and rows (rounded up to a power of two).",
        labels=["window", "rows"])
    for (window_label, rows_label), n in sorted(counts.items()):
        family.add_metric([window_label, rows_label], float(n))
    return family


def _batch_histogram(name: str, documentation: str, sizes: collections.Counter[int]) -> Metric:
    buckets = [
        (str(bound), float(sum(n for size, n in sizes.items() if size <= bound)))
        for bound in BATCH_BUCKETS
    ]
    buckets.append(("+Inf", float(sum(sizes.values()))))
    return HistogramMetricFamily(name, documentation, buckets=buckets,
                                 sum_value=float(sum(size * n for size, n in sizes.items())))


def _replica_families(replicas: list[Replica]) -> Iterator[Metric]:
    """Per-replica series, labelled ``replica`` (its index) and ``device`` (where its engine
    runs: "cuda:N" or "cpu"; replicas can share a device, hence the index). Replicas that
    share a decode worker (the engines of one GPU) report its decode series once, under the
    first of them; the others report 0, so sums over replicas stay right."""
    labels = ["replica", "device"]
    up = GaugeMetricFamily("voice_server_replica_up",
                           "1 while the replica's engine is healthy (it takes new sessions).",
                           labels=labels)  # fmt: skip
    sessions = GaugeMetricFamily(
        "voice_server_replica_sessions",
        "Sessions and one-shot requests placed on the replica.", labels=labels)
    unfinished = GaugeMetricFamily(
        "voice_server_replica_engine_requests_unfinished",
        "Requests the replica's engine holds (running plus waiting).", labels=labels)
    started = CounterMetricFamily(
        "voice_server_replica_engine_requests",
        "Requests (one per text segment) sent to the replica's engine.", labels=labels)
    decode_seconds = CounterMetricFamily(
        "voice_server_replica_decode_seconds",
        "Wall time the replica's decoder spent decoding batches.", labels=labels)
    windows = CounterMetricFamily(
        "voice_server_replica_decode_windows",
        "Windows the replica's decoder decoded (in batches of any size).", labels=labels)
    probed = GaugeMetricFamily(
        "voice_server_replica_probed_tokens_per_second",
        "Semantic tokens/s the start-up probe measured (engine and decoder, many streams at "
        "once): the admission projection's throughput floor. Absent when the probe is off.",
        labels=labels)  # fmt: skip
    reported: set[int] = set()
    for r in replicas:
        key = [str(r.index), r.device]
        first = id(r.decoder) not in reported
        reported.add(id(r.decoder))
        sizes = dict(r.decoder.stats.batch_sizes) if first else {}  # a copy, as above
        up.add_metric(key, 1.0 if r.healthy else 0.0)
        sessions.add_metric(key, float(r.sessions))
        unfinished.add_metric(key, float(r.engine.unfinished_requests))
        started.add_metric(key, float(r.engine.requests_started))
        decode_seconds.add_metric(key, r.decoder.stats.decode_seconds if first else 0.0)
        windows.add_metric(key, float(sum(size * n for size, n in sizes.items())))
        if r.probed_tokens_per_s is not None:
            probed.add_metric(key, r.probed_tokens_per_s)
    yield from (up, sessions, unfinished, started, decode_seconds, windows, probed)


METRICS = web.AppKey("metrics", Metrics)


async def metrics_handler(request: web.Request) -> web.Response:
    """``GET /metrics`` in Prometheus text format (unauthenticated, like /healthz: keep the
    port off the public internet or block the path at the proxy).

    In a front end of several (``http.workers`` > 1) it gathers every front end's series over
    their private Unix sockets and labels each with ``front_end``, so a scrape that lands on
    any of them sees the whole server; ``?front_end=local`` returns this one's alone.
    """
    from voice_server.app import FRONT_END

    own = request.app[METRICS].exposition()
    front_end = request.app.get(FRONT_END)
    if front_end is None or request.query.get("front_end") == "local":
        return web.Response(body=own, headers={"Content-Type": CONTENT_TYPE_LATEST})
    answers = await front_end.group.ask_others("GET", "/metrics")
    parts = [(front_end.index, own.decode())]
    parts += [(i, answer[1]) for i, answer in answers.items()
              if answer is not None and answer[0] == 200]  # fmt: skip
    body = merge_expositions(parts, front_end.count)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


def merge_expositions(parts: list[tuple[int, str]], front_ends: int) -> bytes:
    """One exposition of several front ends' (``(index, text)``): every sample gains a
    ``front_end`` label; families are merged by name; ``voice_server_front_ends{state}``
    says how many answered (``answered``) of how many run (``total``)."""
    from prometheus_client.parser import text_string_to_metric_families
    from prometheus_client.samples import Sample

    families: dict[str, Metric] = {}
    for index, text in parts:
        for family in text_string_to_metric_families(text):
            merged = families.setdefault(family.name, Metric(family.name, family.documentation,
                                                             family.type, family.unit))
            merged.samples.extend(
                Sample(s.name, {**s.labels, "front_end": str(index)}, s.value, s.timestamp,
                       s.exemplar)  # fmt: skip
                for s in family.samples
            )
    status = GaugeMetricFamily("voice_server_front_ends",
                               "Front-end processes sharing the engine: running and answering "
                               "this scrape.", labels=["state"])  # fmt: skip
    status.add_metric(["total"], front_ends)
    status.add_metric(["answered"], len(parts))
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Fixed([*families.values(), status]))
    return generate_latest(registry)


class _Fixed(Collector):
    """Yields metric families built elsewhere (a merged exposition)."""

    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> Iterator[Metric]:
        yield from self._families


def setup_metrics(app: web.Application) -> Metrics:
    """Store a ``Metrics`` under ``METRICS`` and route ``GET /metrics``."""
    from voice_server.app import RUNTIME

    metrics = Metrics(lambda: app.get(RUNTIME))
    app[METRICS] = metrics
    app.router.add_get("/metrics", metrics_handler)
    recorder = metrics.gc_pauses

    async def record_gc_pauses(app: web.Application) -> AsyncIterator[None]:
        recorder.install()
        yield
        recorder.uninstall()

    app.cleanup_ctx.append(record_gc_pauses)
    return metrics
