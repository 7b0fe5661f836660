"""CPU cost of encoding model audio into output frames, per format.

Feeds 10 s of 16 kHz speech-like audio (a chirp plus noise) through ``FrameEncoder`` in chunks
of one semantic token (320 samples, the decoder's smallest step) and of 0.5 s, and prints the
CPU time per second of audio and per frame. At N streams the server spends N times that.

    python bench/encode_cost.py [--seconds 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import numpy.typing as npt

from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.encoders import FrameEncoder

FORMATS = [
    (OutputFormat(Encoding.PCM16, 16000), "HQ"),
    (OutputFormat(Encoding.PCM16, 8000), "HQ"),
    (OutputFormat(Encoding.PCM16, 24000), "HQ"),
    (OutputFormat(Encoding.PCM16, 24000), "VHQ"),
    (OutputFormat(Encoding.PCM16, 48000), "HQ"),
    (OutputFormat(Encoding.PCM16, 48000), "VHQ"),
    (OutputFormat(Encoding.MULAW, 8000), "HQ"),
    (OutputFormat(Encoding.OPUS, 48000), "c10"),
    (OutputFormat(Encoding.OPUS, 48000), "c5"),
    (OutputFormat(Encoding.OPUS, 48000), "c0"),
]
"""(format, resampler quality, or ``cN`` = Opus complexity N)."""


def test_audio(seconds: float) -> npt.NDArray[np.float32]:
    t = np.arange(int(16_000 * seconds)) / 16_000
    chirp = 0.4 * np.sin(2 * np.pi * (200 + 150 * np.sin(2 * np.pi * 0.5 * t)) * t)
    noise = np.random.default_rng(0).normal(0, 0.05, t.size)
    return (chirp + noise).astype(np.float32)


def cost(fmt: OutputFormat, quality: str, audio: npt.NDArray[np.float32], chunk: int) -> float:
    """CPU seconds to encode ``audio`` (with a final flush)."""
    if quality.startswith("c"):
        encoder = FrameEncoder(fmt, opus_complexity=int(quality[1:]))
    else:
        encoder = FrameEncoder(fmt, resample_quality=quality)
    start = time.process_time()
    for i in range(0, audio.size, chunk):
        encoder.encode(audio[i : i + chunk])
    encoder.flush()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    audio = test_audio(args.seconds)
    header = f"{'format':<16}{'setting':>10}{'chunk':>8}{'ms CPU / s audio':>18}{'us / frame':>12}"
    print(header)
    print("-" * len(header))
    for fmt, quality in FORMATS:
        for chunk in (320, 8000):
            best = min(cost(fmt, quality, audio, chunk) for _ in range(args.repeat))
            frames = args.seconds * 1000 / fmt.frame_ms
            name = f"{fmt.encoding}@{fmt.sample_rate}"
            print(f"{name:<16}{quality:>10}{chunk:>8}{best / args.seconds * 1e3:>18.3f}"
                  f"{best / frames * 1e6:>12.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
