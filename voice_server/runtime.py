"""Everything a process shares: model directory, tokenizer, engine, decoder, synthesizer.

``SpeechRuntime`` is an async context manager: entering loads the model (tens of seconds: the
engine core starts in its own process), runs a warm-up over every sampling path (the first use
of a path JITs kernels and stalls every request for seconds on a GPU), and leaving shuts the
decoder thread and the engine down.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from contextlib import aclosing
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from voice_server.codec.bicodec import BiCodecConfig, load_bicodec
from voice_server.codec.decode_worker import DecodeWorker
from voice_server.codec.graphs import GraphedDecoder
from voice_server.codec.streaming import ChunkPolicy
from voice_server.engine.llm import EngineConfig, SparkEngine
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling
from voice_server.engine.tokenizer import SparkTokenizer
from voice_server.model_dir import ModelDir, ModelDirError
from voice_server.synthesis import SegmentDone, Synthesizer, Voice, VoiceResolved
from voice_server.voices import BUILT_IN, ENROLL_SEED, ENROLL_TEXT, VoiceLibrary

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DecodeConfig:
    """BiCodec decoding.

    Attributes:
        device: "auto" (CUDA when present, else CPU), "cpu", "cuda", "cuda:N".
        dtype: "float32" (exact; what the golden test checks) or "bfloat16" (GPU, faster).
        max_batch: most windows decoded in one batch.
        fuse_activations: on CUDA, run the Snake activations as fused kernels compiled at start
            (torch.compile, dynamic shapes). Ignored on CPU.
        cuda_graphs: on CUDA, capture the decoder in CUDA graphs for every streaming window
            length and power-of-two batch size up to max_batch before ready (a few seconds at
            start; replays cut launch overhead, the GIL time the event loop needs, and the
            first chunk's latency). Ignored on CPU.
        batch_wait_ms: a decode batch that is not full waits up to this long for windows of
            other streams, unless its most urgent window is due sooner (first windows always
            go at once). Larger batches leave the GPU to the language model for longer.
        policy: how semantic tokens are cut into decode windows.
    """

    device: str = "auto"
    dtype: str = "float32"
    max_batch: int = 64
    fuse_activations: bool = True
    cuda_graphs: bool = True
    batch_wait_ms: float = 8.0
    policy: ChunkPolicy = field(default_factory=ChunkPolicy)


def pick_device(name: str) -> str:
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return name


class SpeechRuntime:
    """Loads and owns the shared pieces; see the module docstring."""

    def __init__(
        self,
        model: ModelDir,
        engine: EngineConfig,
        decode: DecodeConfig,
        voices_file: Path | None = None,
    ) -> None:
        self.model = model
        self.voices_file = voices_file
        self.voices: VoiceLibrary | None = None
        self.engine_config = engine
        self.decode_config = decode
        self.ready = asyncio.Event()
        self._engine: SparkEngine | None = None
        self._worker: DecodeWorker | None = None
        self._synth: Synthesizer | None = None

    @property
    def synthesizer(self) -> Synthesizer:
        if self._synth is None:
            raise RuntimeError("the speech runtime is not loaded")
        return self._synth

    @property
    def engine(self) -> SparkEngine:
        if self._engine is None:
            raise RuntimeError("the speech runtime is not loaded")
        return self._engine

    def stream_token_rate(self) -> tuple[float | None, int]:
        """(semantic tokens per second per engine stream lately, streams the engine holds now);
        the admission rule's inputs (see ``capacity``)."""
        if self._synth is None or self._engine is None:
            return None, 0
        return self._synth.token_rate.per_stream(time.monotonic()), self._engine.unfinished_requests

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
        """Load the codec and tokenizer, start the engine, warm every path, then set ``ready``."""
        import torch

        audio = self.model.audio_settings()
        codec_config = BiCodecConfig.from_yaml(self.model.bicodec / "config.yaml")
        if codec_config.hop_length != audio.hop_length:
            raise ModelDirError(
                f"config.yaml latent_hop_length {audio.hop_length} != BiCodec hop "
                f"{codec_config.hop_length}"
            )
        tokenizer = SparkTokenizer.load(
            self.model.llm,
            global_codebook_size=codec_config.global_codebook_size,
            semantic_codebook_size=codec_config.semantic_codebook_size,
            voice_tokens=codec_config.global_token_count,
        )
        device = pick_device(self.decode_config.device)
        dtype = getattr(torch, self.decode_config.dtype)
        decoder = load_bicodec(self.model.bicodec, device=device, dtype=dtype)
        policy = dataclasses.replace(self.decode_config.policy, samples_per_token=audio.hop_length)
        graphs = None
        if decoder.device.type == "cuda" and self.decode_config.fuse_activations:
            decoder.fuse_activations()
        if decoder.device.type == "cuda" and self.decode_config.cuda_graphs:
            graphs = GraphedDecoder(decoder, policy.window_lengths(), self.decode_config.max_batch)
        self._worker = DecodeWorker(
            decoder,
            device=device,
            max_batch=self.decode_config.max_batch,
            name="bicodec-0",
            graphs=graphs,
            batch_wait_s=self.decode_config.batch_wait_ms / 1000.0,
        )
        self._worker.start()
        # Starting the engine blocks for tens of seconds; a thread keeps /healthz answering.
        self._engine = await asyncio.to_thread(
            SparkEngine.start, str(self.model.llm), tokenizer.vocab, self.engine_config
        )
        self._synth = Synthesizer(
            tokenizer,
            self._engine,
            self._worker,
            policy,
            sample_rate=audio.sample_rate,
            hop_length=audio.hop_length,
        )
        self.voices = VoiceLibrary(
            list(BUILT_IN), codec_config.global_token_count, codec_config.global_codebook_size
        )
        if self.voices_file is not None:
            self.voices.load_file(self.voices_file)
        await self._worker.wait_prepared()
        await self.warm_up()
        await self.enroll_voices()
        self.ready.set()

    async def enroll_voices(self) -> None:
        """Give every style preset fixed global codes (see ``voices`` for why)."""
        assert self.voices is not None
        for preset in self.voices.pending_enrollment():
            assert preset.style is not None
            voice = Voice(style=preset.style)
            sampling = Sampling(seed=ENROLL_SEED, max_tokens=1)
            codes = None
            async with aclosing(self.synthesizer.segment(ENROLL_TEXT, voice, sampling)) as events:
                async for event in events:
                    if isinstance(event, VoiceResolved):
                        codes = event.global_codes
                        break
            if codes is None:
                raise RuntimeError(f"enrolling voice {preset.name!r} produced no voice codes")
            self.voices.add(preset.with_codes(codes))

    async def warm_up(self) -> None:
        """Run each sampling path once (style and globals prompts; seeded, penalised, top-k/p)."""
        synth = self.synthesizer
        paths = [
            Sampling(max_tokens=8),
            Sampling(max_tokens=8, seed=1, repetition_penalty=1.1),
            Sampling(max_tokens=8, top_k=-1, top_p=1.0, temperature=1.0),
            Sampling(max_tokens=8, temperature=0.0),
        ]
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

    @staticmethod
    async def _drain(events: Any) -> None:
        async for _ in events:
            pass

    async def close(self) -> None:
        self.ready.clear()
        if self._worker is not None:
            await self._worker.aclose()
            self._worker = None
        if self._engine is not None:
            self._engine.shutdown()
            self._engine = None
        self._synth = None
