"""The WebRTC client's pure accounting: the speech span and the late-frame listener model."""

from __future__ import annotations

import numpy as np

from voice_server.webrtc_client import ReceivedFrame, late_frames, speech_span

FRAME = 960


def frame(index: int, arrival: float, loud: bool = True) -> ReceivedFrame:
    samples = np.full(FRAME, 3000 if loud else 0, dtype=np.int16)
    return ReceivedFrame(index * FRAME, arrival, samples)


def test_the_speech_span_runs_from_the_first_to_the_last_audible_frame() -> None:
    frames = [frame(i, i * 0.02, loud=i in (3, 5, 7)) for i in range(10)]
    assert [f.pts // FRAME for f in speech_span(frames)] == [3, 4, 5, 6, 7]
    assert speech_span([frame(0, 0.0, loud=False)]) == []


def test_a_few_lsbs_of_decoded_silence_are_not_audible() -> None:
    quiet = ReceivedFrame(0, 0.0, np.full(FRAME, 40, dtype=np.int16))
    assert not quiet.audible and frame(0, 0.0).audible


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
