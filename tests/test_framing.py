"""The binary audio frame header: exact layout, round trips and every rejection."""

from __future__ import annotations

import struct

import pytest

from protocol import (
    HEADER_SIZE,
    AudioFrame,
    Encoding,
    ErrorCode,
    InvalidFrame,
    frame_samples,
    pack_frame,
    pack_header,
    unpack_frame,
)


def test_the_header_layout_matches_the_documented_example() -> None:
    # PROTOCOL.md 7.3: third 20 ms pcm16 frame at 16 kHz of stream 1.
    header = pack_header(stream_id=1, sequence=2, timestamp=640, encoding=Encoding.PCM16)
    assert header.hex(" ") == "01 10 01 00 00 00 00 01 00 00 00 02 00 00 02 80"
    assert len(header) == HEADER_SIZE == 16


@pytest.mark.parametrize(("encoding", "code"), [(Encoding.PCM16, 1), (Encoding.MULAW, 2),
                                                (Encoding.OPUS, 3)])  # fmt: skip
def test_each_encoding_has_its_documented_code(encoding: Encoding, code: int) -> None:
    assert pack_header(7, 0, 0, encoding)[2] == code


@pytest.mark.parametrize("frame", [
    AudioFrame(1, 0, 0, Encoding.PCM16, b"\x01\x00" * 320),
    AudioFrame(2**32 - 1, 2**32 - 1, 2**32 - 1, Encoding.MULAW, b"\xff" * 160),
    AudioFrame(3, 41, 41 * 960, Encoding.OPUS, b"\xf8\xff\xfe", flags=0),
])  # fmt: skip
def test_a_packed_frame_unpacks_to_an_equal_frame(frame: AudioFrame) -> None:
    data = pack_frame(frame)
    assert len(data) == HEADER_SIZE + len(frame.payload)
    assert unpack_frame(data) == frame
    assert unpack_frame(bytearray(data)) == frame
    assert unpack_frame(memoryview(data)) == frame


def test_counters_wrap_modulo_two_to_the_32() -> None:
    frame = unpack_frame(pack_header(5, 2**32 + 3, 2**33 + 7, Encoding.PCM16) + b"\0\0")
    assert (frame.sequence, frame.timestamp) == (3, 7)


def test_a_longer_header_is_skipped_so_later_revisions_can_add_fields() -> None:
    header = struct.pack(">BBBBIII", 1, 20, 1, 0, 9, 1, 320) + b"EXT!"
    frame = unpack_frame(header + b"\x10\x00")
    assert (frame.stream_id, frame.payload) == (9, b"\x10\x00")


def test_unknown_flags_are_kept_and_otherwise_ignored() -> None:
    data = bytearray(pack_header(1, 0, 0, Encoding.MULAW) + b"\x7f")
    data[3] = 0xA5
    assert unpack_frame(bytes(data)).flags == 0xA5


def _header(version: int = 1, length: int = 16, code: int = 1, stream: int = 1) -> bytes:
    return struct.pack(">BBBBIII", version, length, code, 0, stream, 0, 0)


@pytest.mark.parametrize(("data", "why"), [
    (b"", "empty"),
    (_header()[:15], "truncated header"),
    (_header(), "header without payload"),
    (_header(version=2) + b"\0\0", "another frame version"),
    (_header(version=0) + b"\0\0", "version zero"),
    (_header(length=15) + b"\0\0", "header length below 16"),
    (_header(length=40) + b"\0\0", "header length past the end"),
    (_header(code=0) + b"\0\0", "encoding code 0"),
    (_header(code=4) + b"\0\0", "unknown encoding code"),
    (_header(stream=0) + b"\0\0", "stream id 0"),
    (_header(code=1) + b"\0", "odd-length pcm16"),
    (_header(code=3, length=18) + b"\0\0", "payload consumed by the header"),
])  # fmt: skip
def test_an_invalid_frame_raises_invalid_frame(data: bytes, why: str) -> None:
    with pytest.raises(InvalidFrame) as caught:
        unpack_frame(data)
    assert caught.value.code is ErrorCode.INVALID_FRAME, why


@pytest.mark.parametrize("args", [
    (0, 0, 0, Encoding.PCM16), (2**32, 0, 0, Encoding.PCM16), (1, -1, 0, Encoding.PCM16),
    (1, 0, -1, Encoding.PCM16), (1, 0, 0, "flac"),
])  # fmt: skip
def test_pack_header_refuses_values_the_header_cannot_carry(args: tuple[object, ...]) -> None:
    with pytest.raises(InvalidFrame):
        pack_header(*args)  # type: ignore[arg-type]


def test_a_frame_object_cannot_be_built_with_an_empty_payload() -> None:
    with pytest.raises(InvalidFrame):
        AudioFrame(1, 0, 0, Encoding.OPUS, b"")


def test_frame_samples_come_from_the_payload_or_the_opus_frame_size() -> None:
    assert frame_samples(AudioFrame(1, 0, 0, Encoding.PCM16, b"\0" * 640), 960) == 320
    assert frame_samples(AudioFrame(1, 0, 0, Encoding.MULAW, b"\0" * 160), 960) == 160
    assert frame_samples(AudioFrame(1, 0, 0, Encoding.OPUS, b"\xfc"), 960) == 960
