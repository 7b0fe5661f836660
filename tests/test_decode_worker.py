"""The batched decode worker: equal results, EDF order, cancellation and shutdown.

Jobs submitted before ``start()`` wait in the queue, so the tests line up exactly the pending set
they want and then let the thread run: the batch order is deterministic, with no sleeps.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from voice_server.codec.batch_decoding import LocalDecoder
from voice_server.codec.bicodec import BiCodecDecoder, load_bicodec
from voice_server.codec.decode_worker import DecodeWorker, DecodeWorkerClosed
from tests.conftest import TIMEOUT_UNIT

GOLDEN = Path(__file__).parent / "fixtures" / "bicodec_golden"


@pytest.fixture(scope="module")
def decoder() -> BiCodecDecoder:
    return load_bicodec(GOLDEN / "BiCodec")


def window(seed: int, length: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 8192, length)


def voice(seed: int) -> np.ndarray:
    return np.random.default_rng(1000 + seed).integers(0, 4096, 32)


def worker_for(decoder: BiCodecDecoder, max_batch: int = 8) -> DecodeWorker:
    return DecodeWorker(LocalDecoder(decoder), max_batch=max_batch, name="test")


async def queued(coros: list[Coroutine[Any, Any, np.ndarray]]) -> list[asyncio.Task[np.ndarray]]:
    """Start the decode calls and let each reach the queue (decode() enqueues before it awaits)."""
    tasks = [asyncio.create_task(c) for c in coros]
    await asyncio.sleep(0)
    return tasks


async def test_a_batch_of_streams_with_different_voices_equals_one_by_one_decodes(
    decoder: BiCodecDecoder,
) -> None:
    worker = worker_for(decoder)
    tasks = await queued(
        [worker.decode(window(i, 30), voice(i), deadline=float(i)) for i in range(4)]
    )
    async with worker:
        results = await asyncio.gather(*tasks)
    assert worker.stats.batch_sizes == Counter({4: 1})
    with torch.inference_mode():
        for i, got in enumerate(results):
            alone = decoder(torch.from_numpy(window(i, 30))[None], torch.from_numpy(voice(i))[None])
            assert got.dtype == np.float32 and got.shape == (30 * 320,)
            np.testing.assert_allclose(got, alone[0].numpy(), atol=1e-5)


async def test_a_batch_skips_only_the_tokens_every_one_of_its_windows_skips(
    decoder: BiCodecDecoder,
) -> None:
    asked: list[int] = []

    class Recording(LocalDecoder):
        def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                         deadline: float = float("inf"), skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
            asked.append(skip_tokens)
            return super().decode_batch(codes, voices, deadline, skip_tokens)

    worker = DecodeWorker(Recording(decoder), max_batch=8, name="test")
    skips = [6, 2, 9]
    tasks = await queued([worker.decode(window(i, 30), voice(i), deadline=float(i),
                                        skip_tokens=skips[i]) for i in range(3)])  # fmt: skip
    async with worker:
        results = await asyncio.gather(*tasks)
        with pytest.raises(ValueError, match="skip_tokens"):
            await worker.decode(window(0, 30), voice(0), deadline=0.0, skip_tokens=30)
    assert asked == [2]  # one batch, cropped as far as its least skip allows
    with torch.inference_mode():
        for i, got in enumerate(results):
            alone = decoder(torch.from_numpy(window(i, 30))[None], torch.from_numpy(voice(i))[None])
            assert not got[: 2 * 320].any()
            np.testing.assert_allclose(got[2 * 320 :], alone[0, 2 * 320 :].numpy(), atol=1e-5)


async def test_the_earliest_deadline_group_is_decoded_first(decoder: BiCodecDecoder) -> None:
    worker = worker_for(decoder)
    tasks = await queued(
        [
            worker.decode(window(0, 20), voice(0), deadline=5.0),  # id 0
            worker.decode(window(1, 30), voice(1), deadline=1.0),  # id 1: most urgent
            worker.decode(window(2, 20), voice(2), deadline=3.0),  # id 2
            worker.decode(window(3, 30), voice(3), deadline=9.0),  # id 3: rides with id 1
        ]
    )
    async with worker:
        await asyncio.gather(*tasks)
    assert [(r.window_tokens, r.job_ids) for r in worker.order_log] == [(30, (1, 3)), (20, (2, 0))]


async def test_max_batch_splits_a_group_most_urgent_first(decoder: BiCodecDecoder) -> None:
    worker = worker_for(decoder, max_batch=2)
    deadlines = [4.0, 2.0, 3.0]
    tasks = await queued(
        [worker.decode(window(i, 12), voice(0), d) for i, d in enumerate(deadlines)]
    )
    async with worker:
        await asyncio.gather(*tasks)
    assert [r.deadlines for r in worker.order_log] == [(2.0, 3.0), (4.0,)]
    assert worker.stats.speaker_cache_misses == 1  # one voice, two batches


async def test_a_cancelled_waiter_is_skipped_and_later_jobs_still_run(
    decoder: BiCodecDecoder,
) -> None:
    worker = worker_for(decoder)
    doomed, kept = await queued(
        [worker.decode(window(0, 16), voice(0), 1.0), worker.decode(window(1, 16), voice(1), 2.0)]
    )
    doomed.cancel()
    await asyncio.sleep(0)
    async with worker:
        assert (await kept).shape == (16 * 320,)
        later = await worker.decode(window(2, 16), voice(2), 3.0)
    assert later.shape == (16 * 320,)
    assert doomed.cancelled()
    assert worker.stats.jobs_skipped == 1 and worker.stats.jobs_decoded == 2


async def test_a_result_for_a_waiter_cancelled_mid_batch_is_dropped_quietly(
    decoder: BiCodecDecoder,
) -> None:
    loop = asyncio.get_running_loop()
    errors: list[dict[str, Any]] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    try:
        async with worker_for(decoder) as worker:
            (task,) = await queued([worker.decode(window(0, 40), voice(0), 1.0)])
            while worker.stats.batches_run == 0:  # block the loop: the result is decoded and
                time.sleep(0.001)  # its hand-back is queued behind us, not yet run
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            result = await worker.decode(window(1, 40), voice(1), 2.0)
    finally:
        loop.set_exception_handler(previous)
    assert worker.stats.jobs_decoded == 2
    assert result.shape == (40 * 320,)
    assert errors == []


async def test_closing_fails_pending_jobs_with_a_clear_error(decoder: BiCodecDecoder) -> None:
    worker = worker_for(decoder)
    tasks = await queued([worker.decode(window(i, 10), voice(0), 1.0) for i in range(3)])
    await worker.aclose()
    for task in tasks:
        with pytest.raises(DecodeWorkerClosed, match="closed before job"):
            await task
    with pytest.raises(DecodeWorkerClosed):
        await worker.decode(window(0, 10), voice(0), 1.0)


async def test_bad_windows_fail_alone_before_reaching_the_batch(decoder: BiCodecDecoder) -> None:
    async with worker_for(decoder) as worker:
        with pytest.raises(ValueError, match="non-empty"):
            await worker.decode(np.zeros(0, dtype=np.int64), voice(0), 1.0)
        with pytest.raises(ValueError, match="out of range"):
            await worker.decode(np.array([8192]), voice(0), 1.0)
        with pytest.raises(ValueError, match="32 codes"):
            await worker.decode(window(0, 5), voice(0)[:31], 1.0)
        assert (await worker.decode(window(0, 5), voice(0), 1.0)).shape == (5 * 320,)
    assert worker.stats.jobs_failed == 0


async def test_stats_count_batches_and_time(decoder: BiCodecDecoder) -> None:
    async with worker_for(decoder) as worker:
        for i in range(3):
            await worker.decode(window(i, 8), voice(0), float(i))
    assert worker.stats.batches_run == 3
    assert worker.stats.batch_sizes == Counter({1: 3})
    assert worker.stats.decode_seconds > 0
    assert worker.stats.speaker_cache_misses == 1


async def test_a_batch_waits_briefly_for_windows_that_are_not_urgent(
    decoder: BiCodecDecoder,
) -> None:
    """Two streams' windows arriving 20 ms apart share one pass when their audio is due later."""
    worker = DecodeWorker(LocalDecoder(decoder), max_batch=8, name="test", batch_wait_s=0.5)
    later = time.monotonic() + 30.0
    async with worker:
        first = asyncio.create_task(worker.decode(window(0, 30), voice(0), deadline=later))
        await asyncio.sleep(0.02)
        second = asyncio.create_task(worker.decode(window(1, 30), voice(1), deadline=later))
        await asyncio.gather(first, second)
    assert worker.stats.batch_sizes == Counter({2: 1})


async def test_an_urgent_window_is_not_held_back(decoder: BiCodecDecoder) -> None:
    worker = DecodeWorker(LocalDecoder(decoder), max_batch=8, name="test", batch_wait_s=5.0)
    async with worker:
        started = time.monotonic()
        await worker.decode(window(0, 30), voice(0), deadline=time.monotonic())
        waited = time.monotonic() - started
    assert worker.stats.batch_sizes == Counter({1: 1})
    assert waited < 2.5  # far below the 5 s hold: it went at once (a CPU decode takes ms)


async def test_a_held_batch_goes_when_its_wait_ends(decoder: BiCodecDecoder) -> None:
    worker = DecodeWorker(LocalDecoder(decoder), max_batch=8, name="test", batch_wait_s=0.2)
    async with worker:
        started = time.monotonic()
        await worker.decode(window(0, 30), voice(0), deadline=time.monotonic() + 60.0)
        waited = time.monotonic() - started
    assert worker.stats.batch_sizes == Counter({1: 1})
    assert 0.19 <= waited < 5.0
    # the hold is what /metrics shows as the window's wait for the decoder
    assert 0.19 <= worker.stats.wait_seconds < waited
    assert sum(worker.stats.wait_counts.values()) == 1
    assert next(iter(worker.stats.wait_counts)) in (0.32, 0.64, 1.28, 2.56)


async def test_the_decode_thread_carries_its_name_in_the_os_too(decoder: BiCodecDecoder) -> None:
    """Benchmarks tell the decoder's CPU from the event loop's by the OS thread name."""
    import os
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("OS thread names are read from /proc")
    worker = DecodeWorker(LocalDecoder(decoder), max_batch=2, name="named")
    async with worker:
        await worker.wait_prepared()
        names = {Path(t.path, "comm").read_text().strip()
                 for t in os.scandir(f"/proc/{os.getpid()}/task")}  # fmt: skip
    assert "decode-named" in names


class GatedLane:
    """A lane whose batches wait at a gate: shows which batches are at the decoder at once."""

    def __init__(self, decoder: BiCodecDecoder, entered: threading.Semaphore) -> None:
        self.inner = LocalDecoder(decoder)
        self.config = self.inner.config
        self.gate = threading.Event()
        self.entered = entered
        self.closed = False

    @property
    def counters(self) -> Any:
        return self.inner.counters

    def prepare(self) -> None:
        self.inner.prepare()

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = float("inf"), skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        self.entered.release()
        assert self.gate.wait(30)
        return self.inner.decode_batch(codes, voices, deadline, skip_tokens)

    def close(self) -> None:
        self.closed = True


async def test_with_two_lanes_a_second_batch_goes_while_the_first_is_at_the_decoder(
    decoder: BiCodecDecoder,
) -> None:
    entered = threading.Semaphore(0)
    lanes = [GatedLane(decoder, entered), GatedLane(decoder, entered)]
    worker = DecodeWorker(lanes[0], max_batch=8, name="lanes", more_lanes=lanes[1:])
    async with worker:
        await worker.wait_prepared()
        first = asyncio.create_task(worker.decode(window(0, 16), voice(0), 1.0))
        assert await asyncio.to_thread(entered.acquire, True, 10)  # one lane holds it
        second = asyncio.create_task(worker.decode(window(1, 16), voice(1), 2.0))
        assert await asyncio.to_thread(entered.acquire, True, 10)  # the other took this one
        assert not first.done() and not second.done()
        assert worker.stats.batches_run == 2
        for lane in lanes:
            lane.gate.set()
        results = await asyncio.gather(first, second)
    assert [r.shape for r in results] == [(16 * 320,)] * 2
    alone = LocalDecoder(decoder).decode_batch(window(1, 16)[None], [tuple(voice(1))])[0]
    assert np.abs(results[1] - alone).max() < 1e-5
    assert worker.stats.jobs_decoded == 2 and worker.stats.speaker_cache_misses == 2
    assert all(lane.closed for lane in lanes)


async def test_with_one_lane_the_next_batch_waits_for_the_one_at_the_decoder(
    decoder: BiCodecDecoder,
) -> None:
    entered = threading.Semaphore(0)
    lane = GatedLane(decoder, entered)
    async with DecodeWorker(lane, max_batch=8, name="one-lane") as worker:
        first = asyncio.create_task(worker.decode(window(0, 16), voice(0), 1.0))
        assert await asyncio.to_thread(entered.acquire, True, 10)
        second = asyncio.create_task(worker.decode(window(1, 16), voice(1), 2.0))
        assert not await asyncio.to_thread(entered.acquire, True, 0.5 * TIMEOUT_UNIT)
        assert worker.stats.batches_run == 1
        lane.gate.set()
        await asyncio.gather(first, second)
    assert worker.stats.batches_run == 2


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
async def test_a_lane_that_dies_fails_the_waiting_jobs_and_stops_the_other_lanes(
    decoder: BiCodecDecoder,
) -> None:
    """The batch another lane holds still finishes; the jobs still waiting fail with the
    reason; nothing is taken after."""
    go = threading.Event()

    class Broken(GatedLane):
        def prepare(self) -> None:
            assert go.wait(30)
            raise RuntimeError("no decoder here")

    entered = threading.Semaphore(0)
    healthy = GatedLane(decoder, entered)
    worker = DecodeWorker(healthy, max_batch=8, name="dying",
                          more_lanes=[Broken(decoder, entered)])  # fmt: skip
    worker.start()
    held = asyncio.create_task(worker.decode(window(0, 16), voice(0), 1.0))
    assert await asyncio.to_thread(entered.acquire, True, 10)  # the healthy lane holds it
    waiting = asyncio.create_task(worker.decode(window(1, 16), voice(1), 2.0))
    await asyncio.sleep(0)
    go.set()
    with pytest.raises(DecodeWorkerClosed, match="no decoder here"):
        await waiting
    healthy.gate.set()
    assert (await held).shape == (16 * 320,)
    with pytest.raises(DecodeWorkerClosed, match="is closed"):
        await worker.decode(window(2, 16), voice(2), 3.0)
    await worker.aclose()
    assert healthy.closed


class RecordingLane(GatedLane):
    """A gated lane that records the window lengths it was given."""

    def __init__(self, decoder: BiCodecDecoder, entered: threading.Semaphore) -> None:
        super().__init__(decoder, entered)
        self.lengths: list[int] = []
        self.taken_at: list[float] = []

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = float("inf"), skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        self.lengths.append(int(codes.shape[1]))
        self.taken_at.append(time.monotonic())
        return super().decode_batch(codes, voices, deadline, skip_tokens)


async def test_the_urgent_lane_takes_a_window_due_now_while_the_others_are_busy(
    decoder: BiCodecDecoder,
) -> None:
    """A first chunk (due now) goes to the decoder at once although the ordinary lane holds a
    batch; a window with time in hand does not take the urgent lane."""
    entered = threading.Semaphore(0)
    ordinary, urgent = RecordingLane(decoder, entered), RecordingLane(decoder, entered)
    worker = DecodeWorker(ordinary, max_batch=8, name="urgent", more_lanes=[urgent],
                          urgent_lane_s=0.05)  # fmt: skip
    async with worker:
        await worker.wait_prepared()
        now = time.monotonic()
        held = asyncio.create_task(worker.decode(window(0, 16), voice(0), now + 30))
        assert await asyncio.to_thread(entered.acquire, True, 10)
        assert ordinary.lengths == [16] and urgent.lengths == []
        later = asyncio.create_task(worker.decode(window(1, 12), voice(1), now + 30))
        assert not await asyncio.to_thread(entered.acquire, True, 0.5 * TIMEOUT_UNIT)
        first_chunk = asyncio.create_task(worker.decode(window(2, 8), voice(2), time.monotonic()))
        assert await asyncio.to_thread(entered.acquire, True, 10)
        assert urgent.lengths == [8]  # the window with time in hand stays for the ordinary lane
        urgent.gate.set()
        assert (await first_chunk).shape == (8 * 320,)
        assert not later.done()
        ordinary.gate.set()
        await asyncio.gather(held, later)
    assert ordinary.lengths == [16, 12] and urgent.lengths == [8]


class SizedLane(RecordingLane):
    """A recording lane that also records how many windows each batch held."""

    def __init__(self, decoder: BiCodecDecoder, entered: threading.Semaphore) -> None:
        super().__init__(decoder, entered)
        self.rows: list[int] = []

    def decode_batch(self, codes: np.ndarray, voices: list[tuple[int, ...]],
                     deadline: float = float("inf"), skip_tokens: int = 0) -> np.ndarray:  # fmt: skip
        self.rows.append(int(codes.shape[0]))
        return super().decode_batch(codes, voices, deadline, skip_tokens)


async def test_the_urgent_lane_takes_no_more_windows_than_its_batch_limit_most_urgent_first(
    decoder: BiCodecDecoder,
) -> None:
    """A backlog of late windows goes through the urgent lane a few at a time, most urgent
    first, so a first chunk that arrives meanwhile waits for one small batch, not a large
    one; the ordinary lanes keep their own limit."""
    entered = threading.Semaphore(0)
    ordinary, urgent = SizedLane(decoder, entered), SizedLane(decoder, entered)
    worker = DecodeWorker(ordinary, max_batch=8, name="capped", more_lanes=[urgent],
                          urgent_lane_s=0.05, urgent_max_batch=2)  # fmt: skip
    with pytest.raises(ValueError, match="urgent_max_batch must be >= 1"):
        DecodeWorker(ordinary, max_batch=8, name="bad", more_lanes=[urgent],
                     urgent_lane_s=0.05, urgent_max_batch=0)  # fmt: skip
    async with worker:
        await worker.wait_prepared()
        held = asyncio.create_task(worker.decode(window(0, 16), voice(0), time.monotonic() + 30))
        assert await asyncio.to_thread(entered.acquire, True, 10)  # the ordinary lane is busy
        now = time.monotonic()
        late = [asyncio.create_task(worker.decode(window(i, 12), voice(i), now - 1 + i / 10))
                for i in range(1, 6)]  # fmt: skip
        assert await asyncio.to_thread(entered.acquire, True, 10)
        assert urgent.rows == [2]
        urgent.gate.set()
        await asyncio.gather(*late)
        ordinary.gate.set()
        await held
    assert urgent.rows[:2] == [2, 2] and sum(urgent.rows) + sum(ordinary.rows[1:]) == 5
    assert max(urgent.rows) == 2 and ordinary.rows[0] == 1
    assert worker.order_log[1].job_ids == (1, 2)  # the two latest windows went first


async def test_a_window_takes_the_urgent_lane_once_it_comes_due(decoder: BiCodecDecoder) -> None:
    entered = threading.Semaphore(0)
    ordinary, urgent = RecordingLane(decoder, entered), RecordingLane(decoder, entered)
    urgent.gate.set()
    worker = DecodeWorker(ordinary, max_batch=8, name="due", more_lanes=[urgent],
                          urgent_lane_s=0.05)  # fmt: skip
    async with worker:
        await worker.wait_prepared()
        held = asyncio.create_task(worker.decode(window(0, 16), voice(0), time.monotonic() + 30))
        assert await asyncio.to_thread(entered.acquire, True, 10)
        soon = time.monotonic() + 0.3 * TIMEOUT_UNIT
        assert (await asyncio.wait_for(worker.decode(window(1, 12), voice(1), soon),
                                       10)).shape == (12 * 320,)  # fmt: skip
        assert urgent.lengths == [12]
        # taken once due within the urgent lane's 50 ms, and not long after
        assert soon - 0.05 - 1e-3 <= urgent.taken_at[0] < soon + 0.2 * TIMEOUT_UNIT
        ordinary.gate.set()
        await held


async def test_a_window_due_on_arrival_has_its_way_to_the_listener_timed_in_stages(
    decoder: BiCodecDecoder,
) -> None:
    """A first chunk's decode stage, taken apart: waiting for a lane, at the decoder, and
    waiting for its task's event loop to run again once the audio is back (here the loop
    is kept busy for a while after the batch was let go). Windows with time in hand are not
    counted."""
    entered = threading.Semaphore(0)
    lane = GatedLane(decoder, entered)
    async with DecodeWorker(lane, max_batch=8, name="stages") as worker:
        await worker.wait_prepared()
        far = asyncio.create_task(worker.decode(window(0, 16), voice(0), time.monotonic() + 30))
        assert await asyncio.to_thread(entered.acquire, True, 10)
        due = asyncio.create_task(worker.decode(window(1, 8), voice(1), time.monotonic()))
        await asyncio.sleep(0.2 * TIMEOUT_UNIT)  # waits for the one lane, busy with `far`
        lane.gate.set()
        assert await asyncio.to_thread(entered.acquire, True, 10)  # `due` is at the decoder
        time.sleep(0.5 * TIMEOUT_UNIT)  # the loop is busy: the audio comes back meanwhile
        await asyncio.gather(far, due)
    counts, seconds = worker.stats.due_stage_counts, worker.stats.due_stage_seconds
    assert {stage: sum(c.values()) for stage, c in counts.items()} == {
        "lane": 1, "decoder": 1, "resume": 1}
    assert seconds["lane"] >= 0.15 * TIMEOUT_UNIT
    assert seconds["decoder"] > 0
    assert seconds["decoder"] + seconds["resume"] >= 0.45 * TIMEOUT_UNIT
