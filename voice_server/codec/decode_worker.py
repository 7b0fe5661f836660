"""One decode worker per device: batches decode windows from many streams, off the event loop.

Theory of operation
-------------------
Sessions ``await worker.decode(window, voice, deadline)``; the event loop never runs the model.
A dedicated thread owns the decoder (torch releases the GIL inside its kernels, so the loop keeps
serving sockets while a batch runs) and repeats:

1. Wait until jobs are pending (or the worker is closing).
2. Drop jobs whose awaiting task was cancelled (barge-in), without decoding them.
3. Earliest deadline first: find the most urgent pending job; its window length names the group.
   If that group is not full and the most urgent job can afford it (its deadline is more than
   ``batch_wait`` away), hold the batch open up to ``batch_wait`` after that job arrived, so
   windows of streams that become ready a few milliseconds apart share one pass: fewer, larger
   passes leave the GPU to the language model for longer stretches.
4. Take up to ``max_batch`` jobs of that length, most urgent first. Equal lengths stack into one
   tensor without padding (padding would change a non-causal decoder's output), which is why the
   streaming planner keeps window lengths few and equal in steady state.
5. Hand the batch to the backend (``batch_decoding``): it looks up each voice's d-vector in a
   small LRU, decodes (replayed from a CUDA graph captured at start when the window length
   has one, see ``graphs``) and returns host memory, whether the decoder lives in this process
   or in another one (``decoder_host``).
6. Hand each row back to its task's event loop with ``call_soon_threadsafe``. A task that was
   cancelled meanwhile never sees its row.

Deadlines are ``time.monotonic()`` times (the default event loop's ``loop.time()``) of the
moment the audio is needed. Jobs submitted before ``start()`` wait in the queue; ``aclose()`` fails
every job not yet taken with ``DecodeWorkerClosed`` and lets the running batch finish.

**Batches in flight.** A decoder in another process (``decoder_host``) is reached over one
connection per *lane*, and each lane has a thread of its own that repeats the steps above:
with two lanes, a second batch (say the first window of a stream that just started) goes to
the decoder while the first is still there, and can join the same pass, instead of waiting
for the first batch's audio to come back. A decoder in this process has one lane (it runs
one batch at a time).

**The urgent lane.** With every ordinary lane's batch at the decoder, a stream's first chunk
(due the moment it is decoded) would wait for one of them to come back: on the H100 at 800
sessions that wait made first audio's decode stage 115-190 ms mean. With ``urgent_lane_s`` set,
the last lane takes only batches whose most urgent window is due within that many seconds
(first chunks, windows about to play late), so they go at once and the decoder's own
earliest-deadline-first order puts them in its next pass; windows with time in hand keep
waiting for the ordinary lanes, and batch there as before. ``urgent_max_batch`` can cap
its batches (a decoder process's urgent stream, ``host_serving``, takes none larger than its
own graphs; a larger one waits there for the pass in progress); the server leaves it at
``max_batch`` unless told otherwise (``decode.urgent_lane_rows`` says why).

Each backend is touched by its own lane's thread only, so it needs no lock; the job list lives
behind one ``threading.Condition`` and the counters behind one lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self, TypeVar

import numpy as np

from voice_server.capacity import DecodeLateness
from voice_server.codec.batch_decoding import DecodeBackend
from voice_server.codec.wait_times import DUE_STAGES, count_wait
from voice_server.os_names import name_os_thread


_Key = TypeVar("_Key")


class DecodeWorkerClosed(RuntimeError):
    """The worker closed (or its thread died) before this job was decoded."""


@dataclass(frozen=True)
class BatchRecord:
    """One batch as run, for the order log (tests, debugging).

    Attributes:
        window_tokens: the common window length of the batch.
        job_ids: the jobs decoded, in batch order (ids count up from 0 in submission order).
        deadlines: their deadlines, same order.
    """

    window_tokens: int
    job_ids: tuple[int, ...]
    deadlines: tuple[float, ...]


@dataclass
class DecodeWorkerStats:
    """Counters for metrics; written by the worker thread, read from anywhere.

    Attributes:
        batches_run: batches decoded (including failed ones).
        batch_sizes: histogram {batch size: count}.
        window_batch_sizes: {(window length, batch size): count}: which windows travel in
            small batches (each length batches only with its own).
        decode_seconds: wall time spent in batches (speaker vectors, decode, copy to host; for
            an engine-hosted decoder, the round trip).
        jobs_decoded: jobs whose batch succeeded.
        jobs_failed: jobs whose batch raised.
        jobs_skipped: jobs dropped before decoding because their waiter was cancelled.
        speaker_cache_misses: d-vectors computed.
        graph_batches: batches replayed from a CUDA graph (the rest ran eagerly).
        graphs_captured: CUDA graphs captured at start (0 on CPU or when disabled).
        wait_counts: {bucket bound: windows} by how long each waited from its ``decode``
            call to the start of its batch (held open for more windows, or queued behind
            the batch before it; ``wait_times``).
        wait_seconds: the sum of those waits.
        shared_batch_sizes, shared_decode_seconds: the passes of a decoder shared by several
            front ends that this front end's batches led (``BackendCounters``).
        shared_queue_counts, shared_queue_seconds: how long this front end's batches then
            waited in that decoder for their pass (``BackendCounters``).
        urgent_passes: those passes its urgent stream ran (``BackendCounters``).
        due_stage_counts, due_stage_seconds: for windows already due when they were
            requested (a cold segment's first chunk, a window arriving late), their way back
            to the listener by stage: "lane" (from the request to the start of its batch),
            "decoder" (the batch at the decoder, a round trip for one in another process)
            and "resume" (from the audio's hand-back to its task running again: the event
            loop's lateness). ``{stage: {bucket bound: count}}`` and ``{stage: seconds}``.
    """

    batches_run: int = 0
    batch_sizes: Counter[int] = field(default_factory=Counter)
    window_batch_sizes: Counter[tuple[int, int]] = field(default_factory=Counter)
    decode_seconds: float = 0.0
    jobs_decoded: int = 0
    jobs_failed: int = 0
    jobs_skipped: int = 0
    speaker_cache_misses: int = 0
    graph_batches: int = 0
    graphs_captured: int = 0
    wait_counts: dict[float, int] = field(default_factory=dict)
    wait_seconds: float = 0.0
    shared_batch_sizes: dict[int, int] = field(default_factory=dict)
    shared_decode_seconds: float = 0.0
    shared_queue_counts: dict[float, int] = field(default_factory=dict)
    shared_queue_seconds: float = 0.0
    urgent_passes: int = 0
    due_stage_counts: dict[str, dict[float, int]] = field(default_factory=dict)
    due_stage_seconds: dict[str, float] = field(default_factory=dict)


@dataclass(eq=False)
class _Job:
    id: int
    codes: np.ndarray
    voice: tuple[int, ...]
    deadline: float
    future: asyncio.Future[np.ndarray]
    loop: asyncio.AbstractEventLoop
    skip_tokens: int = 0  # its audio before this token is not used
    submitted: float = field(default_factory=time.monotonic)
    taken: float = 0.0  # its batch started (``time.monotonic()``)
    settled: float = 0.0  # its result or error was handed back to its loop


def pick_batch(pending: Sequence[_Job], max_batch: int) -> list[_Job]:
    """Earliest-deadline-first choice of one equal-length batch (ties broken by submission)."""
    urgent = min(pending, key=lambda j: (j.deadline, j.id))
    group = [j for j in pending if len(j.codes) == len(urgent.codes)]
    group.sort(key=lambda j: (j.deadline, j.id))
    return group[:max_batch]


class DecodeWorker:
    """Batched BiCodec decoding on one device, in a dedicated thread per lane.

    Use as ``async with DecodeWorker(...) as worker:`` or call ``start()`` / ``await aclose()``.

    Args:
        backend: what decodes a batch (``batch_decoding``); prepared on the worker thread
            before the first job runs (``wait_prepared``), closed by ``aclose``.
        more_lanes: further connections to the same decoder as ``backend`` (``HostedDecoder.
            join``), one more batch in flight each (module docstring); closed by ``aclose``
            before ``backend``.
        max_batch: most windows decoded together (bounds latency and memory per batch).
        name: shown in the thread name and errors.
        order_log_size: batches remembered in ``order_log``.
        batch_wait_s: longest a non-full batch is held open for more windows (step 3 of the
            module docstring); 0 decodes whatever is pending at once.
        late_margin_s: a window finished more than this after its deadline (or after its
            arrival, if it arrived past the deadline) counts as late in ``lateness``
            (admission control reads it).
        urgent_lane_s: above 0, the last of ``more_lanes`` is the urgent lane (module
            docstring): it takes only batches whose most urgent window is due within this
            many seconds.
        urgent_max_batch: most windows in one batch of the urgent lane (None: ``max_batch``).
    """

    def __init__(
        self,
        backend: DecodeBackend,
        *,
        max_batch: int,
        name: str,
        order_log_size: int = 256,
        batch_wait_s: float = 0.0,
        late_margin_s: float = 0.1,
        more_lanes: Sequence[DecodeBackend] = (),
        urgent_lane_s: float = 0.0,
        urgent_max_batch: int | None = None,
    ) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be >= 1")
        if urgent_max_batch is not None and urgent_max_batch < 1:
            raise ValueError("urgent_max_batch must be >= 1")
        if urgent_lane_s > 0 and not more_lanes:
            raise ValueError("an urgent lane needs another lane beside it")
        self.backend = backend
        self.lanes = [backend, *more_lanes]
        self.max_batch = max_batch
        self.urgent_max_batch = min(urgent_max_batch or max_batch, max_batch)
        self.name = name
        self.stats = DecodeWorkerStats()
        self.lateness = DecodeLateness(late_margin_s)
        self.order_log: deque[BatchRecord] = deque(maxlen=order_log_size)
        self._cond = threading.Condition()
        self._pending: list[_Job] = []
        self._ids = itertools.count()
        self._closing = False
        self._threads: list[threading.Thread] = []
        self.batch_wait_s = batch_wait_s
        self.urgent_lane_s = urgent_lane_s
        self._prepared = threading.Event()
        self._unprepared = len(self.lanes)  # lanes still preparing (under ``_cond``)
        self._counting = threading.Lock()  # ``stats`` and ``lateness``, written by every lane

    async def __aenter__(self) -> Self:
        self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def start(self) -> None:
        """Start the decode threads, one per lane (idempotent)."""
        if self._closing:
            raise DecodeWorkerClosed(f"decode worker {self.name!r} is closed")
        if not self._threads:
            for lane, backend in enumerate(self.lanes):
                urgent = self.urgent_lane_s > 0 and lane == len(self.lanes) - 1
                name = f"decode-{self.name}" + ("-urgent" if urgent else f"-{lane}" if lane else "")
                thread = threading.Thread(target=self._run, args=(backend, name, urgent),
                                          name=name, daemon=True)  # fmt: skip
                self._threads.append(thread)
                thread.start()

    async def aclose(self) -> None:
        """Fail the jobs not yet taken, let the running batches finish, stop the threads."""
        with self._cond:
            self._closing = True
            abandoned, self._pending = self._pending, []
            self._cond.notify_all()
        for job in abandoned:  # one exception object per waiter: each gets its own traceback
            error = DecodeWorkerClosed(
                f"decode worker {self.name!r} closed before job {job.id} ran"
            )
            _settle_from_thread(job, None, error)
        for thread in self._threads:
            if thread is not threading.current_thread():
                await asyncio.to_thread(thread.join)
        for backend in reversed(self.lanes):  # the first lane's connection owns the host
            backend.close()

    async def wait_prepared(self) -> None:
        """Wait until every lane has prepared its backend (captured its graphs)."""
        await asyncio.to_thread(self._prepared.wait)

    async def decode(
        self, semantic_window: np.ndarray, global_codes: np.ndarray, deadline: float,
        skip_tokens: int = 0,
    ) -> np.ndarray:  # fmt: skip
        """Decode one window; returns its float32 samples (``len(window) * hop``).

        ``skip_tokens``: the caller uses none of the audio before that token of the window
        (``DecodeJob.skip_tokens``), so the decoder may skip the work only it needs; those
        samples may come back as zeros. A batch skips what all of its windows allow.

        Raises:
            ValueError: a malformed window or voice, or ``skip_tokens`` outside the window
                (checked here, so one bad job cannot fail a whole batch).
            DecodeWorkerClosed: the worker is closed or closes before the job runs.
        """
        codes, voice = self._check(semantic_window, global_codes)
        if not 0 <= skip_tokens < len(codes):
            raise ValueError(f"skip_tokens must be in [0, {len(codes)}), got {skip_tokens}")
        loop = asyncio.get_running_loop()
        job = _Job(next(self._ids), codes, voice, deadline, loop.create_future(), loop,
                   skip_tokens=int(skip_tokens))  # fmt: skip
        with self._cond:
            if self._closing:
                raise DecodeWorkerClosed(f"decode worker {self.name!r} is closed")
            self._pending.append(job)
            if self.urgent_lane_s > 0:  # the one woken alone may be the urgent lane, which
                self._cond.notify_all()  # leaves a window with time in hand to the others
            else:
                self._cond.notify()  # any lane takes any batch: one is enough
        audio = await job.future
        if job.deadline <= job.submitted:  # due on arrival: someone is waiting for it now
            self._count_due(job, time.monotonic())
        return audio

    def _count_due(self, job: _Job, resumed: float) -> None:
        stages = zip(DUE_STAGES, (job.taken - job.submitted, job.settled - job.taken,
                                  resumed - job.settled), strict=True)  # fmt: skip
        with self._counting:
            for stage, seconds in stages:
                count_wait(self.stats.due_stage_counts.setdefault(stage, {}), seconds)
                self.stats.due_stage_seconds[stage] = (
                    self.stats.due_stage_seconds.get(stage, 0.0) + seconds)

    def _check(
        self, semantic_window: np.ndarray, global_codes: np.ndarray
    ) -> tuple[np.ndarray, tuple[int, ...]]:
        config = self.backend.config
        codes = np.asarray(semantic_window)
        voice = np.asarray(global_codes)
        for what, a, size in (
            ("semantic_window", codes, config.semantic_codebook_size),
            ("global_codes", voice, config.global_codebook_size),
        ):
            if a.ndim != 1 or a.size == 0 or not np.issubdtype(a.dtype, np.integer):
                raise ValueError(
                    f"{what} must be a non-empty 1-D integer array, got {a.dtype} {a.shape}"
                )
            if a.min() < 0 or a.max() >= size:
                raise ValueError(f"{what} out of range [0, {size})")
        if voice.size != config.global_token_count:
            raise ValueError(
                f"global_codes must hold {config.global_token_count} codes, got {voice.size}"
            )
        return codes.astype(np.int64), tuple(int(c) for c in voice)

    # -- worker thread ------------------------------------------------------------------------

    def _run(self, backend: DecodeBackend, name: str, urgent: bool = False) -> None:
        name_os_thread(name)
        try:
            self._prepare(backend)
            while (batch := self._next_batch(urgent)) is not None:
                self._run_batch(backend, batch)
        except BaseException as exc:  # the thread must never die silently with waiters pending
            self._prepared.set()
            with self._cond:  # nor leave the other lanes taking jobs nobody will finish
                self._closing = True
                abandoned, self._pending = self._pending, []
                self._cond.notify_all()
            for job in abandoned:
                error = DecodeWorkerClosed(f"decode worker {self.name!r} died: {exc!r}")
                _settle_from_thread(job, None, error)
            raise

    def _prepare(self, backend: DecodeBackend) -> None:
        try:
            backend.prepare()
            with self._counting:
                self.stats.graphs_captured = max(self.stats.graphs_captured,
                                                 backend.counters.graphs_captured)  # fmt: skip
        except BaseException:
            self._prepared.set()  # the waiter learns of it from the dead worker
            raise
        with self._cond:
            self._unprepared -= 1
            if self._unprepared == 0:
                self._prepared.set()

    def _next_batch(self, urgent: bool = False) -> list[_Job] | None:
        """The next batch this lane decodes (None once closing): the urgent lane's only once
        its most urgent window is due within ``urgent_lane_s``, an ordinary lane's after its
        hold (``_hold_for``)."""
        with self._cond:
            while True:
                live = [j for j in self._pending if not j.future.cancelled()]  # racy read: fine,
                self.stats.jobs_skipped += len(self._pending) - len(live)  # a miss is dropped later
                self._pending = live
                if self._closing:
                    return None
                if live:
                    batch = pick_batch(live, self.urgent_max_batch if urgent else self.max_batch)
                    if urgent:
                        hold = batch[0].deadline - self.urgent_lane_s - time.monotonic()
                    else:
                        hold = self._hold_for(batch)
                    if hold <= 0:
                        break
                    self._cond.wait(hold)  # a new job or the hold's end: decide again
                    continue
                self._cond.wait()
            taken = {id(j) for j in batch}
            self._pending = [j for j in live if id(j) not in taken]
            return batch

    def _hold_for(self, batch: list[_Job]) -> float:
        """Seconds to keep ``batch`` open for more windows (0: decode it now)."""
        if self.batch_wait_s <= 0 or len(batch) >= self.max_batch:
            return 0.0
        urgent = batch[0]
        until = min(urgent.submitted + self.batch_wait_s, urgent.deadline - self.batch_wait_s)
        return until - time.monotonic()

    def _run_batch(self, backend: DecodeBackend, batch: list[_Job]) -> None:
        started = time.perf_counter()
        now = time.monotonic()
        with self._counting:
            for job in batch:
                job.taken = now
                count_wait(self.stats.wait_counts, now - job.submitted)
                self.stats.wait_seconds += now - job.submitted
            # Logged before any result is handed back, so a waiter that resumes sees its batch.
            self.stats.batches_run += 1
            self.stats.batch_sizes[len(batch)] += 1
            self.stats.window_batch_sizes[(len(batch[0].codes), len(batch))] += 1
            self.order_log.append(BatchRecord(
                len(batch[0].codes), tuple(j.id for j in batch), tuple(j.deadline for j in batch)
            ))  # fmt: skip
        try:
            audio = backend.decode_batch(
                np.stack([j.codes for j in batch]), [j.voice for j in batch], batch[0].deadline,
                min(j.skip_tokens for j in batch),
            )
        except Exception as exc:
            with self._counting:
                self._count_backends()
                self.stats.decode_seconds += time.perf_counter() - started
                self.stats.jobs_failed += len(batch)
            for job in batch:
                _settle_from_thread(job, None, exc)
        else:
            with self._counting:
                self._count_backends()
                self.stats.decode_seconds += time.perf_counter() - started
                self.stats.jobs_decoded += len(batch)
                self.lateness.add(time.monotonic(), [j.deadline for j in batch],
                                  [j.submitted for j in batch])
            for job, row in zip(batch, audio, strict=True):
                _settle_from_thread(job, row.copy(), None)

    def _count_backends(self) -> None:
        """The lanes' running totals, summed (each lane's connection is counted apart)."""
        lanes = [backend.counters for backend in self.lanes]
        self.stats.speaker_cache_misses = sum(c.speaker_cache_misses for c in lanes)
        self.stats.graph_batches = sum(c.graph_batches for c in lanes)
        self.stats.shared_batch_sizes = _summed([c.shared_batch_sizes for c in lanes])
        self.stats.shared_decode_seconds = sum(c.shared_decode_seconds for c in lanes)
        self.stats.shared_queue_counts = _summed([c.shared_queue_counts for c in lanes])
        self.stats.shared_queue_seconds = sum(c.shared_queue_seconds for c in lanes)
        self.stats.urgent_passes = sum(c.urgent_passes for c in lanes)


def _summed(counts: list[dict[_Key, int]]) -> dict[_Key, int]:
    total: dict[_Key, int] = {}
    for count in counts:
        for key, n in count.items():
            total[key] = total.get(key, 0) + n
    return total


def _settle_from_thread(job: _Job, result: np.ndarray | None, error: BaseException | None) -> None:
    job.settled = time.monotonic()
    with contextlib.suppress(RuntimeError):  # the waiter's loop is closed: nobody is left to tell
        job.loop.call_soon_threadsafe(_settle, job.future, result, error)


def _settle(
    future: asyncio.Future[np.ndarray], result: np.ndarray | None, error: BaseException | None
) -> None:
    if future.done():  # the waiting task was cancelled: drop the result
        return
    if error is not None:
        future.set_exception(error)
    else:
        assert result is not None
        future.set_result(result)
