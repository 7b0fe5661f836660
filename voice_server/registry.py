"""Live sessions of this process: admission (caps) and graceful shutdown.

With several front-end processes (``http.workers``), the session and per-address caps count
the sessions of all of them (``frontend_group``); the real-time rules judge this process's
own share of the engine and its own event loop.

Admission is synchronous and happens before any session task starts, so a refused client costs
one small error message. Shutdown stops admission, gives live sessions a grace period to finish
what they are saying, then closes the rest with 1001 (going away); each session's own close
aborts its engine requests.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from voice_server.capacity import (
    RATE_WINDOW_S,
    AdmissionInputs,
    admission_floor,
    judge,
    judge_loop,
)

if TYPE_CHECKING:  # config imports the HTTP API's config, whose module imports this one
    from voice_server.config import LimitsConfig
    from voice_server.frontend_group import FrontEndGroup

log = logging.getLogger(__name__)


class Closable(Protocol):
    """What the registry needs from a session."""

    @property
    def is_busy(self) -> bool: ...

    @property
    def has_spoken(self) -> bool:
        """A stream of this session has been claimed (``claim_stream``): it counts as that."""
        ...

    async def close(self, code: int, reason: str) -> None: ...


class Stream(Protocol):
    """An engine stream about to start (a context's first segment, a one-shot request)."""

    @property
    def has_spoken(self) -> bool:
        """The engine has delivered its first tokens: its measurements count it now."""
        ...


class StreamGate(Protocol):
    """What a session asks before one of its contexts starts an engine stream."""

    def claim_stream(self, stream: Stream, judged: bool) -> None: ...

    def drop_stream(self, stream: Stream) -> None: ...


REFUSAL_RULES = ("session_limit", "token_rate", "projection", "decoder", "event_loop",
                 "per_address")
"""What refused a session, as ``voice_server_admission_refusals_total`` labels it."""
CAPACITY_RETRY_AFTER_S = 1.0
"""The retry hint of every capacity refusal: a new measurement of the engine's rate, or a
session's end, is this close (the protocol promises ``retry_after_ms`` on every server_busy)."""


class AdmissionError(Exception):
    """A new session is refused; ``retryable`` says whether trying later may work, and
    ``retry_after_s`` (when set) how soon that is worth it."""

    def __init__(self, code: str, message: str, retryable: bool,
                 retry_after_s: float | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.retry_after_s = retry_after_s

    @property
    def http_status(self) -> int:
        """The HTTP status of this refusal: 429 for a per-address cap, 503 otherwise."""
        return 429 if self.code == "too_many_sessions" else 503

    @property
    def retry_after_header(self) -> str:
        """``Retry-After`` in whole seconds (the hint rounded up; 1 without one)."""
        return str(math.ceil(self.retry_after_s or 1.0))


SILENT_SHARE = 8
"""One address's silent sessions count for at most 1/this of the engine's capacity."""


def silent_sessions_counted(inputs: AdmissionInputs, min_rate: float) -> int | None:
    """How many of one address's silent sessions the projection counts: an eighth of the
    streams the engine can carry at ``min_rate`` (at least 1); None (all) while the engine's
    throughput is unknown or the rate rules are off."""
    throughput = max(inputs.tokens_per_s or 0.0, inputs.probed_tokens_per_s or 0.0)
    if min_rate <= 0 or throughput <= 0:
        return None
    return max(1, int(throughput / min_rate) // SILENT_SHARE)


class SessionRegistry:
    """Counts sessions per process and per client address."""

    def __init__(
        self,
        limits: LimitsConfig,
        admission_inputs: Callable[[], AdmissionInputs] | None = None,
        clock: Callable[[], float] = time.monotonic,
        loop_lag: Callable[[], float | None] | None = None,
        group: FrontEndGroup | None = None,
    ) -> None:
        """``admission_inputs`` gives what the engines delivered lately and hold now, for the
        real-time headroom rules (``capacity``); None turns those rules off. ``loop_lag``
        gives the event loop's recent lag (``RecentLag.quantile``), for ``judge_loop``.
        ``group``: the front ends sharing the caps (None: this process alone)."""
        self._group = group
        self._group_slots: dict[Closable, int] = {}
        self._limits = limits
        self._admission_inputs = admission_inputs
        self._loop_lag = loop_lag
        self._clock = clock
        self._sessions: dict[Closable, str] = {}
        self._per_ip: Counter[str] = Counter()
        self._silent: dict[Closable, tuple[float, str]] = {}  # admitted lately, no stream yet
        self._starting: dict[Stream, float] = {}  # claimed lately, not yet speaking: when
        self.accepting = True
        # Told which rule refused each session (``REFUSAL_RULES``), for /metrics.
        self.on_refusal: Callable[[str], None] = lambda rule: None

    def __len__(self) -> int:
        return len(self._sessions)

    def admit(self, session: Closable, peer: str) -> None:
        """Register ``session`` or raise ``AdmissionError`` (and tell ``on_refusal`` which
        rule refused it)."""
        if not self.accepting:
            raise AdmissionError("shutting_down", "the server is shutting down", True)
        rule, refusal = self._refusal(peer, self._clock())
        if refusal is not None:
            self.on_refusal(rule)
            raise refusal
        if self._group is not None:
            try:
                self._group_slots[session] = self._group.add_session(peer)
            except RuntimeError:  # this front end's row is full: the cap, counted locally
                self.on_refusal("session_limit")
                raise AdmissionError("server_busy", "the server is at its session limit", True,
                                     CAPACITY_RETRY_AFTER_S) from None  # fmt: skip
        self._sessions[session] = peer
        self._per_ip[peer] += 1
        self._silent[session] = (self._clock(), peer)

    def claim_stream(self, stream: Stream, judged: bool) -> None:
        """Count ``stream`` as starting (``starting``) until it has spoken, ends or ages out.
        When ``judged`` (a session's second stream at once: its admission vouched for one),
        first raise ``AdmissionError`` if the real-time rules have no room for it: a session
        speaking in 8 contexts at once is 8 streams (20 such sessions from one address, let
        in as 20, once took 160 streams and pushed an admitted listener's first audio from
        0.36 to 10 s)."""
        now = self._clock()
        if judged:
            rule, refusal = self._capacity_refusal(now)
            if refusal is not None:
                self.on_refusal(rule)
                raise refusal
        self._starting[stream] = now

    def drop_stream(self, stream: Stream) -> None:
        """``stream`` ended (or never started): it is starting no more (idempotent)."""
        self._starting.pop(stream, None)

    def _refusal(self, peer: str, now: float) -> tuple[str, AdmissionError | None]:
        """The first rule that refuses one more session from ``peer``, and its error."""
        limits = self._limits
        group = self._group
        held = len(self._sessions) if group is None else group.total_sessions()
        if held >= limits.max_sessions:
            return "session_limit", AdmissionError(
                "server_busy", "the server is at its session limit", True, CAPACITY_RETRY_AFTER_S)
        rule, refusal = self._capacity_refusal(now)
        if refusal is not None:
            return rule, refusal
        from_peer = self._per_ip[peer] if group is None else group.sessions_from(peer)
        if from_peer >= limits.max_sessions_per_ip:
            return "per_address", AdmissionError(
                "too_many_sessions", "too many concurrent sessions from this address", True,
                CAPACITY_RETRY_AFTER_S)  # fmt: skip
        return "", None

    def _capacity_refusal(self, now: float) -> tuple[str, AdmissionError | None]:
        """The real-time rule (engine, decoder, event loop) that has no room for one more
        stream, and its error."""
        limits = self._limits
        capacity = "the server is at its real-time capacity ({})"
        if self._admission_inputs is not None:
            inputs = self._admission_inputs()
            floor = admission_floor(limits.min_stream_token_rate, inputs)
            silent_cap = silent_sessions_counted(inputs, floor)
            headroom = judge(inputs, self.starting(now, silent_cap), floor,
                             limits.min_streams_for_rate_check,
                             limits.max_late_decode_share)  # fmt: skip
            if headroom.overloaded:
                return headroom.rule, AdmissionError(
                    "server_busy", capacity.format(headroom.reason), True,
                    CAPACITY_RETRY_AFTER_S)  # fmt: skip
        if self._loop_lag is not None:
            reason = judge_loop(self._loop_lag(), len(self._sessions),
                                limits.min_streams_for_rate_check,
                                limits.max_loop_lag_ms / 1000.0)  # fmt: skip
            if reason:
                return "event_loop", AdmissionError(
                    "server_busy", capacity.format(reason), True, CAPACITY_RETRY_AFTER_S)
        return "", None

    def starting(self, now: float, silent_per_address: int | None = None) -> int:
        """Streams the engine will soon hold that no measurement has seen (``capacity``):
        streams claimed within the rate window that have not spoken yet, and sessions
        admitted within it that have claimed none yet (a burst of clients that take a while
        to send their first text must not all get in before any of them speaks), at most
        ``silent_per_address`` of those from any one address (None: no cap), so that idle
        connections from one address cannot hold everyone else out (36 upgrades that never
        spoke, reopened every 1.5 s, once let 5 % of other clients in). Forgets what spoke or
        aged out, so the maps hold at most the live sessions and streams."""
        for stream, claimed_at in list(self._starting.items()):
            if stream.has_spoken or now - claimed_at > RATE_WINDOW_S:
                del self._starting[stream]
        for session, (admitted_at, _) in list(self._silent.items()):
            if session.has_spoken or now - admitted_at > RATE_WINDOW_S:
                del self._silent[session]
        per_address = Counter(peer for _, peer in self._silent.values())
        cap = silent_per_address if silent_per_address is not None else len(self._silent)
        return len(self._starting) + sum(min(n, cap) for n in per_address.values())

    def release(self, session: Closable) -> None:
        """Forget ``session`` (idempotent)."""
        self._silent.pop(session, None)
        slot = self._group_slots.pop(session, None)
        if slot is not None and self._group is not None:
            self._group.remove_session(slot)
        peer = self._sessions.pop(session, None)
        if peer is not None:
            self._per_ip[peer] -= 1
            if self._per_ip[peer] <= 0:
                del self._per_ip[peer]

    async def shutdown(self, grace_s: float) -> None:
        """Stop admitting; wait up to ``grace_s`` for busy sessions; close all with 1001."""
        self.accepting = False
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace_s
        while any(s.is_busy for s in self._sessions) and loop.time() < deadline:
            await asyncio.sleep(0.05)
        sessions = list(self._sessions)
        log.info("shutdown: closing %d sessions", len(sessions))
        await asyncio.gather(
            *(s.close(1001, "server shutting down") for s in sessions), return_exceptions=True
        )
