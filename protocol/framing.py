"""Binary audio frames on the WebSocket: a 16-byte header, then one frame of encoded audio.

Layout (all header integers big-endian, "network order", as in RTP)::

    offset  size  field
    0       1     version        1
    1       1     header_length  16 in version 1; the payload starts at this offset
    2       1     encoding       1 = pcm16, 2 = mulaw, 3 = opus
    3       1     flags          reserved: sent as 0, ignored on receipt
    4       4     stream_id      the context's number, from its ``opened`` event
    8       4     sequence       frame number within the context, from 0, modulo 2**32
    12      4     timestamp      first sample's index within the context, counted at the
                                 output sample rate, modulo 2**32
    16      ...   payload        pcm16: s16 little-endian samples; mulaw: G.711 bytes;
                                 opus: exactly one raw Opus packet (20 ms)

Why this shape (PROTOCOL.md section "Audio frames" gives the full argument):

* ``stream_id`` instead of the ``context_id`` string: fixed size, no text decoding per frame,
  and numbers are never reused within a session, so a stray frame of a cancelled context can
  never be taken for audio of a newer context that reused its id.
* ``sequence`` finds a missing, repeated or reordered frame without decoding anything;
  ``timestamp`` places the frame on the context's timeline (Opus packets do not state their
  duration without parsing the TOC byte) and lines up with the ``offset_ms`` of segment events.
* ``header_length`` lets a later minor revision append header fields that version-1 readers
  skip; ``version`` changes only for layouts old readers cannot read.
* 16 bytes keep the payload 4-byte aligned and cost 0.8 kB/s at 20 ms frames.

Everything here is pure; ``unpack_frame`` raises ``InvalidFrame`` for any bytes that are not a
valid frame, and nothing else.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Final

from protocol.errors import InvalidFrame
from protocol.messages import Encoding

__all__ = [
    "ENCODING_CODES", "FRAME_VERSION", "HEADER_SIZE", "AudioFrame", "frame_samples",
    "pack_frame", "pack_header", "unpack_frame",
]  # fmt: skip

FRAME_VERSION: Final = 1
HEADER_SIZE: Final = 16
"""Header length written by version 1; readers accept any ``header_length`` >= this."""

ENCODING_CODES: Final = {Encoding.PCM16: 1, Encoding.MULAW: 2, Encoding.OPUS: 3}
_ENCODINGS: Final = {code: encoding for encoding, code in ENCODING_CODES.items()}

_HEADER = struct.Struct(">BBBBIII")
_U32 = 0xFFFFFFFF


@dataclass(frozen=True)
class AudioFrame:
    """One unpacked audio frame.

    Attributes:
        stream_id: the context's number (``opened.stream_id``), 1 to 2**32-1.
        sequence: frame number within the context, as sent (modulo 2**32).
        timestamp: first sample's index within the context at the output rate (modulo 2**32).
        encoding: the payload's encoding.
        payload: the encoded audio, never empty.
        flags: the reserved flags byte as received (0 from version-1 servers).
    """

    stream_id: int
    sequence: int
    timestamp: int
    encoding: Encoding
    payload: bytes
    flags: int = 0

    def __post_init__(self) -> None:
        if not 1 <= self.stream_id <= _U32:
            raise InvalidFrame(f"stream_id must be in 1..{_U32}, got {self.stream_id}")
        if not (0 <= self.sequence <= _U32 and 0 <= self.timestamp <= _U32):
            raise InvalidFrame("sequence and timestamp are 32-bit unsigned")
        if not 0 <= self.flags <= 0xFF:
            raise InvalidFrame("flags is one byte")
        if self.encoding not in ENCODING_CODES:
            raise InvalidFrame(f"unknown encoding {self.encoding!r}")
        if not self.payload:
            raise InvalidFrame("a frame carries audio; the payload is empty")
        if self.encoding is Encoding.PCM16 and len(self.payload) % 2:
            raise InvalidFrame("a pcm16 payload has an even number of bytes")


def pack_header(stream_id: int, sequence: int, timestamp: int, encoding: Encoding,
                flags: int = 0) -> bytes:  # fmt: skip
    """The 16-byte header; ``sequence`` and ``timestamp`` are any counts, wrapped to 32 bits.

    Servers send ``pack_header(...) + payload`` without building an ``AudioFrame``.

    Raises:
        InvalidFrame: a stream id outside 1..2**32-1, a negative count, or a bad encoding.
    """
    if not 1 <= stream_id <= _U32 or sequence < 0 or timestamp < 0 or not 0 <= flags <= 0xFF:
        raise InvalidFrame("stream_id is 1..2**32-1; sequence and timestamp are >= 0")
    code = ENCODING_CODES.get(encoding)
    if code is None:
        raise InvalidFrame(f"unknown encoding {encoding!r}")
    return _HEADER.pack(FRAME_VERSION, HEADER_SIZE, code, flags, stream_id,
                        sequence & _U32, timestamp & _U32)  # fmt: skip


def pack_frame(frame: AudioFrame) -> bytes:
    """Header and payload of ``frame`` as one binary WebSocket message."""
    header = pack_header(frame.stream_id, frame.sequence, frame.timestamp, frame.encoding,
                         frame.flags)  # fmt: skip
    return header + frame.payload


def unpack_frame(data: bytes | bytearray | memoryview) -> AudioFrame:
    """Read one binary message.

    Raises:
        InvalidFrame: shorter than its header, another version, a header length below 16,
            an unknown encoding, stream id 0, an empty or odd-length (pcm16) payload.
    """
    raw = bytes(data)
    if len(raw) < HEADER_SIZE:
        raise InvalidFrame(f"{len(raw)} bytes is shorter than the {HEADER_SIZE}-byte header")
    version, header_length, code, flags, stream_id, sequence, timestamp = _HEADER.unpack_from(
        raw
    )
    if version != FRAME_VERSION:
        raise InvalidFrame(f"frame version {version}; this reader knows {FRAME_VERSION}")
    if header_length < HEADER_SIZE or header_length > len(raw):
        raise InvalidFrame(f"header_length {header_length} is outside {HEADER_SIZE}..{len(raw)}")
    encoding = _ENCODINGS.get(code)
    if encoding is None:
        raise InvalidFrame(f"unknown encoding code {code}")
    return AudioFrame(stream_id, sequence, timestamp, encoding, raw[header_length:], flags)


def frame_samples(frame: AudioFrame, opus_frame_samples: int) -> int:
    """Samples in ``frame`` at the output rate.

    Args:
        frame: the frame.
        opus_frame_samples: samples per Opus frame (``ready.format.frame_samples``, 960 at
            48 kHz); the payload alone does not say it without parsing Opus.
    """
    if frame.encoding is Encoding.PCM16:
        return len(frame.payload) // 2
    if frame.encoding is Encoding.MULAW:
        return len(frame.payload)
    return opus_frame_samples
