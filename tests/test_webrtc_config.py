"""Parsing of the ``webrtc`` config section (pure)."""

from __future__ import annotations

import pytest

from voice_server.transport.webrtc_config import (
    IceServer,
    WebRTCConfig,
    parse_host_addresses,
    parse_ice_servers,
)


def test_an_empty_server_list_means_host_candidates_only() -> None:
    assert parse_ice_servers("") == ()
    assert WebRTCConfig().servers == ()


def test_stun_and_turn_servers_parse_with_turn_credentials_split_out() -> None:
    servers = parse_ice_servers(
        "stun:stun.l.google.com:19302, turn:user:pass@host:3478,"
        "turns:a%40b:p%3Aw%2Cd@[2001:db8::1]:5349?transport=tcp"
    )
    assert servers == (
        IceServer("stun:stun.l.google.com:19302"),
        IceServer("turn:host:3478", "user", "pass"),
        IceServer("turns:[2001:db8::1]:5349?transport=tcp", "a@b", "p:w,d"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "http://stun.example.org",
        "stun:",
        "turn:host:3478",  # TURN without credentials
        "stun:u:p@host",  # STUN with credentials
        "stun:host:70000",
        "turn:u:p@host?transport=sctp",
    ],
)
def test_malformed_server_entries_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_ice_servers(text)
    with pytest.raises(ValueError):
        WebRTCConfig(ice_servers=text)


def test_host_addresses_are_validated_ip_addresses() -> None:
    assert parse_host_addresses("127.0.0.1, ::1") == ("127.0.0.1", "::1")
    with pytest.raises(ValueError):
        parse_host_addresses("localhost")


def test_the_track_queue_holds_the_lead_plus_one_frame() -> None:
    assert WebRTCConfig().track_queue_frames == 3
    assert WebRTCConfig(lead_ms=0).track_queue_frames == 1
    assert WebRTCConfig(lead_ms=50).track_queue_frames == 4


@pytest.mark.parametrize(
    "kwargs", [{"lead_ms": -1}, {"max_calls": -1}, {"connect_timeout_s": 0.0}]
)
def test_out_of_range_limits_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        WebRTCConfig(**kwargs)  # type: ignore[arg-type]
