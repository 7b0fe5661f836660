"""The BiCodec decoder hosted inside the vLLM engine's worker process (``decode.placement``).

Why it exists: on one GPU, the language model and a decoder in another process are two CUDA
contexts, and the GPU time-slices between contexts (measured on an H100: a decode batch took
2-3 times as long beside the engine as alone). Kernels of one context on different streams run
side by side instead. So this placement moves the decoder into the process of vLLM's model
runner (the engine core process with ``engine.executor`` uni, the worker process with mp), on
a stream of its own, while batching, deadlines and barge-in stay in the front end's worker.

Why it is not the default: measured on three H100s at 600 streams, it cost the engine *more*
than the front-end thread (63 → 35 tokens/s per stream against 63 → 47 with mp; 52 → 31
against 52 → 42 with uni), and confining its kernels to part of the SMs did not help: the
model runner's step rate is bound by Python, and the host thread's Python shares its GIL
(bench/README.md, "Where the model runner and the decoder run").

How:
* ``DecoderHost`` is a vLLM *worker extension* (``worker_extension_cls``): its method
  ``voice_server_host_decoder`` is called once, at start, through ``collective_rpc``. It starts
  a thread in the worker's process that loads the decoder on the worker's device, captures its
  CUDA graphs on its own stream, listens on a Unix socket in a private directory the front end
  made, and returns when ready (the engine is idle then, so blocking its loop costs nothing).
* ``EngineHostedDecoder`` (the front end's ``DecodeBackend``) connects, proves it knows the
  random key passed in the call, and then, for each batch, sends the codes and voices and reads
  back float32 audio (raw bytes, no pickling of the samples). The host's thread serves one batch
  at a time; it needs that process's GIL to move bytes and launch graph replays.

If the engine process dies, the socket closes: every later batch fails with
``DecoderHostLost`` (the replica is dead anyway; the runtime reports it).
"""

from __future__ import annotations

import contextlib
import hmac
import logging
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
from typing import Any

import numpy as np

from voice_server.codec.batch_decoding import BackendCounters, LocalDecoder, build_local_decoder
from voice_server.codec.bicodec import BiCodecConfig

log = logging.getLogger(__name__)

HOST_METHOD = "voice_server_host_decoder"
KEY_BYTES = 32
ACCEPT_TIMEOUT_S = 60.0


class DecoderHostLost(RuntimeError):
    """The engine process hosting the decoder is gone (its socket closed)."""


class HostedDecodeError(RuntimeError):
    """The hosted decoder raised while decoding a batch (its message is carried over)."""


@dataclass(frozen=True)
class HostedDecoderSettings:
    """Which decoder the engine process loads: the arguments of ``build_local_decoder``
    but the device (the worker's own)."""

    bicodec_dir: str
    dtype: str
    fuse_activations: bool
    cuda_graphs: bool
    window_lengths: tuple[int, ...]
    max_batch: int

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> HostedDecoderSettings:
        fields = dict(raw)
        fields["window_lengths"] = tuple(int(n) for n in fields["window_lengths"])
        return cls(**fields)


@dataclass(frozen=True)
class HostSpec:
    """What the engine process needs to load and serve the decoder (sent as a plain dict:
    ``collective_rpc`` serialises plain types)."""

    settings: HostedDecoderSettings
    socket_path: str
    key_hex: str

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> HostSpec:
        settings = HostedDecoderSettings.from_dict(raw["settings"])
        return cls(settings, socket_path=raw["socket_path"], key_hex=raw["key_hex"])


# -- engine side ------------------------------------------------------------------------------


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
            target=_host_thread, args=(spec, device, ready), name="voice-decoder-host", daemon=True
        )
        thread.start()
        return ready.wait()


class _Ready:
    """The host thread's answer to the start call: its info, or the error it failed with."""

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


def _on(stream: Any) -> Any:
    """Make ``stream`` current on this thread (nothing on the CPU, where it is None)."""
    import torch

    return torch.cuda.stream(stream) if stream is not None else contextlib.nullcontext()


def _host_thread(spec: HostSpec, device: str, ready: _Ready) -> None:
    import torch

    stream = torch.cuda.Stream(device) if device.startswith("cuda") else None
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with _on(stream):
            started = time.perf_counter()
            settings = spec.settings
            backend = build_local_decoder(
                settings.bicodec_dir, device, dtype=settings.dtype,
                fuse_activations=settings.fuse_activations, cuda_graphs=settings.cuda_graphs,
                window_lengths=settings.window_lengths, max_batch=settings.max_batch,
            )  # fmt: skip
            backend.prepare()
            listener.bind(spec.socket_path)
            listener.listen(1)
            listener.settimeout(ACCEPT_TIMEOUT_S)
            info = {
                "device": device,
                "dtype": str(backend.decoder.dtype).removeprefix("torch."),
                "graphs_captured": backend.counters.graphs_captured,
                "load_seconds": round(time.perf_counter() - started, 3),
                "pid": os.getpid(),
            }
    except BaseException as exc:
        listener.close()
        ready.fail(exc)
        return
    ready.ok(info)
    log.info("decoder hosted in the engine process: %s", info)
    try:
        sock, _ = listener.accept()
    except OSError:
        log.error("decoder host: the front end never connected; stopping")
        return
    finally:
        listener.close()
    sock.settimeout(None)
    with Connection(sock.detach()) as conn:
        if not hmac.compare_digest(conn.recv_bytes(KEY_BYTES), bytes.fromhex(spec.key_hex)):
            log.error("decoder host: a connection without the key; stopping")
            return
        with _on(stream):
            _serve(conn, backend)
    backend.close()


def _serve(conn: Connection, backend: LocalDecoder) -> None:
    """Decode batches until the front end sends None or goes away."""
    with contextlib.suppress(EOFError, OSError):  # the front end went away
        while (request := conn.recv()) is not None:
            codes, voices = request
            try:
                audio = np.ascontiguousarray(backend.decode_batch(codes, voices), np.float32)
            except Exception as exc:
                conn.send(("error", f"{type(exc).__name__}: {exc}", asdict(backend.counters)))
                continue
            conn.send(("ok", audio.shape, asdict(backend.counters)))
            conn.send_bytes(audio.data)  # raw samples: no pickling


# -- front-end side ---------------------------------------------------------------------------


class EngineHostedDecoder:
    """``DecodeBackend`` whose decoder lives in an engine core process; make with ``open``."""

    def __init__(self, conn: Connection, config: BiCodecConfig, info: dict[str, Any],
                 socket_dir: str) -> None:  # fmt: skip
        self.config = config
        self.info = info
        self.counters = BackendCounters(graphs_captured=int(info.get("graphs_captured", 0)))
        self._conn = conn
        self._socket_dir = socket_dir

    @classmethod
    async def open(cls, engine: Any, settings: HostedDecoderSettings,
                   timeout_s: float = 600.0) -> EngineHostedDecoder:  # fmt: skip
        """Have ``engine`` (a ``SparkEngine`` started with ``DecoderHost``) load the decoder
        ``settings`` describe, then connect to it.

        Raises:
            RuntimeError: the engine process could not load or start the decoder.
        """
        import asyncio

        socket_dir = tempfile.mkdtemp(prefix="voice-decoder-")  # 0700: this user only
        key = secrets.token_bytes(KEY_BYTES)
        spec = HostSpec(settings, socket_path=str(Path(socket_dir) / "decoder.sock"),
                        key_hex=key.hex())  # fmt: skip
        try:
            info = await engine.call_worker(HOST_METHOD, asdict(spec), timeout_s)
            conn = await asyncio.to_thread(_connect, spec.socket_path, key)
        except BaseException:
            shutil.rmtree(socket_dir, ignore_errors=True)
            raise
        config = BiCodecConfig.from_yaml(Path(settings.bicodec_dir) / "config.yaml")
        log.info("decoder hosted by the engine process %s", info)
        return cls(conn, config, info, socket_dir)

    def prepare(self) -> None:
        """Nothing: the host captured its graphs before ``open`` returned."""

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]]) -> np.ndarray:
        try:
            self._conn.send((np.ascontiguousarray(codes, dtype=np.int64), voices))
            status, detail, counters = self._conn.recv()
            if status != "ok":
                raise HostedDecodeError(detail)
            payload = self._conn.recv_bytes()
        except (EOFError, OSError) as exc:
            raise DecoderHostLost(
                "the engine process hosting the decoder is gone"
            ) from exc
        self.counters = BackendCounters(**counters)
        return np.frombuffer(payload, dtype=np.float32).reshape(detail)

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(None)
        self._conn.close()
        shutil.rmtree(self._socket_dir, ignore_errors=True)


def _connect(path: str, key: bytes) -> Connection:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(ACCEPT_TIMEOUT_S)
        sock.connect(path)
        sock.settimeout(None)
    except BaseException:
        sock.close()
        raise
    conn = Connection(sock.detach())
    conn.send_bytes(key)
    return conn
