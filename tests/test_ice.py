"""Host-candidate selection: two real aiortc peers connect over loopback with no STUN."""

from __future__ import annotations

import asyncio

import aioice.ice
from aiortc import RTCPeerConnection

from voice_server.transport.ice import gather_on, rtc_configuration
from voice_server.transport.webrtc_config import IceServer


def candidate_addresses(sdp: str) -> set[str]:
    return {line.split()[4] for line in sdp.splitlines() if line.startswith("a=candidate:")}


def test_no_servers_means_an_empty_list_not_aiortcs_google_default() -> None:
    assert rtc_configuration(()).iceServers == []
    turn = rtc_configuration((IceServer("turn:h:3478", "u", "p"),)).iceServers
    assert turn is not None
    assert (turn[0].urls, turn[0].username, turn[0].credential) == ("turn:h:3478", "u", "p")


async def test_gathering_inside_the_block_offers_only_the_chosen_addresses() -> None:
    pc = RTCPeerConnection(rtc_configuration(()))
    try:
        pc.createDataChannel("x")
        with gather_on(["127.0.0.1"]):
            await pc.setLocalDescription(await pc.createOffer())
        assert candidate_addresses(pc.localDescription.sdp) == {"127.0.0.1"}
        # outside the block aioice's own rule applies again (loopback never offered)
        assert "127.0.0.1" not in aioice.ice.get_host_addresses(True, True)
    finally:
        await pc.close()


async def test_two_peers_connect_over_loopback_without_stun() -> None:
    offerer = RTCPeerConnection(rtc_configuration(()))
    answerer = RTCPeerConnection(rtc_configuration(()))
    opened = asyncio.Event()
    answerer.on("datachannel", lambda channel: opened.set())
    try:
        offerer.createDataChannel("control")
        with gather_on(["127.0.0.1"]):
            await offerer.setLocalDescription(await offerer.createOffer())
            await answerer.setRemoteDescription(offerer.localDescription)
            await answerer.setLocalDescription(await answerer.createAnswer())
        await offerer.setRemoteDescription(answerer.localDescription)
        await asyncio.wait_for(opened.wait(), 10)
        assert offerer.connectionState == "connected"
    finally:
        await offerer.close()
        await answerer.close()
