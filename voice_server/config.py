"""One typed configuration tree, built once from defaults, a file, the environment and flags.

``ServerConfig`` is frozen and passed explicitly into constructors; nothing reads globals.
Every leaf field becomes a command-line flag and an environment variable, named after its path:

    limits.max_message_bytes  ->  --limits.max-message-bytes   VOICE_SERVER_LIMITS__MAX_MESSAGE_BYTES

Precedence, lowest first: field default, ``--config FILE`` (JSON or YAML, nested like the tree),
environment, flags. Help texts come from each dataclass's ``Attributes:`` docstring section, so
``voice-server serve --help`` documents every limit with its bound.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocol.limits import MIN_MAX_CONTEXTS

from voice_server.auth import AuthConfig
from voice_server.compat_voices import CompatConfig
from voice_server.engine.llm import EngineConfig
from voice_server.pacing import PacingConfig
from voice_server.runtime import URGENT_MS, DecodeConfig
from voice_server.transport.http_api import HttpApiConfig
from voice_server.transport.webrtc_config import WebRTCConfig

ENV_PREFIX = "VOICE_SERVER_"


@dataclass(frozen=True)
class LimitsConfig:
    """Per-connection and per-process limits. Each bounds memory or time; all are announced.

    Attributes:
        max_message_bytes: largest client message (text or binary) accepted; bigger ones close
            the connection with 1009. Bounds per-connection receive memory.
        max_buffered_text_chars: text a context may hold that is not yet synthesized; more is
            refused with an error event (the context goes on). Bounds text memory per context.
        max_contexts: concurrent open contexts per connection; one more gets an error event.
        max_sessions: concurrent sessions per process (WebSocket, WebRTC and streaming HTTP
            requests together; with several front ends, all of them); the next gets a
            retryable error and close code 4503 (HTTP and WebRTC: 503).
        max_sessions_per_ip: concurrent sessions from one client address.
        min_stream_token_rate: real-time admission floor: while at least
            min_streams_for_rate_check engine streams get fewer semantic tokens per second each
            than this (real time is the model's tokens per audio second: sample rate / hop
            length, 50 for Spark-TTS), new sessions are refused with a retryable server_busy
            instead of slowing everyone; also while the recent throughput, shared by the
            streams now, the sessions admitted lately that have not spoken and the newcomer,
            would give each less (see voice_server/capacity.py). 0 turns both off. The margin
            over 50 is what absorbs a segment's start (time to first token, first decode
            windows) while the listener's buffer is thin: on an H100 with clients retrying,
            segments running at a median 97 tokens/s kept underruns at 0.25 s p95, at 72-76
            1.6-2.9 s (docs/PERFORMANCE.md); so the floor is 90 (it was 55). Unset (the
            default): 1.8 x real time (``capacity.REAL_TIME_HEADROOM``), 90 for Spark-TTS
            and in step for a model whose codec runs at another token rate. Lower it to trade
            punctual audio for sessions.
        min_streams_for_rate_check: the floor applies only with at least this many streams
            (a handful of streams is never the reason a GPU falls behind); on an idle engine
            (nothing measured) at most this many sessions may be starting at once.
        max_late_decode_share: real-time admission ceiling for the decoder: while at least
            min_streams_for_rate_check streams run and more than this share of the decode
            windows of the last 2 s finished later than decode.late_margin_ms after their
            playback deadline (a window that reached the decoder past its deadline, the
            engine's lateness, counts only if the decoder then held it past that margin), new
            sessions are refused with a retryable server_busy. 0 turns it off.
        max_loop_lag_ms: real-time admission ceiling for the front end: while at least
            min_streams_for_rate_check sessions are held and the server's event loop ran its
            20 ms probe timer more than this many ms late at over a tenth of its wake-ups in
            the last 2 s (the lag's 90th percentile), new sessions are refused with a
            retryable server_busy. On an H100 that share was 3 % at 300 offered sessions, 13 %
            at 600 and 17 % at 800, where listeners' gaps grew to 1.1 and 2.6 s p95 (capacity
            module doc; docs/PERFORMANCE.md). 0 turns it off.
        capacity_probe_streams: at start, after the warm-up, this many concurrent segments of
            64 semantic tokens measure what each engine and decoder deliver together; until
            live measurements exceed it, that throughput is what the admission projection
            shares (without it, an idle engine lets min_streams_for_rate_check sessions start
            at once). Unset: 512 on a GPU engine, 64 on a CPU one (``capacity.probe_streams``;
            on an H100 64 streams measured about half of what the engine gives a full batch,
            so a burst of sessions was refused that it could carry). 0 skips the probe.
        handshake_timeout_s: time from the upgrade to the session's start message; silent
            connections are closed with 4408. Bounds half-open connections.
        idle_timeout_s: a session with no client message and no audio in flight for this long
            is closed with 4408.
        slow_consumer_lag_s: a session whose audio falls this far behind its send schedule
            (the client is not reading) is closed with 4429; other sessions never wait on it.
        max_audio_ahead_s: audio generated ahead of playback per context before generation
            pauses; bounds queued audio memory and engine share per session.
        next_segment_ahead_s: a context starts synthesizing its next segment only once its
            listener has at most this much audio ahead of playback (queued here plus sent and
            not yet played) beyond the session's pacing lead; until then its text waits.
            Every engine stream slows every other (one token each per engine step), so a
            segment made while its listener still holds seconds of audio slows the listeners
            who need audio now, and is wasted if the listener barges in. Two seconds covers a
            warm start's first window (about 50 tokens) at the admission floor with the
            warm-start margin, and at 27 tokens/s, half of real time, it still arrives in
            time. 0 turns the wait off (a segment starts as soon as the one before it ends).
            On an H100 at 600 sessions: 529-534 held at once instead of 482-488, busy retries
            8-49 instead of 372-417 (docs/PERFORMANCE.md).
        max_text_chars: largest single text delta.
        max_opens_per_s: contexts a session may open per second (bursts of twice as many,
            at least ``max_contexts``); more get ``rate_limited``. Each open starts engine work
            that a cancel then aborts: an open/cancel loop on one connection must not stall
            everyone else's audio.
        max_messages_per_s: WebSocket messages (text, binary, ping frames) a session's socket
            is read at, bursts of twice as many; a faster client is slowed (the server reads
            its next message later, TCP pushes back), never refused. An LLM streams 30-100
            tokens a second; a flood (10 connections of ping frames or 1-byte fragments once
            pushed other sessions' pongs to 50-230 ms) costs the server no more than this.
            0 turns it off.
        socket_send_buffer_bytes: kernel send buffer of each WebSocket (SO_SNDBUF). Small, so
            audio does not pile up unseen in the kernel: a client that stops reading blocks
            the sender within about a second of audio, and the slow-consumer rule can act.
    """

    max_message_bytes: int = 64 * 1024
    max_buffered_text_chars: int = 20_000
    max_contexts: int = 8
    max_sessions: int = 256
    max_sessions_per_ip: int = 64
    min_stream_token_rate: float | None = None
    min_streams_for_rate_check: int = 32
    max_late_decode_share: float = 0.05
    max_loop_lag_ms: float = 25.0
    capacity_probe_streams: int | None = None
    handshake_timeout_s: float = 10.0
    idle_timeout_s: float = 120.0
    slow_consumer_lag_s: float = 5.0
    max_audio_ahead_s: float = 30.0
    next_segment_ahead_s: float = 2.0
    max_text_chars: int = 10_000
    max_opens_per_s: float = 10.0
    max_messages_per_s: float = 200.0
    socket_send_buffer_bytes: int = 64 * 1024

    def __post_init__(self) -> None:
        if self.max_contexts < MIN_MAX_CONTEXTS:
            raise ValueError(f"limits.max_contexts must be at least {MIN_MAX_CONTEXTS} (the "
                             "protocol promises it)")
        for name in ("max_message_bytes", "max_buffered_text_chars", "max_sessions",
                     "max_sessions_per_ip", "max_text_chars"):  # fmt: skip
            if getattr(self, name) < 1:
                raise ValueError(f"limits.{name} must be >= 1")
        for name in ("handshake_timeout_s", "idle_timeout_s", "slow_consumer_lag_s",
                     "max_audio_ahead_s", "max_opens_per_s"):  # fmt: skip
            if not getattr(self, name) > 0:
                raise ValueError(f"limits.{name} must be > 0")
        if not 0.0 <= self.next_segment_ahead_s <= 3600.0:
            raise ValueError("limits.next_segment_ahead_s must be in [0, 3600] (0 turns it off)")
        if self.capacity_probe_streams is not None and self.capacity_probe_streams < 0:
            raise ValueError("limits.capacity_probe_streams must be >= 0")
        if not self.max_messages_per_s >= 0:
            raise ValueError("limits.max_messages_per_s must be >= 0")
        if not 0.0 <= self.max_loop_lag_ms <= 10_000:
            raise ValueError("limits.max_loop_lag_ms must be in [0, 10000]")
        if not 0.0 <= self.max_late_decode_share <= 1.0:
            raise ValueError("limits.max_late_decode_share must be in [0, 1]")
        if self.min_stream_token_rate is not None and not self.min_stream_token_rate >= 0:
            raise ValueError("limits.min_stream_token_rate must be >= 0 (0 turns the rules off)")


@dataclass(frozen=True)
class HttpConfig:
    """Listening socket, server-wide timeouts and the process's garbage collector.

    Attributes:
        host: interface to bind.
        port: TCP port.
        shutdown_grace_s: on shutdown, live sessions get this long to finish before they are
            closed with 1001 (going away).
        keepalive_timeout_s: idle HTTP keep-alive connections are closed after this long
            (aiohttp's default of 75 s holds sockets needlessly).
        ws_heartbeat_s: a WebSocket ping goes out after this long with nothing received from
            the peer (aiohttp's heartbeat: anything received restarts the wait); a peer that
            then sends nothing for half as long again is dropped without a close frame.
        gc_young_threshold: net new objects between the garbage collector's young
            collections, set once the model is loaded (Python's default is 700). Higher means
            rarer collections and fewer short-lived objects promoted to the old generations,
            whose full collections stall every session's frames (``gc_pauses``). Measured on
            an H100 at 600 offered sessions: with 700, 4.9 s of collections (2.7 s of them
            full) over the level and 47 loop stalls over 100 ms; with 50,000, 0.36 s (no
            full collection) and 13 stalls, underrun p95 2.8 -> 0.7 s (bench/README.md).
        workers: front-end processes. 1 runs everything in one process. N > 1
            starts N front-end processes that all listen on ``port`` (``SO_REUSEPORT``: the
            kernel spreads connections over them), each with its own event loop and GIL
            (``supervisor``), sharing one vLLM engine core where the configuration gives one
            engine; where it gives several (``engine.engines_per_gpu`` on one GPU), N must be
            a multiple of their number, and each engine core serves as many front ends (one
            each for N equal to it; 4 with two engines puts two event loops on each); with
            ``decode.placement`` process one decoder process serves them all (its passes
            merge their batches), with frontend each loads its own decoder.
            Needs a fixed port and ``decode.placement`` other than engine. Session caps, a
            key's session cap, requests per minute and token single use, readiness, named
            voices, WebRTC hang-ups and ``/metrics`` cover all front ends
            (``frontend_group``); ``webrtc.max_calls`` stays per front end.
            Unset (the default): where every engine is on one CUDA device, on a fixed port,
            with ``decode.placement`` unset or process, 2 for one engine and one per engine
            for several; else 1 (``settle_front_ends``). Measured on one H100 lease
            (docs/PERFORMANCE.md): two
            front ends with one shared decoder process gave TTFA p95 99 / 235-238 ms at 100
            / 300 sessions against 156 / 250-323 for one front end with its decoder thread.
    """

    host: str = "127.0.0.1"
    port: int = 8080
    shutdown_grace_s: float = 5.0
    keepalive_timeout_s: float = 15.0
    ws_heartbeat_s: float = 20.0
    gc_young_threshold: int = 50_000
    workers: int | None = None

    def __post_init__(self) -> None:
        if not 100 <= self.gc_young_threshold <= 1_000_000:
            raise ValueError("http.gc_young_threshold must be in [100, 1000000]")
        if self.workers is not None and not 1 <= self.workers <= 64:
            raise ValueError("http.workers must be in [1, 64]")


@dataclass(frozen=True)
class ModelConfig:
    """Which model to serve.

    Attributes:
        path: model directory or hub id; empty means the official checkpoint, falling back
            to a generated random-weight tiny model (audio is noise) when it cannot be had.
        voices_file: optional JSON file of extra named voices (see voice_server/voices.py).
    """

    path: str = ""
    voices_file: str = ""


@dataclass(frozen=True)
class ServerConfig:
    """The whole tree."""

    model: ModelConfig = field(default_factory=ModelConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    limits: LimitsConfig = field(default_factory=LimitsConfig)
    pacing: PacingConfig = field(default_factory=PacingConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)
    decode: DecodeConfig = field(default_factory=DecodeConfig)
    auth: AuthConfig = field(default_factory=AuthConfig)
    http_api: HttpApiConfig = field(default_factory=HttpApiConfig)
    compat: CompatConfig = field(default_factory=CompatConfig)
    webrtc: WebRTCConfig = field(default_factory=WebRTCConfig)


ENGINES_PER_GPU_UNDER_MPS = 2
"""Engines on one GPU where ``engine.engines_per_gpu`` is unset and CUDA MPS is in use."""


def settle_engines(config: ServerConfig, cuda_count: int, mps_in_use: bool) -> ServerConfig:
    """``config`` with ``engine.engines_per_gpu`` set where left unset.

    ``ENGINES_PER_GPU_UNDER_MPS`` where CUDA MPS is in use (``cuda_mps.in_use``) and every
    engine would run on one CUDA device: under MPS the engines' steps overlap on the GPU, and
    each scheduler keeps half the streams, so each stream's steps come sooner (measured on one
    H100, docs/PERFORMANCE.md; without MPS the GPU time-slices between them and two lost to
    one). Otherwise 1: on the CPU, on several GPUs (not measured) and without MPS.

    Args:
        config: as built from defaults, file, environment and flags.
        cuda_count: CUDA devices this process sees.
        mps_in_use: whether the processes this server starts from now on are MPS clients.
    """
    from voice_server.replicas import resolve_devices

    engine = config.engine
    if engine.engines_per_gpu is not None:
        return config
    engines = resolve_devices(engine.devices, engine.cpu_replicas, cuda_count, 1)
    one_gpu = cuda_count > 0 and len(engines) == 1 and engines[0] != "cpu"
    per_gpu = ENGINES_PER_GPU_UNDER_MPS if one_gpu and mps_in_use else 1
    return dataclasses.replace(config, engine=dataclasses.replace(engine, engines_per_gpu=per_gpu))


def settle_front_ends(config: ServerConfig, cuda_count: int) -> ServerConfig:
    """``config`` with ``http.workers`` and ``decode.placement`` set where left unset.

    Several front ends and one shared decoder process where they are allowed and measured
    better (every engine on one CUDA device, a fixed port, no placement that excludes them):
    two sharing the engine where there is one, else one per engine (``engine.engines_per_gpu``),
    with the urgent lane and the urgent stream (``decode.urgent_lane_ms``,
    ``decode.urgent_stream_ms``: ``URGENT_MS``) where those are unset.
    Otherwise one front end with its decoder thread: on the CPU build everything shares the
    same few cores, and several front ends need a fixed port and as many on each engine
    (``supervisor.check_config``); several GPUs each need a decoder of their own.

    Args:
        config: as built from defaults, file, environment and flags.
        cuda_count: CUDA devices this process sees (0 for a server without a GPU, or for
            an app built in this process, which is one front end whatever the host).
    """
    from voice_server.replicas import resolve_devices

    workers, placement = config.http.workers, config.decode.placement
    if workers is None:
        engines = resolve_devices(config.engine.devices, config.engine.cpu_replicas, cuda_count,
                                  config.engine.engines_on_each_gpu)  # fmt: skip
        one_gpu = cuda_count > 0 and len(set(engines)) == 1 and engines[0] != "cpu"
        grouped = one_gpu and config.http.port != 0 and placement in (None, "process")
        workers = max(2, len(engines)) if grouped else 1
    if placement is None:
        placement = "process" if workers > 1 else "frontend"
    decode = dataclasses.replace(config.decode, placement=placement)
    if cuda_count > 0 and placement == "process":
        lane, stream = decode.urgent_lane_ms, decode.urgent_stream_ms
        decode = dataclasses.replace(decode, urgent_lane_ms=URGENT_MS if lane is None else lane,
                                     urgent_stream_ms=URGENT_MS if stream is None else stream)  # fmt: skip
    return dataclasses.replace(config, http=dataclasses.replace(config.http, workers=workers),
                               decode=decode)  # fmt: skip


# --- building the tree -------------------------------------------------------------------


def iter_leaves(cls: type, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, dataclass Field) for every non-dataclass field under ``cls``."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            yield from iter_leaves(kind, prefix + (f.name,))  # type: ignore[arg-type]
        else:
            yield prefix + (f.name,), (f, kind, cls)


def field_help(cls: type, name: str) -> str:
    """The text after ``name:`` in the class docstring's Attributes section."""
    doc = cls.__doc__ or ""
    match = re.search(rf"^\s+{name}: (.*?)(?=^\s+\w+: |\Z)", doc, re.M | re.S)
    return " ".join(match.group(1).split()) if match else ""


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def _is_switch(kind: Any) -> bool:
    """A ``bool`` (or ``bool | None``) leaf: its flag may stand alone, meaning true."""
    return bool in (kind, *typing.get_args(kind))


def _coerce(kind: Any, raw: Any) -> Any:
    if raw is None:
        return None
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    base = args[0] if args else kind
    if base is bool:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        # A typo must not quietly turn a switch off (``auth.enabled tru`` would run unguarded).
        raise ValueError(f"expected true or false, got {raw!r}")
    if base in (int, float, str):
        if isinstance(raw, str) and raw.lower() in ("none", "") and args:
            return None
        if base is not str and isinstance(raw, bool):  # YAML's true is no number
            raise ValueError(f"expected a number, got {raw!r}")
        if base is int and isinstance(raw, float) and not raw.is_integer():
            raise ValueError(f"expected a whole number, got {raw!r}")  # not truncated
        return base(raw)
    return raw


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One ``--section.field`` flag per leaf, documented from the docstrings."""
    parser.add_argument("--config", type=Path, help="JSON or YAML file with the config tree")
    for path, (f, kind, owner) in iter_leaves(ServerConfig):
        flag = "--" + ".".join(path).replace("_", "-")
        default = f.default if f.default is not dataclasses.MISSING else "(computed)"
        value: dict[str, Any] = (
            {"nargs": "?", "const": "true", "metavar": "true|false"} if _is_switch(kind)
            else {"metavar": path[-1].upper()}  # not argparse's CFG__SECTION__FIELD
        )  # fmt: skip
        parser.add_argument(
            flag,
            dest="cfg__" + "__".join(path),
            default=None,
            help=f"{field_help(owner, f.name)} [default: {default}; env "
            f"{env_name(path)}]".replace("%", "%%"),
            **value,
        )


def env_name(path: tuple[str, ...]) -> str:
    return ENV_PREFIX + "__".join(p.upper() for p in path)


def build_config(
    args: argparse.Namespace | None = None, environ: Mapping[str, str] | None = None
) -> ServerConfig:
    """Defaults < ``--config`` file < environment < flags.

    Raises:
        ValueError: a value that does not convert, or an unknown key in the file.
    """
    environ = os.environ if environ is None else environ
    values: dict[tuple[str, ...], Any] = {}
    config_file = getattr(args, "config", None) if args is not None else None
    if config_file is not None:
        values.update(_flatten(_read_file(Path(config_file))))
    for old, new in RENAMED.items():
        if env_name(old) in environ:
            values[new] = environ[env_name(old)]
    for path, _ in iter_leaves(ServerConfig):
        if env_name(path) in environ:
            values[path] = environ[env_name(path)]
        flag_value = getattr(args, "cfg__" + "__".join(path), None) if args is not None else None
        if flag_value is not None:
            values[path] = flag_value
    config: ServerConfig = _build(ServerConfig, (), values)
    return config


def _build(cls: type, prefix: tuple[str, ...], values: dict[tuple[str, ...], Any]) -> Any:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        path = prefix + (f.name,)
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            kwargs[f.name] = _build(kind, path, values)  # type: ignore[arg-type]
        elif path in values:
            try:
                kwargs[f.name] = _coerce(kind, values[path])
            except (TypeError, ValueError) as exc:
                raise ValueError(f"config {'.'.join(path)}: {exc}") from exc
    return cls(**kwargs)


RENAMED: dict[tuple[str, ...], tuple[str, ...]] = {
    ("limits", "max_text_message_chars"): ("limits", "max_text_chars"),
}
"""Earlier names still read from a config file or the environment (now named as the protocol's
``ready.limits`` names them)."""


def _flatten(tree: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    known = {path for path, _ in iter_leaves(ServerConfig)}
    flat: dict[tuple[str, ...], Any] = {}
    for key, value in tree.items():
        path = prefix + (str(key),)
        path = RENAMED.get(path, path)
        if isinstance(value, Mapping):
            flat.update(_flatten(value, path))
        elif path in known:
            flat[path] = value
        else:
            raise ValueError(f"unknown config key {'.'.join(path)}")
    return flat


def _read_file(path: Path) -> Mapping[str, Any]:
    text = path.read_text()
    if path.suffix == ".json":
        data = json.loads(text)
    else:
        import yaml

        data = yaml.safe_load(text)
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
