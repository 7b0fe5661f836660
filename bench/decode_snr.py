"""SNR of streamed (chunked) BiCodec decoding against the one-shot decode of the same tokens.

Usage::

    python bench/decode_snr.py                        # golden case A + tiny random model
    python bench/decode_snr.py --bicodec DIR/BiCodec  # a real checkpoint, random tokens
    python bench/decode_snr.py --bicodec DIR/BiCodec --tokens T.npz  # ... real LM output
    python bench/decode_snr.py --lookahead 4 --left-context 16 --crossfade 320

Prints one row per model: SNR over the whole stream, the worst 20 ms frame, and the distinct
window lengths the policy asked for. float32 by default (float64 convolutions take a slow path on
CPU); ``--float64`` removes rounding from the comparison, which matters only above ~100 dB.
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import fields
from pathlib import Path

import numpy as np
import torch

from voice_server.codec.bicodec import (
    TINY_BICODEC_CONFIG,
    BiCodecDecoder,
    load_bicodec,
    write_random_bicodec,
)
from voice_server.codec.streaming import AudioJoiner, ChunkPolicy, StreamingDecodePlanner

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bicodec_golden"


def stream_decode(
    model: BiCodecDecoder,
    semantic: np.ndarray,
    global_codes: np.ndarray,
    policy: ChunkPolicy,
    push_sizes: tuple[int, ...] = (1,),
) -> tuple[np.ndarray, list[int]]:
    """Decode ``semantic`` through the planner and joiner; returns (audio, window lengths)."""
    planner = StreamingDecodePlanner(policy)
    joiner = AudioJoiner(policy.samples_per_token)
    with torch.inference_mode():
        dvec = model.speaker_vector(torch.from_numpy(global_codes)[None])
        jobs, start, i = [], 0, 0
        while start < len(semantic):
            size = push_sizes[i % len(push_sizes)]
            jobs += planner.push(semantic[start : start + size])
            start, i = start + size, i + 1
        jobs += planner.finish()
        parts = []
        for job in jobs:
            audio = model.decode(torch.from_numpy(job.codes)[None], dvec)[0].double().numpy()
            parts.append(joiner.push(job, audio))
    return np.concatenate(parts), [j.window_tokens for j in jobs]


def snr_db(reference: np.ndarray, test: np.ndarray) -> float:
    noise = float(np.sum((reference - test) ** 2))
    return float("inf") if noise == 0 else 10 * np.log10(float(np.sum(reference**2)) / noise)


def worst_frame_db(reference: np.ndarray, test: np.ndarray, frame: int = 320) -> float:
    n = len(reference) // frame * frame
    ref = reference[:n].reshape(-1, frame)
    err = (reference[:n] - test[:n]).reshape(-1, frame)
    ratios = np.sum(ref**2, axis=1) / np.maximum(np.sum(err**2, axis=1), 1e-30)
    return float(10 * np.log10(ratios.min()))


def measure(
    model: BiCodecDecoder, semantic: np.ndarray, global_codes: np.ndarray, policy: ChunkPolicy
) -> tuple[float, float, list[int]]:
    with torch.inference_mode():
        one_shot = model(torch.from_numpy(semantic)[None], torch.from_numpy(global_codes)[None])
    ref = one_shot[0].double().numpy()
    streamed, windows = stream_decode(model, semantic, global_codes, policy)
    assert len(streamed) == len(ref)
    return snr_db(ref, streamed), worst_frame_db(ref, streamed), windows


def models(
    bicodec: str | None, tmp: str, dtype: torch.dtype = torch.float32, tokens: str | None = None
) -> list[tuple[str, BiCodecDecoder, np.ndarray, np.ndarray]]:
    if bicodec:
        model = load_bicodec(bicodec, dtype=dtype)
        if tokens:  # real LM output: random tokens are not speech, a trained decoder may differ
            with np.load(tokens) as data:
                sem, glob = data["semantic_ids"], data["global_ids"]
        else:
            rng = np.random.default_rng(0)
            c = model.config
            sem = rng.integers(0, c.semantic_codebook_size, 500)
            glob = rng.integers(0, c.global_codebook_size, c.global_token_count)
        return [(bicodec, model, sem, glob)]
    case = np.load(GOLDEN / "case_a.npz")
    golden = load_bicodec(GOLDEN / "BiCodec", dtype=dtype)
    write_random_bicodec(tmp, TINY_BICODEC_CONFIG, seed=0)
    tiny = load_bicodec(tmp, dtype=dtype)
    sem, glob = case["semantic_ids"], case["global_ids"]
    return [("golden case A", golden, sem, glob), ("tiny random", tiny, sem, glob)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bicodec", help="a BiCodec/ folder (default: golden + tiny)")
    parser.add_argument(
        "--tokens", help="an .npz with global_ids and semantic_ids (with --bicodec)"
    )
    parser.add_argument("--float64", action="store_true", help="decode in float64")
    defaults = ChunkPolicy()
    for f in fields(ChunkPolicy):
        flag = "--" + f.name.replace("_tokens", "").replace("_samples", "").replace("_", "-")
        parser.add_argument(flag, dest=f.name, type=type(getattr(defaults, f.name)),
                            default=getattr(defaults, f.name))  # fmt: skip
    args = parser.parse_args()
    policy = ChunkPolicy(**{f.name: getattr(args, f.name) for f in fields(ChunkPolicy)})
    torch.set_num_threads(1)
    print(policy)
    with tempfile.TemporaryDirectory() as tmp:
        dtype = torch.float64 if args.float64 else torch.float32
        for name, model, sem, glob in models(args.bicodec, tmp, dtype, args.tokens):
            snr, worst, windows = measure(model, sem, glob, policy)
            print(f"{name:>16}: {len(sem)} tokens, SNR {snr:5.1f} dB, worst 20 ms frame "
                  f"{worst:5.1f} dB, windows {sorted(set(windows))}")  # fmt: skip


if __name__ == "__main__":
    main()
