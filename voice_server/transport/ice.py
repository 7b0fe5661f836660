"""ICE for both ends of a call: aiortc's configuration, and which host addresses to gather.

aiortc lets a peer name its STUN/TURN servers but not its host candidates: aioice offers every
interface address except 127.0.0.1 and ::1 (RFC 8445 section 5.1.1.1), and neither library
has a setting for it (aiortc#51; aioice PR #57 was not merged). So on a host whose only
interface is loopback, or when a call should stay on loopback, nothing would be gathered and
the call would hang in "connecting" forever.

``gather_on(addresses)`` fixes the addresses for the candidate gathering that runs inside it.
It works by replacing ``aioice.ice.get_host_addresses`` once with a function that reads a
context variable, so the choice is scoped to the ``setLocalDescription`` call (and the tasks it
spawns) rather than set for the whole process: a server and a test client in one process can
each gather on their own addresses.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Sequence

import aioice.ice
from aiortc import RTCBundlePolicy, RTCConfiguration, RTCIceServer

from voice_server.transport.webrtc_config import IceServer

_HOST_ADDRESSES: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "voice_server_ice_host_addresses", default=None
)
_original_get_host_addresses: Callable[[bool, bool], list[str]] | None = None


def rtc_configuration(servers: Sequence[IceServer]) -> RTCConfiguration:
    """aiortc's configuration for these servers; none means host candidates only.

    An empty list is passed as ``[]``, not ``None``: ``None`` makes aiortc use Google's STUN
    server and wait up to 5 s for it while gathering.
    """
    ice = [
        RTCIceServer(s.url, username=s.username or None, credential=s.credential or None)
        for s in servers
    ]
    return RTCConfiguration(iceServers=ice, bundlePolicy=RTCBundlePolicy.MAX_BUNDLE)


def _scoped_get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    chosen = _HOST_ADDRESSES.get()
    if chosen is None:
        assert _original_get_host_addresses is not None
        return _original_get_host_addresses(use_ipv4, use_ipv6)
    return [a for a in chosen if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]


def _install() -> None:
    global _original_get_host_addresses
    if _original_get_host_addresses is None:
        _original_get_host_addresses = aioice.ice.get_host_addresses
        aioice.ice.get_host_addresses = _scoped_get_host_addresses


@contextlib.contextmanager
def gather_on(addresses: Sequence[str]) -> Iterator[None]:
    """Gather host candidates on exactly ``addresses`` inside this block (empty: aioice's
    default of every non-loopback interface)."""
    if not addresses:
        yield
        return
    _install()
    token = _HOST_ADDRESSES.set(tuple(addresses))
    try:
        yield
    finally:
        _HOST_ADDRESSES.reset(token)
