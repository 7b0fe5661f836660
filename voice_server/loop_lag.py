"""Event-loop stalls: how late the server's loop runs a timer, measured continuously.

Why: every session's paced frames are sent from the one event loop, and a client holds only
the pacing lead (about 100 ms) ahead. A stall longer than that, from any cause (a garbage
collection, another thread holding the GIL, a slow callback), is a gap for every listener at
once, even when the engine and the decoder are ahead. A load test that sees all sessions
underrun by the same amount needs this number to tell a stalled loop from a slow engine.

How: a task sleeps ``interval_s`` again and again; the time it wakes past its deadline is the
loop's lag, recorded in a histogram (its sum is the total stall time). The probe costs one
timer wake-up per interval.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
"""1 ms to 5 s: above the pacing lead (0.1 s) listeners hear it."""

PROBE_INTERVAL_S = 0.02


def lag_seconds(deadline: float, woke_at: float) -> float:
    """How late a timer due at ``deadline`` ran (never negative: early wake-ups count 0)."""
    return max(0.0, woke_at - deadline)


async def watch_loop_lag(observe: Callable[[float], None],
                         interval_s: float = PROBE_INTERVAL_S) -> None:  # fmt: skip
    """Report the loop's lag to ``observe`` once per ``interval_s`` until cancelled."""
    if interval_s <= 0:
        raise ValueError("interval_s must be > 0")
    loop = asyncio.get_running_loop()
    while True:
        deadline = loop.time() + interval_s
        await asyncio.sleep(interval_s)
        observe(lag_seconds(deadline, loop.time()))


class LoopLagWatcher:
    """Owns the ``watch_loop_lag`` task of one event loop: ``start`` then ``stop``."""

    def __init__(self, observe: Callable[[float], None],
                 interval_s: float = PROBE_INTERVAL_S) -> None:  # fmt: skip
        self._observe = observe
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(watch_loop_lag(self._observe, self._interval_s),
                                             name="loop-lag")  # fmt: skip

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
