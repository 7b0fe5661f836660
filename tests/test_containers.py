"""Streaming container writers: every format decodes back (PyAV) to the right length and pitch,
and the bytes come out while the audio is being fed, not only at the end."""

from __future__ import annotations

import io
import struct
import wave

import av
import numpy as np
import numpy.typing as npt
import pytest

from voice_server.codec.containers import (
    CONTENT_TYPES,
    FORMATS,
    check_rate,
    open_writer,
    wav_header,
)

SOURCE_RATE = 16_000
TONE_HZ = 440.0
SECONDS = 2.0


def tone(seconds: float = SECONDS, hz: float = TONE_HZ) -> npt.NDArray[np.float32]:
    t = np.arange(int(seconds * SOURCE_RATE)) / SOURCE_RATE
    return (0.5 * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def write(fmt: str, rate: int, samples: npt.NDArray[np.float32], chunk: int = 3200) -> list[bytes]:
    writer = open_writer(fmt, rate)
    parts = [writer.feed(samples[i:i + chunk]) for i in range(0, samples.size, chunk)]
    parts.append(writer.close())
    return parts


def decode(fmt: str, rate: int, data: bytes) -> tuple[npt.NDArray[np.float64], int]:
    """Decode with libav; headerless formats need their rate and layout spelled out."""
    raw = {"pcm": "s16le", "mulaw": "mulaw"}
    if fmt in raw:
        container = av.open(io.BytesIO(data), "r", format=raw[fmt],
                            options={"sample_rate": str(rate), "ch_layout": "mono"})
    else:
        container = av.open(io.BytesIO(data), "r")
    with container:
        frames = [f.to_ndarray().astype(np.float64) for f in container.decode(audio=0)]
        decoded_rate = container.streams.audio[0].sample_rate
    samples = np.concatenate(frames, axis=1)[0]
    if np.issubdtype(frames[0].dtype, np.integer) or np.abs(samples).max() > 2:
        samples = samples / 32768.0
    return samples, decoded_rate


def peak_hz(samples: npt.NDArray[np.float64], rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.argmax(spectrum) * rate / samples.size)


CASES = [("wav", 16000), ("wav", 24000), ("pcm", 24000), ("pcm", 8000), ("mulaw", 8000),
         ("opus", 48000), ("mp3", 24000), ("mp3", 16000), ("flac", 16000), ("flac", 44100),
         ("aac", 24000)]

# Codec delay and frame padding: mp3 adds up to two 1152-sample frames, AAC one 1024 frame.
TOLERANCE_S = {"mp3": 0.1, "aac": 0.1}


@pytest.mark.parametrize(("fmt", "rate"), CASES)
def test_each_format_decodes_back_to_the_same_duration_and_pitch(fmt: str, rate: int) -> None:
    data = b"".join(write(fmt, rate, tone()))
    samples, decoded_rate = decode(fmt, rate, data)
    assert decoded_rate == rate
    assert samples.size / decoded_rate == pytest.approx(SECONDS, abs=TOLERANCE_S.get(fmt, 0.002))
    assert peak_hz(samples, decoded_rate) == pytest.approx(TONE_HZ, abs=2.0)
    assert np.abs(samples).max() == pytest.approx(0.5, abs=0.08)


@pytest.mark.parametrize("fmt", FORMATS)
def test_bytes_leave_while_audio_is_fed_not_only_at_close(fmt: str) -> None:
    rate = {"mulaw": 8000, "opus": 48000}.get(fmt, 24000)
    parts = write(fmt, rate, tone(), chunk=4000)  # 250 ms chunks
    fed = parts[:-1]
    assert sum(map(len, fed[:2])) > 0, "nothing came out of the first 0.5 s"
    assert sum(map(len, fed)) > 0.7 * sum(map(len, parts))


def test_streaming_wav_header_says_read_to_the_end_and_python_wave_reads_it() -> None:
    data = b"".join(write("wav", 24000, tone(1.0)))
    assert data[4:8] == b"\xff\xff\xff\xff"
    assert data[40:44] == b"\xff\xff\xff\xff"
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (24000, 1, 2)
        assert len(wav.readframes(10**9)) == 2 * 24000


def test_a_wav_header_with_a_known_size_counts_the_riff_chunk() -> None:
    header = wav_header(16000, data_bytes=1000)
    assert len(header) == 44
    assert struct.unpack("<I", header[4:8])[0] == 1036
    assert struct.unpack("<I", header[40:44])[0] == 1000


def test_the_raw_pcm_length_is_exact_at_the_native_rate() -> None:
    samples = tone(0.5)
    assert len(b"".join(write("pcm", 16000, samples, chunk=777))) == 2 * samples.size


def test_feeding_in_odd_chunks_gives_the_same_audio_as_one_chunk() -> None:
    samples = tone(1.0)
    one = b"".join(write("pcm", 24000, samples, chunk=samples.size))
    many = b"".join(write("pcm", 24000, samples, chunk=333))
    a = np.frombuffer(one, "<i2").astype(np.int32)
    b = np.frombuffer(many, "<i2").astype(np.int32)
    assert a.size == b.size
    assert np.abs(a - b).max() <= 2  # resampler state carries over chunk edges


def test_close_is_idempotent_and_silence_is_a_valid_file() -> None:
    writer = open_writer("opus", 48000)
    data = writer.feed(np.zeros(1600, np.float32)) + writer.close()
    assert writer.close() == b""
    samples, rate = decode("opus", 48000, data)
    assert rate == 48000
    assert np.abs(samples).max() < 0.01


@pytest.mark.parametrize(("fmt", "rate"), [("mulaw", 16000), ("opus", 24000), ("pcm", 11025),
                                           ("ogg", 16000)])
def test_unsupported_rates_and_formats_are_refused(fmt: str, rate: int) -> None:
    with pytest.raises(ValueError):
        check_rate(fmt, rate)
    with pytest.raises(ValueError):
        open_writer(fmt, rate)


def test_every_format_has_the_content_type_clients_key_on() -> None:
    assert CONTENT_TYPES["mp3"] == "audio/mpeg"
    assert CONTENT_TYPES["pcm"] == "audio/pcm"
    assert CONTENT_TYPES["opus"] == "audio/ogg"
    for fmt in FORMATS:
        rate = {"mulaw": 8000, "opus": 48000}.get(fmt, 24000)
        writer = open_writer(fmt, rate)
        assert writer.content_type == CONTENT_TYPES[fmt]
        writer.close()
