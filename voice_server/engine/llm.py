"""A vLLM engine shared by sessions, and an async iterator of new token ids per request.

Every segment of a session runs on its replica's ``AsyncLLM`` (continuous batching; one engine
per device, see ``voice_server/replicas.py``). Each request streams
*delta* outputs with no detokenisation (ids only; the parser works by id range). Cancelling or
closing the consumer aborts the vLLM request, so a barge-in frees its batch slot at once; the
engine's own per-request collector coalesces outputs, so a slow consumer never blocks the
engine's output loop.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import os
import secrets
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice_server.engine import audio_head, vllm_plugin
from voice_server.engine.audio_head import EngineOrder
from voice_server.engine.grammar import GrammarSpec
from voice_server.engine.grammar_processor import SparkGrammarLogitsProcessor, grammar_extra_args
from voice_server.engine.prompts import globals_prompt_after_style
from voice_server.engine.sampling import Sampling
from voice_server.engine.vocab import SparkVocab
from voice_server.replicas import parse_ordinals

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineConfig:
    """vLLM settings. Defaults suit one GPU; the CPU build ignores the GPU-only ones.

    The defaults are the settings measured best on an H100 (docs/PERFORMANCE.md): one output per
    10 tokens (the first one at once) and a batch and graph size above the sessions one GPU
    carries, so the front end and the engine spend their CPU on tokens, not on bookkeeping.

    Attributes:
        dtype: weights and activations ("auto" takes the checkpoint's dtype, bf16 officially,
            but never fp16, which Spark-TTS is reported broken in: ``engine_dtype``).
        max_model_len: prompt plus answer tokens per request (bounds KV cache per request).
        max_num_seqs: concurrent requests in the batch.
        max_num_batched_tokens: prefill + decode tokens per step (None: vLLM's default, 2048
            in 0.26). With hundreds of streams decoding, each step's decode tokens leave the
            rest of this budget to new segments' prompts: on an H100 at 600 sessions, 8192
            against 2048 cut the engine's mean time to first token from 363 to 140 ms and
            TTFA p95 from 1.6 to 0.8 s (bench/README.md). On the CPU build prefills are never
            split and this is at least max_model_len and 4096 (``whole_prefills`` says why).
        stream_interval: engine steps between outputs of a request (1 = every token).
        gpu_memory_utilization: share of GPU memory vLLM may take (weights, KV cache, graphs),
            for all the engines of one GPU together.
        cpu_kv_cache_gib: KV cache size on the CPU build (VLLM_CPU_KVCACHE_SPACE).
        enforce_eager: skip torch.compile and CUDA graphs (faster start, slower steps).
        cudagraph_capture_max: largest batch captured as a CUDA graph (None: vLLM's default).
        devices: where engines run, one independent engine (a replica, with its own BiCodec
            decoder) per device: "all" = every CUDA device this process sees (the CPU when
            there is none), "cpu", or CUDA ordinals such as "0,1" ("cuda:0,cuda:1"; indices
            into CUDA_VISIBLE_DEVICES when that is set). New sessions go to the replica with
            the fewest live sessions and stay there. Every limit and size above is per engine.
        cpu_replicas: engines to run when they run on the CPU (devices "cpu", or "all" on a
            host without CUDA). A testing aid (CI runs two real engines): on the CPU they share
            the same cores, so more than 1 adds no speed.
        engines_per_gpu: independent engines (replicas) on each CUDA device. A busy engine is
            bound by its engine core process, which schedules every step on one CPU thread:
            on an H100, 600 streams got 59 tokens/s each from one engine and 127 from two
            (LM alone; 58 vs 44 with the decoder beside; bench/README.md, "Engine
            capacity"). They split ``gpu_memory_utilization`` evenly and share one decode
            worker, so decode batches stay as large as with one engine. Unset (the default):
            2 where the server runs under CUDA MPS (``mps``) with every engine on one GPU,
            else 1 (``config.settle_engines``; an app built in this process, or ``say``, gets
            1). Under MPS their steps overlap on the GPU: on two H100 leases at 600 sessions
            two engines held 539-542 at once (one: 490-511) with TTFA p95 189-270 ms (one:
            228-279) and underrun p95 0.06-0.08 s (one: 0.07-0.18); without MPS two lost
            to one (docs/PERFORMANCE.md, "Engines per GPU under the server's own MPS").
        audio_head: the LM's head computes logits for the ~13,300 ids Spark-TTS can generate
            instead of its whole vocabulary (166,000 ids officially), so the grammar mask,
            top-k/top-p and the sampler work on rows 12x narrower (``audio_head``: the same
            weights, the vocabulary in another order; the grammar processor applies the
            repetition penalty, which vLLM's sampler cannot on this head). On an H100 at 600
            streams with the decoder beside it: 83 / 86 tokens/s per stream (p5 / p50)
            against 61 / 62 with the whole head (docs/PERFORMANCE.md). Off gives vLLM's
            stock model class, for a checkpoint this head's loader does not know.
        executor: where vLLM runs the model runner: "mp" (a worker process of its own, so
            the scheduler and the model runner each have a core and a GIL), "uni" (inside the
            engine core process) or "auto" (vLLM's choice: "uni" for one GPU). A busy engine
            is bound by Python in those processes: on an H100, 600 streams got 57 / 63 tokens/s
            (p5 / p50) each with "mp" against 35 / 37 with "uni" (bench/README.md).
        grammar: where the Spark-TTS grammar is enforced. "processor": a vLLM logits
            processor (``grammar_processor``), which also applies the repetition penalty and
            greedy sampling on the audio head; vLLM then runs its V1 model runner. "model": the
            audio head masks its own logits (``audio_head_model``) and no processor is
            loaded, so vLLM runs its Model Runner V2 where it can (CUDA), which on an H100
            tolerates the decoder beside it far better (600 streams with a decoder process:
            92 / 95 tokens/s per stream against 86 / 88; docs/PERFORMANCE.md); a style
            answer is then asked for in two requests (``SparkEngine.stream``; so it is with
            the processor when ``stream_interval`` is above 1), and vLLM's own
            sampler applies the penalty, which its V1 runner cannot on the audio head (a
            penalised request is refused there). "auto": model on CUDA with the audio head,
            processor elsewhere.
        mps: run the server's GPU processes as clients of CUDA MPS (``cuda_mps``), so the
            GPU runs the engine's and the decoder's kernels side by side instead of
            time-slicing between their processes. "auto": a private MPS daemon where a GPU
            and ``nvidia-cuda-mps-control`` are found (an MPS already running is used as it
            is), else none; "on": the same, but the server refuses to start without it;
            "off": never. Measured on one H100 at 600 sessions, three runs each: TTFA p95
            228-252 ms with MPS against 279-425 without, underrun p95 0.07-0.11 s against
            0.13-0.47 (docs/PERFORMANCE.md).
    """

    dtype: str = "auto"
    max_model_len: int = 4096
    max_num_seqs: int = 832
    max_num_batched_tokens: int | None = 8192
    stream_interval: int = 10
    gpu_memory_utilization: float = 0.6
    cpu_kv_cache_gib: int = 2
    enforce_eager: bool = False
    cudagraph_capture_max: int | None = 832
    devices: str = "all"
    cpu_replicas: int = 1
    engines_per_gpu: int | None = None
    executor: str = "mp"
    audio_head: bool = True
    grammar: str = "auto"
    mps: str = "auto"

    def __post_init__(self) -> None:
        if self.mps not in ("auto", "on", "off"):
            raise ValueError("engine.mps must be auto, on or off")
        if self.executor not in ("auto", "mp", "uni"):
            raise ValueError("engine.executor must be auto, mp or uni")
        if self.grammar not in ("auto", "model", "processor"):
            raise ValueError("engine.grammar must be auto, model or processor")
        if self.grammar == "model" and not self.audio_head:
            raise ValueError("engine.grammar model needs engine.audio_head")
        if self.devices.strip().lower() not in ("all", "cpu"):
            parse_ordinals(self.devices)  # raises ValueError on a malformed list
        if self.cpu_replicas < 1:
            raise ValueError("engine.cpu_replicas must be >= 1")
        if self.engines_per_gpu is not None and not 1 <= self.engines_per_gpu <= 8:
            raise ValueError("engine.engines_per_gpu must be in 1..8")
        # Checked here, not left to vLLM: its own checks fire in the engine's start, after
        # the model has loaded, as a validation dump rather than the setting's name.
        for name in ("max_model_len", "max_num_seqs", "stream_interval", "cpu_kv_cache_gib"):
            if getattr(self, name) < 1:
                raise ValueError(f"engine.{name} must be >= 1")
        for name in ("max_num_batched_tokens", "cudagraph_capture_max"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ValueError(f"engine.{name} must be >= 1")
        if not 0 < self.gpu_memory_utilization <= 1:
            raise ValueError("engine.gpu_memory_utilization must be in (0, 1]")

    @property
    def engines_on_each_gpu(self) -> int:
        """``engines_per_gpu`` as settled; 1 where nothing settled it (``engines_per_gpu``)."""
        return self.engines_per_gpu or 1

    @property
    def memory_share(self) -> float:
        """``gpu_memory_utilization`` of one engine: the engines of a GPU split it evenly."""
        return self.gpu_memory_utilization / self.engines_on_each_gpu


CPU_MIN_BATCHED_TOKENS = 4096


def fit_to_model(config: EngineConfig, max_positions: int | None) -> EngineConfig:
    """``config`` with ``max_model_len`` no longer than the LM's context (``max_positions``,
    its ``max_position_embeddings``): vLLM refuses a longer one, and a family member with a
    shorter context than the 0.5B's would otherwise not load with the defaults."""
    if max_positions is None or config.max_model_len <= max_positions:
        return config
    log.warning("engine.max_model_len %d is more than the model's %d positions: using %d",
                config.max_model_len, max_positions, max_positions)  # fmt: skip
    return dataclasses.replace(config, max_model_len=max_positions)


def grammar_placement(config: EngineConfig, cuda: bool) -> str:
    """"model" or "processor": where ``config.grammar`` puts the grammar on a CUDA device
    (``cuda``) or not (pure)."""
    if config.grammar != "auto":
        return config.grammar
    return "model" if config.audio_head and cuda else "processor"


def whole_prefills(config: EngineConfig) -> dict[str, Any]:
    """Engine arguments that keep every prompt's prefill in one step (the CPU build's).

    Why: when a prefill is split across steps, vLLM rewinds the request's seeded generator
    after each partial step, through an offset only CUDA generators have; on the CPU that
    raises inside the engine core and kills it for every session ("CPU Generator does not
    use offset"): any seeded request whose prompt lands in a full step. With chunked prefill
    off, a prompt waits for a step with room for all of it; the step budget must then hold
    the longest allowed prompt.
    """
    budget = max(config.max_num_batched_tokens or 0, config.max_model_len, CPU_MIN_BATCHED_TOKENS)
    return {"enable_chunked_prefill": False, "max_num_batched_tokens": budget}


def engine_dtype(llm_dir: str, dtype: str) -> str:
    """The dtype to ask vLLM for: ``dtype``, except that "auto" never becomes float16.

    "auto" takes the checkpoint's own dtype (bf16 for the official one), but Spark-TTS is
    reported broken in fp16 (overflow in the LM), so a checkpoint saved in float16 runs in
    bfloat16 instead. An explicit ``engine.dtype`` is passed as given.
    """
    if dtype != "auto":
        return dtype
    try:
        data = json.loads((Path(llm_dir) / "config.json").read_text())
    except (OSError, ValueError):
        return dtype  # vLLM reports what is wrong with the directory
    saved = data.get("torch_dtype", data.get("dtype")) if isinstance(data, dict) else None
    if saved == "float16":
        log.warning("%s/config.json says float16; Spark-TTS is reported broken in fp16, so the "
                    "engine runs in bfloat16 (set engine.dtype to override)", llm_dir)
        return "bfloat16"
    return dtype


def engine_args(llm_dir: str, config: EngineConfig, cuda_index: int | None = None,
                vocab: SparkVocab | None = None) -> Any:  # fmt: skip
    """Build vLLM ``AsyncEngineArgs`` for the Spark LM in ``llm_dir``.

    ``cuda_index`` pins the engine to that CUDA device through vLLM's ``device_ids`` argument
    (the engine core process still sees every GPU but runs on this one). Device 0 is vLLM's
    default, so a one-GPU server builds exactly the arguments it built before replicas.
    ``vocab`` (the tokenizer's ids) is needed with ``config.audio_head``: it says which ids the
    head keeps.

    Raises:
        RuntimeError: a device other than 0 on a vLLM without ``device_ids``.
        ValueError: ``config.audio_head`` without ``vocab``.
    """
    from vllm.engine.arg_utils import AsyncEngineArgs

    from vllm.platforms import current_platform

    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", str(config.cpu_kv_cache_gib))
    extra: dict[str, Any] = {}
    if config.max_num_batched_tokens is not None:
        extra["max_num_batched_tokens"] = config.max_num_batched_tokens
    if current_platform.is_cpu():
        extra.update(whole_prefills(config))
    if config.executor != "auto":
        extra["distributed_executor_backend"] = config.executor
    if config.cudagraph_capture_max is not None:  # graphs beyond max_num_seqs never run
        extra["max_cudagraph_capture_size"] = min(config.cudagraph_capture_max,
                                                   config.max_num_seqs)  # fmt: skip
    if cuda_index:
        if "device_ids" not in {f.name for f in dataclasses.fields(AsyncEngineArgs)}:
            raise RuntimeError(
                f"serving from cuda:{cuda_index} needs a vLLM whose engine arguments have "
                "device_ids (0.32 has them)"
            )
        extra["device_ids"] = [cuda_index]
    in_model = grammar_placement(config, _on_cuda()) == "model"
    if config.audio_head:
        if vocab is None:
            raise ValueError("engine.audio_head needs the tokenizer's vocabulary")
        order = engine_order(vocab)
        grammar = (audio_head.in_model_grammar(order, GrammarSpec.from_vocab(vocab),
                                               vocab.marker("end_style_label"))
                   if in_model else None)  # fmt: skip
        extra["hf_overrides"] = audio_head.hf_overrides(order, grammar)
        # Without the processor's module, the model class reaches vLLM's processes as a plugin.
        vllm_plugin.make_visible()
    return AsyncEngineArgs(
        model=llm_dir,
        dtype=engine_dtype(llm_dir, config.dtype),  # type: ignore[arg-type]
        max_model_len=config.max_model_len,
        max_num_seqs=config.max_num_seqs,
        stream_interval=config.stream_interval,
        gpu_memory_utilization=config.memory_share,
        enforce_eager=config.enforce_eager,
        skip_tokenizer_init=True,
        logits_processors=None if in_model else [SparkGrammarLogitsProcessor],
        # Lets the runtime host the BiCodec decoder in the worker process (decode.placement).
        worker_extension_cls="voice_server.codec.decoder_host.DecoderHost",
        enable_log_requests=False,
        disable_log_stats=True,  # per-token stats in the front end; our metrics cover it
        **extra,
    )


def engine_order(vocab: SparkVocab) -> EngineOrder:
    """The engine order of the audio head for ``vocab``: what its grammar can generate first."""
    return EngineOrder.from_spans(audio_head.generated_spans(GrammarSpec.from_vocab(vocab)))


class SparkEngine:
    """Owns the ``AsyncLLM``; ``stream()`` is the only way requests reach it."""

    def __init__(self, llm: Any, vocab: SparkVocab, config: EngineConfig) -> None:
        self._llm = llm
        self.vocab = vocab
        self.config = config
        self._grammar = GrammarSpec.from_vocab(vocab)
        self._stop_ids = [vocab.eos_id, vocab.marker("end_semantic_token")]
        # With the audio head the engine speaks engine-order ids (``audio_head``).
        self._order = engine_order(vocab) if config.audio_head else None
        if self._order is not None:
            self._grammar = self._order.spec(self._grammar)
            self._stop_ids = [int(i) for i in self._order.to_engine(self._stop_ids)]
        self.grammar_in_model = grammar_placement(config, _on_cuda()) == "model"
        # vLLM's V1 runner would index past the audio head with a repetition penalty; its
        # Model Runner V2 penalises within the logits' width (``engine.grammar``).
        runner_v2 = bool(getattr(getattr(llm, "vllm_config", None), "use_v2_model_runner",
                                 False))  # fmt: skip
        self.penalty_supported = not self.grammar_in_model or runner_v2
        # Front ends that share one engine core (``http.workers``) each count from 0: the
        # prefix keeps their request ids apart without leaning on vLLM's own random suffix
        # (which VLLM_DISABLE_REQUEST_ID_RANDOMIZATION turns off).
        self._id_prefix = f"seg-{os.getpid():x}-{secrets.token_hex(3)}-"
        self._ids = itertools.count()
        self.requests_started = 0
        """Requests sent to this engine since it started (warm-up included)."""

    @classmethod
    def start(cls, llm_dir: str, vocab: SparkVocab, config: EngineConfig,
              cuda_index: int | None = None) -> SparkEngine:  # fmt: skip
        """Start the engine core process (on ``cuda_index``, see ``engine_args``) and load the
        weights (tens of seconds)."""
        from vllm.v1.engine.async_llm import AsyncLLM

        llm = AsyncLLM.from_engine_args(engine_args(llm_dir, config, cuda_index, vocab))
        return cls(llm, vocab, config)

    def shutdown(self) -> None:
        """Stop the engine (an attached front end only lets go of its slot)."""
        self._llm.shutdown()

    async def call_worker(self, method: str, argument: Any, timeout_s: float) -> Any:
        """Call ``method`` of the engine's worker (a ``worker_extension_cls`` method) in its
        process (the engine core's with executor uni, its own with mp); returns its answer
        (the first worker's, with tensor parallelism)."""
        answers = await self._llm.collective_rpc(method, timeout=timeout_s, args=(argument,))
        return answers[0]

    @property
    def unfinished_requests(self) -> int:
        """Requests the engine still tracks (0 once every stream has ended or been aborted)."""
        count = getattr(self._llm, "get_num_unfinished_requests", None)
        if count is None:  # vLLM before 0.30 keeps the count on the output processor only
            count = self._llm.output_processor.get_num_unfinished_requests
        return int(count())

    @property
    def errored(self) -> bool:
        return bool(self._llm.errored)

    async def check_health(self) -> None:
        await self._llm.check_health()

    def sampling_params(self, kind: str, sampling: Sampling, max_tokens: int) -> Any:
        """vLLM ``SamplingParams`` for one answer of prompt ``kind`` ("style" or "globals")."""
        from vllm import SamplingParams
        from vllm.sampling_params import RequestOutputKind

        # With the audio head vLLM's V1 repetition penalty and greedy path would index past
        # the narrow head: the grammar processor applies them (``audio_head``). With the
        # grammar in the model there is no processor: greedy is top-k 1, and vLLM's Model
        # Runner V2 applies the penalty itself.
        narrow = self._order is not None
        temperature, top_k, top_p = sampling.temperature, sampling.top_k, sampling.top_p
        greedy = False
        if self._order is not None:
            temperature, top_k, top_p, greedy = audio_head.narrow_head_sampling(
                temperature, top_k, top_p, self._order.size)
        penalty = sampling.repetition_penalty
        if self.grammar_in_model:
            top_k = 1 if greedy else top_k
            extra_args = None
        else:
            extra_args = grammar_extra_args(self._grammar, kind, penalty if narrow else 1.0, greedy)
            penalty = 1.0 if narrow else penalty
        return SamplingParams(
            temperature=temperature,
            top_k=top_k,
            top_p=top_p,
            repetition_penalty=penalty,
            seed=sampling.seed,
            max_tokens=max_tokens,
            stop_token_ids=self._stop_ids,
            # The LM's own EOS id is a tokenizer id; with the audio head the stop ids above
            # (engine order) are the only ones that mean the end.
            ignore_eos=narrow,
            detokenize=False,
            skip_special_tokens=False,
            output_kind=RequestOutputKind.DELTA,
            extra_args=extra_args,
        )

    def check_sampling(self, sampling: Sampling) -> None:
        """Raise ValueError if this engine cannot run ``sampling`` (before any request).

        Raises:
            ValueError: a repetition penalty where the grammar is in the model and vLLM runs
                its V1 model runner (``engine.grammar``).
        """
        if sampling.repetition_penalty != 1.0 and not self.penalty_supported:
            raise ValueError("repetition_penalty is not available on this engine "
                             "(engine.grammar model without vLLM's Model Runner V2)")

    async def stream(
        self, prompt_ids: Sequence[int], kind: str, sampling: Sampling, max_tokens: int
    ) -> AsyncIterator[list[int]]:
        """Yield lists of new token ids until the answer ends.

        Closing or cancelling the iterator aborts the request in the engine. A style answer
        may be two requests: the style prompt's answer up to its 32th global, then the
        semantics for a globals prompt of the same text and those globals; the ids yielded
        are those of one answer, ``<end_global>`` included. It is with the grammar in the
        model (a model that sees one token at a time cannot count the globals; the first
        request's token limit does), and wherever vLLM hands out a request's ids in groups
        (``stream_interval`` above 1: the first id alone, then every interval): then every
        answer's codes start after one lone ``<start_semantic>`` and come in whole groups,
        the layout the decode windows are cut for (``ChunkPolicy.token_cadence``). One
        request would put the first codes mid-group, 39 ids in.

        Raises:
            ValueError: the prompt plus ``max_tokens`` does not fit ``max_model_len``, or
                ``sampling`` is refused (``check_sampling``).
        """
        self.check_sampling(sampling)
        split = self.grammar_in_model or self.config.stream_interval > 1
        if kind != "style" or not split:
            async for ids in self._stream_one(prompt_ids, kind, sampling, max_tokens):
                yield ids
            return
        voice_part = STYLE_ANSWER_BEFORE_GLOBALS + self.vocab.voice_tokens
        answer: list[int] = []
        async for ids in self._stream_one(prompt_ids, kind, sampling, min(max_tokens, voice_part)):
            answer.extend(ids)
            yield ids
        if len(answer) < voice_part or max_tokens == voice_part:
            return  # cut short by max_model_len or max_tokens, as one request would be
        yield [self.vocab.marker("end_global_token")]
        rest = max_tokens - voice_part - 1
        if rest < 1:
            return
        semantics = globals_prompt_after_style(self.vocab, prompt_ids,
                                               answer[-self.vocab.voice_tokens:])  # fmt: skip
        async for ids in self._stream_one(semantics, "globals", sampling, rest):
            yield ids

    async def _stream_one(
        self, prompt_ids: Sequence[int], kind: str, sampling: Sampling, max_tokens: int
    ) -> AsyncIterator[list[int]]:
        """One request's new ids (``stream``)."""
        room = self.config.max_model_len - len(prompt_ids)
        if room < 1:
            raise ValueError(
                f"prompt of {len(prompt_ids)} tokens leaves no room in max_model_len "
                f"{self.config.max_model_len}"
            )
        params = self.sampling_params(kind, sampling, min(max_tokens, room))
        request_id = f"{self._id_prefix}{next(self._ids)}"
        self.requests_started += 1
        order = self._order
        engine_ids = list(prompt_ids) if order is None else order.to_engine(prompt_ids).tolist()
        results = self._llm.generate(
            {"prompt_token_ids": engine_ids}, params, request_id=request_id
        )
        finished = False
        try:
            async for output in results:
                completion = output.outputs[0]
                finished = output.finished
                if completion.token_ids:
                    if order is None:
                        yield list(completion.token_ids)
                    else:
                        yield order.from_engine(completion.token_ids).tolist()
                if finished:
                    break
        finally:
            await results.aclose()
            if not finished:
                await self._llm.abort(request_id)


STYLE_ANSWER_BEFORE_GLOBALS = 5
"""Ids a style answer writes before its globals: <start_acoustic>, pitch, speed, <end_acoustic>,
<start_global> (``grammar``)."""


def _on_cuda() -> bool:
    try:
        from vllm.platforms import current_platform
    except ImportError:  # pure unit tests without vLLM
        return False
    return bool(current_platform.is_cuda())
