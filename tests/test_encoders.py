"""Every output format is decoded back and checked for duration and content."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import numpy.typing as npt
import pytest

from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.encoders import (
    FrameEncoder,
    float_to_pcm16,
    mulaw_decode,
    mulaw_encode,
    silence_frame,
)

SR = 16_000


def sine(freq: float = 440.0, seconds: float = 1.0, amp: float = 0.5) -> npt.NDArray[np.float32]:
    t = np.arange(int(SR * seconds)) / SR
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def dominant_hz(samples: npt.NDArray[np.generic], rate: int) -> float:
    x = samples.astype(np.float64)
    spectrum = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return float(np.argmax(spectrum) * rate / x.size)


def encode_in_chunks(
    encoder: FrameEncoder, audio: npt.NDArray[np.float32], sizes: list[int]
) -> list[bytes]:
    frames: list[bytes] = []
    start, i = 0, 0
    while start < audio.size:
        size = sizes[i % len(sizes)]
        frames += encoder.encode(audio[start : start + size])
        start, i = start + size, i + 1
    return frames + encoder.flush()


def pcm(frames: list[bytes]) -> npt.NDArray[np.int16]:
    return np.frombuffer(b"".join(frames), dtype="<i2")


def decode_opus(packets: list[bytes]) -> list[npt.NDArray[np.int16]]:
    """Each packet decoded with PyAV's libopus at 48 kHz mono."""
    decoder = av.CodecContext.create("libopus", "r")
    assert isinstance(decoder, av.AudioCodecContext)
    decoder.sample_rate = 48_000
    decoder.layout = "mono"
    out = []
    for data in packets:
        frames = decoder.decode(av.Packet(data))
        out.append(np.concatenate([f.to_ndarray().reshape(-1) for f in frames]))
    return out


# --- formats --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "rate", "frame_ms"),
    [("pcm16", 16000, 20), ("pcm16", 48000, 10), ("pcm16", 22050, 20), ("mulaw", 8000, 20),
     ("opus", 48000, 20), ("opus", 16000, 20)],
)  # fmt: skip
def test_supported_formats_are_accepted(encoding: str, rate: int, frame_ms: int) -> None:
    fmt = OutputFormat(Encoding(encoding), rate, frame_ms)
    assert fmt.frame_samples == rate * frame_ms // 1000
    assert fmt.frame_samples_at_16k == 16 * frame_ms


@pytest.mark.parametrize(
    ("encoding", "rate", "frame_ms"),
    [("pcm16", 11025, 20), ("mulaw", 16000, 20), ("opus", 48000, 10), ("opus", 44100, 20),
     ("pcm16", 22050, 10), ("pcm16", 16000, 1), ("flac", 16000, 20)],
)  # fmt: skip
def test_unsupported_formats_are_rejected(encoding: str, rate: int, frame_ms: int) -> None:
    with pytest.raises(ValueError):
        OutputFormat(encoding, rate, frame_ms)  # type: ignore[arg-type]


def test_encoding_given_as_a_string_becomes_the_enum() -> None:
    fmt = OutputFormat("mulaw", 8000)  # type: ignore[arg-type]
    assert fmt.encoding is Encoding.MULAW
    assert (fmt.frame_bytes, OutputFormat().frame_bytes) == (160, 640)
    assert OutputFormat(Encoding.OPUS, 48000).frame_bytes is None


# --- sample conversion and G.711 --------------------------------------------------------------


def test_float_to_pcm16_scales_rounds_and_clips() -> None:
    out = float_to_pcm16(np.array([0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, np.nan, 1e-5,
                                   np.inf, -np.inf, np.nan]))  # fmt: skip
    assert out.tolist() == [0, 16384, -16384, 32767, -32767, 32767, -32767, 0, 0,
                            32767, -32767, 0]  # fmt: skip


def test_mulaw_round_trip_stays_within_g711_quantisation_error() -> None:
    samples = np.arange(-32768, 32768, dtype=np.int32)
    decoded = mulaw_decode(mulaw_encode(samples.astype(np.int16))).astype(np.int32)
    assert np.all(np.abs(decoded - samples) <= np.abs(samples) / 16 + 8)
    assert mulaw_encode(np.zeros(1, dtype=np.int16)).tolist() == [0xFF]


def test_mulaw_matches_the_reference_codec_bit_for_bit() -> None:
    audioop = pytest.importorskip("audioop")  # in the standard library until Python 3.13
    samples = np.arange(-32768, 32768, dtype=np.int16)
    reference = audioop.lin2ulaw(samples.astype("<i2").tobytes(), 2)
    assert mulaw_encode(samples).tobytes() == reference
    codes = np.arange(256, dtype=np.uint8)
    assert mulaw_decode(codes).astype("<i2").tobytes() == audioop.ulaw2lin(codes.tobytes(), 2)


# --- PCM and mu-law streams ---------------------------------------------------------------------


def test_pcm16_at_16k_is_the_input_within_one_step() -> None:
    audio = sine(seconds=0.5)
    frames = FrameEncoder(OutputFormat()).encode(audio)
    assert len(frames) == 25 and {len(f) for f in frames} == {640}
    assert np.abs(pcm(frames).astype(np.float64) - audio * 32767).max() <= 0.5


@pytest.mark.parametrize("rate", [8000, 22050, 24000, 44100, 48000])
def test_resampled_pcm16_has_exact_duration_and_keeps_the_tone(rate: int) -> None:
    fmt = OutputFormat(Encoding.PCM16, rate)
    frames = encode_in_chunks(FrameEncoder(fmt), sine(seconds=1.0), [320])
    out = pcm(frames)
    assert len(frames) == 50 and out.size == rate
    assert dominant_hz(out, rate) == pytest.approx(440, abs=1.5)
    middle = out[rate // 4 : -rate // 4].astype(np.float64) / 32767
    assert np.sqrt(np.mean(middle**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)


def test_mulaw_stream_decodes_to_the_tone_at_8k() -> None:
    fmt = OutputFormat(Encoding.MULAW, 8000)
    frames = encode_in_chunks(FrameEncoder(fmt), sine(seconds=1.0), [777])
    assert len(frames) == 50 and {len(f) for f in frames} == {160}
    out = mulaw_decode(np.frombuffer(b"".join(frames), dtype=np.uint8))
    assert dominant_hz(out, 8000) == pytest.approx(440, abs=1.5)


@pytest.mark.parametrize(
    "fmt",
    [OutputFormat(), OutputFormat(Encoding.PCM16, 24000), OutputFormat(Encoding.PCM16, 44100),
     OutputFormat(Encoding.MULAW, 8000), OutputFormat(Encoding.OPUS, 48000)],
    ids=str,
)  # fmt: skip
def test_streaming_in_odd_chunk_sizes_equals_one_shot(fmt: OutputFormat) -> None:
    audio = sine(seconds=0.73) + sine(1234.0, seconds=0.73, amp=0.2)
    one_shot = encode_in_chunks(FrameEncoder(fmt), audio, [audio.size])
    streamed = encode_in_chunks(FrameEncoder(fmt), audio, [1, 319, 17, 1000, 3])
    assert streamed == one_shot


def test_flush_pads_the_last_partial_frame_with_silence() -> None:
    encoder = FrameEncoder(OutputFormat())
    audio = np.full(1000, 0.25, dtype=np.float32)
    assert len(encoder.encode(audio)) == 3 and encoder.buffered_samples == 40
    tail = encoder.flush()
    assert len(tail) == 1 and len(tail[0]) == 640
    last = np.frombuffer(tail[0], dtype="<i2")
    assert np.all(last[:40] == 8192) and not last[40:].any()
    assert encoder.buffered_samples == 0 and encoder.flush() == []


def test_encoder_keeps_working_after_a_flush() -> None:
    encoder = FrameEncoder(OutputFormat(Encoding.PCM16, 24000))
    first = encoder.encode(sine(seconds=0.2)) + encoder.flush()
    second = encoder.encode(sine(seconds=0.2)) + encoder.flush()
    assert len(first) == len(second) == 10
    assert pcm(first).size == pcm(second).size == 4800


def test_reset_drops_buffered_audio() -> None:
    encoder = FrameEncoder(OutputFormat(Encoding.PCM16, 48000))
    encoder.encode(sine(seconds=0.1))
    encoder.reset()
    assert encoder.buffered_samples == 0 and encoder.flush() == []
    assert len(encoder.encode(sine(seconds=0.1)) + encoder.flush()) == 5


def test_silence_frames_decode_to_zeros() -> None:
    assert silence_frame(OutputFormat()) == bytes(640)
    mulaw = silence_frame(OutputFormat(Encoding.MULAW, 8000))
    assert len(mulaw) == 160 and not mulaw_decode(np.frombuffer(mulaw, np.uint8)).any()
    packet = FrameEncoder(OutputFormat(Encoding.OPUS, 48000)).silence_frame()
    assert len(packet) < 16
    decoded = decode_opus([packet] * 3)
    assert [d.size for d in decoded] == [960] * 3 and np.abs(np.concatenate(decoded)).max() <= 2


# --- Opus ---------------------------------------------------------------------------------------


def test_opus_packets_decode_to_20_ms_each_and_keep_the_tone() -> None:
    encoder = FrameEncoder(OutputFormat(Encoding.OPUS, 48000))
    packets = encode_in_chunks(encoder, sine(seconds=1.0), [640])
    decoded = decode_opus(packets)
    assert all(d.size == 960 for d in decoded)
    total = sum(d.size for d in decoded)
    codec_delay = 312  # 6.5 ms at 48 kHz
    assert 48_000 <= total <= 48_000 + 960 + codec_delay
    out = np.concatenate(decoded)
    assert dominant_hz(out[4800:-4800], 48_000) == pytest.approx(440, abs=1.5)


def test_opus_stream_is_valid_for_a_muxer_with_timestamps() -> None:
    """The packets play back in a real Ogg container, so a browser or ffmpeg could use them."""
    import io

    packets = encode_in_chunks(FrameEncoder(OutputFormat(Encoding.OPUS, 48000)), sine(), [320])
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="ogg") as container:
        stream = container.add_stream("libopus", rate=48000)
        assert isinstance(stream, av.AudioStream)
        stream.layout = "mono"
        for i, data in enumerate(packets):
            packet = av.Packet(data)
            packet.stream = stream
            packet.pts = packet.dts = i * 960
            packet.time_base = Fraction(1, 48000)
            container.mux(packet)
    buffer.seek(0)
    with av.open(buffer, "r") as reader:
        samples = sum(frame.samples for frame in reader.decode(audio=0))
    assert abs(samples - 48_000) <= 960 + 312


def test_opus_flush_pushes_out_the_look_ahead_only_after_sound() -> None:
    encoder = FrameEncoder(OutputFormat(Encoding.OPUS, 48000))
    assert len(encoder.encode(sine(seconds=0.2))) == 10
    assert len(encoder.flush()) == 1  # one silent frame carries the last 6.5 ms out
    assert encoder.flush() == []
    assert len(encoder.encode(np.zeros(3200, np.float32))) == 10
    assert encoder.flush() == []


def test_opus_reset_starts_a_fresh_encoder() -> None:
    fmt = OutputFormat(Encoding.OPUS, 48000)
    fresh = FrameEncoder(fmt).encode(sine(seconds=0.1))
    reused = FrameEncoder(fmt)
    reused.encode(sine(660.0, seconds=0.15))
    reused.reset()
    assert reused.encode(sine(seconds=0.1)) == fresh


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts threads through /proc")
def test_opus_encoders_start_no_native_threads() -> None:
    """PyAV re-frames through an FFmpeg filter graph with a thread pool per encoder; the
    encoder limits FFmpeg to one CPU so that hundreds of streams do not hold thousands of
    idle threads."""
    before = len(os.listdir("/proc/self/task"))
    encoders = [FrameEncoder(OutputFormat(Encoding.OPUS, 48000)) for _ in range(8)]
    for encoder in encoders:
        encoder.encode(sine(seconds=0.1))
    assert len(os.listdir("/proc/self/task")) <= before + 1
