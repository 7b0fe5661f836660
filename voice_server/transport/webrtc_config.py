"""The ``webrtc`` section of the server config, and the parsing of its ICE settings.

Kept free of aiortc imports so that loading the config tree stays cheap (aiortc and PyAV take
about 0.2 s to import) and so that ``voice_server.config`` can import it without a cycle
(the WebRTC transport itself imports the config through the session).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import unquote

WEBRTC_PATH = "/v1/webrtc"
"""Where offers are POSTed; a call lives at ``WEBRTC_PATH/<call id>`` until DELETEd."""


@dataclass(frozen=True)
class IceServer:
    """One STUN or TURN server, in the shape WebRTC's ``RTCIceServer`` wants.

    Attributes:
        url: ``stun:host[:port]``, ``turn:host[:port][?transport=udp|tcp]`` or ``turns:...``.
        username: TURN user name (empty for STUN).
        credential: TURN password (empty for STUN).
    """

    url: str
    username: str = ""
    credential: str = ""


_SERVER = re.compile(
    r"(?P<scheme>stuns?|turns?):"
    r"(?:(?P<user>[^:@/?]+):(?P<password>[^@/?]*)@)?"
    r"(?P<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-]+)"
    r"(?::(?P<port>\d{1,5}))?"
    r"(?P<query>\?transport=(?:udp|tcp))?"
)


def parse_ice_servers(text: str) -> tuple[IceServer, ...]:
    """Parse a comma-separated server list such as
    ``"stun:stun.example.org:3478,turn:alice:s3cret@turn.example.org:3478?transport=udp"``.

    TURN credentials ride in the URL as ``user:password@`` (percent-encode ``:``, ``@`` or
    ``,`` inside them); they are split out into ``username`` and ``credential``.

    Args:
        text: the list; empty means no servers (host candidates only).

    Returns:
        The servers in order. aiortc uses only the first STUN and the first TURN server.

    Raises:
        ValueError: an entry that is not a STUN/TURN URL, a port out of range, a TURN server
            without credentials, or credentials on a STUN server.
    """
    servers = []
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        match = _SERVER.fullmatch(entry)
        if match is None:
            raise ValueError(f"not a stun:/turn: server URL: {entry!r}")
        scheme, host, port = match["scheme"], match["host"], match["port"]
        if port is not None and not 0 < int(port) < 65536:
            raise ValueError(f"port out of range in {entry!r}")
        is_turn = scheme.startswith("turn")
        if is_turn != (match["user"] is not None):
            raise ValueError(f"TURN servers need user:password@, STUN servers take none: "
                             f"{entry!r}")  # fmt: skip
        url = f"{scheme}:{host}" + (f":{port}" if port else "") + (match["query"] or "")
        servers.append(
            IceServer(url, unquote(match["user"] or ""), unquote(match["password"] or ""))
        )
    return tuple(servers)


def parse_host_addresses(text: str) -> tuple[str, ...]:
    """Parse a comma-separated list of IP addresses to gather host candidates on.

    Raises:
        ValueError: an entry that is not an IPv4 or IPv6 address.
    """
    addresses = []
    for entry in (part.strip() for part in text.split(",")):
        if entry:
            addresses.append(str(ipaddress.ip_address(entry)))
    return tuple(addresses)


@dataclass(frozen=True)
class WebRTCConfig:
    """WebRTC calls (``POST /v1/webrtc``): ICE, pacing and limits.

    Attributes:
        ice_servers: comma-separated STUN/TURN servers, e.g.
            "stun:stun.example.org:3478,turn:user:pass@turn.example.org:3478". Empty: no
            server, host candidates only (enough on a LAN or loopback; aiortc's own default
            would be Google's STUN server, which costs up to 5 s of gathering per call).
        host_addresses: comma-separated local IPs to offer as host candidates. Empty: every
            interface address except loopback (aioice's rule). Set "127.0.0.1" to take calls
            on loopback only (tests, a proxy on the same host).
        lead_ms: how far ahead of its send time audio is handed to the track; the receiver's
            jitter buffer does the real buffering, so this only absorbs the sender task's
            scheduling jitter. The track queue holds lead_ms / 20 + 1 frames (3 by default).
        max_calls: concurrent WebRTC calls per front-end process (each also counts as a
            session); the next offer gets 503 with Retry-After. Each call costs about 1.5
            percent of a core for Opus and SRTP (see bench/webrtc_calls.py).
        connect_timeout_s: a call whose peer connection is not connected, with its data
            channel open, this long after the offer is closed (phantom calls that never
            connect would otherwise hold a slot forever).
        max_offer_bytes: largest SDP offer accepted (413 above); real offers are 1-6 KiB.
    """

    ice_servers: str = ""
    host_addresses: str = ""
    lead_ms: int = 40
    max_calls: int = 32
    connect_timeout_s: float = 15.0
    max_offer_bytes: int = 16 * 1024

    def __post_init__(self) -> None:
        parse_ice_servers(self.ice_servers)
        parse_host_addresses(self.host_addresses)
        if not 0 <= self.lead_ms <= 1000:
            raise ValueError(f"webrtc.lead_ms must be in 0..1000, got {self.lead_ms}")
        if self.max_calls < 0:
            raise ValueError(f"webrtc.max_calls must be >= 0, got {self.max_calls}")
        if self.connect_timeout_s <= 0:
            raise ValueError("webrtc.connect_timeout_s must be positive")

    @property
    def servers(self) -> tuple[IceServer, ...]:
        return parse_ice_servers(self.ice_servers)

    @property
    def hosts(self) -> tuple[str, ...]:
        return parse_host_addresses(self.host_addresses)

    @property
    def track_queue_frames(self) -> int:
        """Frames the track queue holds before the session's sender waits."""
        return -(-self.lead_ms // 20) + 1
