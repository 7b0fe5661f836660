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

from voice_server.capacity import RATE_WINDOW_S, AdmissionInputs, judge, judge_loop

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
        """A segment of this session has begun (its engine stream is counted by the engine)."""
        ...

    async def close(self, code: int, reason: str) -> None: ...


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
        self._starting: dict[Closable, float] = {}  # admitted lately, not yet speaking: when
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
        now = self._clock()
        rule, refusal = self._refusal(peer, now)
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
        self._starting[session] = now

    def _refusal(self, peer: str, now: float) -> tuple[str, AdmissionError | None]:
        """The first rule that refuses one more session from ``peer``, and its error."""
        limits = self._limits
        group = self._group
        held = len(self._sessions) if group is None else group.total_sessions()
        if held >= limits.max_sessions:
            return "session_limit", AdmissionError(
                "server_busy", "the server is at its session limit", True, CAPACITY_RETRY_AFTER_S)
        capacity = "the server is at its real-time capacity ({})"
        if self._admission_inputs is not None:
            headroom = judge(self._admission_inputs(), self.starting(now),
                             limits.min_stream_token_rate, limits.min_streams_for_rate_check,
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
        from_peer = self._per_ip[peer] if group is None else group.sessions_from(peer)
        if from_peer >= limits.max_sessions_per_ip:
            return "per_address", AdmissionError(
                "too_many_sessions", "too many concurrent sessions from this address", True,
                CAPACITY_RETRY_AFTER_S)  # fmt: skip
        return "", None

    def starting(self, now: float) -> int:
        """Sessions admitted within the rate window that have not started speaking: streams
        the engine will soon hold that no measurement has seen (``capacity``). Forgets the
        ones that spoke or aged out, so the map holds at most the live sessions."""
        for session, admitted_at in list(self._starting.items()):
            if session.has_spoken or now - admitted_at > RATE_WINDOW_S:
                del self._starting[session]
        return len(self._starting)

    def release(self, session: Closable) -> None:
        """Forget ``session`` (idempotent)."""
        self._starting.pop(session, None)
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
