"""Engine + streaming decode benchmark: N concurrent streams through the shared runtime.

For each concurrency N, N segments start at once (same text, different seeds, each capped at
``--tokens`` semantic tokens so every run makes the same amount of audio) and the table shows:

* engine TTFT: segment start -> first generated token (p50 / p95 over streams);
* TTFA: segment start -> first decoded audio chunk (p50 / p95);
* tokens/s: semantic tokens per wall second, all streams together, and per stream;
* audio x real time: seconds of audio generated per wall second (all streams);
* decode ms/chunk: BiCodec worker time per decode batch and the mean batch size.

Usage (CPU, tiny model):   python bench/engine.py --model DIR --streams 1,8,32
GPU (full-size random):    python bench/engine.py --model DIR --streams 1,8,32 --gpu
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

from voice_server.engine.llm import EngineConfig
from voice_server.engine.sampling import Sampling
from voice_server.model_dir import check_model_dir
from voice_server.replicas import first_device
from voice_server.runtime import DecodeConfig, SpeechRuntime
from voice_server.synthesis import AudioOut, SegmentDone, Voice

TEXT = "The quick brown fox jumps over the lazy dog, and then it runs back home again."


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def one_stream(runtime: SpeechRuntime, voice: Voice, seed: int, tokens: int) -> dict[str, float]:
    started = time.monotonic()
    first_audio = 0.0
    done: SegmentDone | None = None
    async for event in runtime.synthesizer.segment(TEXT, voice, Sampling(seed=seed, max_tokens=tokens)):
        if isinstance(event, AudioOut) and not first_audio:
            first_audio = time.monotonic()
        elif isinstance(event, SegmentDone):
            done = event
    assert done is not None
    return {
        "ttft": (done.first_token_at - started) * 1000,
        "ttfa": (first_audio - started) * 1000,
        "tokens": done.semantic_tokens,
        "wall": done.finished_at - started,
    }


async def run_level(runtime: SpeechRuntime, n: int, tokens: int) -> dict[str, Any]:
    worker = runtime.synthesizer.decoder
    before = (worker.stats.batches_run, worker.stats.decode_seconds, worker.stats.jobs_decoded)
    assert runtime.voices is not None
    voice = Voice(global_codes=runtime.voices.get("alloy").global_codes)
    started = time.monotonic()
    results = await asyncio.gather(*(one_stream(runtime, voice, i, tokens) for i in range(n)))
    wall = time.monotonic() - started
    batches = worker.stats.batches_run - before[0]
    total_tokens = sum(r["tokens"] for r in results)
    audio_s = total_tokens * runtime.synthesizer.hop_length / runtime.synthesizer.sample_rate
    return {
        "streams": n,
        "ttft_p50_ms": pct([r["ttft"] for r in results], 0.5),
        "ttft_p95_ms": pct([r["ttft"] for r in results], 0.95),
        "ttfa_p50_ms": pct([r["ttfa"] for r in results], 0.5),
        "ttfa_p95_ms": pct([r["ttfa"] for r in results], 0.95),
        "tokens_per_s": total_tokens / wall,
        "tokens_per_s_per_stream": statistics.mean(r["tokens"] / r["wall"] for r in results),
        "audio_x_realtime": audio_s / wall,
        "decode_ms_per_batch": 1000 * (worker.stats.decode_seconds - before[1]) / max(1, batches),
        "mean_batch": (worker.stats.jobs_decoded - before[2]) / max(1, batches),
    }


def print_table(rows: list[dict[str, Any]]) -> None:
    print("| streams | TTFT p50/p95 ms | TTFA p50/p95 ms | tok/s total | tok/s per stream "
          "| audio s per wall s | decode ms/batch (mean batch) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['streams']} | {r['ttft_p50_ms']:.0f} / {r['ttft_p95_ms']:.0f} "
              f"| {r['ttfa_p50_ms']:.0f} / {r['ttfa_p95_ms']:.0f} | {r['tokens_per_s']:.0f} "
              f"| {r['tokens_per_s_per_stream']:.0f} | {r['audio_x_realtime']:.1f} "
              f"| {r['decode_ms_per_batch']:.1f} ({r['mean_batch']:.1f}) |")


async def main(args: argparse.Namespace) -> None:
    levels = [int(x) for x in args.streams.split(",")]
    engine = EngineConfig(
        max_num_seqs=max(64, max(levels)),
        gpu_memory_utilization=args.gpu_memory_utilization,
        stream_interval=args.stream_interval,
        devices=first_device(),  # this benchmark measures one engine
    )
    decode = DecodeConfig(dtype=args.decode_dtype, max_batch=max(levels))
    t0 = time.monotonic()
    async with SpeechRuntime(check_model_dir(args.model), engine, decode) as runtime:
        print(f"loaded and warmed up in {time.monotonic() - t0:.1f} s")
        await run_level(runtime, 1, 20)  # one more warm pass at batch 1
        rows = [await run_level(runtime, n, args.tokens) for n in levels]
    print_table(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True)
    parser.add_argument("--streams", default="1,8,32")
    parser.add_argument("--tokens", type=int, default=250, help="semantic tokens per stream (50 = 1 s)")
    parser.add_argument("--decode-dtype", default="float32")
    parser.add_argument("--stream-interval", type=int, default=1)
    parser.add_argument("--gpu-memory-utilization", type=float, default=0.5)
    parser.add_argument("--json")
    asyncio.run(main(parser.parse_args()))
