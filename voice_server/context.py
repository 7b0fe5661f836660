"""One context: a stream of text in, one ordered stream of audio out (a "turn" of an agent).

A context owns its segmenter, its queue of work (segments, flush marks, the end mark), its
generation task and its outbox. Segments of one context are synthesized strictly in order, so
their audio plays in order; the first frame of a segment follows the last of the one before.

State machine: the protocol's own (``protocol.messages.ContextState`` and
``next_context_state``; PROTOCOL.md draws it): IDLE -> ACTIVE on text, FLUSHING on end, DONE after
the last audio is sent, CANCELLED on cancel. The handler moves the state on client messages;
the session's sender sets DONE. DONE and CANCELLED are final; the session forgets the context.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import numpy as np

from protocol.messages import ContextState

from voice_server.codec.encoders import FrameEncoder
from voice_server.engine.sampling import Sampling
from voice_server.outbox import Event, Frame, Outbox
from voice_server.pacing import wait_before_next_segment
from voice_server.synthesis import AudioOut, SegmentDone, Synthesizer, Voice, VoiceResolved
from voice_server.text.normalize import reads_chinese
from voice_server.text.segmenter import Segmenter, model_texts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlushMark:
    flush_id: str | None


@dataclass(frozen=True)
class EndMark:
    pass


@dataclass(frozen=True)
class InputFailed:
    """Cutting this context's text failed (a defect, not the client's fault): the context
    fails in order, where the text would have been spoken (``synthesis_failed``), and the
    session's other contexts go on. Raised from the message handler instead, the error would
    end the whole session."""

    error: Exception


@dataclass
class ContextUsage:
    """Counters reported in segment and context events."""

    characters: int = 0
    segments: int = 0
    semantic_tokens: int = 0
    synthesis_ms: float = 0.0
    first_audio_ms: float | None = None
    first_text_at: float | None = None
    first_frame_at: float | None = None
    started_at: float = field(default_factory=time.monotonic)


# How the context reaches session-level services; kept as plain callables so this module
# needs neither the transport nor the protocol.
VoiceLookup = Callable[[Voice], Awaitable[Voice]]
VoiceLearned = Callable[[Voice, tuple[int, ...] | None], None]
"""Called with the voice's codes once a segment made them, or with None when the segment that
was making them ended without (failed or cancelled), so that a waiting segment makes them."""
MakeEvent = Callable[..., object]


class Context:
    """See the module docstring."""

    def __init__(
        self,
        context_id: str,
        stream_id: int,
        *,
        voice: Voice,
        sampling: Sampling,
        segmenter: Segmenter,
        encoder: FrameEncoder,
        outbox: Outbox,
        synthesizer: Synthesizer,
        resolve_voice: VoiceLookup,
        learn_voice: VoiceLearned,
        make_event: MakeEvent,
        wake_sender: Callable[[], None],
        max_audio_ahead_s: float,
        next_segment_ahead_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        claim_stream: Callable[[Context], None] = lambda context: None,
    ) -> None:
        self.id = context_id
        self.stream_id = stream_id
        self.voice = voice
        self.sampling = sampling
        self.segmenter = segmenter
        self.encoder = encoder
        self.outbox = outbox
        self._synth = synthesizer
        self._resolve_voice = resolve_voice
        self._learn_voice = learn_voice
        self._event = make_event
        self._wake_sender = wake_sender
        self._max_ahead = max_audio_ahead_s
        self._next_segment_ahead = next_segment_ahead_s
        self._clock = clock
        self.state = ContextState.IDLE
        self.usage = ContextUsage()
        self.work: asyncio.Queue[str | FlushMark | EndMark | InputFailed] = asyncio.Queue()
        self.pending_chars = 0
        self.task: asyncio.Task[None] | None = None
        self._sequence = 0
        self._timestamp = 0
        self._flushed_at = 0  # stream position of the last flush_done (for its audio_ms)
        self._pending_start: object | None = None  # this segment's segment_start, not yet queued
        self._room = asyncio.Event()
        self._room.set()
        self._claim_stream = claim_stream
        self.claimed = False  # its engine stream was claimed (``Session._claim_stream``)
        self.in_segment = False  # a segment is being synthesized
        self.has_spoken = False  # the engine delivered this context's first tokens
        self._chinese = False  # its last segment was read as Chinese (``reads_chinese``)
        self._voice_learned = False  # a segment of it made the voice's codes

    # --- input side (called by the session, synchronously) ------------------------------

    def add_text(self, text: str) -> None:
        if self.usage.first_text_at is None:
            self.usage.first_text_at = self._clock()
        self.usage.characters += len(text)
        self._queue_segments(lambda: self.segmenter.push(text))

    def flush(self, flush_id: str | None) -> None:
        self._queue_segments(self.segmenter.flush)
        self.work.put_nowait(FlushMark(flush_id))

    def _queue_segments(self, cut: Callable[[], list[str]]) -> None:
        try:
            segments = cut()
        except Exception as exc:  # a defect must cost this context only, not the session
            log.exception("cutting context %s's text failed", self.id)
            self.work.put_nowait(InputFailed(exc))
            return
        for segment in segments:
            self._queue_segment(segment)

    def end_input(self) -> None:
        self.flush(None)
        self.work.put_nowait(EndMark())

    @property
    def buffered_chars(self) -> int:
        return self.pending_chars + self.segmenter.buffered_chars

    def _queue_segment(self, raw: str) -> None:
        for text in model_texts(raw, self.segmenter.policy.max_chars, self._chinese):
            self.pending_chars += len(text)
            self.work.put_nowait(text)
        self._chinese = reads_chinese(raw, self._chinese)  # a row of amounts after it: 元

    # --- cancel --------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop generating and drop queued audio now (the caller awaits ``task`` if needed)."""
        self.state = ContextState.CANCELLED
        self.outbox.clear()
        self.encoder.reset()
        if self.task is not None and self.task is not asyncio.current_task():
            self.task.cancel()

    def on_frames_sent(self) -> None:
        """The sender took frames: generation waiting for room may go on."""
        if self.outbox.queued_seconds < self._max_ahead:
            self._room.set()

    # --- generation (runs as this context's task) ----------------------------------------

    async def run(self) -> None:
        """Synthesize queued work in order until the end mark."""
        while True:
            item = await self.work.get()
            if isinstance(item, FlushMark):
                self._push_frames(self.encoder.flush())  # a no-op after a segment's own flush
                audio_ms = self._ms_since(self._flushed_at)
                self._flushed_at = self._timestamp
                self._emit(self._event("flush_done", self, flush_id=item.flush_id,
                                       audio_ms=audio_ms))  # fmt: skip
            elif isinstance(item, InputFailed):
                raise item.error
            elif isinstance(item, EndMark):
                # Built when it is sent, so its timings and frame count include all the audio.
                self._emit(lambda: self._event("context_done", self))
                return
            else:
                await self._until_listener_needs_audio()
                await self._segment(item)
                self.pending_chars -= len(item)

    async def _until_listener_needs_audio(self) -> None:
        """Hold the next segment while its listener has more than ``next_segment_ahead_s``
        of audio ahead (``pacing.wait_before_next_segment``: the engine's batch is left to
        streams whose listeners need audio now)."""
        lead_s = self.outbox.pacer.config.lead_s
        while (wait := wait_before_next_segment(self._audio_ahead_s(), self._next_segment_ahead,
                                                lead_s)) > 0:  # fmt: skip
            await asyncio.sleep(wait)

    def _audio_ahead_s(self) -> float:
        """Audio the listener has not heard yet: queued here, and sent but not yet played."""
        at_client = self.outbox.pacer.buffered_at_client(self._clock())
        return self.outbox.queued_seconds + at_client

    async def _segment(self, text: str) -> None:
        if not self.claimed:  # may refuse a session's second stream at once (``registry``)
            self._claim_stream(self)
            self.claimed = True
        self.in_segment = True
        try:
            await self._synthesize(text)
        finally:
            self.in_segment = False

    async def _synthesize(self, text: str) -> None:
        voice = await self._resolve_voice(self.voice)
        making_codes = voice.global_codes is None
        try:
            await self._speak(text, voice)
        finally:
            if making_codes and not self._voice_learned:
                self._learn_voice(self.voice, None)

    async def _speak(self, text: str, voice: Voice) -> None:
        index = self.usage.segments
        self.usage.segments += 1
        started_at = self._timestamp
        offset_ms = self._ms_since(0)
        ahead_s = self._audio_ahead_s()  # heard before this segment
        if len(self.outbox) == 0 and ahead_s <= 0:
            self.outbox.pacer.reset()  # the client has played everything: a new talk spurt
        # Queued with the segment's first frame (or its segment_done, if it has none), so it
        # leads the audio by the pacing lead, not by the synthesis time (WebRTC listeners
        # align captions with it).
        self._pending_start = self._event("segment_start", self, index=index, text=text,
                                          offset_ms=offset_ms)  # fmt: skip
        sampling = self._segment_sampling(index)
        done: SegmentDone | None = None
        async for event in self._synth.segment(text, voice, sampling, ahead_s):
            self.has_spoken = True
            if isinstance(event, VoiceResolved):
                voice = Voice(event.global_codes, voice.style)
                self._voice_learned = True
                self._learn_voice(self.voice, event.global_codes)
            elif isinstance(event, AudioOut):
                await self._push_audio(event.samples)
            else:
                done = event
        assert done is not None
        # The segment's last frame (resampler tail, padding, Opus look-ahead) leaves before
        # its segment_done, so every segment's frames lie between its two events.
        self._push_frames(self.encoder.flush())
        self._emit_pending_start()
        self.usage.semantic_tokens += done.semantic_tokens
        self.usage.synthesis_ms += 1000.0 * (done.finished_at - done.started_at)
        if self.usage.first_audio_ms is None and done.first_audio_at:
            self.usage.first_audio_ms = 1000.0 * (done.first_audio_at - done.started_at)
        self._emit(self._event("segment_done", self, index=index, done=done, offset_ms=offset_ms,
                               audio_ms=self._ms_since(started_at)))  # fmt: skip

    def _segment_sampling(self, index: int) -> Sampling:
        """Each segment gets its own seed derived from the context seed (reproducible)."""
        if self.sampling.seed is None:
            return self.sampling
        return Sampling(**{**self.sampling.__dict__, "seed": self.sampling.seed + index})

    def _ms_since(self, timestamp: int) -> float:
        """Milliseconds of frames queued since the stream position ``timestamp`` (frames are
        whole, so this counts a segment's padding too: it matches ``offset_ms``)."""
        return (self._timestamp - timestamp) * 1000.0 / self.encoder.format.sample_rate

    async def _push_audio(self, samples: np.ndarray) -> None:
        self._push_frames(self.encoder.encode(samples))
        if self.outbox.queued_seconds >= self._max_ahead:
            self._room.clear()
            await self._room.wait()

    def _emit_pending_start(self) -> None:
        if self._pending_start is not None:
            self._emit(self._pending_start)
            self._pending_start = None

    def _push_frames(self, payloads: list[bytes]) -> None:
        if payloads:
            self._emit_pending_start()
        per_frame = self.encoder.format.frame_samples
        for payload in payloads:
            self.outbox.put(Frame(payload, per_frame, self._sequence, self._timestamp, self.stream_id))
            self._sequence += 1
            self._timestamp += per_frame
        if payloads:
            self._wake_sender()

    def _emit(self, message: object) -> None:
        self.outbox.put(Event(message))
        self._wake_sender()
