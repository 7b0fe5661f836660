"""Streaming frame encoders: 16 kHz float audio in, fixed-duration encoded frames out.

Theory of operation
-------------------
One ``FrameEncoder`` serves one outgoing stream. ``encode`` takes model audio in chunks of any
size and returns the frames that became complete; the rest waits in a small int16 buffer.
Per call:

1. Resample to the output rate with a streaming soxr resampler, when the rate is not 16 kHz
   (never for Opus, whose encoder takes 16 kHz directly; see ``audio_format``).
2. Convert to int16: scale, clip, round, all vectorised. NaN becomes 0.
3. Append to the buffer and cut every whole frame out of it as one 2-D block.
4. Pack the block: PCM16 and mu-law are one vectorised conversion and one ``tobytes`` for the
   whole block, then sliced into frames; Opus encodes each 20 ms row into one packet.

``flush`` ends a stretch of audio (a segment): it drains the resampler's filter delay, pads
the last partial frame with silence, and for Opus feeds one more frame of silence when the last
frame held sound, because the Opus encoder keeps 6.5 ms of look-ahead that would otherwise only
come out with the next audio. The encoder stays usable after ``flush``; ``reset`` drops
everything buffered (cancel).

The first Opus encoder makes FFmpeg count one CPU, process-wide, so that PyAV's per-encoder
filter graphs start no thread pools (``limit_ffmpeg_threads``).

Costs are measured by ``bench/encode_cost.py``. Resampler quality is "HQ": at these chunk sizes
the cost is per call, not per sample, and "VHQ" measured the same, so the choice is about the
filter, and HQ's passband (to 91 % of Nyquist) already covers all the 16 kHz source holds.
"""

from __future__ import annotations

import ctypes
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import soxr  # type: ignore[import-untyped]

from voice_server.codec.audio_format import SOURCE_RATE, Encoding, OutputFormat

if TYPE_CHECKING:
    import av


def _av() -> Any:
    """PyAV, imported on first Opus use: PCM and mu-law need none (lean GPU images lack it)."""
    import av

    return av

RESAMPLE_QUALITY = "HQ"
OPUS_COMPLEXITY = 5
"""libopus complexity (0-10). Measured on speech-like audio at 32 kb/s: 10 costs 127 us per
frame, 5 costs 88 us, 0 costs 39 us (``bench/encode_cost.py``); 5 is libwebrtc's mobile choice."""

FloatArray = npt.NDArray[np.floating]
Int16Array = npt.NDArray[np.int16]
UInt8Array = npt.NDArray[np.uint8]


def float_to_pcm16(samples: npt.ArrayLike) -> Int16Array:
    """Float audio in [-1, 1] to int16: scaled by 32767, clipped, rounded; NaN becomes 0."""
    scaled = np.multiply(np.asarray(samples, dtype=np.float32).reshape(-1), np.float32(32767.0))
    np.clip(scaled, -32767.0, 32767.0, out=scaled)  # infinities too; NaN stays NaN
    if np.isnan(scaled.sum()):  # one reduction; ``nan_to_num`` cost twice the whole function
        scaled[np.isnan(scaled)] = 0.0
    pcm: Int16Array = np.rint(scaled, out=scaled).astype(np.int16)
    return pcm


# --- G.711 mu-law -----------------------------------------------------------------------------

_MULAW_BIAS = 0x84


def _mulaw_encode_formula(pcm: npt.NDArray[np.int32]) -> UInt8Array:
    """G.711 mu-law, computed directly (used once to build the lookup table).

    Works on the 14-bit magnitude (``pcm >> 2``) as G.711 specifies, so negative samples round
    the same way as the reference implementations (and CPython's former ``audioop``).
    """
    v = pcm >> 2
    negative = v < 0
    magnitude = np.minimum(np.where(negative, -v, v), 8159) + (_MULAW_BIAS >> 2)
    magnitude = np.minimum(magnitude, 0x1FFF)
    exponent = np.clip(np.frexp(magnitude >> 5)[1] - 1, 0, 7)  # segment: top bit position
    mantissa = (magnitude >> (exponent + 1)) & 0x0F
    mask = np.where(negative, 0x7F, 0xFF)
    codes: UInt8Array = (((exponent << 4) | mantissa) ^ mask).astype(np.uint8)
    return codes


# Indexed by the int16 sample's bit pattern, so encoding is one table lookup per sample.
_MULAW_TABLE: UInt8Array = _mulaw_encode_formula(
    np.arange(65536, dtype=np.uint16).view(np.int16).astype(np.int32)
)


def mulaw_encode(pcm: Int16Array) -> UInt8Array:
    """Encode int16 samples as G.711 mu-law bytes (one per sample)."""
    codes: UInt8Array = _MULAW_TABLE[np.ascontiguousarray(pcm, dtype=np.int16).view(np.uint16)]
    return codes


def mulaw_decode(codes: npt.ArrayLike) -> Int16Array:
    """Decode G.711 mu-law bytes back to int16 samples."""
    u = ~np.asarray(codes, dtype=np.uint8).astype(np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    magnitude = ((((u & 0x0F) << 3) + _MULAW_BIAS) << exponent) - _MULAW_BIAS
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


# --- packers: a block of whole frames (rows) in, one payload per row out ----------------------


def _split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


OPUS_LOOKAHEAD_16K = 104
"""libopus's look-ahead (6.5 ms) at 16 kHz: input that only comes out in the next packet."""


class _OpusPacker:
    """One raw Opus packet per 20 ms of 16 kHz int16 audio, through PyAV's libopus."""

    def __init__(self, bitrate: int, frame_samples: int, complexity: int) -> None:
        self._bitrate = bitrate
        self._frame_samples = frame_samples
        self._complexity = complexity
        self.reset()

    def reset(self) -> None:
        """A fresh encoder: no look-ahead from earlier audio leaks into the next packet."""
        self._codec = _open_opus_encoder(self._bitrate, self._complexity)
        self._pts = 0
        self._holds_sound = False

    def pack(self, block: Int16Array) -> list[bytes]:
        packets: list[bytes] = []
        for row in block:
            frame = _av().AudioFrame.from_ndarray(row.reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = SOURCE_RATE
            frame.pts = self._pts
            self._pts += row.size
            packets.extend(bytes(p) for p in self._codec.encode(frame))
        if len(block):
            self._holds_sound = bool(block[-1, -OPUS_LOOKAHEAD_16K:].any())
        return packets

    def drain(self) -> list[bytes]:
        """Push the encoder's look-ahead out with one frame of silence, if it holds sound."""
        if not self._holds_sound:
            return []
        return self.pack(np.zeros((1, self._frame_samples), dtype=np.int16))


def _open_opus_encoder(bitrate: int, complexity: int) -> "av.AudioCodecContext":
    limit_ffmpeg_threads()
    av = _av()
    codec = av.CodecContext.create("libopus", "w")
    assert isinstance(codec, av.AudioCodecContext)
    codec.sample_rate = SOURCE_RATE
    codec.layout = "mono"
    codec.format = "s16"
    codec.bit_rate = bitrate
    codec.time_base = Fraction(1, SOURCE_RATE)
    codec.options = {
        "application": "voip",
        "frame_duration": "20",
        "compression_level": str(complexity),
    }
    codec.open()
    return codec


@lru_cache(maxsize=1)
def limit_ffmpeg_threads() -> bool:
    """Make FFmpeg count one CPU, so PyAV's per-encoder filter graphs start no worker threads.

    PyAV's ``encode`` re-frames audio through a filter graph whose thread pool defaults to the
    CPU count: without this, every Opus stream holds that many idle native threads (2 per
    stream measured on this 2-core machine; 16 on a 16-core host). This calls
    ``av_cpu_force_count(1)`` in the libavutil that PyAV loaded. It is process-wide and only
    affects FFmpeg's own worker pools, which an audio-only server does not need (aiortc's
    Opus encoder benefits the same way). Runs once; later calls are free.

    Returns:
        Whether the limit could be set (False where the library cannot be found).
    """
    for path in _loaded_libavutil():
        try:
            ctypes.CDLL(str(path)).av_cpu_force_count(ctypes.c_int(1))
        except (OSError, AttributeError):
            continue
        return True
    return False


def _loaded_libavutil() -> list[Path]:
    """libavutil as PyAV loaded it (from /proc/self/maps), else the copies in its wheel."""
    try:
        maps = Path("/proc/self/maps").read_text()
        loaded = {Path(line.split()[-1]) for line in maps.splitlines() if "libavutil" in line}
    except OSError:
        loaded = set()
    package = Path(_av().__file__).parent
    bundled = [*package.parent.glob("av.libs/libavutil*"), *package.glob(".dylibs/libavutil*")]
    return list(dict.fromkeys([*sorted(loaded), *sorted(bundled)]))


@lru_cache(maxsize=16)
def opus_silence_packet(bitrate: int) -> bytes:
    """A steady-state Opus packet of digital silence (a few bytes), for filling gaps."""
    packer = _OpusPacker(bitrate, SOURCE_RATE // 50, OPUS_COMPLEXITY)
    return packer.pack(np.zeros((3, SOURCE_RATE // 50), dtype=np.int16))[-1]


# --- the encoder ------------------------------------------------------------------------------


class FrameEncoder:
    """Streaming encoder for one output stream (see the module docstring).

    Args:
        fmt: the output format.
        resample_quality: soxr quality for rates other than 16 kHz.
        opus_complexity: libopus complexity, 0 (cheapest) to 10 (best).
    """

    def __init__(
        self,
        fmt: OutputFormat,
        resample_quality: str = RESAMPLE_QUALITY,
        opus_complexity: int = OPUS_COMPLEXITY,
    ) -> None:
        if not 0 <= opus_complexity <= 10:
            raise ValueError(f"opus_complexity must be in 0..10, got {opus_complexity}")
        self.format = fmt
        self._quality = resample_quality
        opus = fmt.encoding is Encoding.OPUS
        self._work_frame = fmt.frame_samples_at_16k if opus else fmt.frame_samples
        self._resampler = self._new_resampler()
        self._opus = (
            _OpusPacker(fmt.bitrate, self._work_frame, opus_complexity) if opus else None
        )
        self._pending: Int16Array = np.zeros(0, dtype=np.int16)

    def _new_resampler(self) -> soxr.ResampleStream | None:
        if not self.format.needs_resampling:
            return None
        return soxr.ResampleStream(
            SOURCE_RATE, self.format.sample_rate, 1, dtype="float32", quality=self._quality
        )

    @property
    def buffered_samples(self) -> int:
        """Samples waiting for a whole frame (at the encoder's input rate)."""
        return int(self._pending.size)

    def encode(self, samples16k: npt.ArrayLike) -> list[bytes]:
        """Add 16 kHz float audio; returns the frames that became complete (maybe none)."""
        audio = np.asarray(samples16k, dtype=np.float32).reshape(-1)
        if self._resampler is not None:
            audio = self._resampler.resample_chunk(audio)
        return self._frames(float_to_pcm16(audio))

    def flush(self) -> list[bytes]:
        """Emit everything buffered: resampler tail, last frame padded with silence, and the
        Opus look-ahead. The encoder stays usable."""
        frames: list[bytes] = []
        if self._resampler is not None:
            tail = self._resampler.resample_chunk(np.zeros(0, dtype=np.float32), last=True)
            self._resampler.clear()
            frames += self._frames(float_to_pcm16(tail))
        if self._pending.size:
            padding = np.zeros(self._work_frame - self._pending.size, dtype=np.int16)
            frames += self._frames(padding)
        if self._opus is not None:
            frames += self._opus.drain()
        return frames

    def reset(self) -> None:
        """Drop buffered audio and codec state (cancel); the next audio starts clean."""
        self._pending = np.zeros(0, dtype=np.int16)
        if self._resampler is not None:
            self._resampler.clear()
        if self._opus is not None:
            self._opus.reset()

    def silence_frame(self) -> bytes:
        """One frame of silence in this format (for Opus, an encoded silent packet)."""
        return silence_frame(self.format)

    def _frames(self, pcm: Int16Array) -> list[bytes]:
        if self._pending.size:
            pcm = np.concatenate((self._pending, pcm))
        size = self._work_frame
        whole = pcm.size // size * size
        self._pending = pcm[whole:].copy()
        if whole == 0:
            return []
        block = pcm[:whole].reshape(-1, size)
        if self._opus is not None:
            return self._opus.pack(block)
        if self.format.encoding is Encoding.MULAW:
            return _split(mulaw_encode(block).tobytes(), size)
        return _split(block.astype("<i2", copy=False).tobytes(), 2 * size)


def silence_frame(fmt: OutputFormat) -> bytes:
    """One frame of silence in ``fmt``."""
    if fmt.encoding is Encoding.OPUS:
        return opus_silence_packet(fmt.bitrate)
    if fmt.encoding is Encoding.MULAW:
        return b"\xff" * fmt.frame_samples  # mu-law of 0
    return bytes(2 * fmt.frame_samples)
