"""How a decoder host serves its front ends: one connection each, their batches merged into
one pass where they fit.

With several front-end processes (``http.workers`` > 1) and ``decode.placement`` process, one
decoder process serves them all, so the GPU holds one decoder (one CUDA context, one set of
graphs) and decodes what every front end has ready in one pass, as the one decode worker of
a single front end does. Each front end's decode worker still picks its own batch (earliest
deadline first, equal window lengths, held open up to ``decode.batch_wait_ms``) and sends it
with its most urgent deadline; it has one batch in flight per connection, and opens
``decode.batches_in_flight`` connections (the host serves each as a client of its own). The
host repeats:

1. Wait until a batch is pending, then take every other batch that has arrived meanwhile
   (no holding here: the front ends' workers held theirs open already).
2. The most urgent batch names the window length; pending batches of that length join it,
   most urgent first, while the rows fit ``max_rows`` (the largest captured graph's batch).
   Batches of another length wait for the next pass.
3. Decode the stacked rows once and send each front end its own rows.

A thread of its own runs each pass (``PassRunner``), so the host keeps reading while the GPU
works: a batch sent during a pass is in hand when the pass ends.

**The urgent stream.** A stream's first chunk is due the moment it is decoded, but a pass in
progress may take tens of milliseconds (a 128-row pass of steady windows, time-sliced with the
language model's kernels). With ``urgent_within_ms`` set, a second runner, with its own CUDA
stream and its own small graphs (batches up to ``urgent_rows``), takes the batches due within
that many milliseconds while the first runner is busy, and decodes them beside the pass in
progress: kernels of two streams of one CUDA context run side by side, and graphs captured
into separate memory pools can replay at once. Batches of a window length it has no graph for
wait for the first runner.

Each front end's counters say how long its batches waited here for their pass
(``shared_queue_counts``): with the front end's own wait for its batch to form
(``DecodeWorkerStats.wait_counts``) that is a window's whole way to the decoder.

A batch that could fail a merged pass (wrong shape, codes or voices out of range) is refused
on arrival, to its own front end only. Deadlines are ``time.monotonic()`` times: on Linux the
clock is the same in every process of the machine.
"""

from __future__ import annotations

import contextlib
import hmac
import itertools
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

import numpy as np

from voice_server.codec.batch_decoding import BackendCounters, LocalDecoder
from voice_server.codec.bicodec import BiCodecConfig
from voice_server.codec.wait_times import count_wait

log = logging.getLogger(__name__)

KEY_BYTES = 32
WAKE_HORIZON_S = 3600.0
"""How far ahead the host looks for a batch the idle urgent runner will take once it is due
(one without a deadline never is)."""
KEY_WAIT_S = 5.0
"""A new connection has this long to prove it holds the key (waited for beside the others'
batches, never instead of them)."""


@dataclass(eq=False)
class HostRequest:
    """One front end's batch, waiting in the host."""

    client: int
    codes: np.ndarray
    voices: list[tuple[int, ...]]
    deadline: float
    seq: int
    arrived: float = field(default_factory=time.monotonic)
    """When its front end sent it (``time.monotonic()``)."""
    skip_tokens: int = 0
    """Its rows use no audio before this token (``DecodeBackend.decode_batch``)."""

    @property
    def length(self) -> int:
        return int(self.codes.shape[1])

    @property
    def rows(self) -> int:
        return int(self.codes.shape[0])


def merge_requests(pending: Sequence[HostRequest], max_rows: int) -> list[HostRequest]:
    """The batches of the next pass (module docstring, step 2); never empty if ``pending``
    is not. The most urgent batch always runs, even one larger than ``max_rows``."""
    order = sorted(pending, key=lambda r: (r.deadline, r.seq))
    urgent = order[0]
    merged, rows = [urgent], urgent.rows
    for request in order[1:]:
        if request.length == urgent.length and rows + request.rows <= max_rows:
            merged.append(request)
            rows += request.rows
    return merged


def check_request(codes: Any, voices: Any, config: BiCodecConfig,
                  skip_tokens: Any = 0) -> str | None:  # fmt: skip
    """Why a batch cannot join a pass, or None if it can."""
    if not isinstance(codes, np.ndarray) or codes.ndim != 2 or 0 in codes.shape:
        return "codes must be a non-empty [rows, length] array"
    if type(skip_tokens) is not int or not 0 <= skip_tokens < codes.shape[1]:
        return f"skip_tokens must be an int in [0, {codes.shape[1]})"
    if not np.issubdtype(codes.dtype, np.integer):
        return f"codes must be integers, got {codes.dtype}"
    if codes.min() < 0 or codes.max() >= config.semantic_codebook_size:
        return f"semantic codes out of range [0, {config.semantic_codebook_size})"
    if not isinstance(voices, list) or len(voices) != codes.shape[0]:
        return "one voice per row is needed"
    for voice in voices:
        if not isinstance(voice, tuple) or len(voice) != config.global_token_count:
            return f"a voice is {config.global_token_count} global codes"
        if not all(isinstance(c, int) and 0 <= c < config.global_codebook_size for c in voice):
            return f"global codes out of range [0, {config.global_codebook_size})"
    return None


@dataclass(eq=False)
class _Client:
    index: int
    conn: Connection
    counters: BackendCounters = field(default_factory=BackendCounters)


@dataclass(eq=False)
class _Pass:
    """Batches a runner decodes as one, and what came of it (filled in by the runner)."""

    requests: list[HostRequest]
    audio: np.ndarray | None = None
    error: str = ""
    seconds: float = 0.0
    graphed: bool = False
    new_voices: list[int] = field(default_factory=list)
    """Per request, the d-vectors this pass computed first for it."""


class PassRunner:
    """A thread that runs the host's passes on one backend, on a CUDA stream of its own.

    The host's own thread keeps reading the front ends' sockets while a pass runs, so a batch
    that arrives meanwhile is ready the moment the runner is free; with an urgent runner
    (``HostServer``'s ``urgent``), batches due now do not wait for a pass in progress at all:
    kernels of two streams of one CUDA context run side by side. A runner never touches a
    socket: it hands each finished pass to the host's thread (``done``, then a byte on
    ``wake``), which replies.

    Args:
        name: the thread's name.
        backend: the decoder it runs; its graphs are captured on the runner's thread.
        stream: its CUDA stream (None on the CPU).
        wake: written one byte per finished pass (the host's ``wait`` watches the other end).
    """

    def __init__(self, name: str, backend: LocalDecoder, stream: Any,
                 wake: socket.socket) -> None:  # fmt: skip
        self.backend = backend
        self.busy = False
        self.done: queue.SimpleQueue[_Pass] = queue.SimpleQueue()
        self._stream = stream
        self._wake = wake
        self._work: queue.SimpleQueue[_Pass | None] = queue.SimpleQueue()
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)

    def start(self) -> None:
        """Start the thread and wait until its graphs are captured.

        Raises:
            Exception: what preparing the backend raised.
        """
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error

    def covers(self, length: int) -> bool:
        """Whether a window of ``length`` tokens replays from one of its graphs (an urgent
        runner takes nothing else: an eager pass beside another would gain little)."""
        graphs = self.backend.graphs
        return graphs is None or graphs.covers(length)

    def submit(self, work: _Pass) -> None:
        self.busy = True
        self._work.put(work)

    def stop(self) -> None:
        """Let the pass in progress finish, then end the thread."""
        if self._thread.is_alive():
            self._work.put(None)
            self._thread.join()

    def _main(self) -> None:
        context = _on(self._stream)
        with context:
            try:
                self.backend.prepare()
            except BaseException as exc:  # the host reports it and stops
                self._error = exc
                self._ready.set()
                return
            self._ready.set()
            while (work := self._work.get()) is not None:
                try:
                    self._run(work)
                except Exception as exc:  # the pass fails; the runner goes on
                    work.audio, work.error = None, f"{type(exc).__name__}: {exc}"
                    work.new_voices = [0] * len(work.requests)
                self.done.put(work)
                self.busy = False
                with contextlib.suppress(OSError):
                    self._wake.send(b"\x00")

    def _run(self, work: _Pass) -> None:
        backend = self.backend
        seen: set[tuple[int, ...]] = set()
        for request in work.requests:
            fresh = {v for v in request.voices if v not in seen and not backend.has_speaker(v)}
            work.new_voices.append(len(fresh))
            seen.update(request.voices)
        graphed_before = backend.counters.graph_batches
        started = time.perf_counter()
        try:
            audio = backend.decode_batch(
                np.concatenate([r.codes for r in work.requests]),
                [v for r in work.requests for v in r.voices],
                skip_tokens=min(r.skip_tokens for r in work.requests),
            )
            work.audio = np.ascontiguousarray(audio, np.float32)
        except Exception as exc:
            work.error = f"{type(exc).__name__}: {exc}"
        work.seconds = time.perf_counter() - started
        work.graphed = backend.counters.graph_batches > graphed_before


def _on(stream: Any) -> Any:
    """Make ``stream`` current on this thread (nothing on the CPU, where it is None)."""
    if stream is None:
        return contextlib.nullcontext()
    import torch

    return torch.cuda.stream(stream)


def urgent_batches(pending: Sequence[HostRequest], now: float, within_s: float, max_rows: int,
                   covers: Callable[[int], bool]) -> list[HostRequest]:  # fmt: skip
    """The pending batches an urgent runner may take (pure): due within ``within_s`` of
    ``now``, no more than ``max_rows`` rows, of a window length it has a graph for."""
    return [r for r in pending
            if r.deadline - now <= within_s and r.rows <= max_rows and covers(r.length)]  # fmt: skip


class HostServer:
    """Serves front ends' connections on ``listener`` until ``clients`` of them have come
    and gone (module docstring).

    Args:
        listener: a listening Unix socket.
        key: what a connection must send first.
        runner: runs the passes (``make_runner``; started by ``serve``).
        info: sent to each connection once it proved the key (what the host loaded).
        clients: connections to serve; the host ends when all of them have ended.
        max_rows: most rows of a merged pass.
        first_connection_s: how long to wait for the first connection (None: for ever; the
            process that started the host watches it).
        urgent: a second runner for batches due within ``urgent_within_s`` while ``runner``
            is busy (module docstring, "The urgent stream"); None: none.
        urgent_within_s: see ``urgent``.
        urgent_rows: the urgent runner's largest pass (its graphs' largest batch).
        wake: the other end of the runners' ``wake`` socket.
    """

    def __init__(self, listener: socket.socket, key: bytes, runner: PassRunner,
                 info: dict[str, Any], *, clients: int, max_rows: int,
                 first_connection_s: float | None, wake: socket.socket,
                 urgent: PassRunner | None = None, urgent_within_s: float = 0.0,
                 urgent_rows: int = 8) -> None:  # fmt: skip
        self._listener = listener
        self._key = key
        self._runner = runner
        self._urgent = urgent
        self._urgent_within_s = urgent_within_s
        self._urgent_rows = urgent_rows
        self._wake = wake
        self._info = info
        self._clients_left = clients
        self._max_rows = max_rows
        self._first_deadline = (
            None if first_connection_s is None else time.monotonic() + first_connection_s
        )
        self._live: dict[Connection, _Client] = {}
        self._unproven: dict[Connection, float] = {}  # accepted, key not read yet: deadline
        self._pending: list[HostRequest] = []
        self._in_flight = 0
        self._seq = itertools.count()
        self._client_ids = itertools.count()
        self._graphs_captured = runner.backend.counters.graphs_captured

    @property
    def _runners(self) -> list[PassRunner]:
        return [self._runner] if self._urgent is None else [self._runner, self._urgent]

    def serve(self) -> None:
        try:
            self._serve()
        finally:
            for runner in self._runners:
                runner.stop()

    def _serve(self) -> None:
        while self._clients_left or self._live or self._in_flight:
            listening = [self._listener] if self._clients_left else []
            ready = wait([*self._live, *self._unproven, *listening, self._wake],
                         timeout=self._wait_s())  # fmt: skip
            if not ready and not self._pending and not self._in_flight \
                    and self._never_connected():  # fmt: skip
                log.error("decoder host: no front end connected in time; stopping")
                return
            for source in ready:
                if source is self._wake:
                    with contextlib.suppress(BlockingIOError):
                        self._wake.recv(4096)
                elif source is self._listener:
                    self._accept()
                elif source in self._unproven:
                    self._prove(source)  # type: ignore[arg-type]
                elif source in self._live:
                    self._receive(self._live[source])  # type: ignore[index]
            self._reply_finished()
            self._drop_unproven(time.monotonic())
            self._dispatch()

    def _wait_s(self) -> float | None:
        deadlines = list(self._unproven.values())
        if self._urgent is not None and not self._urgent.busy:
            # a batch waiting for the runner may become due before the runner is free
            later = urgent_batches(self._pending, time.monotonic(), WAKE_HORIZON_S,
                                   self._urgent_rows, self._urgent.covers)  # fmt: skip
            if later:
                deadlines.append(min(r.deadline for r in later) - self._urgent_within_s)
        if self._first_deadline is not None and not self._live:
            deadlines.append(self._first_deadline)
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _never_connected(self) -> bool:
        return (not self._live and self._first_deadline is not None
                and time.monotonic() >= self._first_deadline)  # fmt: skip

    def _accept(self) -> None:
        sock, _ = self._listener.accept()
        sock.settimeout(None)
        self._unproven[Connection(sock.detach())] = time.monotonic() + KEY_WAIT_S

    def _drop_unproven(self, now: float) -> None:
        for conn, deadline in list(self._unproven.items()):
            if deadline <= now:
                log.warning("decoder host: a connection sent no key in time; closed")
                del self._unproven[conn]
                conn.close()

    def _prove(self, conn: Connection) -> None:
        """The connection's first message must be the key; then it is a client."""
        del self._unproven[conn]
        try:
            proved = hmac.compare_digest(conn.recv_bytes(KEY_BYTES), self._key)
            if proved:
                conn.send(self._info)
        except (EOFError, OSError):
            proved = False
        if not proved:
            log.warning("decoder host: refused a connection without the key")
            conn.close()
            return
        self._clients_left -= 1
        self._first_deadline = None
        client = self._live[conn] = _Client(next(self._client_ids), conn)
        client.counters.graphs_captured = self._graphs_captured

    def _receive(self, client: _Client) -> None:
        try:
            request = client.conn.recv()
        except (EOFError, OSError):
            request = None
        if request is None:  # the front end closed (or went away)
            self._drop(client)
            return
        codes, voices, deadline, sent, skip_tokens = request
        error = check_request(codes, voices, self._runner.backend.config, skip_tokens)
        if error is not None:
            self._reply_error(client, error)
            return
        codes = codes.astype(np.int64, copy=False)
        # A batch sent during a pass sat in the socket meanwhile: its wait counts from the send.
        sent_at = min(float(sent), time.monotonic())
        self._pending.append(HostRequest(client.index, codes, voices, float(deadline),
                                         next(self._seq), sent_at, skip_tokens))  # fmt: skip

    def _drop(self, client: _Client) -> None:
        """Forget a front end that closed: its pending batches go; a pass already holding
        one finishes, and its rows are not sent (``_reply_finished``)."""
        self._live.pop(client.conn, None)
        client.conn.close()
        self._pending = [r for r in self._pending if r.client != client.index]

    def _dispatch(self) -> None:
        """Give the runner the next pass when it is free, and the urgent runner the batches
        due now when the runner is not."""
        if self._pending and not self._runner.busy:
            self._start(self._runner, merge_requests(self._pending, self._max_rows))
        urgent = self._urgent
        if self._pending and urgent is not None and not urgent.busy:
            due = urgent_batches(self._pending, time.monotonic(), self._urgent_within_s,
                                 self._urgent_rows, urgent.covers)  # fmt: skip
            if due:
                self._start(urgent, merge_requests(due, self._urgent_rows))

    def _start(self, runner: PassRunner, merged: list[HostRequest]) -> None:
        taken = {id(r) for r in merged}
        self._pending = [r for r in self._pending if id(r) not in taken]
        self._count_queue_waits(merged)
        self._in_flight += 1
        runner.submit(_Pass(merged))

    def _reply_finished(self) -> None:
        for runner in self._runners:
            while True:
                try:
                    work = runner.done.get_nowait()
                except queue.Empty:
                    break
                self._in_flight -= 1
                self._reply(work, urgent=runner is self._urgent)

    def _reply(self, work: _Pass, urgent: bool) -> None:
        clients = {c.index: c for c in self._live.values()}
        for request, fresh in zip(work.requests, work.new_voices, strict=True):
            if request.client in clients:
                clients[request.client].counters.speaker_cache_misses += fresh
        if work.audio is None:
            for request in work.requests:
                if request.client in clients:
                    self._reply_error(clients[request.client], work.error)
            return
        lead = clients.get(work.requests[0].client)
        if lead is not None:
            rows = sum(r.rows for r in work.requests)
            lead.counters.shared_batch_sizes[rows] = lead.counters.shared_batch_sizes.get(rows, 0) + 1
            lead.counters.shared_decode_seconds += work.seconds
            lead.counters.urgent_passes += urgent
        start = 0
        for request in work.requests:
            part = work.audio[start : start + request.rows]
            start += request.rows
            client = clients.get(request.client)
            if client is None:  # gone during the pass
                continue
            client.counters.graph_batches += work.graphed
            try:
                client.conn.send(("ok", part.shape, asdict(client.counters)))
                client.conn.send_bytes(part.data)  # raw samples: no pickling
            except OSError:
                self._drop(client)

    def _count_queue_waits(self, merged: list[HostRequest]) -> None:
        """How long each batch of the pass waited here for it, on its own front end."""
        now = time.monotonic()
        clients = {c.index: c for c in self._live.values()}
        for request in merged:
            counters = clients[request.client].counters
            count_wait(counters.shared_queue_counts, now - request.arrived)
            counters.shared_queue_seconds += now - request.arrived

    def _reply_error(self, client: _Client, message: str) -> None:
        with contextlib.suppress(OSError):
            client.conn.send(("error", message, asdict(client.counters)))
