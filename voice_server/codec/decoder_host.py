"""The BiCodec decoder in another process, reached over a Unix socket (``decode.placement``
``process`` or ``engine``; the default, ``frontend``, is a thread of the server's process).

Why a process of its own (``process``): the front end's decode thread holds the server's GIL
while it launches graph replays and moves batches (measured on an H100 at 600 offered
sessions: 0.4 of a core, beside an event loop at 0.65 that was the first limit), and every
millisecond it holds it, paced frames wait. In a process of its own the decoder has its own
GIL; the server's decode thread only moves bytes over the socket, and waits with the GIL
released. The GPU sees what it sees with the thread: one more CUDA context beside the engine's.

Why in the engine's worker process (``engine``): on one GPU the language model and a decoder
in another process are two CUDA contexts, which the GPU time-slices (measured on an H100: a
decode batch took 2-3 times as long beside the engine as alone), while kernels of one context
on different streams run side by side. It is not the default: measured on three H100s at 600
streams it cost the engine *more* than the front-end thread (63 → 35 tokens/s per stream
against 63 → 47 with mp; 52 → 31 against 52 → 42 with uni), and confining its kernels to part
of the SMs did not help: the model runner's step rate is bound by Python, and the host
thread's Python shares its GIL (bench/README.md, "Where the model runner and the decoder run").

How:
* ``serve_decoder`` loads the decoder on its device, captures its CUDA graphs on a stream of its
  own, listens on a Unix socket in a private directory, says it is ready, and serves the
  connections that prove they know a random key (``host_serving``) until all it expects
  have come and gone. It runs as the main thread of ``decoder_process_main`` (``process``), or
  as a thread that ``DecoderHost`` starts in vLLM's worker process (``engine``): a vLLM
  *worker extension* (``worker_extension_cls``) whose method ``voice_server_host_decoder`` is
  called once, at start, through ``collective_rpc``.
* ``HostedDecoder`` (the front end's ``DecodeBackend``) starts one (``spawn`` or ``open``) or
  joins one the supervisor started for every front end (``connect``), and then, for each
  batch, sends the codes, voices and deadline and reads back float32 audio (raw bytes, no
  pickling of the samples).
* With several front ends (``http.workers`` > 1) and ``process``, the supervisor starts one
  decoder process for all of them (``start_decoder_process``): one decoder on the GPU, whose
  passes merge the front ends' batches (``host_serving``).

If the hosting process dies, the socket closes: every later batch fails with
``DecoderHostLost`` (the runtime reports the replica dead). A decoder process ends when the
front ends it serves have closed their connections or gone away.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import multiprocessing
import os
import secrets
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from voice_server.codec.batch_decoding import BackendCounters, LocalDecoder, build_local_decoder
from voice_server.codec.bicodec import BiCodecConfig
from voice_server.codec.graphs import GraphedDecoder
from voice_server.codec.host_serving import KEY_BYTES, HostServer, PassRunner
from voice_server.os_names import die_with_parent, name_os_thread

log = logging.getLogger(__name__)

HOST_METHOD = "voice_server_host_decoder"
ACCEPT_TIMEOUT_S = 60.0
"""A host of one front end stops if that front end has not connected within this."""
CONNECT_RETRY_S = 0.2


class DecoderHostLost(RuntimeError):
    """The process hosting the decoder is gone (its socket closed)."""


class HostedDecodeError(RuntimeError):
    """The hosted decoder raised while decoding a batch (its message is carried over)."""


@dataclass(frozen=True)
class DecoderSettings:
    """Which decoder to load, wherever it runs: the arguments of ``build_local_decoder`` but
    the device."""

    bicodec_dir: str
    dtype: str
    fuse_activations: bool
    cuda_graphs: bool
    window_lengths: tuple[int, ...]
    max_batch: int
    window_skips: tuple[tuple[int, int], ...] = ()
    """(window length, leading tokens its graphs skip) pairs (``GraphedDecoder``)."""
    urgent_within_ms: float = 0.0
    """A host's urgent stream takes batches due within this (0: no urgent stream)."""
    urgent_rows: int = 8
    """The urgent stream's largest batch."""
    channels_last: bool = False
    """Run the wave generator channels-last on CUDA (``DecodeConfig.channels_last``)."""

    def build(self, device: str) -> LocalDecoder:
        """The decoder, loaded on ``device`` in this process (graphs not captured yet)."""
        return build_local_decoder(
            self.bicodec_dir, device, dtype=self.dtype, fuse_activations=self.fuse_activations,
            channels_last=self.channels_last, cuda_graphs=self.cuda_graphs,
            window_lengths=self.window_lengths, max_batch=self.max_batch,
            window_skips=dict(self.window_skips),
        )  # fmt: skip

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> DecoderSettings:
        fields = dict(raw)
        fields["window_lengths"] = tuple(int(n) for n in fields["window_lengths"])
        fields["window_skips"] = tuple((int(n), int(k)) for n, k in fields.get("window_skips", ()))
        return cls(**fields)


@dataclass(frozen=True)
class HostSpec:
    """What the hosting process needs to load and serve the decoder (sent as a plain dict:
    ``collective_rpc`` serialises plain types)."""

    settings: DecoderSettings
    socket_path: str
    key_hex: str
    clients: int = 1
    """Connections it serves (a front end's ``decode.batches_in_flight`` each); it ends once
    all of them have come and gone."""
    first_connection_s: float | None = ACCEPT_TIMEOUT_S
    """It stops if no connection came within this (None: it waits; the supervisor, which
    started it, watches it)."""

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> HostSpec:
        settings = DecoderSettings.from_dict(raw["settings"])
        first = raw.get("first_connection_s", ACCEPT_TIMEOUT_S)
        return cls(settings, socket_path=raw["socket_path"], key_hex=raw["key_hex"],
                   clients=int(raw.get("clients", 1)),
                   first_connection_s=None if first is None else float(first))  # fmt: skip

    def address(self) -> DecoderAddress:
        return DecoderAddress(self.socket_path, self.key_hex)


@dataclass(frozen=True)
class DecoderAddress:
    """Where a front end finds a decoder started for it, and the key it proves itself with."""

    socket_path: str
    key_hex: str


# -- host side --------------------------------------------------------------------------------


class ReadySignal(Protocol):
    """How ``serve_decoder`` tells its starter that it listens, or why it could not."""

    def ok(self, info: dict[str, Any]) -> None: ...

    def fail(self, error: BaseException) -> None: ...


class DecoderHost:
    """vLLM worker extension: hosts the decoder beside the model runner (module docstring).

    Mixed into vLLM's worker class, so ``self`` is the worker: ``self.device`` is its device.
    """

    def voice_server_host_decoder(self, raw_spec: dict[str, Any]) -> dict[str, Any]:
        """Start the decoder thread and wait until it listens; returns what it loaded."""
        spec = HostSpec.from_dict(raw_spec)
        device = str(getattr(self, "device", "cpu"))
        ready = _Ready()
        thread = threading.Thread(
            target=serve_decoder, args=(spec, device, ready), name="voice-decoder-host",
            daemon=True,
        )
        thread.start()
        return ready.wait()


class _Ready:
    """The host thread's answer to the engine's start call: its info, or its error."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._info: dict[str, Any] = {}
        self._error: BaseException | None = None

    def ok(self, info: dict[str, Any]) -> None:
        self._info = info
        self._event.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._event.set()

    def wait(self) -> dict[str, Any]:
        self._event.wait()
        if self._error is not None:
            raise RuntimeError(f"decoder host failed to start: {self._error!r}") from self._error
        return self._info


class _PipeReady:
    """The decoder process's answer to ``HostedDecoder.spawn``, over a pipe."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def ok(self, info: dict[str, Any]) -> None:
        self._conn.send(("ok", info))

    def fail(self, error: BaseException) -> None:
        self._conn.send(("error", f"{type(error).__name__}: {error}"))


class _LogReady:
    """The answer of a decoder process nobody waits on (the supervisor's: it watches the
    process instead): a log line, or the process's exit with status 1."""

    def ok(self, info: dict[str, Any]) -> None:
        log.info("decoder process ready: %s", info)

    def fail(self, error: BaseException) -> None:
        log.error("the decoder process could not start: %s: %s", type(error).__name__, error)
        raise SystemExit(1)


def decoder_process_main(raw_spec: dict[str, Any], device: str,
                         ready_conn: Connection | None) -> None:  # fmt: skip
    """Entry point of the decoder's own process (``decode.placement`` process)."""
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s decoder-process %(levelname)s %(message)s")  # fmt: skip
    die_with_parent()  # a SIGKILLed starter cannot stop it
    name_os_thread("voice-decoder")  # its CPU apart from the front ends' (top, ws_load)
    if ready_conn is None:
        serve_decoder(HostSpec.from_dict(raw_spec), device, _LogReady())
        return
    try:
        serve_decoder(HostSpec.from_dict(raw_spec), device, _PipeReady(ready_conn))
    finally:
        ready_conn.close()


def start_decoder_process(spec: HostSpec, device: str,
                          ready_conn: Connection | None = None) -> Any:  # fmt: skip
    """Start (not wait for) a process that loads and serves the decoder ``spec`` describes;
    it answers on ``ready_conn``, or, without one, logs and exits with status 1 if it cannot
    start. Returns the process."""
    context = multiprocessing.get_context("spawn")  # CUDA cannot be forked
    process = context.Process(target=decoder_process_main, name="voice-decoder",
                              args=(asdict(spec), device, ready_conn), daemon=True)  # fmt: skip
    process.start()
    return process


def serve_decoder(spec: HostSpec, device: str, ready: ReadySignal) -> None:
    """Load, listen, say ready, then serve the key-holding connections (module docstring)."""
    import torch

    cuda = device.startswith("cuda")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    wake, woken = socket.socketpair()
    woken.setblocking(False)
    runners: list[PassRunner] = []
    try:
        started = time.perf_counter()
        backend = spec.settings.build(device)
        if cuda:  # loaded on this thread's stream; the runners use streams of their own
            torch.cuda.synchronize(device)
        runners.append(PassRunner("voice-decoder-pass", backend,
                                  torch.cuda.Stream(device) if cuda else None, wake))  # fmt: skip
        runners[0].start()  # captures its graphs (one capture at a time: CUDA needs it)
        urgent_within_s = spec.settings.urgent_within_ms / 1000.0
        if urgent_within_s > 0:
            runners.append(PassRunner("voice-decoder-urgent", urgent_backend(backend, spec.settings),
                                      urgent_stream(device) if cuda else None, wake))  # fmt: skip
            runners[1].start()
        listener.bind(spec.socket_path)
        listener.listen(spec.clients)
        info = {
            "device": device,
            "dtype": str(backend.decoder.dtype).removeprefix("torch."),
            "graphs_captured": backend.counters.graphs_captured,
            "urgent_within_ms": spec.settings.urgent_within_ms,
            "urgent_graphs": runners[1].backend.counters.graphs_captured if urgent_within_s > 0 else 0,
            "load_seconds": round(time.perf_counter() - started, 3),
            "pid": os.getpid(),
            "clients": spec.clients,
        }
    except BaseException as exc:
        for runner in runners:
            runner.stop()
        for sock in (listener, wake, woken):
            sock.close()
        ready.fail(exc)
        return
    ready.ok(info)
    log.info("decoder host ready: %s", info)
    server = HostServer(
        listener, bytes.fromhex(spec.key_hex), runners[0], info, clients=spec.clients,
        max_rows=spec.settings.max_batch, first_connection_s=spec.first_connection_s,
        wake=woken, urgent=runners[1] if len(runners) > 1 else None,
        urgent_within_s=urgent_within_s, urgent_rows=spec.settings.urgent_rows,
    )  # fmt: skip
    try:
        server.serve()
    finally:
        for sock in (listener, wake, woken):
            sock.close()
        for runner in runners:
            runner.backend.close()


def urgent_stream(device: str) -> Any:
    """The urgent runner's CUDA stream, at the device's highest priority: when both runners
    have kernels waiting, the GPU starts the urgent pass's blocks first, so a first chunk
    decodes in about its own time rather than sharing the SMs with a large pass. (A graph
    replayed into a stream runs at that stream's priority.)"""
    import torch

    _, highest = torch.cuda.Stream.priority_range()  # type: ignore[call-arg]  # a static method
    return torch.cuda.Stream(device, priority=highest)


def urgent_backend(backend: LocalDecoder, settings: DecoderSettings) -> LocalDecoder:
    """The urgent stream's decoder: the same weights, its own small graphs (batches up to
    ``urgent_rows``, every window length) and its own d-vector cache."""
    graphs = None
    if backend.graphs is not None:
        graphs = GraphedDecoder(backend.decoder, settings.window_lengths, settings.urgent_rows,
                                dict(settings.window_skips))  # fmt: skip
    return LocalDecoder(backend.decoder, graphs)


# -- front-end side ---------------------------------------------------------------------------


class HostedDecoder:
    """``DecodeBackend`` whose decoder lives in another process; make with ``spawn`` (a
    process of its own), ``open`` (the engine's worker process) or ``connect`` (a decoder
    process the supervisor started for every front end). One connection carries one batch
    at a time; ``join`` opens another to the same host (one more batch in flight)."""

    def __init__(self, conn: Connection, config: BiCodecConfig, info: dict[str, Any],
                 address: DecoderAddress, socket_dir: str | None,
                 process: Any = None) -> None:  # fmt: skip
        self.config = config
        self.info = info
        self.counters = BackendCounters(graphs_captured=int(info.get("graphs_captured", 0)))
        self._conn = conn
        self._address = address
        self._socket_dir = socket_dir  # removed by close(): the connection that made it
        self._process = process  # the decoder's own process (``spawn``), else None

    @classmethod
    async def spawn(cls, settings: DecoderSettings, device: str, timeout_s: float = 600.0,
                    connections: int = 1) -> HostedDecoder:  # fmt: skip
        """Start a process that loads the decoder ``settings`` describe on ``device``, wait
        until it listens, then connect to it. The process serves ``connections``: this one
        and ``connections - 1`` more that ``join`` opens; it ends once all have closed.

        Raises:
            RuntimeError: the process could not load or start the decoder, or died first.
        """
        socket_dir, key, spec = _new_spec(settings, connections)
        ready_in, ready_out = multiprocessing.get_context("spawn").Pipe(duplex=False)
        process = None
        try:
            process = start_decoder_process(spec, device, ready_out)
            ready_out.close()
            info = await asyncio.to_thread(_wait_ready, ready_in, process, timeout_s)
            conn, _ = await asyncio.to_thread(_connect, spec.socket_path, key)
        except BaseException:
            if process is not None and process.pid is not None:
                process.kill()
                await asyncio.to_thread(process.join, 10)
            shutil.rmtree(socket_dir, ignore_errors=True)
            raise
        finally:
            ready_in.close()
        log.info("decoder in its own process %s", info)
        return cls(conn, _codec_config(settings), info, spec.address(), socket_dir, process)

    @classmethod
    async def open(cls, engine: Any, settings: DecoderSettings, timeout_s: float = 600.0,
                   connections: int = 1) -> HostedDecoder:  # fmt: skip
        """Have ``engine`` (a ``SparkEngine`` started with ``DecoderHost``) load the decoder
        ``settings`` describe, then connect to it (``connections`` as for ``spawn``).

        Raises:
            RuntimeError: the engine process could not load or start the decoder.
        """
        socket_dir, key, spec = _new_spec(settings, connections)
        try:
            info = await engine.call_worker(HOST_METHOD, asdict(spec), timeout_s)
            conn, _ = await asyncio.to_thread(_connect, spec.socket_path, key)
        except BaseException:
            shutil.rmtree(socket_dir, ignore_errors=True)
            raise
        log.info("decoder hosted by the engine process %s", info)
        return cls(conn, _codec_config(settings), info, spec.address(), socket_dir)

    @classmethod
    async def connect(cls, settings: DecoderSettings, address: DecoderAddress,
                      timeout_s: float = 900.0) -> HostedDecoder:  # fmt: skip
        """Join the decoder process at ``address`` (started by the supervisor for every
        front end), waiting up to ``timeout_s`` for it to load and listen.

        Raises:
            RuntimeError: it did not listen in time, or refused the key.
        """
        key = bytes.fromhex(address.key_hex)
        conn, info = await asyncio.to_thread(_connect_when_listening, address.socket_path, key,
                                             timeout_s)  # fmt: skip
        log.info("decoder process shared by the front ends %s", info)
        return cls(conn, _codec_config(settings), info, address, None)

    async def join(self) -> HostedDecoder:
        """Another connection to this decoder's host, for one more batch in flight; the host
        must have been started to serve it (``connections``, ``HostSpec.clients``). Close
        it before this one: a decoder process of its own ends once all have closed.

        Raises:
            RuntimeError: the host refused it (it serves no more connections).
        """
        key = bytes.fromhex(self._address.key_hex)
        conn, info = await asyncio.to_thread(_connect, self._address.socket_path, key)
        return type(self)(conn, self.config, info, self._address, None)

    @property
    def shared(self) -> bool:
        """Whether the host serves several connections (other front ends', or more batches
        in flight of this one): its passes merge their batches."""
        return int(self.info.get("clients", 1)) > 1

    def prepare(self) -> None:
        """Nothing: the host captured its graphs before it said ready."""

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = math.inf, skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        try:
            self._conn.send((np.ascontiguousarray(codes, dtype=np.int64), voices, deadline,
                             time.monotonic(), int(skip_tokens)))  # fmt: skip
            status, detail, counters = self._conn.recv()
            if status != "ok":
                raise HostedDecodeError(detail)
            payload = self._conn.recv_bytes()
        except (EOFError, OSError) as exc:
            raise DecoderHostLost("the process hosting the decoder is gone") from exc
        self.counters = BackendCounters(**counters)
        return np.frombuffer(payload, dtype=np.float32).reshape(detail)

    def close(self) -> None:
        """End the connection (the host stops serving); a decoder process of its own is
        waited for, and killed if it does not exit within 10 s."""
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(None)
        self._conn.close()
        if self._process is not None:
            self._process.join(10)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)


def _new_spec(settings: DecoderSettings, clients: int) -> tuple[str, bytes, HostSpec]:
    """A private socket directory (0700: this user only), a random key, and the spec."""
    if clients < 1:
        raise ValueError("a decoder host serves at least one connection")
    socket_dir = tempfile.mkdtemp(prefix="voice-decoder-")
    key = secrets.token_bytes(KEY_BYTES)
    spec = HostSpec(settings, socket_path=str(Path(socket_dir) / "decoder.sock"),
                    key_hex=key.hex(), clients=clients)  # fmt: skip
    return socket_dir, key, spec


def _codec_config(settings: DecoderSettings) -> BiCodecConfig:
    return BiCodecConfig.from_yaml(Path(settings.bicodec_dir) / "config.yaml")


def _wait_ready(ready: Connection, process: Any, timeout_s: float) -> dict[str, Any]:
    """The decoder process's ready message, or why it never came."""
    if not ready.poll(timeout_s):
        raise RuntimeError(f"the decoder process was not ready within {timeout_s:g} s")
    try:
        status, detail = ready.recv()
    except EOFError:
        process.join(5)
        raise RuntimeError(f"the decoder process exited (code {process.exitcode}) before it "
                           "was ready") from None  # fmt: skip
    if status != "ok":
        raise RuntimeError(f"decoder host failed to start: {detail}")
    info: dict[str, Any] = detail
    return info


def _connect(path: str, key: bytes) -> tuple[Connection, dict[str, Any]]:
    """Connect, prove the key; the host's info.

    Raises:
        OSError: nothing listens at ``path`` (yet).
        RuntimeError: the host closed the connection: it refused the key.
    """
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(ACCEPT_TIMEOUT_S)
        sock.connect(path)
        sock.settimeout(None)
    except BaseException:
        sock.close()
        raise
    conn = Connection(sock.detach())
    try:
        conn.send_bytes(key)
        info: dict[str, Any] = conn.recv()
    except (EOFError, OSError) as exc:
        conn.close()
        raise RuntimeError("the decoder host refused the connection (wrong key?)") from exc
    return conn, info


def _connect_when_listening(path: str, key: bytes,
                            timeout_s: float) -> tuple[Connection, dict[str, Any]]:  # fmt: skip
    """``_connect``, retried while nothing listens at ``path`` yet."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return _connect(path, key)
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() >= deadline:
                raise RuntimeError(f"no decoder listened at {path} within {timeout_s:g} s")
            time.sleep(CONNECT_RETRY_S)
