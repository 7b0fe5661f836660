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
import math
from collections import deque
from collections.abc import Callable

LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
"""1 ms to 5 s: above the pacing lead (0.1 s) listeners hear it."""

PROBE_INTERVAL_S = 0.02
RECENT_WINDOW_S = 2.0
"""How far back ``RecentLag`` looks: about 100 probes on a loop that keeps up."""


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


class RecentLag:
    """The loop's lag over the last ``window_s`` seconds, as a quantile of the probes in it,
    for admission (``capacity.judge_loop``). Pure: the caller passes the time.

    Quantiles of probes, not the mean: a loop that keeps up runs its timers about 1 ms late,
    and what admission must see is how often wake-ups come late enough to eat the pacing lead.
    A quantile also ignores one long stall (a collection; the probes it swallowed are missing,
    so it counts once) and follows sustained overload, which is what one more session adds to.
    """

    def __init__(self, window_s: float = RECENT_WINDOW_S, min_probes: int = 10) -> None:
        if window_s <= 0 or min_probes < 1:
            raise ValueError("need window_s > 0 and min_probes >= 1")
        self.window_s = window_s
        self.min_probes = min_probes
        self._probes: deque[tuple[float, float]] = deque()  # (time, lag)

    def add(self, now: float, lag_s: float) -> None:
        self._probes.append((now, lag_s))
        self._trim(now)

    def quantile(self, now: float, q: float = 0.9) -> float | None:
        """The ``q`` quantile (nearest rank) of the lags probed in the window; None with fewer
        than ``min_probes`` of them (a loop not probed lately, or just started, says nothing)."""
        if not 0.0 <= q <= 1.0:
            raise ValueError("q must be in [0, 1]")
        self._trim(now)
        if len(self._probes) < self.min_probes:
            return None
        lags = sorted(lag for _, lag in self._probes)
        return lags[max(0, math.ceil(q * len(lags)) - 1)]

    def _trim(self, now: float) -> None:
        while self._probes and now - self._probes[0][0] > self.window_s:
            self._probes.popleft()
