"""Protocol v1 on a Session: client messages in, server messages out.

Shared by every transport that speaks the native protocol (the WebSocket and the WebRTC data
channel); transports only move bytes. The handler:

1. turns ``start`` into the session's effective settings and answers ``ready``;
2. applies ``open``/``text``/``flush``/``end``/``cancel`` through the protocol's context state
   machine (``next_context_state``), so an out-of-order message gets the error code the spec
   names and the session goes on;
3. answers ``ping`` at once with ``pong`` (no side effects, never queued behind audio);
4. builds the context events (segment start/done, flush done, context done) that the context
   queues in order with its audio.

Errors a client can cause are ``protocol.errors.SessionError``s; ``error_event`` turns any
``ProtocolError`` into the ``error`` message.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from typing import Any

from protocol import messages as m
from protocol.errors import ERRORS, ErrorCode, ProtocolError, SessionError

from voice_server.codec.audio_format import Encoding, OutputFormat
from voice_server.codec.encoders import FrameEncoder
from voice_server.context import Context
from voice_server.engine.prompts import Style
from voice_server.engine.sampling import (
    DEFAULT_TEMPERATURE,
    DEFAULT_TOP_K,
    DEFAULT_TOP_P,
    Sampling,
)
from voice_server.failures import client_reason
from voice_server.registry import AdmissionError
from voice_server.runtime import SpeechRuntime
from voice_server.session import Session
from voice_server.synthesis import SegmentDone, Voice
from voice_server.text.segmenter import SegmenterPolicy, SegmentMode
from voice_server.voices import DEFAULT_VOICE

log = logging.getLogger(__name__)

SERVER_NAME = "spark-voice-server/0.1.0"


@dataclasses.dataclass(frozen=True)
class Settings:
    """Effective settings of a session or a context (wire form and engine form)."""

    wire_voice: m.Voice
    voice: Voice
    wire_sampling: m.Sampling
    sampling: Sampling
    segmentation: m.Segmentation


def error_event(exc: ProtocolError) -> m.ErrorEvent:
    spec = ERRORS[exc.code]
    return m.ErrorEvent(
        code=exc.code.value,
        message=exc.message[:1900],
        retryable=spec.retryable,
        fatal=spec.fatal,
        context_id=exc.context_id,
        close_code=int(spec.close_code) if spec.close_code is not None else None,
        retry_after_ms=exc.retry_after_ms if spec.retryable else None,
    )


class ProtocolHandler:
    """Applies protocol messages to one ``Session``."""

    def __init__(self, session: Session, runtime: SpeechRuntime, *, fixed_format: OutputFormat | None = None) -> None:
        self.session = session
        self.runtime = runtime
        self.fixed_format = fixed_format
        self.started = False
        self.settings: Settings | None = None
        self.format = OutputFormat()
        self.lead_ms = session.config.pacing.lead_ms
        session.failure_messages = self._failure

    # --- handshake ------------------------------------------------------------------------

    def start(self, start: m.Start) -> m.Ready:
        """Fix the session's settings from ``start``; returns the ``ready`` answer.

        Raises:
            SessionError: unknown speaker, or a format this transport cannot carry.
        """
        self.settings = self._settings(start.voice, start.sampling, start.segmentation, None)
        self.format = self.fixed_format or self._format(start.format)
        if start.lead_ms is not None:
            self.lead_ms = start.lead_ms
        self.session.pacing = dataclasses.replace(self.session.pacing, frame_ms=self.format.frame_ms,
                                                  lead_ms=self.lead_ms)  # fmt: skip
        self.started = True
        return self._ready()

    def _ready(self) -> m.Ready:
        assert self.settings is not None
        cfg = self.session.config
        return m.Ready(
            session_id=self.session.id,
            server=SERVER_NAME,
            model=self.runtime.model.root.name,
            random_weights=self.runtime.is_tiny,
            voice=self.settings.wire_voice,
            sampling=self.settings.wire_sampling,
            format=m.OutputFormat(
                encoding=m.Encoding(self.format.encoding.value),
                sample_rate=self.format.sample_rate,
                frame_ms=self.format.frame_ms,
                bitrate=self.format.bitrate if self.format.encoding is Encoding.OPUS else None,
            ),
            lead_ms=self.lead_ms,
            send_window_ms=self.session.pacing.send_window_ms,
            segmentation=self.settings.segmentation,
            limits=m.Limits(
                max_message_bytes=cfg.limits.max_message_bytes,
                max_text_chars=cfg.limits.max_text_chars,
                max_buffered_text_chars=cfg.limits.max_buffered_text_chars,
                max_contexts=cfg.limits.max_contexts,
                idle_timeout_ms=int(cfg.limits.idle_timeout_s * 1000),
                handshake_timeout_ms=int(cfg.limits.handshake_timeout_s * 1000),
                slow_consumer_lag_ms=int(cfg.limits.slow_consumer_lag_s * 1000),
            ),
        )

    def _format(self, wire: m.OutputFormat | None) -> OutputFormat:
        if wire is None:
            return OutputFormat()
        kwargs: dict[str, Any] = {
            "encoding": Encoding(wire.encoding.value),
            "sample_rate": wire.sample_rate,
            "frame_ms": wire.frame_ms,
        }
        if wire.bitrate is not None:
            kwargs["bitrate"] = wire.bitrate
        try:
            return OutputFormat(**kwargs)
        except ValueError as exc:
            raise SessionError(ErrorCode.INVALID_FIELD, f"format: {exc}") from None

    def _settings(
        self,
        voice: m.Voice | None,
        sampling: m.Sampling | None,
        segmentation: m.Segmentation | None,
        base: Settings | None,
    ) -> Settings:
        wire_voice = voice if voice is not None else (
            base.wire_voice if base else m.Voice(speaker=DEFAULT_VOICE)
        )  # fmt: skip
        wire_sampling = self._merge_sampling(sampling, base.wire_sampling if base else None)
        settings = Settings(
            wire_voice=wire_voice,
            voice=self._voice(wire_voice),
            wire_sampling=wire_sampling,
            sampling=Sampling(
                temperature=wire_sampling.temperature,  # type: ignore[arg-type]
                top_k=wire_sampling.top_k,  # type: ignore[arg-type]
                top_p=wire_sampling.top_p,  # type: ignore[arg-type]
                repetition_penalty=wire_sampling.repetition_penalty,  # type: ignore[arg-type]
                seed=wire_sampling.seed,
                max_tokens=wire_sampling.max_tokens,
            ),
            segmentation=segmentation or (base.segmentation if base else m.Segmentation.AUTO),
        )
        try:
            self.runtime.check_sampling(settings.sampling)
        except ValueError as exc:
            raise SessionError(ErrorCode.INVALID_FIELD, f"sampling: {exc}") from None
        return settings

    @staticmethod
    def _merge_sampling(wire: m.Sampling | None, base: m.Sampling | None) -> m.Sampling:
        defaults = base or m.Sampling(
            temperature=DEFAULT_TEMPERATURE, top_k=DEFAULT_TOP_K, top_p=DEFAULT_TOP_P,
            repetition_penalty=1.0,
        )  # fmt: skip
        if wire is None:
            return defaults
        values = {f.name: getattr(wire, f.name) for f in dataclasses.fields(wire)}
        merged = {k: (v if v is not None else getattr(defaults, k)) for k, v in values.items()}
        return m.Sampling(**merged)

    def _voice(self, wire: m.Voice) -> Voice:
        voices = self.runtime.voices
        assert voices is not None
        if wire.speaker is not None:
            try:
                preset = voices.get(wire.speaker)
            except KeyError as exc:
                raise SessionError(ErrorCode.UNKNOWN_SPEAKER, str(exc.args[0])) from None
            return Voice(preset.global_codes, preset.style or Style())
        style = Style(
            (wire.gender or m.Gender.FEMALE).value,
            (wire.pitch or m.Level.MODERATE).value,
            (wire.speed or m.Level.MODERATE).value,
        )
        return Voice(style=style)

    # --- messages after start -------------------------------------------------------------

    def handle(self, message: m.ClientMessage) -> list[m.ServerMessage]:
        """Apply one message; returns the immediate replies (possibly none).

        Raises:
            SessionError: the message is refused (the caller sends ``error_event``).
        """
        self.session.touch()  # any client message counts as activity
        if isinstance(message, m.Start):
            raise SessionError(ErrorCode.ALREADY_STARTED, "the session has already started")
        if isinstance(message, m.Ping):
            return [m.Pong(id=message.id, server_time_ms=int(time.time() * 1000))]
        if isinstance(message, m.Open):
            try:
                return [self._open(message)]
            except ProtocolError as exc:  # every refusal of an open names the context
                exc.context_id = exc.context_id or message.context_id
                raise
        context = self._live(message)
        if isinstance(message, m.Cancel):
            return [self._cancel(context)]
        state = m.next_context_state(context.state, message.TYPE, context.id)
        if isinstance(message, m.Text):
            self._text(context, message)
        elif isinstance(message, m.Flush):
            context.flush(message.flush_id)
        elif isinstance(message, m.End) and context.state is not m.ContextState.FLUSHING:
            context.end_input()
        context.state = state
        self.session.touch()
        return []

    def _live(self, message: Any) -> Context:
        context_id = message.context_id
        context = self.session.contexts.get(context_id)
        if context is None:
            m.next_context_state(None, message.TYPE, context_id)  # raises unknown_context
            raise AssertionError("unreachable")
        return context

    def _open(self, message: m.Open) -> m.Opened:
        assert self.settings is not None
        existing = self.session.contexts.get(message.context_id)
        m.next_context_state(existing.state if existing else None, message.TYPE, message.context_id)
        # The open's own values first (unknown_speaker), then the session's room and rate, so
        # an open refused for its values spends none of the open rate (PROTOCOL.md 10 states
        # this order).
        settings = self._settings(message.voice, message.sampling, message.segmentation, self.settings)
        self.session.check_can_open()
        context = self.session.open_context(
            message.context_id,
            settings.voice,
            settings.sampling,
            FrameEncoder(self.format),
            _segmenter(settings.segmentation),
            self._event,
        )
        return m.Opened(
            context_id=context.id,
            stream_id=context.stream_id,
            voice=settings.wire_voice,
            sampling=settings.wire_sampling,
            segmentation=settings.segmentation,
        )

    def _text(self, context: Context, message: m.Text) -> None:
        limit = self.session.config.limits.max_text_chars
        if len(message.text) > limit:
            raise SessionError(ErrorCode.TEXT_TOO_LONG, f"a text delta holds at most {limit} "
                               "characters", context_id=context.id)  # fmt: skip
        try:
            self.session.add_text(context, message.text)
        except SessionError as exc:
            exc.context_id = context.id
            raise
        if message.flush:
            context.flush(message.flush_id)

    def _cancel(self, context: Context) -> m.Cancelled:
        self.session.cancel_context(context.id)
        return m.Cancelled(
            context_id=context.id,
            audio_ms=round(context.outbox.sent_ms, 3),
            frames=context.outbox.sent_frames,
        )

    # --- context events (queued in order with the audio) ----------------------------------

    def _event(self, kind: str, context: Context, **fields: Any) -> m.ServerMessage:
        rate = self.format.sample_rate
        if kind == "segment_start":
            return m.SegmentStart(context_id=context.id, segment=fields["index"],
                                  text=fields["text"], offset_ms=round(fields["offset_ms"], 3))  # fmt: skip
        if kind == "segment_done":
            event = self._segment_done(context, fields["index"], fields["done"],
                                       fields["offset_ms"], fields["audio_ms"])  # fmt: skip
            metrics = self.session.metrics
            if metrics is not None:
                t = event.timings
                ttfa = t.first_audio_ms / 1000.0 if t.first_audio_ms is not None else None
                done: SegmentDone = fields["done"]
                metrics.observe_segment(ttfa, t.rtf or 0.0, event.audio_ms / 1000.0,
                                        done.schedule, done.decode_windows)  # fmt: skip
                if done.first_audio_at and not done.warm_start:  # nobody waits on a warm one
                    metrics.observe_first_audio_stages(
                        done.first_token_at - done.started_at,
                        done.first_window_at - done.first_token_at,
                        done.first_audio_at - done.first_window_at,
                    )
            return event
        if kind == "flush_done":
            return m.FlushDone(context_id=context.id, flush_id=fields["flush_id"],
                               audio_ms=round(fields["audio_ms"], 3))  # fmt: skip
        if kind == "context_done":
            return self._context_done(context, rate)
        raise ValueError(kind)

    def _segment_done(self, context: Context, index: int, done: SegmentDone, offset_ms: float,
                      audio_ms: float) -> m.SegmentDone:  # fmt: skip
        synthesis_ms = 1000.0 * (done.finished_at - done.started_at)
        return m.SegmentDone(
            context_id=context.id,
            segment=index,
            offset_ms=round(offset_ms, 3),
            audio_ms=round(audio_ms, 3),
            semantic_tokens=done.semantic_tokens,
            truncated=not done.ended_by_model,
            timings=m.SegmentTimings(
                first_token_ms=round(1000.0 * (done.first_token_at - done.started_at), 3),
                first_audio_ms=round(1000.0 * (done.first_audio_at - done.started_at), 3)
                if done.first_audio_at else None,
                synthesis_ms=round(synthesis_ms, 3),
                rtf=round(synthesis_ms / audio_ms, 4) if audio_ms else None,
            ),
        )

    def _context_done(self, context: Context, rate: int) -> m.ContextDone:
        usage = context.usage
        audio_ms = context.outbox.sent_ms  # built when sent: every frame of the context
        duration_ms = 1000.0 * (time.monotonic() - usage.started_at)
        ttfa = None
        if usage.first_text_at is not None and usage.first_frame_at is not None:
            ttfa = 1000.0 * max(0.0, usage.first_frame_at - usage.first_text_at)
        return m.ContextDone(
            context_id=context.id,
            status=m.ContextStatus.COMPLETED,
            usage=m.Usage(
                characters=usage.characters,
                segments=usage.segments,
                semantic_tokens=usage.semantic_tokens,
                audio_ms=round(audio_ms, 3),
                frames=context.outbox.sent_frames,
            ),
            timings=m.ContextTimings(
                ttfa_ms=round(ttfa, 3) if ttfa is not None else None,
                duration_ms=round(duration_ms, 3),
                rtf=round(usage.synthesis_ms / audio_ms, 4) if audio_ms else None,
            ),
        )


    def _failure(self, context: Context, exc: Exception) -> list[m.ServerMessage]:
        """An error event and a failed ``context_done`` for a context whose synthesis failed."""
        reason = client_reason(exc)
        if isinstance(exc, AdmissionError):  # no room for this session's second stream at once
            retry_ms = round(1000 * (exc.retry_after_s or 1.0))
            error = error_event(SessionError(
                ErrorCode.SYNTHESIS_FAILED, f"not started: {reason}; the session's other contexts "
                "go on", context_id=context.id, retry_after_ms=retry_ms))  # fmt: skip
        else:
            error = error_event(SessionError(ErrorCode.SYNTHESIS_FAILED,
                                             f"synthesis failed: {reason}",
                                             context_id=context.id))  # fmt: skip
        done = self._context_done(context, self.format.sample_rate)
        return [error, dataclasses.replace(done, status=m.ContextStatus.FAILED)]


def _segmenter(mode: m.Segmentation) -> Any:
    from voice_server.text.segmenter import Segmenter

    return Segmenter(SegmenterPolicy(mode=SegmentMode(mode.value)))


def new_session_id() -> str:
    return uuid.uuid4().hex[:16]
