"""BiCodec decode on one GPU: eager against CUDA-graph replay, per dtype, window and batch size.

For each cell it reports the wall time of one decode (GPU finished), the CPU time the calling
thread spends launching it (launch work holds the GIL the server's event loop needs), audio-seconds per
wall-second counting only the new tokens of a window (50 of the steady 70), and the largest
difference between the graph's and the eager decoder's samples (the padded rows of a graph
batch must not leak into the real ones).

    python bench/decode_graphs.py --model DIR [--batches 1,8,32,128] [--dtypes float32,bfloat16]
        [--fused 0,1] [--json out.json]

Variants: eager against graph replay, each with the Snake activations eager or fused
(``BiCodecDecoder.fuse_activations``); capture time and peak GPU memory per variant.

``DIR`` is a model directory with ``BiCodec/`` (the official checkpoint, or
``voice-server make-tiny-model DIR --size full`` for the official shapes with random weights).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import torch

from voice_server.codec.bicodec import load_bicodec
from voice_server.codec.graphs import GraphedDecoder
from voice_server.runtime import served_policy


def timed(fn: object, repeat: int) -> tuple[float, float]:
    """(wall ms, launch CPU ms) per call, averaged after two warm-up calls. Launch CPU is the
    calling thread's CPU time until the call returns, before waiting for the GPU."""
    for _ in range(2):
        fn()  # type: ignore[operator]
    torch.cuda.synchronize()
    wall0, cpu = time.perf_counter(), 0.0
    for _ in range(repeat):
        cpu0 = time.thread_time()
        fn()  # type: ignore[operator]
        cpu += time.thread_time() - cpu0
        torch.cuda.synchronize()
    return (time.perf_counter() - wall0) * 1e3 / repeat, cpu * 1e3 / repeat


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("--batches", default="1,8,32,128")
    p.add_argument("--dtypes", default="float32,bfloat16")
    p.add_argument("--fused", default="0,1", help="Snake fused (1), eager (0), or both")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    policy = served_policy()
    windows = policy.window_lengths()
    steady = policy.steady_window_tokens
    new_tokens = policy.steady_hop
    rows, captures = [], []
    print(f"windows {windows}; audio/s counts {new_tokens} new tokens of the {steady}-token window")
    header = ("dtype", "fused", "window", "batch", "eager ms", "eager launch ms", "graph ms",
              "graph launch ms", "graph audio-s/s", "max |diff|")  # fmt: skip
    print(" | ".join(f"{h:>13}" for h in header))
    for dtype_name in args.dtypes.split(","):
        for fused in (bool(int(f)) for f in args.fused.split(",")):
            dtype = getattr(torch, dtype_name)
            decoder = load_bicodec(args.model / "BiCodec", device="cuda", dtype=dtype)
            if fused:
                decoder.fuse_activations()
            torch.cuda.reset_peak_memory_stats()
            graphs = GraphedDecoder(decoder, windows, max(batches))
            with torch.inference_mode():
                graphs.capture()
                captures.append({"dtype": dtype_name, "fused": fused, "graphs": graphs.captured,
                                 "capture_s": graphs.capture_seconds,
                                 "peak_gib": torch.cuda.max_memory_allocated() / 2**30})  # fmt: skip
                gen = torch.Generator(device="cuda").manual_seed(0)
                c = decoder.config
                for window in (windows[0], steady):
                    for batch in batches:
                        codes = torch.randint(0, c.semantic_codebook_size, (batch, window),
                                              device="cuda", generator=gen)  # fmt: skip
                        voice = torch.randint(0, c.global_codebook_size,
                                              (batch, c.global_token_count),
                                              device="cuda", generator=gen)  # fmt: skip
                        dvec = decoder.speaker_vector(voice)
                        eager_ms, eager_cpu = timed(lambda: decoder.decode(codes, dvec),
                                                    args.repeat)  # fmt: skip
                        graph_ms, graph_cpu = timed(lambda: graphs.decode(codes, dvec),
                                                    args.repeat)  # fmt: skip
                        replay = graphs.decode(codes, dvec).float()
                        diff = (replay - decoder.decode(codes, dvec).float()).abs().max().item()
                        counted = (new_tokens if window == steady
                                   else window - policy.lookahead_tokens)  # fmt: skip
                        audio_s = batch * counted * 320 / 16000
                        row = {"dtype": dtype_name, "fused": fused, "window": window,
                               "batch": batch, "eager_ms": eager_ms, "eager_launch_ms": eager_cpu,
                               "graph_ms": graph_ms, "graph_launch_ms": graph_cpu,
                               "graph_audio_s_per_s": audio_s / (graph_ms / 1e3),
                               "max_abs_diff": diff}  # fmt: skip
                        rows.append(row)
                        print(" | ".join(f"{v:>13.4g}" if isinstance(v, float) else f"{v!s:>13}"
                                         for v in row.values()), flush=True)  # fmt: skip
            print(f"capture: {captures[-1]}", flush=True)
            del graphs, decoder
            torch.cuda.empty_cache()
    if args.json:
        meta = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
                "argv": sys.argv[1:]}  # fmt: skip
        args.json.write_text(json.dumps({"meta": meta, "captures": captures, "rows": rows},
                                        indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
