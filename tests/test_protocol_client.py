"""Pure parts of protocol.client: the WebSocket URL rule and the late-frame model."""

from __future__ import annotations

import pytest

from protocol.client import Playout, websocket_url


@pytest.mark.parametrize(("server", "url"), [
    ("http://127.0.0.1:8080", "ws://127.0.0.1:8080/v1/stream"),
    ("http://127.0.0.1:8080/", "ws://127.0.0.1:8080/v1/stream"),
    ("https://voice.example", "wss://voice.example/v1/stream"),
    ("127.0.0.1:9000", "ws://127.0.0.1:9000/v1/stream"),
    ("ws://h:1/custom/path?x=1", "ws://h:1/custom/path?x=1"),
    ("https://h/prefix/v1/stream", "wss://h/prefix/v1/stream"),
])  # fmt: skip
def test_a_server_address_becomes_the_documented_websocket_url(server: str, url: str) -> None:
    assert websocket_url(server) == url


@pytest.mark.parametrize("server", ["ftp://h:1", "http://"])
def test_an_address_that_is_not_http_or_ws_is_refused(server: str) -> None:
    with pytest.raises(ValueError):
        websocket_url(server)


def test_frames_arriving_ahead_of_playback_are_never_late() -> None:
    playout = Playout(16000)
    for i in range(10):
        assert not playout.add(0.001 * i, 320)  # a burst: 200 ms of audio in 10 ms
    assert (playout.late_frames, playout.stall_s) == (0, 0.0)


def test_a_frame_after_the_audio_ran_out_is_late_and_playback_resumes_from_it() -> None:
    playout = Playout(16000)
    playout.add(0.0, 320)  # plays 0.00-0.02
    assert playout.add(0.05, 320)  # 30 ms gap; plays 0.05-0.07
    assert not playout.add(0.06, 320)  # queued behind it
    assert playout.late_frames == 1
    assert playout.stall_s == pytest.approx(0.03)
