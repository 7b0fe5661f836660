"""Everything a process shares: model directory, tokenizer, voices, and the engine replicas.

``SpeechRuntime`` is an async context manager: entering loads the model on every device of
``engine.devices`` (one engine, decoder and synthesizer per device: a replica, see
``voice_server/replicas.py``; tens of seconds each, as every engine core starts in its own
process), runs a warm-up over every sampling path on every replica (the first use of a path
JITs kernels and stalls every request for seconds on a GPU), enrolls the named voices once,
measures what each replica delivers with many streams at once (the admission rules' starting
point), and leaving shuts every decoder thread and engine down. A start-up that fails shuts down
whatever it had started.

Sessions reach a replica only through ``place()``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable
from contextlib import aclosing
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from voice_server.capacity import SPARK_TOKENS_PER_AUDIO_S, AdmissionInputs, probe_streams
from voice_server.codec.batch_decoding import DecodeBackend
from voice_server.codec.decode_worker import DecodeWorker
from voice_server.codec.decoder_host import DecoderAddress, DecoderSettings, HostedDecoder
from voice_server.codec.streaming import ChunkPolicy
from voice_server.engine.llm import EngineConfig, SparkEngine, fit_to_model
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling
from voice_server.engine.tokenizer import SparkTokenizer
from voice_server.frontend_group import StartUp
from voice_server.model_dir import ModelDir
from voice_server.replicas import (
    Placement,
    Replica,
    cuda_count,
    cuda_index,
    decode_worker_groups,
    front_end_engine,
    place,
    resolve_devices,
)
from voice_server.synthesis import SegmentDone, Synthesizer, Voice, VoiceResolved
from voice_server.voices import BUILT_IN, DEFAULT_VOICE, ENROLL_SEED, ENROLL_TEXT, VoiceLibrary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrontEnd:
    """This process's part in a group of front ends (``supervisor``), which share one engine
    core or run one each.

    Attributes:
        slot: its attachment to its engine core (``shared_core.ClientSlot``): the core's only
            client when each front end has an engine of its own.
        group: the state the front ends share (``frontend_group.FrontEndGroup``): front end
            0 enrolls the named voices and the others take its codes.
        llm: the ``AsyncLLM`` already attached to ``slot``: a front end attaches first thing
            at its start, while the engine core is still loading (``supervisor.front_end_main``).
        decoder: the decoder process the supervisor started for every front end
            (``decode.placement`` process), or None: each front end loads its own.
    """

    slot: Any
    group: Any
    llm: Any
    decoder: DecoderAddress | None = None

    @property
    def index(self) -> int:
        """This front end's place in the group (0 enrolls the voices)."""
        return int(self.group.index)

    @property
    def count(self) -> int:
        """Front ends in the group."""
        return int(self.group.spec.workers)

    @property
    def engine_share(self) -> int:
        """Front ends whose requests share this one's engine core (1: its own engine)."""
        return int(self.slot.count)


VOICES_WAIT_S = 900.0  # front end 0 loads, warms up and enrolls within this


URGENT_MS = 50.0
"""``decode.urgent_lane_ms`` and ``decode.urgent_stream_ms`` when unset with the shared decoder
process on a GPU. Measured on one H200 at 600 sessions, one run each on one machine
(docs/PERFORMANCE.md): first audio's decode stage 48 ms mean with both, 78 with the lane
alone and 164 with neither; underrun p95 0.17, 0.21 and 1.08 s; on one H100 at 600 and 800,
TTFA p95 -12 to -18 %, fewer sessions held at 800 (570 against 649)."""


@dataclass(frozen=True)
class DecodeConfig:
    """BiCodec decoding.

    Attributes:
        placement: which process runs a replica's decoder: "frontend" (a thread of the
            server process: its own CUDA context, which the GPU time-slices with the
            engine's), "process" (a process of its own, started by the server: the same for
            the GPU, but its Python no longer shares the server's GIL with the event loop) or
            "engine" (inside the engine's vLLM worker process, sharing its CUDA context); see
            ``codec/decoder_host.py``. Measured on H100s at 600 streams (bench/README.md,
            "Where the model runner and the decoder run"): the engine rate fell 0-25 % with
            the decoder in the front end and 25-44 % with it in the engine's process, whose
            Python shares the model runner's one GIL. "process" lost to "frontend" on an
            H200 at 600 sessions (483 held at once against 396; docs/PERFORMANCE.md): the
            engine slowed more than the loop gained. With several front ends
            (``http.workers``), "process" is one decoder process for all of them (one CUDA
            context and one set of graphs; its passes merge their batches), "frontend" one
            decoder per front end. "engine" needs ``device`` "auto";
            engines that share a decode worker (``engine.engines_per_gpu`` > 1) use the one
            hosted by the first. Unset (the default): "process" with several front ends,
            "frontend" with one (``config.settle_front_ends``, which also picks the front
            ends).
        device: "auto" (each replica's decoder on its engine's device), "cpu", "cuda",
            "cuda:N" (every replica's decoder there).
        dtype: "auto" (bfloat16 on CUDA, float32 on CPU), "float32" (exact; what the golden
            test checks) or "bfloat16" (GPU: 1.4-1.6x the throughput of float32 at batch 128).
        max_batch: most windows decoded in one batch.
        fuse_activations: on CUDA, run the Snake activations as fused kernels compiled at start
            (torch.compile, dynamic shapes). Ignored on CPU.
        channels_last: on CUDA, run the wave generator on channels-last tensors
            (``BiCodecDecoder.use_channels_last``): the same audio, 1.45x the decode
            throughput of the (B, C, T) layout at batches 8-128 (``bench/decoder_kernels.py``).
            On by default since its same-machine A/B in the server (H100, 600 and 800
            sessions: 486 vs 453 and 612 vs 557 held, decoder busy 0.51 vs 0.62 and 0.61 vs
            0.81; docs/PERFORMANCE.md). Its few very slow small shapes (cuDNN picks a 20-26 ms
            algorithm for some 2-8 row batches) are routed to a larger graph at capture
            (``GraphedDecoder.route``). Ignored on CPU.
        crop_context: let the wave generator skip the left context whose audio is thrown
            away. A window decodes ``policy.left_context_tokens`` tokens before its region so
            that the prenet, whose reach is longer, sees them; the wave generator's own reach
            is about 10 tokens at its input and under 2 after its first upsampling, so from
            there on it runs only on what the kept audio depends on
            (``bicodec.wave_crop_starts``). The kept samples are the same to float rounding;
            a steady 70-token window's wave generator does ~18 % less work. Off: every window
            runs whole (the A/B baseline).
        align_windows: cut decode windows where the engine's output groups end
            (``ChunkPolicy.token_cadence`` = ``engine.stream_interval``, set by
            ``aligned_to_engine``). vLLM hands out an answer's first id (the
            ``<start_semantic>`` marker) at once, then every ``stream_interval`` ids; a window
            needing one code past a group waits a whole group. With 10, a cold segment's
            second window waited for code 30 where 20 would do: at 90 tokens/s per stream a
            cold segment's gaps summed 200 ms, aligned 98 (``bench/stream_budget.py``);
            growth windows also come in fewer lengths, so more of them batch. Off: the
            windows of ``policy`` as they are (the A/B baseline).
        cuda_graphs: on CUDA, capture the decoder in CUDA graphs for every streaming window
            length and power-of-two batch size up to max_batch before ready (a few seconds at
            start; replays cut launch overhead, the GIL time the event loop needs, and the
            first chunk's latency). Ignored on CPU.
        batch_wait_ms: a decode batch that is not full waits up to this long for windows of
            other streams, unless its most urgent window is due sooner (first windows always
            go at once). Larger batches leave the GPU to the language model for longer.
        late_margin_ms: a window decoded more than this after its playback deadline counts
            as late for admission control (``limits.max_late_decode_share``); the pacing lead
            (100 ms) hides less than this from the listener.
        first_audio_guard_ms: longest a cold segment's first audio may be held back so that,
            at the engine's measured per-stream token rate, the growing chunks after it are
            decoded before the listener reaches them (``streaming.first_audio_tokens``); 0
            releases the first chunk at once (lowest time to first audio, gaps when the engine
            runs under ~2x real time).
        batches_in_flight: with the decoder in another process (placement "process" or
            "engine"), how many batches a front end's decode worker may have there at once,
            one connection and one thread each (``decode_worker``, "Batches in flight"): with
            2, a window that becomes ready while a batch is at the decoder can join the
            decoder's next pass (merged with what other front ends sent) rather than wait for
            that batch's audio to come back. Unset: 2 with the decoder in another process
            (on the H100 at 600 sessions it took the decoder's refusals from 227 to 0 and
            underrun p95 from 0.47 to 0.24-0.26 s), 1 with placement "frontend" (one decoder
            runs one batch at a time).
        urgent_lane_ms: above 0, with the decoder in another process, one more connection
            whose thread takes only batches whose most urgent window is due within this many
            ms (a stream's first chunk, windows about to play late), so they never wait for
            the batches in flight to come back (``decode_worker``, "The urgent lane"). 0: none.
            Unset: ``URGENT_MS`` with the shared decoder process on a GPU
            (``config.settle_front_ends``), else none. ``lanes`` counts it with the batches
            in flight.
        urgent_stream_ms: above 0, with the decoder in another process, that process runs
            batches due within this many ms on a second CUDA stream with graphs of its own,
            beside a pass in progress instead of after it (``host_serving``, "The urgent
            stream"). 0: one pass at a time. Unset: as ``urgent_lane_ms``.
        urgent_stream_rows: the urgent stream's largest batch (its graphs' largest size).
        urgent_lane_rows: most windows in one batch of the urgent lane (unset:
            ``max_batch``). The decoder's urgent stream takes no batch larger than
            ``urgent_stream_rows``, so a larger one (a backlog of late windows) waits there
            for the pass in progress, and first chunks wait behind it in the lane; capped at
            the stream's 8, the lane moves fewer windows per trip instead. Measured on one
            H100 at 600 sessions (docs/PERFORMANCE.md, 2026-12-07): 8 and unset were not
            told apart on a warm machine (TTFA p95 243 and 332 against 312 and 332 ms), and
            the one run on a cold machine, with 8, had the worst first-audio tail of the
            day (p95 514 ms, windows waiting up to 1.3 s for the lane); so unset.
        policy: how semantic tokens are cut into decode windows.
    """

    placement: str | None = None
    device: str = "auto"
    dtype: str = "auto"
    max_batch: int = 128
    fuse_activations: bool = True
    channels_last: bool = True
    crop_context: bool = True
    align_windows: bool = True
    cuda_graphs: bool = True
    batch_wait_ms: float = 40.0
    late_margin_ms: float = 100.0
    first_audio_guard_ms: float = 0.0
    batches_in_flight: int | None = None
    urgent_lane_ms: float | None = None
    urgent_stream_ms: float | None = None
    urgent_stream_rows: int = 8
    urgent_lane_rows: int | None = None
    policy: ChunkPolicy = field(default_factory=ChunkPolicy)

    def __post_init__(self) -> None:
        if self.placement not in (None, "engine", "frontend", "process"):
            raise ValueError("decode.placement must be frontend, process or engine")
        if self.placement == "engine" and self.device != "auto":
            raise ValueError("decode.placement engine runs the decoder on the engine's device: "
                             "leave decode.device auto")  # fmt: skip
        if self.late_margin_ms < 0:
            raise ValueError("decode.late_margin_ms must be >= 0")
        if not 0 <= self.first_audio_guard_ms <= 5000:
            raise ValueError("decode.first_audio_guard_ms must be in [0, 5000]")
        if self.batches_in_flight is not None and not 1 <= self.batches_in_flight <= 8:
            raise ValueError("decode.batches_in_flight must be in [1, 8]")
        if self.urgent_lane_ms is not None and not 0 <= self.urgent_lane_ms <= 1000:
            raise ValueError("decode.urgent_lane_ms must be in [0, 1000]")
        if self.urgent_stream_ms is not None and not 0 <= self.urgent_stream_ms <= 1000:
            raise ValueError("decode.urgent_stream_ms must be in [0, 1000]")
        if not 1 <= self.urgent_stream_rows <= 64:
            raise ValueError("decode.urgent_stream_rows must be in [1, 64]")
        if self.urgent_lane_rows is not None and self.urgent_lane_rows < 1:
            raise ValueError("decode.urgent_lane_rows must be >= 1")
        if (self.urgent_stream_ms or 0) > 0 and self.placement == "frontend":
            raise ValueError("decode.urgent_stream_ms needs the decoder in another process: "
                             "decode.placement process or engine")  # fmt: skip
        if (self.urgent_lane_ms or 0) > 0 and self.placement == "frontend":
            raise ValueError("decode.urgent_lane_ms needs the decoder in another process: "
                             "decode.placement process or engine")  # fmt: skip
        if self.lanes > 1 and self.placement == "frontend":
            raise ValueError("decode.batches_in_flight above 1 needs the decoder in another "
                             "process: decode.placement process or engine")  # fmt: skip

    @property
    def lanes(self) -> int:
        """Connections a front end's decode worker opens to the decoder: the batches it may
        have there at once (``batches_in_flight``, or its default for the placement; an
        unset placement counts as "frontend" until ``settle_front_ends`` sets it), and the
        urgent lane if there is one."""
        urgent = 1 if (self.urgent_lane_ms or 0) > 0 else 0
        if self.batches_in_flight is not None:
            return self.batches_in_flight + urgent
        return (1 if self.placement in (None, "frontend") else 2) + urgent

    @property
    def urgent_lane_batch(self) -> int:
        """Most windows in one batch of the urgent lane (``urgent_lane_rows`` resolved)."""
        return min(self.urgent_lane_rows or self.max_batch, self.max_batch)


def aligned_to_engine(decode: DecodeConfig, engine: EngineConfig) -> DecodeConfig:
    """``decode`` with its windows cut where ``engine``'s output groups end (pure; see
    ``DecodeConfig.align_windows``)."""
    cadence = engine.stream_interval if decode.align_windows else 1
    cadence = min(cadence, decode.policy.max_chunk_tokens)
    if decode.policy.token_cadence == cadence:
        return decode
    return dataclasses.replace(decode, policy=dataclasses.replace(decode.policy,
                                                                  token_cadence=cadence))


def served_policy() -> ChunkPolicy:
    """The windows a server with the default settings cuts (for benchmarks)."""
    return aligned_to_engine(DecodeConfig(), EngineConfig()).policy


def decoder_settings(model: ModelDir, config: DecodeConfig) -> DecoderSettings:
    """Which decoder ``config`` loads for ``model``, wherever it runs."""
    policy = dataclasses.replace(config.policy,
                                 samples_per_token=model.audio_settings().hop_length)  # fmt: skip
    return DecoderSettings(
        str(model.bicodec), dtype=config.dtype, fuse_activations=config.fuse_activations,
        channels_last=config.channels_last, cuda_graphs=config.cuda_graphs,
        window_lengths=policy.graph_window_lengths(),
        window_skips=tuple(policy.graph_window_skips().items()) if config.crop_context else (),
        max_batch=config.max_batch, urgent_within_ms=config.urgent_stream_ms or 0.0,
        urgent_rows=config.urgent_stream_rows,
    )  # fmt: skip


def pick_device(name: str, engine_device: str) -> str:
    """Where a replica's decoder runs: its engine's device unless ``decode.device`` names one."""
    return engine_device if name == "auto" else name


def _sum_all(values: list[float | None]) -> float | None:
    """The sum, or None when any value is unknown (a partial sum would understate)."""
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


PROBE_TEXT = "Measuring how many voices this engine can carry at once."
PROBE_TOKENS = 64  # semantic tokens per probe stream: past the decoder's growing first windows
PROBE_SEED = 4321


class SpeechRuntime:
    """Loads and owns the shared pieces; see the module docstring."""

    def __init__(
        self,
        model: ModelDir,
        engine: EngineConfig,
        decode: DecodeConfig,
        voices_file: Path | None = None,
        probe_streams: int | None = 0,
        front_end: FrontEnd | None = None,
    ) -> None:
        """``probe_streams``: concurrent segments of the start-up capacity probe
        (``probe_capacity``; 0 skips it, None sizes it per device: ``capacity.probe_streams``).
        ``front_end``: this process is one of several
        sharing an engine core (``http.workers``); None runs its own engines."""
        self.front_end = front_end
        self.model = model
        self.probe_streams = probe_streams
        self.voices_file = voices_file
        self.voices: VoiceLibrary | None = None
        self.engine_config = fit_to_model(engine, model.max_positions())
        self.decode_config = aligned_to_engine(decode, self.engine_config)
        self.ready = asyncio.Event()
        self.replicas: list[Replica] = []
        self._workers: list[DecodeWorker] = []  # every worker started, replica or not yet
        self.before_ready: Callable[[], object] | None = None
        """Called once everything is loaded and warm, just before ``ready`` is set (the app
        freezes the start-up heap out of garbage collection there)."""

    def place(self) -> Placement:
        """Hold a place for one session on the replica that will serve it soonest.

        Raises:
            RuntimeError: the runtime is not loaded.
            NoReplicaError: every replica's engine has failed.
        """
        if not self.ready.is_set():
            raise RuntimeError("the speech runtime is not loaded")
        return place(self.replicas)

    @property
    def errored(self) -> bool:
        """Every replica's engine has failed (one failed replica only stops taking sessions)."""
        return bool(self.replicas) and not any(r.healthy for r in self.replicas)

    @property
    def synthesizer(self) -> Synthesizer:
        """The only replica's synthesizer (tools and tests that run one replica)."""
        return self._only_replica().synthesizer

    def check_sampling(self, sampling: Sampling) -> None:
        """Raise ValueError if an engine cannot run ``sampling`` (``SparkEngine.check_sampling``),
        so a session learns it when it asks, not when a segment starts."""
        for replica in self.replicas:
            replica.engine.check_sampling(sampling)

    @property
    def engine(self) -> SparkEngine:
        """The only replica's engine (tools and tests that run one replica)."""
        return self._only_replica().engine

    def _only_replica(self) -> Replica:
        if not self.replicas:
            raise RuntimeError("the speech runtime is not loaded")
        if len(self.replicas) > 1:
            raise RuntimeError(f"{len(self.replicas)} replicas are loaded: use place()")
        return self.replicas[0]

    def admission_inputs(self) -> AdmissionInputs:
        """The admission rules' inputs (see ``capacity``): the measured rate, streams and late
        decode share of the healthy replica with the most headroom (a new session is refused
        by the measured rules only when no replica has room), and the throughput and streams
        of all healthy replicas together (for the projection)."""
        now = time.monotonic()
        best: tuple[float | None, int, float | None] | None = None
        throughputs: list[float | None] = []
        probed: list[float | None] = []
        all_streams = 0
        for replica in self.replicas:
            if not replica.healthy:
                continue
            rate = replica.synthesizer.token_rate.per_stream(now)
            streams = replica.engine.unfinished_requests
            late = replica.decoder.lateness.share(now)
            throughputs.append(replica.synthesizer.token_rate.throughput(now))
            probed.append(replica.probed_tokens_per_s)
            all_streams += streams
            if rate is None:
                best = (None, streams, late)  # nothing measured lately: an idle engine has room
            elif best is None or (best[0] is not None and rate > best[0]):
                best = (rate, streams, late)
        real_time = self.real_time_tokens_per_s
        if best is None:
            return AdmissionInputs(None, 0, real_time_tokens_per_s=real_time)
        return AdmissionInputs(*best, tokens_per_s=_sum_all(throughputs), all_streams=all_streams,
                               probed_tokens_per_s=_sum_all(probed),
                               real_time_tokens_per_s=real_time)  # fmt: skip

    @property
    def real_time_tokens_per_s(self) -> float:
        """Semantic tokens per audio second of the model served (every replica runs the same
        model; Spark-TTS's 50 until one is loaded)."""
        if not self.replicas:
            return SPARK_TOKENS_PER_AUDIO_S
        synth = self.replicas[0].synthesizer
        return synth.sample_rate / synth.hop_length

    @property
    def is_tiny(self) -> bool:
        return self.model.is_tiny()

    async def __aenter__(self) -> SpeechRuntime:
        await self.load()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def load(self) -> None:
        """Start every replica, warm every path on each, enroll voices, then set ``ready``.

        Whatever was started is shut down again if any step fails (or is cancelled).
        """
        try:
            await self._load()
        except BaseException:
            await self.close()
            raise

    async def _load(self) -> None:
        audio, codec_config = self.model.checked_audio()
        tokenizer = SparkTokenizer.for_model(self.model)
        devices = resolve_devices(
            self.engine_config.devices, self.engine_config.cpu_replicas, cuda_count(),
            self.engine_config.engines_on_each_gpu,
        )  # fmt: skip
        if self.front_end is not None:  # its one engine, attached at the process's start
            ours = front_end_engine(self.front_end.index, self.front_end.count, len(devices))
            devices = [devices[ours]]
        policy = dataclasses.replace(self.decode_config.policy, samples_per_token=audio.hop_length)
        decode_devices = [pick_device(self.decode_config.device, d) for d in devices]
        groups = decode_worker_groups(decode_devices)
        workers: dict[int, DecodeWorker] = {}
        # One after another: vLLM changes this process's environment while it starts an
        # engine core, so two starts must not overlap.
        for index, device in enumerate(devices):
            decode_device = decode_devices[index]
            hosted = self.decode_config.placement == "engine"
            worker = workers.get(groups[index])
            engine = None
            if self.front_end is not None:  # attached at the process's start: the shared
                # engine core has sized its memory, so the decoder's graphs come after it
                engine = await self._start_engine(index, device, decode_device, tokenizer)
            if worker is None and not hosted:  # graphs captured before the engines start
                try:
                    worker = workers[groups[index]] = await self._start_decoder(
                        len(workers), await self._decoder_backends(decode_device)
                    )
                except BaseException:
                    if engine is not None:  # not a replica yet: close() would not let it go
                        engine.shutdown()
                    raise
            if engine is None:
                engine = await self._start_engine(index, device, decode_device, tokenizer)
            if worker is None:
                try:
                    lanes = await self._hosted_backends(engine)
                except BaseException:  # not a replica yet: close() would not shut it down
                    engine.shutdown()
                    raise
                worker = workers[groups[index]] = await self._start_decoder(len(workers), lanes)
            guard_s = self.decode_config.first_audio_guard_ms / 1000
            synth = Synthesizer(tokenizer, engine, worker, policy, sample_rate=audio.sample_rate,
                                hop_length=audio.hop_length, first_audio_guard_s=guard_s,
                                crop_context=self.decode_config.crop_context)  # fmt: skip
            self.replicas.append(Replica(index, device, decode_device, engine, worker, synth))
        self.voices = VoiceLibrary(
            list(BUILT_IN), codec_config.global_token_count, codec_config.global_codebook_size
        )
        if self.voices_file is not None:
            self.voices.load_file(self.voices_file)
        await asyncio.gather(*(self.warm_up(r.synthesizer) for r in self.replicas))
        # Global codes are tokens, not device state: enrolled once, they serve every replica
        # (and every front end: the first enrolls and probes the engine while the others wait,
        # and they take its codes and their share of what it measured).
        front_end = self.front_end
        if front_end is None or front_end.index == 0:
            await self.enroll_voices(self.replicas[0].synthesizer)
            measured = await self._probe_all()
            if front_end is not None:
                front_end.group.publish_start_up(StartUp(self.voices.enrolled_codes(), measured))
        else:
            start_up = await front_end.group.wait_for_start_up(VOICES_WAIT_S)
            self.voices.adopt_codes(start_up.voices)
            if front_end.engine_share == 1:
                await self._probe_all()  # an engine of its own
            elif start_up.engine_tokens_per_s is not None:
                (replica,) = self.replicas
                replica.probed_tokens_per_s = start_up.engine_tokens_per_s / front_end.engine_share
                log.info("engine %d: %d tokens/s, this front end's share of the %d tokens/s "
                         "front end 0's probe measured; real-time admission starts from this",
                         replica.index, replica.probed_tokens_per_s,
                         start_up.engine_tokens_per_s)  # fmt: skip
        if self.before_ready is not None:
            self.before_ready()
        self.ready.set()

    async def _decoder_backends(self, decode_device: str) -> list[DecodeBackend]:
        """A decoder on ``decode_device``, loaded in this process ("frontend") or in a
        process of its own ("process"): one this front end starts, or the one the supervisor
        started for every front end; one connection per batch in flight."""
        settings = decoder_settings(self.model, self.decode_config)
        lanes = self.decode_config.lanes
        if self.front_end is not None and self.front_end.decoder is not None:
            address = self.front_end.decoder
            first = await HostedDecoder.connect(settings, address)
            return [first, *[await HostedDecoder.connect(settings, address)
                             for _ in range(lanes - 1)]]  # fmt: skip
        if self.decode_config.placement == "process":
            return await _with_lanes(
                await HostedDecoder.spawn(settings, decode_device, connections=lanes), lanes)
        return [settings.build(decode_device)]

    async def _hosted_backends(self, engine: SparkEngine) -> list[DecodeBackend]:
        """A decoder loaded (graphs captured) inside ``engine``'s process."""
        lanes = self.decode_config.lanes
        settings = decoder_settings(self.model, self.decode_config)
        return await _with_lanes(await HostedDecoder.open(engine, settings, connections=lanes),
                                 lanes)  # fmt: skip

    async def _start_decoder(self, index: int, lanes: list[DecodeBackend]) -> DecodeWorker:
        """Start a decode worker on ``lanes`` and wait until its graphs are captured."""
        config = self.decode_config
        worker = DecodeWorker(lanes[0], max_batch=config.max_batch, name=f"bicodec-{index}",
                              batch_wait_s=config.batch_wait_ms / 1000.0,
                              late_margin_s=config.late_margin_ms / 1000.0,
                              more_lanes=lanes[1:],
                              urgent_lane_s=(config.urgent_lane_ms or 0.0) / 1000.0,
                              urgent_max_batch=config.urgent_lane_batch)  # fmt: skip
        self._workers.append(worker)
        worker.start()
        await worker.wait_prepared()
        return worker

    async def _start_engine(self, index: int, device: str, decode_device: str,
                            tokenizer: SparkTokenizer) -> SparkEngine:  # fmt: skip
        log.info("starting engine %d on %s (decoder on %s)", index, device, decode_device)
        # Starting the engine blocks for tens of seconds; a thread keeps /healthz answering.
        if self.front_end is not None:
            return SparkEngine(self.front_end.llm, tokenizer.vocab, self.engine_config)
        return await asyncio.to_thread(
            SparkEngine.start, str(self.model.llm), tokenizer.vocab, self.engine_config,
            cuda_index(device),
        )  # fmt: skip

    async def enroll_voices(self, synth: Synthesizer) -> None:
        """Give every style preset fixed global codes (see ``voices`` for why)."""
        assert self.voices is not None
        for preset in self.voices.pending_enrollment():
            assert preset.style is not None
            voice = Voice(style=preset.style)
            sampling = Sampling(seed=ENROLL_SEED, max_tokens=1)
            codes = None
            async with aclosing(synth.segment(ENROLL_TEXT, voice, sampling)) as events:
                async for event in events:
                    if isinstance(event, VoiceResolved):
                        codes = event.global_codes
                        break
            if codes is None:
                raise RuntimeError(f"enrolling voice {preset.name!r} produced no voice codes")
            self.voices.add(preset.with_codes(codes))

    async def warm_up(self, synth: Synthesizer) -> None:
        """Run each sampling path once on ``synth``'s engine and decoder (style and globals
        prompts; seeded, penalised, top-k/p), then mixed batches."""
        paths = [
            Sampling(max_tokens=8),
            Sampling(max_tokens=8, seed=1, repetition_penalty=1.1),
            Sampling(max_tokens=8, top_k=-1, top_p=1.0, temperature=1.0),
            Sampling(max_tokens=8, temperature=0.0),
        ]
        paths = [path for path in paths if _runs_on(synth.engine, path)]
        voice = Voice(style=Style())
        for sampling in paths:
            async for event in synth.segment("Warm up.", voice, sampling):
                if isinstance(event, SegmentDone):
                    log.debug("warm-up path %s: %d tokens", sampling, event.semantic_tokens)
                elif isinstance(event, VoiceResolved):
                    voice = Voice(global_codes=event.global_codes)
        # Mixed batches (seeded and unseeded, penalised and not) compile batch-level sampler
        # paths that single requests never reach; on a GPU the first such batch stalled every
        # request for 11 s when this step was missing.
        batch = min(8, self.engine_config.max_num_seqs)
        await asyncio.gather(*(
            self._drain(synth.segment("Warm up a batch.", voice, paths[i % len(paths)]))
            for i in range(batch)
        ))  # fmt: skip

    async def _probe_all(self) -> float | None:
        """``probe_capacity`` on every replica at once; the engine throughput the first
        measured (what front end 0 publishes), or None with the probe off."""
        seqs = self.engine_config.max_num_seqs
        streams = [probe_streams(self.probe_streams, r.device, seqs) for r in self.replicas]
        if not self.replicas or streams[0] <= 0:
            return None
        assert self.voices is not None  # enrolled or adopted first
        codes = self.voices.get(DEFAULT_VOICE).global_codes
        measured = await asyncio.gather(*(self.probe_capacity(r, Voice(codes), n)
                                          for r, n in zip(self.replicas, streams)))  # fmt: skip
        return measured[0]

    async def probe_capacity(self, replica: Replica, voice: Voice, streams: int) -> float:
        """Measure what ``replica`` delivers with ``streams`` concurrent segments (engine and
        decoder, as sessions use them) and keep this front end's share of it as
        ``replica.probed_tokens_per_s``: the admission projection's throughput until live
        measurements say more (``capacity``). Returns what the engine delivered, all of it.

        Fewer streams than the engine saturates at, so it underestimates a busy engine's
        throughput: admission starts cautious and learns the rest live.
        """
        synth = replica.synthesizer
        streams = max(1, min(streams, self.engine_config.max_num_seqs))
        done: list[SegmentDone] = []

        async def one(seed: int) -> None:
            sampling = Sampling(max_tokens=PROBE_TOKENS, seed=seed)
            async for event in synth.segment(PROBE_TEXT, voice, sampling):
                if isinstance(event, SegmentDone):
                    done.append(event)

        started = time.monotonic()
        await asyncio.gather(*(one(PROBE_SEED + i) for i in range(streams)))
        elapsed = max(max(d.finished_at for d in done) - started, 1e-6)
        tokens = sum(d.semantic_tokens for d in done)
        # Front ends sharing the engine core each take their share of what it delivers (they
        # wait while front end 0 probes, so it measures the engine alone).
        share = 1 if self.front_end is None else self.front_end.engine_share
        replica.probed_tokens_per_s = tokens / elapsed / share
        log.info("engine %d: %d tokens/s over %d probe streams (%d tokens in %.2f s); real-time "
                 "admission starts from %s", replica.index, tokens / elapsed, streams, tokens,
                 elapsed, "this" if share == 1 else f"this front end's share, 1/{share}")  # fmt: skip
        return tokens / elapsed

    @staticmethod
    async def _drain(events: Any) -> None:
        async for _ in events:
            pass

    async def close(self) -> None:
        """Shut down every decoder and engine started (idempotent)."""
        self.ready.clear()
        replicas, self.replicas = self.replicas, []
        workers, self._workers = self._workers, []
        for worker in workers:
            await worker.aclose()
        for replica in replicas:
            try:
                replica.engine.shutdown()
            except Exception:  # the others must still be shut down
                log.exception("engine %d (%s) did not shut down cleanly", replica.index,
                              replica.device)  # fmt: skip


async def _with_lanes(first: HostedDecoder, lanes: int) -> list[DecodeBackend]:
    """``first`` and ``lanes - 1`` more connections to its host (closed again, with the
    host, if one cannot be opened)."""
    opened: list[DecodeBackend] = [first]
    try:
        for _ in range(lanes - 1):
            opened.append(await first.join())
    except BaseException:
        for backend in reversed(opened):
            await asyncio.to_thread(backend.close)
        raise
    return opened


def _runs_on(engine: SparkEngine, sampling: Sampling) -> bool:
    """Whether ``engine`` takes ``sampling`` (a path it refuses needs no warming up)."""
    try:
        engine.check_sampling(sampling)
    except ValueError:
        return False
    return True
