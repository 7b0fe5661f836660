"""Output audio formats a client may ask for, validated once when the stream opens.

The model speaks 16 kHz mono. What leaves the server is one of:

========  =============================================  ==========================
encoding  sample rates                                   frame payload
========  =============================================  ==========================
pcm16     8000, 16000, 22050, 24000, 44100, 48000        signed 16-bit little-endian
mulaw     8000                                           G.711 mu-law, 1 byte/sample
opus      48000 (also 8000, 12000, 16000, 24000)         one raw Opus packet
========  =============================================  ==========================

Frames are a whole number of milliseconds (``frame_ms``) that is also a whole number of samples
at the output rate and at 16 kHz. Opus frames are 20 ms, the size WebRTC and RFC 6716
recommend for speech.

For Opus, ``sample_rate`` is the rate the client decodes at and counts timestamps in (48000 for
WebRTC, whose Opus RTP clock is always 48 kHz); the packets themselves do not depend on it,
because Opus packets decode at any of those rates. The encoder is fed the model's 16 kHz audio
directly (no resampling: the source holds nothing above 8 kHz anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SOURCE_RATE = 16_000
"""Sample rate of the audio the model's codec produces."""


class Encoding(StrEnum):
    """How samples are written into frame payloads."""

    PCM16 = "pcm16"
    MULAW = "mulaw"
    OPUS = "opus"


SAMPLE_RATES: dict[Encoding, frozenset[int]] = {
    Encoding.PCM16: frozenset({8000, 16000, 22050, 24000, 44100, 48000}),
    Encoding.MULAW: frozenset({8000}),
    Encoding.OPUS: frozenset({8000, 12000, 16000, 24000, 48000}),
}
"""Output rates accepted for each encoding."""

OPUS_FRAME_MS = 20
MIN_FRAME_MS = 5
MAX_FRAME_MS = 200


@dataclass(frozen=True)
class OutputFormat:
    """Encoding, rate and frame duration of one outgoing audio stream.

    Attributes:
        encoding: payload encoding (a string such as ``"pcm16"`` is accepted and converted).
        sample_rate: samples per second the client plays (see the module docstring for Opus).
        frame_ms: duration of every frame; Opus needs 20.
        bitrate: Opus target bits per second (ignored by the other encodings).

    Raises:
        ValueError: an unknown encoding, or a rate, frame duration or bitrate that the
            encoding does not support.
    """

    encoding: Encoding = Encoding.PCM16
    sample_rate: int = SOURCE_RATE
    frame_ms: int = 20
    bitrate: int = 32_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "encoding", Encoding(self.encoding))
        rates = SAMPLE_RATES[self.encoding]
        if self.sample_rate not in rates:
            raise ValueError(
                f"{self.encoding} supports sample rates {sorted(rates)}, not {self.sample_rate}"
            )
        if not MIN_FRAME_MS <= self.frame_ms <= MAX_FRAME_MS:
            raise ValueError(f"frame_ms must be in {MIN_FRAME_MS}..{MAX_FRAME_MS}")
        if self.sample_rate * self.frame_ms % 1000:
            raise ValueError(f"{self.frame_ms} ms is not a whole number of samples at "
                             f"{self.sample_rate} Hz")  # fmt: skip
        if self.encoding is Encoding.OPUS and self.frame_ms != OPUS_FRAME_MS:
            raise ValueError(f"opus frames are {OPUS_FRAME_MS} ms, not {self.frame_ms}")
        if self.encoding is Encoding.OPUS and not 6_000 <= self.bitrate <= 256_000:
            raise ValueError(f"opus bitrate must be in 6000..256000, not {self.bitrate}")

    @property
    def frame_samples(self) -> int:
        """Samples in one frame at ``sample_rate``."""
        return self.sample_rate * self.frame_ms // 1000

    @property
    def frame_samples_at_16k(self) -> int:
        """Samples of model audio (16 kHz) that one frame carries."""
        return SOURCE_RATE * self.frame_ms // 1000

    @property
    def frame_bytes(self) -> int | None:
        """Payload bytes of one frame; None for Opus, whose packets vary in size."""
        if self.encoding is Encoding.PCM16:
            return 2 * self.frame_samples
        if self.encoding is Encoding.MULAW:
            return self.frame_samples
        return None

    @property
    def needs_resampling(self) -> bool:
        """Whether model audio goes through the resampler (never for Opus, see module doc)."""
        return self.encoding is not Encoding.OPUS and self.sample_rate != SOURCE_RATE
