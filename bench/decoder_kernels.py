"""Where the BiCodec decoder's GPU time goes, per layout and cuDNN setting.

The decoder shares the GPU with the LM: at 600 streams its passes take about half the GPU time
the streams' tokens need (docs/PERFORMANCE.md, "What one GPU's time allows"). This bench
decodes windows (the chunk planner's steady window, or ``--windows``; bf16, fused Snake) and
reports, per window length and batch size:

* CUDA-graph replay time for each ``--variants`` entry: ``default`` ((B, C, T) tensors,
  cuDNN's heuristics pick each convolution's algorithm), ``benchmark`` (the same with
  ``torch.backends.cudnn.benchmark``: cuDNN times its algorithms once per shape, before
  capture), ``channels_last`` (``BiCodecDecoder.use_channels_last``) and
  ``channels_last_benchmark``, and ``channels_last_crop`` (channels-last with the server's
  ``decode.crop_context``: the wave generator skips the context whose audio is not kept, 14
  tokens of the steady window); "graph rows" is the captured batch size the batch replays
  (the fastest graph that holds it, measured at capture);
* the largest difference from the first variant's samples (same codes; the kept ones only);
* audio-seconds per second counting the window's new tokens;
* with ``--profile``, the GPU time of one eager decode split by operator (convolutions,
  transposed convolutions, the fused Snake, norms, matmuls, the rest).

    python bench/decoder_kernels.py --model DIR [--batches 8,32,64] [--windows 10,70]
        [--variants default,benchmark,channels_last] [--profile] [--json F]

``DIR`` is a model directory with ``BiCodec/`` (``voice-server make-tiny-model DIR --size full``
gives the official shapes with random weights).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import torch

from voice_server.codec.batch_decoding import build_local_decoder
from voice_server.codec.graphs import GraphedDecoder
from voice_server.codec.streaming import ChunkPolicy

OPERATOR_GROUPS = (
    ("conv_transpose", "transposed conv"),
    ("conv", "conv"),
    ("compiled", "fused Snake"),
    ("triton", "fused Snake"),
    ("layer_norm", "norm"),
    ("mm", "matmul"),
    ("linear", "matmul"),
)


def operator_group(name: str) -> str:
    """The group a profiler operator's name falls in (first match of ``OPERATOR_GROUPS``)."""
    lowered = name.lower()
    for needle, group in OPERATOR_GROUPS:
        if needle in lowered:
            return group
    return "other"


def replay_ms(graphs: GraphedDecoder, codes: torch.Tensor, dvec: torch.Tensor, repeat: int,
              skip: int = 0) -> float:  # fmt: skip
    """Mean wall ms of one graph replay, GPU finished, after two warm-up replays."""
    for _ in range(2):
        graphs.decode(codes, dvec, skip)
    torch.cuda.synchronize()
    started = time.perf_counter()
    for _ in range(repeat):
        graphs.decode(codes, dvec, skip)
    torch.cuda.synchronize()
    return (time.perf_counter() - started) * 1e3 / repeat


def profile_groups(decoder: object, codes: torch.Tensor, dvec: torch.Tensor,
                   skip: int = 0) -> dict[str, float]:  # fmt: skip
    """GPU ms of one eager decode per operator group (top-level aten operators' CUDA time)."""
    from torch.profiler import ProfilerActivity, profile

    decode = decoder.decode_unchecked  # type: ignore[attr-defined]
    for _ in range(2):
        decode(codes, dvec, skip)
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CPU, ProfilerActivity.CUDA]) as prof:
        decode(codes, dvec, skip)
        torch.cuda.synchronize()
    groups: dict[str, float] = defaultdict(float)
    for event in prof.events():
        if event.cpu_parent is not None or event.device_type.name != "CPU":
            continue  # top-level operators only: their totals include what they call
        total = getattr(event, "device_time_total", None)
        if total is None:
            total = event.cuda_time_total
        groups[operator_group(event.name)] += total / 1e3
    return dict(groups)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("--batches", default="8,32,64")
    p.add_argument("--windows", default="",
                   help="window lengths in tokens (default: the steady window), e.g. 10,70")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--variants", default="default,benchmark,channels_last")
    p.add_argument("--profile", action="store_true")
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    batches = [int(b) for b in args.batches.split(",")]
    policy = ChunkPolicy()
    steady = policy.steady_window_tokens
    windows = [int(w) for w in args.windows.split(",")] if args.windows else [steady]
    rows: list[dict[str, object]] = []
    print(f"audio/s counts a window's new tokens: {policy.max_chunk_tokens} of the steady "
          f"{steady}, all but the {policy.lookahead_tokens} look-ahead tokens of others")
    print("| variant | window | batch | graph rows | graph ms | audio-s per s | max diff | "
          "GPU ms by operator (eager) |")
    print("|---|---|---|---|---|---|---|---|")
    reference: dict[tuple[int, int], torch.Tensor] = {}
    for variant in args.variants.split(","):
        if variant not in ("default", "benchmark", "channels_last", "channels_last_benchmark",
                           "channels_last_crop"):  # fmt: skip
            raise SystemExit(f"unknown variant {variant!r}")
        torch.backends.cudnn.benchmark = variant.endswith("benchmark")
        crop = variant.endswith("crop")
        skips = {w: policy.graph_window_skips().get(w, 0) if crop else 0 for w in windows}
        local = build_local_decoder(  # the server's GPU decoder: bf16, fused Snake, graphs
            str(args.model / "BiCodec"), "cuda", dtype="bfloat16", fuse_activations=True,
            cuda_graphs=True, channels_last=variant.startswith("channels_last"),
            window_lengths=tuple(windows), max_batch=max(batches), window_skips=skips,
        )  # fmt: skip
        decoder, graphs = local.decoder, local.graphs
        assert graphs is not None
        c = decoder.config
        gen = torch.Generator(device="cuda").manual_seed(0)
        with torch.inference_mode():
            graphs.capture()
            for window, batch in ((w, b) for w in windows for b in batches):
                new_tokens = (policy.max_chunk_tokens if window == steady
                              else max(window - policy.lookahead_tokens, 1))  # fmt: skip
                codes = torch.randint(0, c.semantic_codebook_size, (batch, window),
                                      device="cuda", generator=gen)  # fmt: skip
                voice = torch.randint(0, c.global_codebook_size, (batch, c.global_token_count),
                                      device="cuda", generator=gen)  # fmt: skip
                dvec = decoder.speaker_vector(voice)
                skip = skips[window]
                ms = replay_ms(graphs, codes, dvec, args.repeat, skip)
                audio = graphs.decode(codes, dvec, skip).float().clone()
                first = reference.setdefault((window, batch), audio)
                kept = skip * c.hop_length
                diff = (audio[:, kept:] - first[:, kept:]).abs().max().item()
                groups = profile_groups(decoder, codes, dvec, skip) if args.profile else {}
                audio_s = batch * new_tokens * c.hop_length / c.sample_rate
                row = {"variant": variant, "window": window, "batch": batch, "graph_ms": ms,
                       "audio_s_per_s": audio_s / (ms / 1e3), "max_abs_diff": diff,
                       "gpu_ms_by_operator": groups,
                       "graph_rows": graphs.bucket_replayed(batch, window)}  # fmt: skip
                rows.append(row)
                split = ", ".join(f"{k} {v:.1f}" for k, v in sorted(groups.items(),
                                                                    key=lambda kv: -kv[1]))  # fmt: skip
                print(f"| {variant} | {window} | {batch} | {row['graph_rows']} | "
                      f"{ms:.2f} | "
                      f"{row['audio_s_per_s']:.0f} | "
                      f"{diff:.2g} | {split} |", flush=True)  # fmt: skip
        del graphs, decoder, local
        torch.cuda.empty_cache()
    if args.json:
        meta = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
                "argv": sys.argv[1:]}  # fmt: skip
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
