"""``voice-server client``: stream text to a running server like an LLM would, and measure.

One run: connect over WebSocket, open one context, send the text word by word at
``--words-per-second`` (each word with its trailing space, as LLM tokens arrive), then flush and
end; or, with ``--cancel-after-ms``, stop sending and cancel at that time (barge-in). Received
audio is decoded back to PCM16 (Opus with PyAV, mu-law with numpy) and written to a WAV file.
The run ends with ONE JSON line on stdout (the fields are listed in ``Report.to_json``).

Definitions used in the report (times on the client's monotonic clock):

* ``ttfa_from_first_text_ms``: first text message sent -> first audio frame received.
* ``ttfa_from_flush_ms``: flush sent -> first audio frame received; negative when audio
  arrived before the flush (the server started speaking from the partial text).
* ``late_frames``: frames that arrived after all audio before them had finished playing, for a
  listener who starts playing at the first frame's arrival and then plays continuously,
  resuming at a late frame's arrival (``protocol.client.Playout``). ``stall_ms`` sums the gaps.
* ``frames_after_ack`` / ``audio_ms_after_ack``: audio of the context received after its
  ``cancelled`` acknowledgement, within ``--linger-ms`` (the protocol promises zero).

Exit status: 0 when the context completed (or, with a cancel, when the cancel was acknowledged
and no audio followed it); 1 otherwise; 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import sys
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import numpy as np
import orjson

from protocol import (
    Cancelled,
    ContextDone,
    Encoding,
    ErrorEvent,
    FlushDone,
    Gender,
    Level,
    OutputFormat,
    ProtocolError,
    Sampling,
    Segmentation,
    Start,
    Voice,
)
from protocol.client import ContextAudio, Playout, Session, connect, websocket_url

DEFAULT_SERVER = "http://127.0.0.1:8080"
TRANSPORTS = ("websocket", "webrtc")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``client`` subcommand's flags."""
    parser.add_argument("--server", default=os.environ.get("VOICE_SERVER_URL", DEFAULT_SERVER),
                        help=f"server address, http://HOST:PORT (default {DEFAULT_SERVER}; "
                        "the WebSocket path /v1/stream is added)")  # fmt: skip
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--text", help="text to speak (default: read stdin)")
    source.add_argument("--text-file", type=Path, help="file with the text to speak")
    parser.add_argument("--words-per-second", type=float, default=15.0,
                        help="how fast text is streamed, like LLM output (default 15)")
    parser.add_argument("--transport", choices=TRANSPORTS, default="websocket")
    parser.add_argument("--format", choices=[e.value for e in Encoding], default="pcm16",
                        help="audio encoding (default pcm16)")
    parser.add_argument("--sample-rate", type=int, default=None,
                        help="output rate (default: 16000 pcm16, 8000 mulaw, 48000 opus)")
    parser.add_argument("--frame-ms", type=int, default=None, help="frame duration (default 20)")
    parser.add_argument("--lead-ms", type=int, default=None, help="pacing lead (server default)")
    parser.add_argument("--segmentation", choices=[s.value for s in Segmentation], default=None)
    parser.add_argument("--speaker", help="a named voice (see GET /v1/voices)")
    parser.add_argument("--gender", choices=[g.value for g in Gender])
    parser.add_argument("--pitch", choices=[v.value for v in Level])
    parser.add_argument("--speed", choices=[v.value for v in Level])
    parser.add_argument("--seed", type=int, default=None, help="sampling seed (reproducible)")
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--cancel-after-ms", type=float, default=None,
                        help="cancel the context this long after the first text (barge-in)")
    parser.add_argument("--linger-ms", type=float, default=500.0,
                        help="after a cancel acknowledgement, keep listening this long for "
                        "stray audio (default 500)")  # fmt: skip
    parser.add_argument("--context-id", default="c1")
    parser.add_argument("--token", default=os.environ.get("VOICE_SERVER_TOKEN"),
                        help="bearer token, if the server requires one (env VOICE_SERVER_TOKEN)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="give up after this many seconds (default 120)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="WAV file to write")
    # The WebRTC flags are declared here so that building the CLI never imports av/aiortc
    # (absent on slim images that only serve).
    parser.add_argument("--ice-servers", default=os.environ.get("VOICE_SERVER_ICE_SERVERS", ""),
                        help="WebRTC: STUN/TURN servers for this peer, as in the server's "
                        "webrtc.ice_servers (default none: host candidates only)")  # fmt: skip
    parser.add_argument("--host-addresses", default="",
                        help="WebRTC: local IPs to offer as candidates, e.g. 127.0.0.1 for a "
                        "server on this host's loopback (default: every non-loopback address)")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns the exit status."""
    try:
        start = build_start(args)
        text = read_text(args)
    except (ProtocolError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.words_per_second <= 0:
        print("error: --words-per-second must be positive", file=sys.stderr)
        return 2
    if args.transport == "webrtc":
        from voice_server import webrtc_client

        report = asyncio.run(webrtc_client.stream_text_webrtc(args, start, text))
    else:
        report = asyncio.run(stream_text(args, start, text))
    print(report.to_json())
    return 0 if report.succeeded else 1


def build_start(args: argparse.Namespace) -> Start:
    """The ``start`` message from the flags (raises ``ProtocolError`` for bad values)."""
    voice: Voice | None = None
    if args.speaker is not None:
        voice = Voice(speaker=args.speaker)
    elif args.gender is not None:
        voice = Voice(gender=args.gender, pitch=args.pitch, speed=args.speed)
    elif args.pitch is not None or args.speed is not None:
        raise ValueError("--pitch and --speed need --gender")
    sampling = None
    if args.seed is not None or args.temperature is not None:
        sampling = Sampling(seed=args.seed, temperature=args.temperature)
    fmt = OutputFormat.of(args.format, sample_rate=args.sample_rate, frame_ms=args.frame_ms)
    segmentation = None if args.segmentation is None else Segmentation(args.segmentation)
    return Start(voice=voice, sampling=sampling, format=fmt, lead_ms=args.lead_ms,
                 segmentation=segmentation)  # fmt: skip


def read_text(args: argparse.Namespace) -> str:
    if args.text is not None:
        text: str = args.text
    elif args.text_file is not None:
        text = Path(args.text_file).read_text(encoding="utf-8")
    else:
        text = sys.stdin.read()
    if not text.strip():
        raise ValueError("no text to speak")
    return text


def split_words(text: str) -> list[str]:
    """LLM-like deltas: each word with the whitespace after it (leading space kept)."""
    words = re.findall(r"\S+\s*", text)
    lead = text[: len(text) - len(text.lstrip())]
    if words and lead:
        words[0] = lead + words[0]
    return words


# --- one run ----------------------------------------------------------------------------------


@dataclass
class Report:
    """What one run measured (see the module docstring for the definitions)."""

    server: str
    context_id: str
    words: int
    words_per_second: float
    status: str = "closed"
    format: dict[str, Any] = field(default_factory=dict)
    random_weights: bool | None = None
    first_text_at: float | None = None
    flush_at: float | None = None
    first_audio_at: float | None = None
    frames: int = 0
    samples: int = 0
    sample_rate: int = 16000
    late_frames: int = 0
    stall_s: float = 0.0
    flushes_acked: int = 0
    server_timings: dict[str, Any] | None = None
    cancel_sent_at: float | None = None
    cancel_ack: Cancelled | None = None
    cancel_ack_at: float | None = None
    frames_after_ack: int = 0
    samples_after_ack: int = 0
    errors: list[ErrorEvent] = field(default_factory=list)
    close_code: int | None = None
    detail: str | None = None
    output: str | None = None
    payloads: list[bytes] = field(default_factory=list, repr=False)

    @property
    def succeeded(self) -> bool:
        if self.cancel_sent_at is not None:
            return self.cancel_ack is not None and self.frames_after_ack == 0
        return self.status == "completed"

    def to_json(self) -> str:
        def ms(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else round((b - a) * 1000.0, 1)

        rate_ms = 1000.0 / self.sample_rate
        cancel = None
        if self.cancel_sent_at is not None:
            cancel = {
                "sent_after_first_text_ms": ms(self.first_text_at, self.cancel_sent_at),
                "acknowledged": self.cancel_ack is not None,
                "ack_latency_ms": ms(self.cancel_sent_at, self.cancel_ack_at),
                "audio_ms_before_ack": None if self.cancel_ack is None
                else self.cancel_ack.audio_ms,
                "frames_after_ack": self.frames_after_ack,
                "audio_ms_after_ack": round(self.samples_after_ack * rate_ms, 1),
            }  # fmt: skip
        return orjson.dumps({
            "server": self.server,
            "context_id": self.context_id,
            "status": self.status,
            "format": self.format,
            "words": self.words,
            "words_per_second": self.words_per_second,
            "ttfa_from_first_text_ms": ms(self.first_text_at, self.first_audio_at),
            "ttfa_from_flush_ms": ms(self.flush_at, self.first_audio_at),
            "audio_ms": round(self.samples * rate_ms, 1),
            "frames": self.frames,
            "late_frames": self.late_frames,
            "stall_ms": round(self.stall_s * 1000.0, 1),
            "flushes_acknowledged": self.flushes_acked,
            "server_timings": self.server_timings,
            "cancel": cancel,
            "errors": [{"code": e.code, "message": e.message, "fatal": e.fatal}
                       for e in self.errors],
            "close_code": self.close_code,
            "detail": self.detail,
            "random_weights": self.random_weights,
            "output": self.output,
        }).decode()  # fmt: skip


async def stream_text(args: argparse.Namespace, start: Start, text: str) -> Report:
    """Connect, stream ``text``, collect the audio; never raises for server-side failures."""
    words = split_words(text)
    report = Report(websocket_url(args.server), args.context_id, len(words),
                    args.words_per_second)  # fmt: skip
    try:
        async with asyncio.timeout(args.timeout):
            session = await connect(args.server, start, token=args.token)
            async with session:
                await _exchange(session, args, words, report)
            report.close_code = session.close_code
    except ProtocolError as exc:
        report.status = "error"
        report.errors.append(ErrorEvent.from_error(exc))
    except TimeoutError:
        report.status = "timeout"
    except (OSError, aiohttp.ClientError) as exc:
        report.status, report.detail = "connection_failed", f"{type(exc).__name__}: {exc}"
    if args.output is not None and report.payloads:
        write_wav(args.output, decode_audio(report.payloads, report.format), report.sample_rate)
        report.output = str(args.output)
    return report


async def _exchange(session: Session, args: argparse.Namespace, words: list[str],
                    report: Report) -> None:  # fmt: skip
    fmt = session.ready.format
    report.format = {"encoding": fmt.encoding.value, "sample_rate": fmt.sample_rate,
                     "frame_ms": fmt.frame_ms}  # fmt: skip
    report.sample_rate = fmt.sample_rate
    report.random_weights = session.ready.random_weights
    await session.open(args.context_id)
    sender = asyncio.create_task(_send(session, args, words, report), name="client-sender")
    try:
        await _receive(session, args, report)
    finally:
        if not sender.done():
            sender.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sender


async def _send(session: Session, args: argparse.Namespace, words: list[str],
                report: Report) -> None:  # fmt: skip
    """Words at their due times, then flush + end; or stop and cancel at the cancel time."""
    clock = session.clock
    began = clock()
    cancel_at = None if args.cancel_after_ms is None else began + args.cancel_after_ms / 1000.0
    interval = 1.0 / args.words_per_second
    for index, word in enumerate(words):
        due = began + index * interval
        if cancel_at is not None and due >= cancel_at:
            break
        await asyncio.sleep(max(0.0, due - clock()))
        await session.send_text(args.context_id, word)
        if report.first_text_at is None:
            report.first_text_at = clock()
    else:
        await session.flush(args.context_id, flush_id="final")
        report.flush_at = clock()
        await session.end(args.context_id)
    if cancel_at is not None:
        await asyncio.sleep(max(0.0, cancel_at - clock()))
        report.cancel_sent_at = clock()
        await session.cancel(args.context_id)


async def _receive(session: Session, args: argparse.Namespace, report: Report) -> None:
    """Read until the context ends (plus the linger after a cancel) or the connection closes."""
    playout = Playout(session.ready.format.sample_rate)
    linger_until: float | None = None
    while True:
        wait = None if linger_until is None else linger_until - session.clock()
        if wait is not None and wait <= 0:
            return  # the linger after a cancel is over
        try:
            item = await session.receive(wait)
        except TimeoutError:
            return  # the linger after a cancel is over
        if item is None:
            return
        if isinstance(item, ContextAudio) and item.context_id == args.context_id:
            if report.cancel_ack is not None:
                report.frames_after_ack += 1
                report.samples_after_ack += item.samples
                continue
            report.first_audio_at = report.first_audio_at or item.received_at
            report.frames += 1
            report.samples += item.samples
            report.payloads.append(item.frame.payload)
            playout.add(item.received_at, item.samples)
            report.late_frames, report.stall_s = playout.late_frames, playout.stall_s
        elif isinstance(item, ErrorEvent):
            report.errors.append(item)
            if item.context_id == args.context_id and args.context_id not in session.stats:
                report.status = "error"
                return  # the open was refused
        elif isinstance(item, FlushDone) and item.context_id == args.context_id:
            report.flushes_acked += 1
        elif isinstance(item, ContextDone) and item.context_id == args.context_id:
            report.status = item.status.value
            report.server_timings = {"ttfa_ms": item.timings.ttfa_ms, "rtf": item.timings.rtf,
                                     "duration_ms": item.timings.duration_ms}  # fmt: skip
            return
        elif isinstance(item, Cancelled) and item.context_id == args.context_id:
            report.status = "cancelled"
            report.cancel_ack, report.cancel_ack_at = item, session.clock()
            linger_until = report.cancel_ack_at + args.linger_ms / 1000.0


# --- audio out --------------------------------------------------------------------------------


def decode_audio(payloads: list[bytes], fmt: dict[str, Any]) -> np.ndarray:
    """Frame payloads, in order, to int16 samples at the output rate."""
    encoding = Encoding(fmt["encoding"])
    if encoding is Encoding.PCM16:
        return np.frombuffer(b"".join(payloads), dtype="<i2").astype(np.int16)
    if encoding is Encoding.MULAW:
        from voice_server.codec.encoders import mulaw_decode

        return mulaw_decode(np.frombuffer(b"".join(payloads), dtype=np.uint8))
    return _decode_opus(payloads, int(fmt["sample_rate"]))


def _decode_opus(packets: list[bytes], sample_rate: int) -> np.ndarray:
    import av

    decoder = av.CodecContext.create("opus", "r")
    decoder.sample_rate = sample_rate
    decoder.layout = "mono"
    chunks: list[np.ndarray] = []
    for packet in packets:
        for frame in decoder.decode(av.Packet(packet)):
            chunks.append(frame.to_ndarray().reshape(-1))
    if not chunks:
        return np.zeros(0, dtype=np.int16)
    audio = np.concatenate(chunks)
    if audio.dtype.kind == "f":
        audio = np.clip(np.rint(audio * 32767.0), -32768, 32767)
    pcm: np.ndarray = audio.astype(np.int16)
    return pcm


def write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> None:
    """Mono 16-bit WAV."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(np.asarray(samples, dtype="<i2").tobytes())

