"""Where an engine's GPU time goes, from a torch profiler trace (Chrome trace JSON).

``bench/engine_capacity.py --torch-profile DIR`` has vLLM's model runner write such a trace
for a few seconds of steady generation; this module reads it back: the GPU's busy share of the
window (the union of kernel intervals, so concurrent kernels count once), and each kernel
family's GPU time, per second of wall time and per generated token. That says whether the LM
is bound by the GPU (busy near 100 %) or by what feeds it, and which kernels a token pays for.

Pure functions over the parsed events; ``load_events`` is the only I/O.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GPU_CATEGORIES = frozenset({"kernel", "gpu_memcpy", "gpu_memset"})

# First match wins: attention before gemm (flash kernels mention gemm-like tiles), sampling
# before reductions (top-k/top-p are sorts and scans), copies last.
KERNEL_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("attention", re.compile(r"flash|attn|attention|fmha|paged|mha_|mla_", re.I)),
    ("sampling", re.compile(r"sort|topk|top_k|top_p|radix|sampl|multinomial|exponential|"
                            r"argmax|cumsum|scan|gumbel", re.I)),  # fmt: skip
    ("gemm", re.compile(r"gemm|cutlass|xmma|cublas|nvjet|matmul|sm\d+_|s\d+gemm|wgmma", re.I)),
    ("norm", re.compile(r"rms_?norm|layer_?norm|layernorm", re.I)),
    ("activation / rotary", re.compile(r"act_and_mul|silu|gelu|rotary|rope", re.I)),
    ("reduce / softmax", re.compile(r"reduce|softmax|triton_red|logsumexp", re.I)),
    ("copy / fill", re.compile(r"memcpy|memset|copy|fill|cat_|index|gather|scatter", re.I)),
    ("elementwise", re.compile(r"elementwise|vectorized|unrolled|triton_poi|pointwise", re.I)),
)


def kernel_family(name: str) -> str:
    """The family a kernel's name belongs to ("other" when no pattern matches)."""
    for family, pattern in KERNEL_FAMILIES:
        if pattern.search(name):
            return family
    return "other"


@dataclass
class GpuTime:
    """GPU time in one window of a trace.

    Attributes:
        window_s: wall time the summary covers (the trace's span, or as given).
        busy_s: the union of GPU event intervals (overlapping kernels count once).
        by_family: summed kernel time per family in seconds (overlaps count twice: the sum
            can exceed ``busy_s`` when streams run kernels side by side).
        kernels: GPU events counted.
        graph_launches: ``cudaGraphLaunch`` calls in the window (one per replayed step).
    """

    window_s: float
    busy_s: float
    by_family: dict[str, float] = field(default_factory=dict)
    kernels: int = 0
    graph_launches: int = 0

    @property
    def busy_share(self) -> float:
        return self.busy_s / self.window_s if self.window_s > 0 else 0.0


def union_length(intervals: Iterable[tuple[float, float]]) -> float:
    """Total length covered by ``(start, end)`` intervals, overlaps counted once."""
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(intervals):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def gpu_time(events: Sequence[Mapping[str, Any]],
             window_us: tuple[float, float] | None = None) -> GpuTime:  # fmt: skip
    """Summarise the GPU events (complete events, microseconds) inside ``window_us``.

    Without a window, the span of every complete event, CPU or GPU: the profiler's active
    time, as long as it traced anything.
    """
    complete = [e for e in events if e.get("ph") == "X" and "ts" in e]
    gpu = [e for e in complete if e.get("cat") in GPU_CATEGORIES]
    spans = [(float(e["ts"]), float(e["ts"]) + float(e.get("dur", 0.0))) for e in gpu]
    if window_us is None:
        starts = [float(e["ts"]) for e in complete]
        ends = [float(e["ts"]) + float(e.get("dur", 0.0)) for e in complete]
        window_us = (min(starts, default=0.0), max(ends, default=0.0))
    lo, hi = window_us
    clipped: list[tuple[float, float]] = []
    by_family: dict[str, float] = {}
    for event, (start, end) in zip(gpu, spans, strict=True):
        start, end = max(start, lo), min(end, hi)
        if end <= start:
            continue
        clipped.append((start, end))
        family = kernel_family(str(event.get("name", "")))
        by_family[family] = by_family.get(family, 0.0) + (end - start) / 1e6
    launches = sum(1 for e in events if e.get("name") == "cudaGraphLaunch"
                   and lo <= float(e.get("ts", -1.0)) <= hi)  # fmt: skip
    return GpuTime(window_s=(hi - lo) / 1e6, busy_s=union_length(clipped) / 1e6,
                   by_family=by_family, kernels=len(clipped), graph_launches=launches)  # fmt: skip


def table(summary: GpuTime, tokens: int) -> str:
    """A Markdown table: each family's GPU ms per wall second, share, and µs per token."""
    lines = [
        f"GPU busy {100 * summary.busy_share:.0f} % of {summary.window_s:.2f} s "
        f"({summary.kernels} GPU events, {summary.graph_launches} graph launches, "
        f"{tokens} tokens: {tokens / summary.window_s if summary.window_s else 0:.0f} tokens/s)",
        "",
        "| kernel family | GPU ms per s | share of kernel time | GPU µs per token |",
        "|---|---|---|---|",
    ]
    total = sum(summary.by_family.values())
    for family, seconds in sorted(summary.by_family.items(), key=lambda kv: -kv[1]):
        per_token = 1e6 * seconds / tokens if tokens else float("nan")
        lines.append(f"| {family} | {1e3 * seconds / summary.window_s:.1f} | "
                     f"{100 * seconds / total:.0f} % | {per_token:.2f} |")  # fmt: skip
    busy_per_token = 1e6 * summary.busy_s / tokens if tokens else float("nan")
    lines.append(f"| all (busy) | {1e3 * summary.busy_share:.1f} | – | {busy_per_token:.2f} |")
    return "\n".join(lines)


def load_events(path: Path) -> list[dict[str, Any]]:
    """The ``traceEvents`` of a Chrome trace file (``.json`` or ``.json.gz``)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt") as f:  # type: ignore[operator]
        data = json.load(f)
    events: list[dict[str, Any]] = data["traceEvents"] if isinstance(data, dict) else data
    return events


def trace_files(directory: Path, newer_than: float = 0.0) -> list[Path]:
    """Trace files under ``directory`` modified after ``newer_than`` (a time.time() value)."""
    found = [p for p in directory.rglob("*.json*")
             if (p.name.endswith(".json") or p.name.endswith(".json.gz"))
             and p.stat().st_mtime > newer_than]  # fmt: skip
    return sorted(found, key=lambda p: p.stat().st_mtime)
