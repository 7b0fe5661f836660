"""The WebRTC client's pure accounting: the speech span and the late-frame listener model."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from voice_server.webrtc_client import ReceivedFrame, late_frames, speech_span

FRAME = 960


def cancelled_report(frames: int) -> SimpleNamespace:
    """The report fields ``_account_audio`` fills, for a cancel acknowledged after ``frames``."""
    return SimpleNamespace(cancel_ack=SimpleNamespace(frames=frames), frames_after_ack=None,
                           samples_after_ack=None, first_audio_at=None, frames=0, samples=0,
                           late_frames=0, stall_s=0.0)


def frame(index: int, arrival: float, loud: bool = True) -> ReceivedFrame:
    """A 1.2 kHz square wave at -21 dBFS, or digital silence."""
    samples = np.where(np.arange(FRAME) // 20 % 2 == 0, 3000, -3000).astype(np.int16)
    return ReceivedFrame(index * FRAME, arrival, samples if loud else samples * 0)


def test_the_speech_span_runs_from_the_first_to_the_last_audible_frame() -> None:
    frames = [frame(i, i * 0.02, loud=i in (3, 5, 7)) for i in range(10)]
    assert [f.pts // FRAME for f in speech_span(frames)] == [3, 4, 5, 6, 7]
    assert speech_span([frame(0, 0.0, loud=False)]) == []


def test_a_few_lsbs_of_decoded_silence_are_not_audible() -> None:
    quiet = ReceivedFrame(0, 0.0, np.full(FRAME, 40, dtype=np.int16))
    assert not quiet.audible and frame(0, 0.0).audible


def test_a_slow_drift_back_to_zero_is_not_audible_however_far_from_zero() -> None:
    # What libopus decodes after loud noise stops: the output settles over several frames.
    drift = ReceivedFrame(0, 0.0, np.linspace(-132, -92, FRAME).astype(np.int16))
    assert not drift.audible
    buzz = ReceivedFrame(0, 0.0, (np.arange(FRAME) % 2 * 140 - 200).astype(np.int16))
    assert buzz.audible  # a tone around an offset still is


def test_frames_on_the_media_clock_are_never_late_despite_small_jitter() -> None:
    jitter = [0.0, 0.004, -0.003, 0.015, 0.0, -0.01]
    frames = [frame(i, 10.0 + i * 0.02 + j) for i, j in enumerate(jitter * 20)]
    assert late_frames(frames) == (0, 0.0)


def test_a_stall_counts_one_late_frame_and_the_silence_heard() -> None:
    arrivals = [i * 0.02 for i in range(10)] + [0.2 + 0.1 + i * 0.02 for i in range(10)]
    frames = [frame(i, at) for i, at in enumerate(arrivals)]
    late, stalled = late_frames(frames)
    # frame 10 was due to play at 0.02 + 0.2, arrived at 0.3 and plays 20 ms later, at 0.32:
    # 100 ms of silence heard; the frames after it are on time again
    assert late == 1
    assert abs(stalled - 0.1) < 1e-9


def test_silence_the_server_filled_in_does_not_push_context_audio_past_the_cancel() -> None:
    from voice_server.webrtc_client import _context_end

    # 4 context frames, a 3-frame stall filled with silence, 2 more context frames, then one
    # audible frame that the cancel should have stopped.
    loud = [True] * 4 + [False] * 3 + [True] * 2 + [True]
    span = [frame(i, i * 0.02, loud=is_loud) for i, is_loud in enumerate(loud)]
    cut = _context_end(span, 6)
    assert cut == 9
    assert [f for f in span[cut:] if f.audible] == [span[9]]
    assert _context_end(span, 50) == len(span)


def test_the_codec_spill_into_a_filled_in_silent_frame_is_not_a_context_frame() -> None:
    from voice_server.webrtc_client import SPILL_SAMPLES, _context_end

    # 3 context frames, a stall whose first silent frame decodes with 6.5 ms of the speech
    # before it (Opus look-ahead), 3 more context frames: the context ends at index 7.
    spill = np.zeros(FRAME, dtype=np.int16)
    spill[: SPILL_SAMPLES // 2] = 2000
    span = [frame(i, i * 0.02) for i in range(3)]
    span.append(ReceivedFrame(3 * FRAME, 0.06, spill))
    span += [frame(i, i * 0.02) for i in range(4, 7)]
    assert span[3].audible and span[3].spill and not span[2].spill
    assert _context_end(span, 6) == 7
    assert [f for f in span[_context_end(span, 6):] if f.audible] == []


def test_a_spill_after_the_last_context_frame_is_not_audio_after_the_ack() -> None:
    from voice_server.webrtc_client import SPILL_SAMPLES, _account_audio

    # Seen on a loaded machine: the context's 4 frames, then the first silent frame decodes
    # with a faint look-ahead spill (peak 69) at its start.
    spill = np.zeros(FRAME, dtype=np.int16)
    spill[: SPILL_SAMPLES // 4] = 69
    frames = [frame(i, i * 0.02) for i in range(4)] + [ReceivedFrame(4 * FRAME, 0.08, spill)]
    report = cancelled_report(frames=2)
    _account_audio(frames, report)
    assert report.frames_after_ack == 0


def opus_round_trip(chunks: list[np.ndarray]) -> list[ReceivedFrame]:
    """20 ms int16 frames through libopus and back, as a WebRTC call carries them."""
    import fractions

    import av

    encoder = av.CodecContext.create("libopus", "w")
    encoder.sample_rate, encoder.layout, encoder.format = 48_000, "mono", "s16"
    encoder.time_base = fractions.Fraction(1, 48_000)
    encoder.open()
    decoder = av.CodecContext.create("opus", "r")
    decoder.sample_rate, decoder.layout = 48_000, "mono"
    decoder.open()
    decoded = []
    for index, chunk in enumerate(chunks):
        frame_in = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame_in.sample_rate, frame_in.pts = 48_000, index * FRAME
        for packet in encoder.encode(frame_in):
            for out in decoder.decode(packet):
                decoded.append(out.to_ndarray().reshape(-1))
    pcm = np.concatenate(decoded)
    if pcm.dtype != np.int16:  # float planar from the decoder
        pcm = (np.clip(pcm, -1.0, 1.0) * 32767).astype(np.int16)
    return [ReceivedFrame(i * FRAME, i * 0.02, pcm[i * FRAME:(i + 1) * FRAME])
            for i in range(pcm.size // FRAME)]


def test_opus_ringing_after_loud_audio_stops_is_not_audio_after_the_ack() -> None:
    from voice_server.webrtc_client import _account_audio, spill_flags

    # Ten frames of loud noise (what a random-weight model speaks), then silence: libopus's
    # decoder rings on over whole frames that are audible by peak alone.
    noise = np.random.default_rng(0).standard_normal((10, FRAME)) * 12_000
    chunks = [c.clip(-32767, 32767).astype(np.int16) for c in noise]
    frames = opus_round_trip(chunks + [np.zeros(FRAME, dtype=np.int16)] * 5)
    span = speech_span(frames)
    tail = [f for f, spill in zip(span, spill_flags(span), strict=True)
            if f.pts >= 11 * FRAME and f.audible and not spill]
    from voice_server.webrtc_client import AUDIBLE

    ringing = [f for f in frames if f.pts >= 11 * FRAME]
    assert ringing[0].audible  # the first frame after the noise rings over all of it,
    assert any(int(np.abs(f.samples.astype(np.int32)).max()) > AUDIBLE for f in ringing[1:])
    assert tail == []  # and the drift after it peaks over AUDIBLE: neither is the server's
    report = cancelled_report(frames=10)
    _account_audio(frames, report)
    assert report.frames_after_ack == 0


def test_a_loud_frame_after_the_ringing_still_counts_as_audio_after_the_ack() -> None:
    from voice_server.webrtc_client import _account_audio

    noise = np.random.default_rng(1).standard_normal((14, FRAME)) * 6_000
    chunks = [c.clip(-32767, 32767).astype(np.int16) for c in noise]
    silence = [np.zeros(FRAME, dtype=np.int16)] * 4
    # 10 context frames, 4 silent, then 4 frames the cancel should have stopped.
    frames = opus_round_trip(chunks[:10] + silence + chunks[10:] + silence)
    report = cancelled_report(frames=10)
    _account_audio(frames, report)
    assert report.frames_after_ack is not None and report.frames_after_ack >= 3
