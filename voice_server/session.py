"""A session: one client connection's contexts, voice cache, sender and lifetime.

Transports (WebSocket, WebRTC data channel + track) feed parsed client messages to
``handle()`` and give the session a ``Sink`` to write to; the session never touches sockets.

Tasks (all named, all owned by the session, all cancelled by ``close``):
* one generation task per context (``Context.run``), started when the context opens;
* the sender task, which sends every context's audio at its paced time and the events queued
  in order with it, and closes the session when the client falls ``slow_consumer_lag_s``
  behind (the engine and other sessions never wait on a slow client);
* the idle watchdog.

Replies that must not wait behind audio (ready, pong, cancelled, errors) are written directly
by ``handle``; ordering guarantee: once ``cancelled`` is written for a context, no frame of that
context follows, because the context's outbox is cleared and marked first, synchronously.

Voice cache: the first segment that needs a voice's global codes generates them; every other
segment of the session (any context with the same voice) waits for and reuses them, so the
model writes only semantic tokens after the first segment and the voice stays the same.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any, Protocol

from voice_server.codec.encoders import FrameEncoder
from voice_server.config import ServerConfig
from protocol.errors import ErrorCode, SessionError
from protocol.messages import ContextState

from voice_server.context import Context
from voice_server.outbox import Event, Frame, Outbox
from voice_server.pacing import Pacer
from voice_server.rate_bucket import TokenBucket
from voice_server.registry import AdmissionError, StreamGate
from voice_server.synthesis import Synthesizer, Voice

log = logging.getLogger(__name__)

MAX_FRAMES_PER_SEND = 16  # one write stays small and the other contexts' frames wait little


class Sink(Protocol):
    """Where a session's output goes (implemented by each transport).

    ``writes_at_once``: ``send_audio`` puts all of its frames on the wire before it first
    awaits (the native WebSocket's single write). Only such a sink gets several frames per
    call: a sink that awaits between frames (a track queue, a JSON socket behind a lock) could
    otherwise hand over frames of a context after the context was cancelled.
    """

    writes_at_once: bool

    async def send_message(self, message: Any) -> None: ...

    async def send_audio(self, context_id: str, frames: list[Frame]) -> None:
        """Send frames of one context, in order (several only if ``writes_at_once``)."""

    def drop_audio(self, context_id: str) -> None:
        """Forget audio of ``context_id`` already handed over but not yet played out
        (WebRTC's track queue); called synchronously on cancel."""

    async def close(self, code: int, reason: str) -> None: ...


class SessionClosed(Exception):
    """Raised inside session tasks once the session is closing."""




class Session:
    """See the module docstring."""

    def __init__(
        self,
        session_id: str,
        config: ServerConfig,
        synthesizer: Synthesizer,
        sink: Sink,
        *,
        clock: Callable[[], float] = time.monotonic,
        metrics: Any = None,
    ) -> None:
        self.id = session_id
        self.metrics = metrics
        self.config = config
        self.synth = synthesizer
        self.sink = sink
        self.clock = clock
        self.contexts: dict[str, Context] = {}
        self.voice_cache: dict[Voice, asyncio.Future[tuple[int, ...] | None]] = {}
        self.last_activity = clock()
        limits = config.limits
        self._opens = TokenBucket(limits.max_opens_per_s,
                                  max(2 * limits.max_opens_per_s, limits.max_contexts))  # fmt: skip
        self._wake = asyncio.Event()
        self._sending_since: float | None = None  # loop time the send in flight began
        self._send_watch: asyncio.TimerHandle | None = None  # ``_check_send``'s timer
        self._tasks: set[asyncio.Task[Any]] = set()
        self._closed: asyncio.Future[tuple[int, str]] | None = None
        self._closing_task: asyncio.Task[None] | None = None
        self.stats = {"frames": 0, "late_frames": 0, "cancels": 0}
        self.pacing = config.pacing
        self._next_stream = 0
        self.stream_gate: StreamGate | None = None  # set once admitted (``registry``)
        self.has_spoken = False  # a context claimed a stream: admission counts that instead
        self._no_room_until = 0.0  # a context could not start beside another until then
        self.failure_messages: Callable[[Context, Exception], list[Any]] = lambda c, e: []

    # --- lifetime -------------------------------------------------------------------------

    def start(self) -> None:
        self._spawn(self._send_loop(), "sender")
        self._spawn(self._idle_watchdog(), "idle-watchdog")

    @property
    def closing(self) -> bool:
        return self._closing_task is not None

    @property
    def is_busy(self) -> bool:
        """True while any context still has work or audio to send."""
        return any(not c.work.empty() or len(c.outbox) or c.pending_chars
                   for c in self.contexts.values())  # fmt: skip

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Idempotent: cancel every context (aborting engine requests) and every task.

        The teardown runs in its own task, so a caller that is cancelled while waiting does not
        leave it half done (and later callers waiting forever).
        """
        if self._closing_task is None:
            self._closing_task = asyncio.create_task(
                self._teardown(code, reason), name=f"session-{self.id}-teardown"
            )
        await asyncio.shield(self._closing_task)

    async def _teardown(self, code: int, reason: str) -> None:
        loop = asyncio.get_running_loop()
        self._closed = loop.create_future()
        for context in list(self.contexts.values()):
            context.cancel()
            if self.metrics is not None:
                self.metrics.context_closed()
        if self._send_watch is not None:
            self._send_watch.cancel()
            self._send_watch = None
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self.contexts.clear()
        try:
            await self.sink.close(code, reason)
        finally:
            self._closed.set_result((code, reason))

    def _spawn(self, coro: Any, name: str) -> asyncio.Task[Any]:
        task = asyncio.create_task(coro, name=f"session-{self.id}-{name}")
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is not None and not isinstance(exc, SessionClosed):
            log.error("session %s task %s failed: %r", self.id, task.get_name(), exc)
            self._spawn(self.close(1011, "internal error"), "close")

    # --- contexts -------------------------------------------------------------------------

    def open_context(
        self, context_id: str, voice: Voice, sampling: Any, encoder: FrameEncoder,
        segmenter: Any, make_event: Callable[..., object],
    ) -> Context:  # fmt: skip
        rate = encoder.format.sample_rate
        outbox = Outbox(Pacer(self.pacing, self.clock, rate), rate)
        self._next_stream += 1
        context = Context(
            context_id,
            self._next_stream,
            voice=voice,
            sampling=sampling,
            segmenter=segmenter,
            encoder=encoder,
            outbox=outbox,
            synthesizer=self.synth,
            resolve_voice=self._resolve_voice,
            learn_voice=self._learn_voice,
            make_event=make_event,
            wake_sender=self._wake.set,
            max_audio_ahead_s=self.config.limits.max_audio_ahead_s,
            next_segment_ahead_s=self.config.limits.next_segment_ahead_s,
            clock=self.clock,
            claim_stream=self._claim_stream,
        )
        self.contexts[context_id] = context
        context.task = self._spawn(self._run_context(context), f"context-{context_id}")
        if self.metrics is not None:
            self.metrics.context_opened()
        return context

    async def _run_context(self, context: Context) -> None:
        try:
            await context.run()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # reported to the client; the session goes on
            await self.context_failed(context, exc)
        finally:
            if self.stream_gate is not None:
                self.stream_gate.drop_stream(context)

    def _claim_stream(self, context: Context) -> None:
        """Before a context's first segment: its engine stream counts as starting, and a
        second one of this session at once must fit the real-time rules (``registry``).

        Raises:
            AdmissionError: no room for a second stream at once now (the context fails).
        """
        if self.stream_gate is None:
            return
        beside = self._speaking(besides=context)
        try:
            self.stream_gate.claim_stream(context, judged=beside)
        except AdmissionError as exc:
            self._no_room_until = self.clock() + (exc.retry_after_s or 1.0)
            raise
        self.has_spoken = True

    def _speaking(self, besides: Context | None = None) -> bool:
        """Whether a context (other than ``besides``) is synthesizing a segment now."""
        return any(c is not besides and c.in_segment for c in self.contexts.values())

    async def context_failed(self, context: Context, exc: Exception) -> None:
        """Drop the context and report it through ``failure_messages`` (set by the handler)."""
        if isinstance(exc, AdmissionError):  # a refusal, not a failure of the server
            log.info("context %s not started: %s", context.id, exc)
        else:
            log.warning("context %s failed: %r", context.id, exc)
        context.cancel()
        if self.contexts.pop(context.id, None) is not None and self.metrics is not None:
            self.metrics.context_closed()
        self.sink.drop_audio(context.id)
        for message in self.failure_messages(context, exc):
            await self.sink.send_message(message)

    # --- client operations (called by the protocol handler) ----------------------------

    def check_can_open(self) -> None:
        """Raises SessionError: too_many_contexts at the configured cap, rate_limited when
        contexts are opened faster than ``limits.max_opens_per_s``, or while another context
        speaks within the retry hint of one that found no room beside it (``_claim_stream``)."""
        limits = self.config.limits
        if len(self.contexts) >= limits.max_contexts:
            raise SessionError(
                ErrorCode.TOO_MANY_CONTEXTS,
                f"at most {limits.max_contexts} contexts may be live at once",
            )
        now = self.clock()
        if now < self._no_room_until and self._speaking():
            # A context that could not start beside a speaking one lately: another would be
            # refused the same way, after its text had been read and segmented for nothing.
            raise SessionError(
                ErrorCode.RATE_LIMITED,
                "no room for another context speaking at once lately; retry after the hint",
                retry_after_ms=max(1, round(1000 * (self._no_room_until - now))),
            )
        if not self._opens.take(now):
            raise SessionError(
                ErrorCode.RATE_LIMITED,
                f"contexts are opened faster than {limits.max_opens_per_s:g} a second",
                retry_after_ms=max(1, round(1000 * self._opens.wait_s(now))),
            )

    def add_text(self, context: Context, text: str) -> None:
        """Queue text, refusing it (whole) when the context's text buffer would overflow."""
        limit = self.config.limits.max_buffered_text_chars
        if context.buffered_chars + len(text) > limit:
            raise SessionError(
                ErrorCode.TEXT_BUFFER_FULL,
                f"context {context.id} would hold more than {limit} unspoken characters",
                context_id=context.id,
            )
        self.touch()
        context.add_text(text)

    def cancel_context(self, context_id: str) -> Context | None:
        """Stop a context now: no frame of it is sent after this returns."""
        context = self.contexts.pop(context_id, None)
        if context is not None:
            context.cancel()
            self.sink.drop_audio(context_id)
            self.stats["cancels"] += 1
            if self.metrics is not None:
                self.metrics.cancel()
                self.metrics.context_closed()
        return context

    async def _resolve_voice(self, voice: Voice) -> Voice:
        """The voice a segment speaks with: its codes, once some segment has made them."""
        while voice.global_codes is None:
            pending = self.voice_cache.get(voice)
            if pending is None:
                self.voice_cache[voice] = asyncio.get_running_loop().create_future()
                return voice  # this segment makes the codes
            codes = await asyncio.shield(pending)
            if codes is not None:
                return Voice(codes, voice.style)
            # The segment making them ended without them: this one (or another waiter) makes them.
        return voice

    def _learn_voice(self, voice: Voice, codes: tuple[int, ...] | None) -> None:
        """Settle the voice's pending codes; None (its maker gave up) forgets the claim so that
        the next segment with that voice makes them."""
        pending = self.voice_cache.get(voice)
        if pending is None or pending.done():
            return
        if codes is None:
            del self.voice_cache[voice]
        pending.set_result(codes)

    # --- sender ---------------------------------------------------------------------------

    async def _send_loop(self) -> None:
        """Send whatever is due across contexts; sleep until the next due time or a wake-up.

        When the most urgent item is due, it leaves with every frame of its context due within
        the send window (``pacing.send_window_ms``), in one ``send_audio`` call: one wake-up
        and, on the WebSocket, one socket write for several frames. At 20 ms frames and an
        80 ms window that is five frames per wake-up instead of one; the price is audio up to
        the window earlier than ``lead_ms`` at the client.

        This loop runs for every session dozens of times a second, so it waits on plain timer
        handles rather than ``asyncio.timeout`` (its set-up and the cancellation it fires
        with were ~12 % of the event loop's samples at 300 sessions, profiled), and a send
        stuck on the client is caught by ``_check_send`` instead of a timeout around each send.
        """
        loop = asyncio.get_running_loop()
        max_frames = MAX_FRAMES_PER_SEND if self.sink.writes_at_once else 1
        while True:
            window = self.pacing.send_window_ms / 1000.0 if max_frames > 1 else 0.0
            now = self.clock()
            due = self._next_due(now)
            if due is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            context, due_at = due
            if due_at > now:
                self._wake.clear()
                timer = loop.call_later(due_at - now, self._wake.set)
                try:
                    await self._wake.wait()
                finally:
                    timer.cancel()
                continue
            frames, late_frames = context.outbox.pop_frames(now + window, now, max_frames)
            self._sending_since = loop.time()
            if self._send_watch is None:
                self._send_watch = loop.call_later(self.config.limits.slow_consumer_lag_s,
                                                   self._check_send)  # fmt: skip
            try:
                if frames:
                    await self._send_frames(context, frames, late_frames)
                    sent = None
                else:
                    sent = await self._send_event(context)
            finally:
                self._sending_since = None
            context.on_frames_sent()
            if getattr(sent, "TYPE", "") == "context_done":
                context.state = ContextState.DONE
                self.contexts.pop(context.id, None)
                if self.metrics is not None:
                    self.metrics.context_closed()

    def _check_send(self) -> None:
        """Timer: close the session if one send has waited on the client for the lag budget
        (``slow_consumer_lag_s``); while sends go through, re-arm for the one in flight.

        One timer per budget period while the session sends, instead of one per send."""
        self._send_watch = None
        since = self._sending_since
        if since is None or self.closing:
            return
        loop = asyncio.get_running_loop()
        waited = loop.time() - since
        budget = self.config.limits.slow_consumer_lag_s
        if waited >= budget:
            self._slow_consumer()
            return
        self._send_watch = loop.call_later(budget - waited, self._check_send)

    def _next_due(self, now: float) -> tuple[Context, float] | None:
        best: tuple[Context, float] | None = None
        for context in self.contexts.values():
            due_at = context.outbox.due_at(now)
            if due_at is not None and (best is None or due_at < best[1]):
                best = (context, due_at)
        return best

    async def _send_event(self, context: Context) -> Any:
        """Send the event at the head of the context's outbox; returns the message sent."""
        item, _ = context.outbox.pop()
        assert isinstance(item, Event)
        message = item.resolve()
        await self.sink.send_message(message)
        return message

    async def _send_frames(self, context: Context, frames: list[Frame], late_frames: int) -> None:
        now = self.clock()
        if context.usage.first_frame_at is None:
            context.usage.first_frame_at = now
        self.stats["frames"] += len(frames)
        self.stats["late_frames"] += late_frames
        if self.metrics is not None:
            self.metrics.frames(len(frames), late_frames)
        self.last_activity = now
        await self.sink.send_audio(context.id, frames)

    def _slow_consumer(self) -> None:
        log.info("session %s: client fell behind, closing", self.id)
        self._spawn(self.close(4429, "slow consumer: audio not read in time"), "close")

    async def _idle_watchdog(self) -> None:
        timeout = self.config.limits.idle_timeout_s
        while True:
            idle_for = self.clock() - self.last_activity
            if self.is_busy:
                self.last_activity = self.clock()
            elif idle_for >= timeout:
                self._spawn(self.close(4408, "idle timeout"), "close")
                return
            await asyncio.sleep(max(0.05, min(1.0, timeout - idle_for)))

    def touch(self) -> None:
        self.last_activity = self.clock()
