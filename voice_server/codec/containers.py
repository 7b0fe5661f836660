"""Streaming audio files for one-shot HTTP responses: 16 kHz float audio in, file bytes out.

Where ``encoders`` cuts audio into fixed frames for paced real-time transports, this module
writes a whole *file* (WAV, raw PCM, mu-law, Ogg/Opus, MP3, FLAC, AAC) whose bytes can be sent
as soon as they exist: ``feed(samples)`` returns the bytes that became final, ``close()`` the
rest. A client that plays the response while it downloads hears audio after the first chunk.

==========  ============================  =======================  =========================
format      container / codec             sample rates             content type
==========  ============================  =======================  =========================
wav         RIFF, PCM16                   8-48 kHz (resampled)     audio/wav
pcm         headerless s16le              8-48 kHz                 audio/pcm
mulaw       headerless G.711 mu-law       8 kHz                    audio/basic
opus        Ogg/Opus (RFC 7845)           decodes at 48 kHz        audio/ogg
mp3         MPEG audio (libmp3lame)       8-48 kHz                 audio/mpeg
flac        native FLAC                   8-48 kHz                 audio/flac
aac         ADTS AAC                      8-48 kHz                 audio/aac
==========  ============================  =======================  =========================

Theory of operation:

* Resampling from the model's 16 kHz is one streaming soxr resampler per response; its filter
  tail is drained by ``close``. Opus takes 16 kHz directly (libopus codes it natively and every
  decoder outputs 48 kHz), mu-law is always 8 kHz (telephony).
* A streaming WAV cannot know its length, so both RIFF sizes are 0xFFFFFFFF ("read to the end"),
  which ffmpeg, browsers, Python's ``wave`` and sox accept.
* The compressed formats go through PyAV (libavformat) writing into an in-memory sink with
  ``flush_packets``, so every muxed packet reaches ``feed``'s return value at once. Ogg gathers
  packets into pages of up to ``OGG_PAGE_MS``: small pages cost bytes (27+ per page), big ones
  delay the tail of each chunk. The muxers cannot seek back, so length fields that only a
  seekable file could fix up (MP3's Xing frame, FLAC's total-samples field) are omitted or left
  "unknown", as for any live stream.

The CPU cost is small next to synthesis (mp3 or opus: about 1 ms per second of audio) and runs
on the event loop, in the handler that owns the response.
"""

from __future__ import annotations

import struct
from typing import Protocol

import numpy as np
import numpy.typing as npt
import soxr  # type: ignore[import-untyped]

from voice_server.codec.audio_format import SOURCE_RATE
from voice_server.codec.encoders import RESAMPLE_QUALITY, float_to_pcm16, mulaw_encode

FloatArray = npt.NDArray[np.floating]

FORMATS = ("wav", "pcm", "mulaw", "opus", "mp3", "flac", "aac")
CONTENT_TYPES = {
    "wav": "audio/wav",
    "pcm": "audio/pcm",
    "mulaw": "audio/basic",
    "opus": "audio/ogg",
    "mp3": "audio/mpeg",
    "flac": "audio/flac",
    "aac": "audio/aac",
}
RATES = (8000, 16000, 22050, 24000, 44100, 48000)
"""Output rates offered for the resampled formats (all of them also valid for mp3/aac/flac)."""

FIXED_RATES = {"mulaw": 8000, "opus": 48000}
"""Formats whose rate is not selectable (opus: the rate the client decodes at)."""

BITRATES = {"opus": 32_000, "mp3": 64_000, "aac": 64_000}
OGG_PAGE_MS = 100
AV_CODECS = {"opus": ("ogg", "libopus"), "mp3": ("mp3", "libmp3lame"),
             "flac": ("flac", "flac"), "aac": ("adts", "aac")}


class ContainerWriter(Protocol):
    """One response's encoder: feed audio as it is made, send what comes back, then close."""

    content_type: str
    sample_rate: int

    def feed(self, samples: FloatArray) -> bytes:
        """Bytes made final by ``samples`` (float32 16 kHz); may be empty."""

    def close(self) -> bytes:
        """The remaining bytes; the writer is finished afterwards (idempotent)."""


def check_rate(fmt: str, sample_rate: int) -> None:
    """Raises ValueError when ``fmt`` cannot be written at ``sample_rate``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    fixed = FIXED_RATES.get(fmt)
    if fixed is not None and sample_rate != fixed:
        raise ValueError(f"{fmt} is always {fixed} Hz")
    if fixed is None and sample_rate not in RATES:
        raise ValueError(f"sample_rate must be one of {', '.join(map(str, RATES))}")


def open_writer(fmt: str, sample_rate: int, bitrate: int | None = None) -> ContainerWriter:
    """A fresh writer for ``fmt`` at ``sample_rate`` (see the module table).

    Raises:
        ValueError: unknown format or unsupported rate (``check_rate``).
    """
    check_rate(fmt, sample_rate)
    if fmt == "pcm":
        return RawWriter(sample_rate)
    if fmt == "wav":
        return WavWriter(sample_rate)
    if fmt == "mulaw":
        return MulawWriter()
    return AvWriter(fmt, sample_rate, bitrate or BITRATES.get(fmt))


class _Resampler:
    """Streaming 16 kHz -> ``rate`` conversion (identity at 16 kHz)."""

    def __init__(self, rate: int) -> None:
        self._stream = (
            None if rate == SOURCE_RATE
            else soxr.ResampleStream(SOURCE_RATE, rate, 1, dtype="float32",
                                     quality=RESAMPLE_QUALITY)
        )

    def feed(self, samples: FloatArray) -> FloatArray:
        x = np.ascontiguousarray(samples, dtype=np.float32).reshape(-1)
        if self._stream is None:
            return x
        out: FloatArray = self._stream.resample_chunk(x)
        return out

    def flush(self) -> FloatArray:
        if self._stream is None:
            return np.zeros(0, np.float32)
        out: FloatArray = self._stream.resample_chunk(np.zeros(0, np.float32), last=True)
        return out


class RawWriter:
    """Headerless signed 16-bit little-endian mono."""

    content_type = CONTENT_TYPES["pcm"]

    def __init__(self, sample_rate: int) -> None:
        self.sample_rate = sample_rate
        self._resampler = _Resampler(sample_rate)
        self._closed = False

    def _pack(self, samples: FloatArray) -> bytes:
        return float_to_pcm16(samples).astype("<i2", copy=False).tobytes()

    def feed(self, samples: FloatArray) -> bytes:
        return self._pack(self._resampler.feed(samples))

    def close(self) -> bytes:
        if self._closed:
            return b""
        self._closed = True
        return self._pack(self._resampler.flush())


def wav_header(sample_rate: int, bits: int = 16, data_bytes: int = 0xFFFFFFFF) -> bytes:
    """A 44-byte PCM WAV header; the default sizes mean "unknown, read to the end"."""
    riff_size = 0xFFFFFFFF if data_bytes == 0xFFFFFFFF else 36 + data_bytes
    block = bits // 8
    return (
        b"RIFF" + struct.pack("<I", riff_size) + b"WAVE"
        + b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, sample_rate, sample_rate * block,
                                block, bits)
        + b"data" + struct.pack("<I", data_bytes)
    )  # fmt: skip


class WavWriter(RawWriter):
    """PCM16 WAV with streaming sizes; the header leaves with the first audio."""

    content_type = CONTENT_TYPES["wav"]

    def __init__(self, sample_rate: int) -> None:
        super().__init__(sample_rate)
        self._header: bytes = wav_header(sample_rate)

    def _pack(self, samples: FloatArray) -> bytes:
        header, self._header = self._header, b""
        return header + super()._pack(samples)


class MulawWriter(RawWriter):
    """Headerless G.711 mu-law at 8 kHz (one byte per sample)."""

    content_type = CONTENT_TYPES["mulaw"]

    def __init__(self) -> None:
        super().__init__(FIXED_RATES["mulaw"])

    def _pack(self, samples: FloatArray) -> bytes:
        return mulaw_encode(float_to_pcm16(samples)).tobytes()


class _ByteSink:
    """The file object PyAV writes to: collects bytes until they are taken. No ``seek``,
    so libavformat treats the output as a live stream."""

    def __init__(self) -> None:
        self._chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data


class AvWriter:
    """Compressed formats through PyAV (see the module docstring)."""

    def __init__(self, fmt: str, sample_rate: int, bitrate: int | None) -> None:
        container_format, codec = AV_CODECS[fmt]
        self.content_type = CONTENT_TYPES[fmt]
        self.sample_rate = sample_rate
        # Opus is fed the model's own rate; the rest are resampled to what the client asked.
        self._encode_rate = SOURCE_RATE if fmt == "opus" else sample_rate
        self._resampler = _Resampler(self._encode_rate)
        self._sink = _ByteSink()
        options = {"page_duration": str(OGG_PAGE_MS * 1000)} if fmt == "opus" else {}
        if fmt == "mp3":
            options = {"write_xing": "0"}
        import av

        self._container = av.open(self._sink, mode="w", format=container_format,
                                  options=options, container_options={"flush_packets": "1"})
        stream = self._container.add_stream(codec, rate=self._encode_rate, layout="mono")
        assert isinstance(stream, av.AudioStream)
        self._stream = stream
        if bitrate is not None:
            self._stream.bit_rate = bitrate
        self._closed = False

    def _encode(self, samples: FloatArray | None) -> None:
        if samples is not None and samples.size == 0:
            return
        frame = None
        if samples is not None:
            import av

            pcm = float_to_pcm16(samples).reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
            frame.sample_rate = self._encode_rate
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def feed(self, samples: FloatArray) -> bytes:
        if self._closed:
            raise ValueError("writer is closed")
        self._encode(self._resampler.feed(samples))
        return self._sink.take()

    def close(self) -> bytes:
        if self._closed:
            return b""
        self._closed = True
        try:
            self._encode(self._resampler.flush())
            self._encode(None)
        finally:
            self._container.close()
        return self._sink.take()
