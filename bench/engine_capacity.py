"""Engine capacity: how many real-time streams one engine carries, alone and with the decoder.

Separates the three things that share one GPU server (the LM engine, the BiCodec decoder and
the event loop) so a load test's limit can be pinned on one of them. For each level N, N
requests with the globals prompt (a session's steady state: its voice is cached) arrive over
``--ramp-s`` and each generates ``--tokens`` tokens. Modes, one after another on one engine:

* ``lm``: the engine alone (no decoding): the per-stream token rate the engine gives.
* ``thread``: the same, and every stream hands its steady decode windows (70 tokens per 50 new,
  bf16, CUDA graphs) to a ``DecodeWorker`` thread in this process, as the server does.
* ``proc``: the same windows decoded by a ``DecodeWorker`` in a child process (its own GIL).
* ``hosted``: the same windows decoded by the server's decoder hosted in the (first) engine's
  own process (``decode.placement`` engine): one CUDA context with the LM, its own stream.
* ``free``: like ``lm``, but the requests carry no grammar (the processor is loaded but idle):
  separates the cost of the processor's work from that of the model runner it forces. With
  the grammar in the model (``--grammar model``, auto on CUDA) it is ``lm`` again.

``--engines K`` starts K engines on the same GPU (each with ``--gpu-memory-utilization``) and
deals the streams out in turn: each engine core process schedules its share on its own core.

``--no-audio-head`` starts the engine without ``engine.audio_head`` (on by default, as in the
server: logits over the ~13,300 ids the grammar can generate instead of the whole
vocabulary).

``--grammar`` is ``engine.grammar`` (auto: in the model on CUDA, the processor elsewhere), or
``none``: no processor and no grammar in the model, the LM-only ceiling (vLLM may then pick its
Model Runner V2 too).

``--no-crop-context`` decodes every window whole (``decode.crop_context`` off); by default the
wave generator skips the 14 tokens of a steady window's context whose audio is not kept, as
the server does.

``--starters R`` measures what a stream that starts under load waits for: from a second after
the ramp, for ``--starter-s`` seconds, R new requests per second (``--starter-tokens`` each)
arrive, and the row gets their time to first token and to the first 10 tokens (a first decode
window), p50 / p95. They go to the engines the streams run on, or with ``--starter-lane`` to
an extra engine of their own (``--starter-max-seqs`` rows, its graphs captured up to that):
whether a starting stream served by a small batch beside the big ones gets its first audio
sooner under MPS; ``--lane-priority`` also makes the streams' engines MPS clients of
below-normal priority.

``--torch-profile DIR`` has vLLM's model runner record a torch profiler trace of
``--profile-s`` seconds of each row, starting when the last stream has arrived (give
``--tokens`` enough for every stream to still be running then), and prints where the engine's
GPU time went (``bench/gpu_trace.py``): the GPU's busy share and each kernel family's GPU time
per generated token. The decoder of ``proc`` runs in another process and is not in the trace.
Tracing every operator slows the engine's Python: read the kernel times per token, and the
busy share next to the window's token rate (printed with it), not the row's.

Per row: per-stream rate p5 / p50 (tokens after the first output / time), streams under 50
tokens/s, TTFT p50 / p95, total tokens/s, decode batches (mean size, busy share of wall time)
and CPU cores used by this process and by the engine core process.

GPU: python bench/engine_capacity.py --model DIR --streams 300,600 --modes lm,thread,hosted
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing as mp
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench import gpu_trace
from voice_server.codec.batch_decoding import build_local_decoder
from voice_server.codec.decode_worker import DecodeWorker
from voice_server.codec.decoder_host import HostedDecoder, DecoderSettings
from voice_server.codec.streaming import ChunkPolicy
from voice_server.engine.llm import EngineConfig, SparkEngine, engine_args
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling
from voice_server.engine.tokenizer import SparkTokenizer
from voice_server.model_dir import check_model_dir

TEXT = ("The quick brown fox jumps over the lazy dog, and then it runs back home again to "
        "rest in the shade of the old oak tree by the river.")
REAL_TIME = 50.0  # semantic tokens per second of audio


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def cpu_seconds() -> tuple[float, float]:
    """(this process, its children) user+system CPU seconds, children read live via psutil."""
    import psutil  # type: ignore[import-untyped]

    me = psutil.Process()
    own = sum(me.cpu_times()[:2])
    kids = 0.0
    for child in me.children(recursive=True):
        try:
            kids += sum(child.cpu_times()[:2])
        except psutil.Error:
            pass
    return own, kids


STEADY_SKIP = ChunkPolicy().graph_window_skips()[ChunkPolicy().steady_window_tokens]
"""Leading tokens of a steady window whose audio the server does not keep (14 of 70)."""


def make_worker(model: Path, max_batch: int, wait_ms: float, channels_last: bool,
                crop: bool) -> DecodeWorker:  # fmt: skip
    """The server's GPU decoder (bf16, fused Snake, graphs) in a decode worker."""
    decoder = build_local_decoder(
        str(model / "BiCodec"), "cuda", dtype="bfloat16", fuse_activations=True,
        cuda_graphs=True, channels_last=channels_last,
        window_lengths=ChunkPolicy().window_lengths(), max_batch=max_batch,
        window_skips=ChunkPolicy().graph_window_skips() if crop else None,
    )  # fmt: skip
    return DecodeWorker(decoder, max_batch=max_batch, name="bench", batch_wait_s=wait_ms / 1000)


def decode_child(
    model: str, max_batch: int, wait_ms: float, channels_last: bool, crop: bool, jobs: Any,
    report: Any,
) -> None:  # fmt: skip
    """Child process: decode every window sent on ``jobs`` until None arrives, then report."""

    async def serve() -> None:
        worker = make_worker(Path(model), max_batch, wait_ms, channels_last, crop)
        async with worker:
            await worker.wait_prepared()
            report.put("ready")
            loop = asyncio.get_running_loop()
            tasks: set[asyncio.Task[Any]] = set()
            while True:
                item = await loop.run_in_executor(None, jobs.get)
                if item is None:
                    break
                if item == "stats":
                    await asyncio.gather(*tasks)
                    s = worker.stats
                    report.put((s.batches_run, s.jobs_decoded, s.decode_seconds))
                    continue
                codes, voice, skip = item
                t = loop.create_task(worker.decode(codes, voice, loop.time() + 1.0, skip))
                tasks.add(t)
                t.add_done_callback(tasks.discard)

    asyncio.run(serve())


class Decoders:
    """The decode side of one mode: nothing, a thread in this process, or a child process."""

    def __init__(self, mode: str, worker: DecodeWorker | None, child: Any,
                 skip: int = 0) -> None:  # fmt: skip
        self.mode = mode
        self.worker = worker
        self.child = child  # (process, jobs queue, report queue)
        self.skip = skip  # leading tokens of each window whose audio is not kept

    def submit(self, codes: np.ndarray, voice: np.ndarray) -> asyncio.Future[Any] | None:
        if self.mode in ("thread", "hosted"):
            assert self.worker is not None
            loop = asyncio.get_running_loop()
            return asyncio.ensure_future(
                self.worker.decode(codes, voice, loop.time() + 1.0, self.skip))
        if self.mode == "proc":
            self.child[1].put((codes, voice, self.skip))
        return None

    async def stats(self) -> tuple[int, int, float]:
        if self.mode in ("thread", "hosted"):
            assert self.worker is not None
            s = self.worker.stats
            return s.batches_run, s.jobs_decoded, s.decode_seconds
        if self.mode == "proc":
            self.child[1].put("stats")
            return await asyncio.to_thread(self.child[2].get)
        return 0, 0, 0.0


class TokenTally:
    """Tokens delivered to all streams so far (what a profiled window generated)."""

    def __init__(self) -> None:
        self.count = 0


async def one_stream(engine: SparkEngine, prompt: list[int], kind: str, tokens: int,
                     delay: float, decoders: Decoders, voice: np.ndarray,
                     seed: int, tally: TokenTally) -> dict[str, float]:  # fmt: skip
    await asyncio.sleep(delay)
    started = time.monotonic()
    rng = np.random.default_rng(seed)
    deliveries: list[tuple[float, int]] = []
    count = since_window = 0
    pending: list[asyncio.Future[Any]] = []
    async for ids in engine.stream(prompt, kind, Sampling(), tokens):
        count += len(ids)
        tally.count += len(ids)
        since_window += len(ids)
        deliveries.append((time.monotonic(), count))
        if since_window >= 50:  # one steady window per 50 new tokens, as the planner cuts
            since_window -= 50
            future = decoders.submit(rng.integers(0, 8192, 70), voice)
            if future is not None:
                pending.append(future)
    for future in pending:
        await future
    (t0, c0), (t1, c1) = deliveries[0], deliveries[-1]
    return {
        "ttft": (t0 - started) * 1000,
        "rate": (c1 - c0) / (t1 - t0) if t1 > t0 else float("nan"),
        "tokens": count,
    }


async def starter_stream(engine: SparkEngine, prompt: list[int], kind: str, tokens: int,
                         delay: float) -> dict[str, float]:  # fmt: skip
    """One stream that starts under load: its time to first token and to its 10th token."""
    await asyncio.sleep(delay)
    started = time.monotonic()
    first = tenth = float("nan")
    count = 0
    async for ids in engine.stream(prompt, kind, Sampling(), tokens):
        count += len(ids)
        now = time.monotonic()
        if first != first:
            first = (now - started) * 1000
        if tenth != tenth and count >= 10:
            tenth = (now - started) * 1000
    return {"ttft": first, "t10": tenth}


async def run_level(engines: list[SparkEngine], tokenizer: SparkTokenizer, n: int,
                    args: argparse.Namespace, decoders: Decoders,
                    grammar: bool, llms: list[Any] | None = None) -> dict[str, Any]:  # fmt: skip
    voice = np.array([random.Random(7).randrange(4096) for _ in range(32)])
    prompt = tokenizer.prompt(TEXT, tuple(int(v) for v in voice), Style()).ids
    kind = "globals" if grammar else "none"
    before_decode = await decoders.stats()
    tally = TokenTally()
    profiling = (asyncio.create_task(profile_window(llms, args, tally))
                 if llms and getattr(args, "torch_profile", None) else None)  # fmt: skip
    lane = getattr(args, "starter_lane", False) and len(engines) > 1
    bulk = engines[:-1] if lane else engines
    starter_engines = engines[-1:] if lane else engines
    rate = getattr(args, "starters", 0.0)
    count = round(rate * getattr(args, "starter_s", 0.0))
    starting = asyncio.gather(*(
        starter_stream(starter_engines[i % len(starter_engines)], prompt, kind,
                       args.starter_tokens, args.ramp_s + 1.0 + i / rate)
        for i in range(count)
    ))  # fmt: skip
    cpu0, t0 = cpu_seconds(), time.monotonic()
    results = await asyncio.gather(*(
        one_stream(bulk[i % len(bulk)], prompt, kind, args.tokens, args.ramp_s * i / n,
                   decoders, voice, i, tally)
        for i in range(n)
    ))  # fmt: skip
    wall = time.monotonic() - t0
    starters = await starting
    gpu_profile = await profiling if profiling is not None else None
    cpu1 = cpu_seconds()
    after_decode = await decoders.stats()
    batches = after_decode[0] - before_decode[0]
    rates = [r["rate"] for r in results if r["rate"] == r["rate"]]
    return {
        "mode": decoders.mode if grammar else f"{decoders.mode}, no grammar",
        "streams": n,
        "rate_p5": pct(rates, 0.05),
        "rate_p50": pct(rates, 0.5),
        "under_50": sum(r < REAL_TIME for r in rates) / max(1, len(rates)),
        "ttft_p50_ms": pct([r["ttft"] for r in results], 0.5),
        "ttft_p95_ms": pct([r["ttft"] for r in results], 0.95),
        "tokens_per_s": sum(r["tokens"] for r in results) / wall,
        "decode_batches": batches,
        "decode_mean_batch": (after_decode[1] - before_decode[1]) / max(1, batches),
        "decode_busy": (after_decode[2] - before_decode[2]) / wall,
        "cores_front": (cpu1[0] - cpu0[0]) / wall,
        "cores_children": (cpu1[1] - cpu0[1]) / wall,
        "gpu_profile": gpu_profile,
        "starters": len(starters),
        "starter_lane": lane,
        "starter_ttft_ms": [pct([r["ttft"] for r in starters], q) for q in (0.5, 0.95)],
        "starter_t10_ms": [pct([r["t10"] for r in starters], q) for q in (0.5, 0.95)],
    }


async def profile_window(llms: list[Any], args: argparse.Namespace,
                         tally: TokenTally) -> dict[str, Any] | None:  # fmt: skip
    """Trace ``args.profile_s`` seconds of the engines (their ``AsyncLLM``) once every stream
    has arrived, and summarise the model runner's GPU time over the tokens generated meanwhile."""
    await asyncio.sleep(args.ramp_s)
    directory = Path(args.torch_profile)
    since = time.time()
    await asyncio.gather(*(llm.start_profile() for llm in llms))
    first = tally.count
    await asyncio.sleep(args.profile_s)
    tokens = tally.count - first
    await asyncio.gather(*(llm.stop_profile() for llm in llms))
    files = [p for p in gpu_trace.trace_files(directory, newer_than=since)
             if "async_llm" not in p.name]  # the front end's CPU trace, if any  # fmt: skip
    if not files:
        print(f"no trace written under {directory}", flush=True)
        return None
    summaries = [gpu_trace.gpu_time(gpu_trace.load_events(p)) for p in files]
    for path, summary in zip(files, summaries, strict=True):
        print(f"{path.name}:", flush=True)
        print(gpu_trace.table(summary, tokens), flush=True)
        if summary.kernels == 0:
            print("no GPU events (a CPU engine?): vLLM's operator table is in the same folder",
                  flush=True)  # fmt: skip
    return {"tokens": tokens, "profile_s": args.profile_s, "traces": [
        {"file": p.name, "window_s": g.window_s, "busy_s": g.busy_s, "by_family": g.by_family,
         "kernels": g.kernels, "graph_launches": g.graph_launches}
        for p, g in zip(files, summaries, strict=True)]}  # fmt: skip


def print_table(rows: list[dict[str, Any]]) -> None:
    print("| mode | streams | tok/s per stream p5 / p50 | under 50 tok/s | TTFT p50 / p95 ms "
          "| tok/s total | decode batches (mean, busy) "
          "| cores: this process / engine core+children "
          "| starters: TTFT p50 / p95, 10 tokens p50 / p95 ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['mode']} | {r['streams']} | {r['rate_p5']:.0f} / {r['rate_p50']:.0f} "
              f"| {100 * r['under_50']:.0f} % | {r['ttft_p50_ms']:.0f} / {r['ttft_p95_ms']:.0f} "
              f"| {r['tokens_per_s']:.0f} | {r['decode_batches']} ({r['decode_mean_batch']:.1f}, "
              f"{100 * r['decode_busy']:.0f} %) "
              f"| {r['cores_front']:.2f} / {r['cores_children']:.2f} "
              f"| {_starters(r)} |")


def _starters(row: dict[str, Any]) -> str:
    if not row.get("starters"):
        return "-"
    (f50, f95), (t50, t95) = row["starter_ttft_ms"], row["starter_t10_ms"]
    where = "own engine" if row["starter_lane"] else "shared"
    return f"{row['starters']} ({where}): {f50:.0f} / {f95:.0f}, {t50:.0f} / {t95:.0f}"


async def main(args: argparse.Namespace) -> None:
    from vllm.v1.engine.async_llm import AsyncLLM

    model = check_model_dir(args.model)
    tokenizer = SparkTokenizer.for_model(model)
    levels = [int(x) for x in args.streams.split(",")]
    modes = args.modes.split(",")
    child = None
    if "proc" in modes:  # before vLLM or CUDA touch this process
        ctx = mp.get_context("spawn")
        jobs, report = ctx.Queue(), ctx.Queue()
        proc = ctx.Process(target=decode_child, args=(
            str(model.root), args.max_batch, args.batch_wait_ms, args.channels_last,
            args.crop_context, jobs, report,
        ))  # fmt: skip
        proc.start()
        child = (proc, jobs, report)
    whole_head = not args.audio_head
    no_grammar = args.grammar == "none"
    seqs = max(832, max(levels))
    config = EngineConfig(max_num_seqs=seqs, cudagraph_capture_max=seqs,
                          gpu_memory_utilization=args.gpu_memory_utilization,
                          executor=args.executor, audio_head=not whole_head,
                          grammar="processor" if no_grammar else args.grammar)  # fmt: skip

    def arguments_for(own: EngineConfig) -> Any:
        arguments = engine_args(str(model.llm), own, vocab=tokenizer.vocab)
        if no_grammar:
            arguments = dataclasses.replace(arguments, logits_processors=None)
        if args.torch_profile:
            from vllm.config import ProfilerConfig

            Path(args.torch_profile).mkdir(parents=True, exist_ok=True)
            arguments = dataclasses.replace(arguments, profiler_config=ProfilerConfig(
                profiler="torch", torch_profiler_dir=str(Path(args.torch_profile).resolve()),
                torch_profiler_with_stack=False, ignore_frontend=True,
            ))  # fmt: skip
        return arguments

    t0 = time.monotonic()
    engines, llms = [], []
    for index in range(args.engines + int(args.starter_lane)):  # one after another: vLLM
        # edits the environment while starting
        own = config
        if args.lane_priority:  # CUDA MPS client priority: 1 below normal, 0 normal
            os.environ["CUDA_MPS_CLIENT_PRIORITY"] = "0" if index == args.engines else "1"
        if index == args.engines:  # the starters' lane: a small batch
            own = dataclasses.replace(config, max_num_seqs=args.starter_max_seqs,
                                      cudagraph_capture_max=args.starter_max_seqs)
        llm = await asyncio.to_thread(AsyncLLM.from_engine_args, arguments_for(own))
        llms.append(llm)
        engines.append(SparkEngine(llm, tokenizer.vocab, own))
    with_grammar = [e.sampling_params for e in engines]
    plain = [_plain_params(e) for e in engines]
    worker = None
    if "thread" in modes:
        worker = make_worker(model.root, args.max_batch, args.batch_wait_ms, args.channels_last,
                             args.crop_context)  # fmt: skip
        worker.start()
        await worker.wait_prepared()
    hosted = None
    if "hosted" in modes:
        settings = DecoderSettings(
            str(model.bicodec), dtype="bfloat16", fuse_activations=True, cuda_graphs=True,
            channels_last=args.channels_last,
            window_lengths=ChunkPolicy().window_lengths(), max_batch=args.max_batch,
            window_skips=(tuple(ChunkPolicy().graph_window_skips().items())
                          if args.crop_context else ()),
        )  # fmt: skip
        hosted = DecodeWorker(await HostedDecoder.open(engines[0], settings),
                              max_batch=args.max_batch, name="hosted",
                              batch_wait_s=args.batch_wait_ms / 1000)  # fmt: skip
        hosted.start()
        await hosted.wait_prepared()
    if child is not None:
        assert await asyncio.to_thread(child[2].get) == "ready"
    print(f"engine and decoders ready in {time.monotonic() - t0:.1f} s", flush=True)
    grammar = not no_grammar
    for engine, params in zip(engines, plain if no_grammar else with_grammar, strict=True):
        engine.sampling_params = params  # type: ignore[method-assign]
    await run_level(engines, tokenizer, 16, argparse.Namespace(tokens=40, ramp_s=0.0),
                    Decoders("lm", None, None), grammar)  # warm up  # fmt: skip
    rows = []
    for n in levels:
        for mode in modes:
            free = mode == "free" or no_grammar
            for engine, a, b in zip(engines, plain, with_grammar, strict=True):
                engine.sampling_params = a if free else b  # type: ignore[method-assign]
            decoders = Decoders("lm" if mode == "free" else mode,
                                hosted if mode == "hosted" else worker, child,
                                STEADY_SKIP if args.crop_context else 0)  # fmt: skip
            row = await run_level(engines, tokenizer, n, args, decoders, not free, llms)
            if engines[0].grammar_in_model:  # every request is masked in the model
                row["mode"] = ("lm" if mode == "free" else mode) + ", grammar in the model"
            elif mode == "free" and not no_grammar:
                row["mode"] = "lm, grammar processor idle"
            row["engines"] = args.engines
            row["executor"] = args.executor
            if args.executor != "mp":
                row["mode"] += f", executor {args.executor}"
            if args.engines > 1:
                row["mode"] += f", {args.engines} engines"
            if args.starter_lane:
                row["mode"] += f", starters' engine of {args.starter_max_seqs} rows"
            if whole_head:
                row["mode"] += ", whole head"
            rows.append(row)
            print_table([row])
            await asyncio.sleep(args.settle_s)
    print()
    print_table(rows)
    for decode_worker in (worker, hosted):
        if decode_worker is not None:
            await decode_worker.aclose()
    if child is not None:
        child[1].put(None)
        child[0].join(30)
    for engine in engines:
        engine.shutdown()
    if args.json:
        from voice_server.cuda_mps import in_use

        Path(args.json).write_text(json.dumps({"args": vars(args), "cuda_mps": in_use(),
                                               "rows": rows}, indent=1))  # fmt: skip


def _plain_params(engine: SparkEngine) -> Any:
    """sampling_params without the grammar extra_args (the processor is not loaded)."""
    original = engine.sampling_params

    def params(kind: str, sampling: Sampling, max_tokens: int) -> Any:
        p = original("globals", sampling, max_tokens)
        p.extra_args = None
        return p

    return params


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--streams", default="300,600")
    parser.add_argument("--modes", default="lm,thread,proc")
    parser.add_argument("--tokens", type=int, default=400, help="tokens per stream (50 = 1 s)")
    parser.add_argument("--ramp-s", type=float, default=4.0, help="arrivals spread over this long")
    parser.add_argument("--settle-s", type=float, default=2.0)
    parser.add_argument("--max-batch", type=int, default=128)
    parser.add_argument("--batch-wait-ms", type=float, default=40.0)
    parser.add_argument("--grammar", choices=["auto", "model", "processor", "none"],
                        default="auto", help="engine.grammar, or none (module docstring)")
    parser.add_argument("--channels-last", action=argparse.BooleanOptionalAction, default=True,
                        help="decode channels-last, as the server does by default "
                             "(decode.channels_last); --no-channels-last: (B, C, T)")
    parser.add_argument("--crop-context", action=argparse.BooleanOptionalAction, default=True,
                        help="skip the decode of a steady window's unused context "
                             "(decode.crop_context)")
    parser.add_argument("--executor", default="mp", choices=("auto", "mp", "uni"),
                        help="engine.executor: mp runs the model in a worker process of its own")
    parser.add_argument("--engines", type=int, default=1, help="engines on the one GPU")
    parser.add_argument("--starters", type=float, default=0.0,
                        help="new requests per second arriving after the ramp (docstring)")
    parser.add_argument("--starter-s", type=float, default=5.0)
    parser.add_argument("--starter-tokens", type=int, default=50)
    parser.add_argument("--starter-lane", action="store_true",
                        help="the starters run on an extra engine of their own")
    parser.add_argument("--starter-max-seqs", type=int, default=128)
    parser.add_argument("--lane-priority", action="store_true",
                        help="the streams' engines run as CUDA MPS clients of below-normal "
                             "priority (CUDA_MPS_CLIENT_PRIORITY 1), the starters' at normal")
    parser.add_argument("--audio-head", action=argparse.BooleanOptionalAction, default=True,
                        help="engine.audio_head (the default): logits over the generated ids only")
    parser.add_argument("--gpu-memory-utilization", type=float, default=0.6)
    parser.add_argument("--torch-profile", metavar="DIR",
                        help="trace the model runner for --profile-s of each row into DIR")
    parser.add_argument("--profile-s", type=float, default=2.0)
    parser.add_argument("--mps", choices=("auto", "on", "off"), default="auto",
                        help="engine.mps, as the server: the engines and the decoder process "
                             "as clients of a private CUDA MPS daemon (auto: where it can be had)")
    parser.add_argument("--json")
    os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")
    arguments = parser.parse_args()
    from voice_server import cuda_mps

    mps_daemon = cuda_mps.start_for_server(arguments.mps, "all")  # before anything touches CUDA
    try:
        asyncio.run(main(arguments))
    finally:
        cuda_mps.stop_for_server(mps_daemon)
