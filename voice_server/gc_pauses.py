"""Garbage-collector pauses: keep them short, and measure them.

Why: the server process holds torch, vLLM, transformers and the tokenizer, over 600,000 objects
that the cyclic garbage collector tracks. A full collection walks all of them while holding the
GIL (measured ~370 ms on the 2-core VM), and every session's paced frames wait behind it: one
pause longer than the pacing lead is an audible gap for every listener at once. Objects loaded
at start-up live as long as the process, so once the model is loaded and warm they are moved
to the permanent generation (``gc.freeze``), which full collections skip; later collections only
walk what sessions created since.

``GcPauseRecorder`` times every collection through ``gc.callbacks`` (the interpreter calls it
at the start and stop of each one, on the thread that triggered it), for ``/metrics``.
"""

from __future__ import annotations

import gc
import logging
import time
from typing import Any

log = logging.getLogger(__name__)


def freeze_startup_heap(young_threshold: int | None = None) -> int:
    """Collect once, then exempt every surviving object from future collections; with
    ``young_threshold``, also set how many net new objects trigger a young collection.

    Returns:
        The number of objects frozen (``gc.get_freeze_count()``).
    """
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    if young_threshold is not None:
        gc.set_threshold(young_threshold, *gc.get_threshold()[1:])
    log.info("froze %d start-up objects out of garbage collection (%.0f ms); thresholds %s",
             frozen, 1000 * (time.perf_counter() - started), gc.get_threshold())  # fmt: skip
    return frozen


GC_PAUSE_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)


class GcPauseRecorder:
    """Counts every garbage collection's pause, by generation, while installed.

    Use ``install()`` / ``uninstall()`` (idempotent); read ``histogram(generation)``. The
    callback only does arithmetic on plain lists: it runs inside the collector, on whatever
    thread allocated, so it must take no lock (a metrics library's lock held by that same
    thread would deadlock it). Collections never nest, so one start time suffices.
    """

    def __init__(self, buckets: tuple[float, ...] = GC_PAUSE_BUCKETS) -> None:
        self.buckets = buckets
        self.counts = [[0] * (len(buckets) + 1) for _ in range(3)]  # per generation, +Inf last
        self.sums = [0.0, 0.0, 0.0]
        self._started: float | None = None

    def install(self) -> None:
        if self._callback not in gc.callbacks:
            gc.callbacks.append(self._callback)

    def uninstall(self) -> None:
        if self._callback in gc.callbacks:
            gc.callbacks.remove(self._callback)

    def histogram(self, generation: int) -> tuple[list[tuple[str, float]], float]:
        """(cumulative buckets as ``(upper bound, count)`` ending with "+Inf", sum of seconds)."""
        running, out = 0, []
        for bound, count in zip((*map(str, self.buckets), "+Inf"), self.counts[generation],
                                strict=True):  # fmt: skip
            running += count
            out.append((bound, float(running)))
        return out, self.sums[generation]

    def _callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        if self._started is None:
            return
        seconds = time.perf_counter() - self._started
        self._started = None
        generation = min(2, max(0, int(info.get("generation", 0))))
        index = next((i for i, b in enumerate(self.buckets) if seconds <= b), len(self.buckets))
        self.counts[generation][index] += 1
        self.sums[generation] += seconds
