"""How long decode windows wait before a decoder pass takes them, counted in fixed buckets.

A window late to the decoder is late to its listener. Where it waited tells which part to fix:
in its front end's decode worker (held open for more windows, or queued behind a pass), or,
with a decoder process shared by several front ends, in that process behind another front
end's pass. Both are counted here as plain ``{bucket bound: count}`` dicts, so they cross a
process boundary with the backend's other counters and become Prometheus histograms on scrape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

WAIT_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56)
"""Bucket bounds in seconds: a 20 ms frame, the 40 ms batch hold and a lead of 100–300 ms
each fall between two of them."""

DUE_STAGES = ("lane", "decoder", "resume")
"""The way back of a window already due when requested (``DecodeWorkerStats.due_stage_counts``):
waiting for a lane, at the decoder, then for its task's event loop."""


def count_wait(counts: dict[float, int], seconds: float) -> None:
    """Count one wait in the smallest bound that holds it (``math.inf`` past the last)."""
    bound = next((b for b in WAIT_BUCKETS if seconds <= b), math.inf)
    counts[bound] = counts.get(bound, 0) + 1


def merged_counts(parts: Iterable[Mapping[float, int]]) -> dict[float, int]:
    """The sum of several ``{bound: count}`` dicts (one per decode worker)."""
    total: dict[float, int] = {}
    for part in parts:
        for bound, n in dict(part).items():  # a copy: a worker thread may write meanwhile
            total[bound] = total.get(bound, 0) + n
    return total


def cumulative_buckets(counts: Mapping[float, int]) -> list[tuple[str, float]]:
    """Prometheus histogram buckets (``le`` label, cumulative count), ``+Inf`` last."""
    buckets = [(str(bound), float(sum(n for b, n in counts.items() if b <= bound)))
               for bound in WAIT_BUCKETS]  # fmt: skip
    buckets.append(("+Inf", float(sum(counts.values()))))
    return buckets
