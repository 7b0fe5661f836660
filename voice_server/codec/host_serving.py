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
import socket
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

import numpy as np

from voice_server.codec.batch_decoding import BackendCounters, LocalDecoder
from voice_server.codec.bicodec import BiCodecConfig
from voice_server.codec.wait_times import count_wait

log = logging.getLogger(__name__)

KEY_BYTES = 32
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


def check_request(codes: Any, voices: Any, config: BiCodecConfig) -> str | None:
    """Why a batch cannot join a pass, or None if it can."""
    if not isinstance(codes, np.ndarray) or codes.ndim != 2 or 0 in codes.shape:
        return "codes must be a non-empty [rows, length] array"
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


class HostServer:
    """Serves front ends' connections on ``listener`` until ``clients`` of them have come
    and gone (module docstring).

    Args:
        listener: a listening Unix socket.
        key: what a connection must send first.
        backend: the decoder, prepared (graphs captured).
        info: sent to each connection once it proved the key (what the host loaded).
        clients: connections to serve; the host ends when all of them have ended.
        max_rows: most rows of a merged pass.
        first_connection_s: how long to wait for the first connection (None: for ever; the
            process that started the host watches it).
    """

    def __init__(self, listener: socket.socket, key: bytes, backend: LocalDecoder,
                 info: dict[str, Any], *, clients: int, max_rows: int,
                 first_connection_s: float | None) -> None:  # fmt: skip
        self._listener = listener
        self._key = key
        self._backend = backend
        self._info = info
        self._clients_left = clients
        self._max_rows = max_rows
        self._first_deadline = (
            None if first_connection_s is None else time.monotonic() + first_connection_s
        )
        self._live: dict[Connection, _Client] = {}
        self._unproven: dict[Connection, float] = {}  # accepted, key not read yet: deadline
        self._pending: list[HostRequest] = []
        self._seq = itertools.count()
        self._client_ids = itertools.count()
        self._graphs_captured = backend.counters.graphs_captured

    def serve(self) -> None:
        while self._clients_left or self._live:
            listening = [self._listener] if self._clients_left else []
            ready = wait([*self._live, *self._unproven, *listening], timeout=self._wait_s())
            if not ready and not self._pending and self._never_connected():
                log.error("decoder host: no front end connected in time; stopping")
                return
            for source in ready:
                if source is self._listener:
                    self._accept()
                elif source in self._unproven:
                    self._prove(source)  # type: ignore[arg-type]
                else:
                    self._receive(self._live[source])  # type: ignore[index]
            self._drop_unproven(time.monotonic())
            if self._pending:
                self._run(merge_requests(self._pending, self._max_rows))

    def _wait_s(self) -> float | None:
        if self._pending:
            return 0.0
        deadlines = list(self._unproven.values())
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
        codes, voices, deadline, sent = request
        error = check_request(codes, voices, self._backend.config)
        if error is not None:
            self._reply_error(client, error)
            return
        codes = codes.astype(np.int64, copy=False)
        # A batch sent during a pass sat in the socket meanwhile: its wait counts from the send.
        sent_at = min(float(sent), time.monotonic())
        self._pending.append(HostRequest(client.index, codes, voices, float(deadline),
                                         next(self._seq), sent_at))  # fmt: skip

    def _drop(self, client: _Client) -> None:
        self._live.pop(client.conn, None)
        client.conn.close()
        self._pending = [r for r in self._pending if r.client != client.index]

    def _run(self, merged: list[HostRequest]) -> None:
        taken = {id(r) for r in merged}
        self._pending = [r for r in self._pending if id(r) not in taken]
        clients = {c.index: c for c in self._live.values()}
        self._count_new_voices(merged, clients)
        graphed_before = self._backend.counters.graph_batches
        self._count_queue_waits(merged, clients)
        started = time.perf_counter()
        try:
            audio = self._backend.decode_batch(
                np.concatenate([r.codes for r in merged]), [v for r in merged for v in r.voices]
            )
        except Exception as exc:
            for request in merged:
                self._reply_error(clients[request.client], f"{type(exc).__name__}: {exc}")
            return
        audio = np.ascontiguousarray(audio, np.float32)
        graphed = self._backend.counters.graph_batches > graphed_before
        lead = clients[merged[0].client].counters
        rows = sum(r.rows for r in merged)
        lead.shared_batch_sizes[rows] = lead.shared_batch_sizes.get(rows, 0) + 1
        lead.shared_decode_seconds += time.perf_counter() - started
        start = 0
        for request in merged:
            client = clients[request.client]
            client.counters.graph_batches += graphed
            part = audio[start : start + request.rows]
            start += request.rows
            try:
                client.conn.send(("ok", part.shape, asdict(client.counters)))
                client.conn.send_bytes(part.data)  # raw samples: no pickling
            except OSError:
                self._drop(client)

    @staticmethod
    def _count_queue_waits(merged: list[HostRequest], clients: dict[int, _Client]) -> None:
        """How long each batch of the pass waited here for it, on its own front end."""
        now = time.monotonic()
        for request in merged:
            counters = clients[request.client].counters
            count_wait(counters.shared_queue_counts, now - request.arrived)
            counters.shared_queue_seconds += now - request.arrived

    def _count_new_voices(self, merged: list[HostRequest], clients: dict[int, _Client]) -> None:
        """Each d-vector the pass computes is counted once, for the first batch that needs it."""
        seen: set[tuple[int, ...]] = set()
        for request in merged:
            for voice in request.voices:
                if voice not in seen and not self._backend.has_speaker(voice):
                    clients[request.client].counters.speaker_cache_misses += 1
                seen.add(voice)

    def _reply_error(self, client: _Client, message: str) -> None:
        with contextlib.suppress(OSError):
            client.conn.send(("error", message, asdict(client.counters)))
