"""``bench.gpu_trace``: GPU busy share and kernel families from a profiler trace."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench import gpu_trace


def kernel(name: str, ts: float, dur: float) -> dict[str, object]:
    return {"ph": "X", "cat": "kernel", "name": name, "ts": ts, "dur": dur}


def test_kernel_names_fall_into_families() -> None:
    assert gpu_trace.kernel_family("flash_fwd_splitkv_kernel") == "attention"
    assert gpu_trace.kernel_family("sm90_xmma_gemm_bf16bf16_bf16f32") == "gemm"
    assert gpu_trace.kernel_family("nvjet_hsh_128x256_64x4_1x2_h_bz_coopA_NNT") == "gemm"
    assert gpu_trace.kernel_family("void at::native::radixSortKVInPlace<...>") == "sampling"
    assert gpu_trace.kernel_family("triton_poi_fused_mul_0") == "elementwise"
    assert gpu_trace.kernel_family("rms_norm_kernel<c10::BFloat16>") == "norm"
    assert gpu_trace.kernel_family("mystery") == "other"


def test_overlapping_intervals_count_once() -> None:
    assert gpu_trace.union_length([]) == 0
    assert gpu_trace.union_length([(0, 2), (1, 3), (5, 6)]) == 4
    assert gpu_trace.union_length([(5, 6), (0, 10)]) == 10


def test_busy_share_and_families_over_the_traced_span() -> None:
    events = [
        {"ph": "X", "cat": "cpu_op", "name": "execute_model", "ts": 0.0, "dur": 1000.0},
        kernel("sm90_xmma_gemm", 100.0, 300.0),
        kernel("flash_fwd_kernel", 350.0, 150.0),  # overlaps the gemm by 50 µs
        kernel("radixSortKVInPlace", 600.0, 100.0),
        {"ph": "X", "cat": "cuda_runtime", "name": "cudaGraphLaunch", "ts": 90.0, "dur": 5.0},
        {"ph": "i", "cat": "kernel", "name": "instant", "ts": 10.0},  # not a complete event
    ]
    summary = gpu_trace.gpu_time(events)
    assert summary.window_s == pytest.approx(1e-3)
    assert summary.busy_s == pytest.approx(500e-6)  # 100-500 and 600-700
    assert summary.busy_share == pytest.approx(0.5)
    assert summary.by_family == pytest.approx({"gemm": 300e-6, "attention": 150e-6,
                                               "sampling": 100e-6})  # fmt: skip
    assert (summary.kernels, summary.graph_launches) == (3, 1)
    text = gpu_trace.table(summary, tokens=10)
    assert "GPU busy 50 %" in text
    assert "| gemm | 300.0 | 55 % | 30.00 |" in text
    assert "| all (busy) | 500.0 | – | 50.00 |" in text


def test_a_window_clips_the_kernels_at_its_edges() -> None:
    events = [kernel("gemm", 0.0, 100.0), kernel("gemm", 150.0, 100.0)]
    summary = gpu_trace.gpu_time(events, window_us=(50.0, 200.0))
    assert summary.busy_s == pytest.approx(100e-6)  # 50-100 and 150-200
    assert summary.window_s == pytest.approx(150e-6)


def test_traces_load_plain_or_gzipped(tmp_path: Path) -> None:
    events = [kernel("gemm", 0.0, 1.0)]
    (tmp_path / "a.pt.trace.json").write_text(json.dumps({"traceEvents": events}))
    with gzip.open(tmp_path / "b.pt.trace.json.gz", "wt") as f:
        json.dump({"traceEvents": events}, f)
    (tmp_path / "profiler_out_0.txt").write_text("table")
    files = gpu_trace.trace_files(tmp_path)
    assert sorted(p.name for p in files) == ["a.pt.trace.json", "b.pt.trace.json.gz"]
    assert all(gpu_trace.load_events(p) == events for p in files)
