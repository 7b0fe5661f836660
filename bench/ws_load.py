"""WebSocket load test: N concurrent voice-agent sessions against a real server, per N a row.

Starts the server (``python -m voice_server.cli serve``) as a subprocess, waits for
``/readyz``, runs one warm-up session, then for each N in ``--sessions`` drives N sessions that
arrive evenly over ``--ramp-s`` seconds. Each session streams a paragraph at about
``--words-per-second`` like an LLM, flushes at sentence ends (or only at the end), ends its
context and reads all of its audio; with ``--cancel-share`` some barge in. ``bench/loadgen.py``
defines every measured quantity precisely (TTFA from commit and from first text, jitter, late
frames, underruns, cancel ack). This module runs the levels and adds the server's side:

* **server CPU s / audio s**: CPU time (user + system) of the server process and all of its
  descendants (the vLLM engine core is a child), read from ``/proc/<pid>/stat`` before and
  after the level, divided by the seconds of audio the clients received in the level.
* **tok/s per segment**: ``semantic_tokens / synthesis_ms`` of every ``segment_done``; the
  real-time rate is 50, so p5 below 50 means the slowest streams fell behind.

``--clients K`` spreads the sessions over K worker processes (one asyncio loop each) so that
600-800 sessions can be driven from one host; the table's last column is the worst worker's
event-loop lag p99, which must stay small (a few ms) for the client-side times to be the
server's and not the load generator's.

Examples::

    # CPU, tiny model (2 cores: the machine is the limit at 32 sessions)
    python bench/ws_load.py --model /tmp/tinym --sessions 1,8,32 --cancel-share 0.2

    # GPU, 600 sessions from 8 client processes; flags after -- go to the server
    python bench/ws_load.py --model /tmp/model --sessions 1,64,256,600 --clients 8 \\
        --ramp-s 6 --json out.json -- --engine.max-num-seqs 640 --decode.dtype bfloat16

    # an already running server (its CPU is measured when --server-pid is given)
    python bench/ws_load.py --server http://127.0.0.1:8080 --sessions 8
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import resource
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp  # noqa: E402

from bench import loadgen  # noqa: E402
from protocol.client import connect  # noqa: E402
from protocol.messages import (  # noqa: E402
    ContextDone,
    Encoding,
    ErrorEvent,
    OutputFormat,
    Ready,
    Sampling,
    Segmentation,
    Start,
    Voice,
)
from voice_server.codec.wait_times import DUE_STAGES, WAIT_BUCKETS  # noqa: E402
from voice_server.metrics import TTFA_BUCKETS  # noqa: E402
from voice_server.registry import REFUSAL_RULES  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RANDOM_MODEL_MAX_TOKENS = 250
"""Per-segment cap used with random weights (which rarely stop): 5 s, about one sentence."""


# --- the server process ---------------------------------------------------------------------


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and all its descendants, reaped ones included.

    Reaped children are in their parent's ``cutime``/``cstime``; live ones are found by
    walking the parent links of every process in ``/proc``.
    """
    parents: dict[int, int] = {}
    times: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        child = int(entry.name)
        parents[child] = int(fields[1])
        times[child] = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    return sum(times.get(p, 0) for p in tree) / os.sysconf("SC_CLK_TCK")


def front_end_pids(pid: int) -> list[int]:
    """The processes that run event loops: the server itself, or, with ``--http.workers``,
    its children named ``front-end-N`` (``supervisor.FRONT_END_COMM``)."""
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                head, rest = Path(entry.path, "stat").read_text().rsplit(")", 1)
                if rest.split()[1] == str(pid) and head.split("(", 1)[1].startswith("front-end-"):
                    found.append(int(entry.name))
    return sorted(found) or [pid]


def thread_cpu_seconds(pid: int) -> dict[str, float]:
    """CPU seconds of the server's front-end threads, grouped: event loops (each front end's
    main thread), decode threads, and every other thread (vLLM's output and ZMQ helpers,
    aiohttp), summed over front ends."""
    groups = {"loop": 0.0, "decode": 0.0, "other": 0.0}
    tick = os.sysconf("SC_CLK_TCK")
    for front_end in front_end_pids(pid):
        with contextlib.suppress(OSError):
            for entry in os.scandir(f"/proc/{front_end}/task"):
                try:
                    head, rest = Path(entry.path, "stat").read_text().rsplit(")", 1)
                except OSError:
                    continue
                comm = head.split("(", 1)[1]
                seconds = sum(int(x) for x in rest.split()[11:13]) / tick  # utime stime
                group = "loop" if entry.name == str(front_end) else (
                    "decode" if comm.startswith("decode-") else "other")  # fmt: skip
                groups[group] += seconds
    return groups


async def scrape_metrics(url: str) -> dict[str, float]:
    """Flat {series name with labels: value} from the server's /metrics (``flat_metrics``)."""
    async with aiohttp.ClientSession() as http, http.get(url + "/metrics") as response:
        return flat_metrics(await response.text())


PER_FRONT_END = ("voice_server_event_loop_lag_seconds_sum",
                 "voice_server_admission_refusals_total")  # fmt: skip
"""Series also kept per front end (``FRONT_END_KEY``): which loop lagged, and refused."""
FRONT_END_KEY = "{name}@front_end={front_end}"


def flat_metrics(text: str) -> dict[str, float]:
    """Flat {series name with labels: value} of a Prometheus exposition, summed over front
    ends (``--http.workers``: their ``front_end`` label is dropped); the ``PER_FRONT_END``
    series also under ``FRONT_END_KEY``, summed over their other labels."""
    from prometheus_client.parser import text_string_to_metric_families

    flat: dict[str, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items())
                              if k != "front_end")  # fmt: skip
            key = f"{sample.name}{{{labels}}}"
            flat[key] = flat.get(key, 0.0) + sample.value
            if sample.name in PER_FRONT_END and "front_end" in sample.labels:
                front_end = sample.labels["front_end"]
                own = FRONT_END_KEY.format(name=sample.name, front_end=front_end)
                flat[own] = flat.get(own, 0.0) + sample.value
    return flat


def by_front_end(delta: Callable[[str], float], keys: Iterable[str],
                 name: str) -> dict[str, float]:  # fmt: skip
    """{front end: the level's delta of ``name``} from ``flat_metrics``'s per-front-end keys."""
    prefix = FRONT_END_KEY.format(name=name, front_end="")
    return {key[len(prefix):]: delta(key) for key in sorted(keys) if key.startswith(prefix)}


def server_breakdown(before: dict[str, float], after: dict[str, float],
                     wall_s: float) -> dict[str, Any]:  # fmt: skip
    """Decode batch sizes, decoder busy share, first-audio stages, the server loop's stalls
    and garbage-collection pauses over one level."""
    def delta(name: str) -> float:
        return after.get(name, 0.0) - before.get(name, 0.0)

    batches = delta("voice_server_decode_batch_size_count{}")
    sizes: dict[str, float] = {}
    previous = 0.0
    for bound in ("1", "2", "4", "8", "16", "32", "64", "128"):
        cumulative = delta(f"voice_server_decode_batch_size_bucket{{le={bound}}}")
        if cumulative - previous:
            sizes[f"<={bound}"] = cumulative - previous
        previous = cumulative
    def stage_means(name: str, stages: Sequence[str]) -> dict[str, float | None]:
        """Mean ms per ``stage`` label of histogram ``name`` over the level."""
        means: dict[str, float | None] = {}
        for stage in stages:
            count = delta(f"{name}_count{{stage={stage}}}")
            means[stage] = 1000.0 * delta(f"{name}_sum{{stage={stage}}}") / count if count else None
        return means

    def stage_p95_le(name: str, stages: Sequence[str],
                     buckets: Sequence[float] = TTFA_BUCKETS) -> dict[str, float | None]:  # fmt: skip
        """Per ``stage`` label of histogram ``name`` (bucket bounds ``buckets``) over the
        level, the upper bound in ms of the bucket that holds its 95th percentile (where a
        tail of first audio comes from)."""
        p95s: dict[str, float | None] = {}
        for stage in stages:
            count = delta(f"{name}_count{{stage={stage}}}")
            bound = next((b for b in buckets
                          if delta(f"{name}_bucket{{le={b},stage={stage}}}") >= 0.95 * count),
                         math.inf)  # fmt: skip
            p95s[stage] = 1000.0 * bound if count else None
        return p95s

    def stage_buckets(name: str, stages: Sequence[str],
                      buckets: Sequence[float]) -> dict[str, dict[str, float]]:  # fmt: skip
        """Per ``stage`` label of histogram ``name`` over the level, its counts by bucket
        (``"<=ms"``: not cumulative; only buckets with counts): the whole shape of a tail."""
        shapes: dict[str, dict[str, float]] = {}
        for stage in stages:
            shape, below = {}, 0.0
            for bound in [*buckets, math.inf]:
                le = "+Inf" if bound == math.inf else bound
                cumulative = delta(f"{name}_bucket{{le={le},stage={stage}}}")
                if cumulative - below:
                    shape[f"<={1000.0 * bound:g}"] = cumulative - below
                below = cumulative
            shapes[stage] = shape
        return shapes

    stalled = delta("voice_server_event_loop_lag_seconds_count{}") - delta(
        "voice_server_event_loop_lag_seconds_bucket{le=0.1}")
    gc_s = {gen: delta(f"voice_server_gc_pause_seconds_sum{{generation={gen}}}")
            for gen in ("0", "1", "2")}  # fmt: skip
    lag_buckets, below = {}, 0.0
    for bound in ("0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
                  "5.0", "+Inf"):  # fmt: skip
        cumulative = delta(f"voice_server_event_loop_lag_seconds_bucket{{le={bound}}}")
        if cumulative - below:
            lag_buckets[f"<={bound}"] = cumulative - below
        below = cumulative
    gc_counts = {gen: delta(f"voice_server_gc_pause_seconds_count{{generation={gen}}}")
                 for gen in ("0", "1", "2")}  # fmt: skip
    refusals = {rule: n for rule in REFUSAL_RULES
                if (n := delta(f"voice_server_admission_refusals_total{{rule={rule}}}"))}
    by_window: dict[str, dict[str, float]] = {}
    prefix = "voice_server_decode_window_batches_total{"
    for key in after:
        if key.startswith(prefix) and (n := delta(key)):
            labels = dict(part.split("=", 1) for part in key[len(prefix):-1].split(","))
            by_window.setdefault(labels["window"], {})[f"<={labels['rows']}"] = n
    return {
        "refusals_by_rule": refusals,
        # batches by window length and rows: which windows travel in small batches
        "decode_batches_by_window": by_window,
        "loop_lag_s": delta("voice_server_event_loop_lag_seconds_sum{}"),
        # each front end's own (--http.workers): which loop lagged, which refused
        "loop_lag_s_by_front_end": by_front_end(delta, after,
                                                "voice_server_event_loop_lag_seconds_sum"),
        "refusals_by_front_end": by_front_end(delta, after,
                                              "voice_server_admission_refusals_total"),
        "loop_lag_buckets": lag_buckets,
        "gc_collections": gc_counts,
        "loop_stalls_over_100ms": stalled,
        "gc_pause_s": gc_s,
        "decode_batches": batches,
        "decode_batch_mean": delta("voice_server_decode_batch_size_sum{}") / batches
        if batches else None,
        "decode_batch_sizes": sizes,
        "decoder_busy_share": delta("voice_server_decode_seconds_total{}") / wall_s,
        # the decoder process several front ends share (--decode.placement process): its
        # passes, their batches merged (absent otherwise)
        "shared_decode_passes": (passes := delta("voice_server_decode_shared_batch_size_count{}")),
        "shared_decode_pass_mean": delta("voice_server_decode_shared_batch_size_sum{}") / passes
        if passes else None,
        "shared_decoder_busy_share": delta("voice_server_decode_shared_seconds_total{}") / wall_s,
        # of those passes, the ones the decoder's urgent stream ran (--decode.urgent-stream-ms)
        "shared_urgent_passes": delta("voice_server_decode_shared_urgent_passes_total{}"),
        "first_audio_stage_mean_ms": stage_means("voice_server_first_audio_stage_seconds",
                                                 ("engine", "tokens", "decode")),
        "first_audio_stage_p95_le_ms": stage_p95_le("voice_server_first_audio_stage_seconds",
                                                    ("engine", "tokens", "decode")),
        # the decode stage of windows due on arrival (first chunks), taken apart: waiting for
        # a lane, at the decoder, waiting for the task's event loop
        "due_window_stage_mean_ms": stage_means("voice_server_decode_due_window_seconds",
                                                DUE_STAGES),
        "due_window_stage_p95_le_ms": stage_p95_le("voice_server_decode_due_window_seconds",
                                                   DUE_STAGES, WAIT_BUCKETS),
        "first_audio_stage_buckets": stage_buckets("voice_server_first_audio_stage_seconds",
                                                   ("engine", "tokens", "decode"), TTFA_BUCKETS),
        "due_window_stage_buckets": stage_buckets("voice_server_decode_due_window_seconds",
                                                  DUE_STAGES, WAIT_BUCKETS),
        # which decode schedule the level's segments started on (cold = the rest)
        "segments": delta("voice_server_segments_total{}"),
        "segments_loaded_start": delta("voice_server_segments_loaded_start_total{}"),
        "segments_warm_start": delta("voice_server_segments_warm_start_total{}"),
        # where decode windows waited: in the front ends' decode workers (per window), and in
        # the shared decoder process behind other front ends' passes (per batch)
        "decode_wait_ms": wait_summary(delta, "voice_server_decode_wait_seconds"),
        "shared_decode_queue_ms": wait_summary(delta, "voice_server_decode_shared_queue_seconds"),
    }


def wait_summary(delta: Callable[[str], float], name: str) -> dict[str, float] | None:
    """Count, mean and p95 (the bound of the bucket that holds it) of a wait histogram over
    the level, in ms; None if nothing was counted."""
    count = delta(f"{name}_count{{}}")
    if not count:
        return None
    p95 = math.inf
    for bound in WAIT_BUCKETS:
        if delta(f"{name}_bucket{{le={bound}}}") >= 0.95 * count:
            p95 = bound
            break
    return {"n": count, "mean": 1000.0 * delta(f"{name}_sum{{}}") / count, "p95_le": 1000.0 * p95}


class ServerProcess:
    """``voice-server serve`` in its own process group, stopped (group included) on exit."""

    def __init__(self, command: list[str], log_path: Path) -> None:
        self.command = command
        self.log_path = log_path
        self._log = log_path.open("wb")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p))  # fmt: skip
        self.proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip

    @property
    def pid(self) -> int:
        return self.proc.pid

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    async def wait_ready(self, url: str, timeout_s: float) -> float:
        """Poll ``/readyz`` until it says ready; returns the seconds it took.

        Raises:
            RuntimeError: the server exited, or was not ready within ``timeout_s``.
        """
        started = time.monotonic()
        async with aiohttp.ClientSession() as http:
            while time.monotonic() - started < timeout_s:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited with {self.proc.returncode}:\n"
                                       f"{self.log_tail()}")  # fmt: skip
                with contextlib.suppress(aiohttp.ClientError, OSError, ValueError):
                    async with http.get(url + "/readyz") as response:
                        if response.status == 200 and (await response.json()).get("ready"):
                            return time.monotonic() - started
                await asyncio.sleep(1.0)
        raise RuntimeError(f"server not ready after {timeout_s:.0f} s:\n{self.log_tail()}")

    def stop(self, grace_s: float = 60.0) -> None:
        """SIGTERM (graceful shutdown), then SIGKILL for whatever of its group is left."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(grace_s)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # our own group: engine core leftovers
        self.proc.wait()
        self._log.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_command(args: argparse.Namespace, port: int, extra: list[str]) -> list[str]:
    """The serve command line; session limits are raised to fit the largest level."""
    room = str(max(args.levels) + 16)
    defaults = {"--limits.max-sessions": room, "--limits.max-sessions-per-ip": room}
    given = {arg.split("=", 1)[0] for arg in extra}
    command = [sys.executable, "-m", "voice_server.cli", "--log-level", args.server_log_level,
               "serve", "--model", args.model, "--host", "127.0.0.1",
               "--port", str(port)]  # fmt: skip
    for flag, value in defaults.items():
        if flag not in given:
            command += [flag, value]
    return command + extra


def raise_fd_limit() -> int:
    """Lift the soft open-files limit to the hard one (inherited by server and workers)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


# --- plans and levels -----------------------------------------------------------------------


def build_start(args: argparse.Namespace, max_tokens: int | None) -> Start:
    fmt = OutputFormat.of(args.encoding, sample_rate=args.sample_rate, frame_ms=args.frame_ms)
    voice = Voice(speaker=args.speaker) if args.speaker else None
    sampling = Sampling(max_tokens=max_tokens) if max_tokens else None
    segmentation = Segmentation(args.segmentation) if args.segmentation else None
    return Start(voice=voice, format=fmt, sampling=sampling, lead_ms=args.lead_ms,
                 segmentation=segmentation)  # fmt: skip


def make_plans(n: int, args: argparse.Namespace) -> list[loadgen.SessionPlan]:
    """The level's sessions, from a seed that depends only on ``--seed`` and ``n``."""
    rng = random.Random(args.seed * 1_000_003 + n)
    pacing = loadgen.PacingPlan(words_per_second=args.words_per_second)
    flush = loadgen.FlushMode(args.flush)
    window = (args.cancel_min_s, args.cancel_max_s)
    return [loadgen.plan_session(i, n, args.ramp_s, pacing, flush, args.cancel_share, window, rng)
            for i in range(n)]  # fmt: skip


def run_level(
    pool: ProcessPoolExecutor | None,
    plans: list[loadgen.SessionPlan],
    clients: int,
    template: loadgen.WorkerSpec,
) -> tuple[list[loadgen.WorkerResult], float]:
    """Run the plans, dealt round-robin to ``clients`` workers (inline when there is one).

    Returns:
        The workers' results and the level's start time ``t0`` (``time.monotonic``).
    """
    shares = [tuple(plans[k::clients]) for k in range(clients)]
    margin = 0.2 if pool is None else 3.0  # time for workers to be scheduled before t0
    t0 = time.monotonic() + margin
    specs = [loadgen.WorkerSpec(template.server, template.start, share, t0,
                                template.session_timeout_s, template.connect_timeout_s,
                                template.linger_s, template.busy_retry_s)
             for share in shares if share]  # fmt: skip
    if pool is None:
        return [loadgen.run_worker(spec) for spec in specs], t0
    return list(pool.map(loadgen.run_worker, specs)), t0


async def warm_up(server: str, start: Start, timeout_s: float) -> Ready:
    """One short session before the levels (first-request stalls are not load); its ``ready``."""
    async with await connect(server, start, timeout=timeout_s) as session:
        await session.open("warm-up")
        await session.send_text("warm-up", "Hello there, this is a short warm up. ", flush=True)
        await session.end("warm-up")
        async with asyncio.timeout(timeout_s):
            async for item in session:
                if isinstance(item, ContextDone) and item.context_id == "warm-up":
                    break
                if isinstance(item, ErrorEvent):
                    raise RuntimeError(f"warm-up failed: {item}")
        return session.ready


# --- summarizing ----------------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile ``q`` in [0, 1]; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(0, math.ceil(q * len(ordered)) - 1)])


def dist(values: Sequence[float], *qs: float) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {f"p{round(q * 100)}": pct(values, q) for q in qs}
    out["n"] = len(values)
    return out


def summarize(n: int, workers: list[loadgen.WorkerResult], wall_s: float,
              server_cpu_s: float | None) -> dict[str, Any]:  # fmt: skip
    """One table row (also the JSON record) from every worker's results."""
    sessions = [s for w in workers for s in w.sessions]
    audio_s = sum(s.samples / s.sample_rate for s in sessions)
    frames = sum(s.frames for s in sessions)
    cancelled = [s for s in sessions if s.cancel_ack_ms is not None]
    outcomes = Counter(s.outcome for s in sessions)
    return {
        "sessions": n,
        "completed": outcomes["completed"],
        "cancelled": outcomes["cancelled"],
        "failed": outcomes["failed"],
        "errors": dict(sum((w.errors for w in workers), Counter[str]())),
        "notes": sorted({s.note for s in sessions if s.note})[:5],
        "ttfa_commit_ms": dist(_values(s.ttfa_commit_ms for s in sessions), 0.5, 0.95, 0.99),
        "ttfa_first_text_ms": dist(_values(s.ttfa_first_text_ms for s in sessions),
                                   0.5, 0.95, 0.99),  # fmt: skip
        "server_ttfa_ms": dist(_values(s.server_ttfa_ms for s in sessions), 0.5, 0.95),
        "ttfa_commit_timeline": loadgen.ttfa_timeline(
            (s.live_from_s, s.ttfa_commit_ms) for s in sessions
            if s.live_from_s is not None and s.ttfa_commit_ms is not None),
        "connect_ms": dist(_values(s.connect_ms for s in sessions), 0.5, 0.99),
        "busy_refusals": sum(s.busy_refusals for s in sessions),
        "admitted_after_ms": dist(_values(s.admitted_after_ms for s in sessions), 0.5, 0.95),
        "peak_live_sessions": loadgen.peak_live(
            (s.live_from_s, s.live_until_s) for s in sessions
            if s.live_from_s is not None and s.live_until_s is not None
        ),
        "jitter_ms": dist([x for s in sessions for x in s.jitter_ms], 0.5, 0.99),
        "frames": frames,
        "late_frames": sum(s.late_frames for s in sessions),
        "late_share": sum(s.late_frames for s in sessions) / frames if frames else None,
        "underrun_s": dist([s.underrun_s for s in sessions if s.frames], 0.5, 0.95, 1.0),
        "underrun_s_total": sum(s.underrun_s for s in sessions),
        "underrun_s_by_phase": {phase: sum(s.underrun_by_phase.get(phase, 0.0) for s in sessions)
                                for phase in loadgen.UnderrunPhase},  # fmt: skip
        "cancel_ack_ms": dist([s.cancel_ack_ms for s in cancelled if s.cancel_ack_ms is not None],
                              0.5, 0.99),  # fmt: skip
        "frames_cancel_to_ack": sum(s.frames_cancel_to_ack for s in cancelled),
        "frames_after_terminal": sum(s.frames_after_terminal for s in sessions),
        "tok_s_per_segment": dist([r for s in sessions for r in s.token_rates], 0.05, 0.5),
        "truncated_segments": sum(s.truncated_segments for s in sessions),
        "segments": sum(s.segments for s in sessions),
        "audio_s": audio_s,
        "wall_s": wall_s,
        "audio_s_per_wall_s": audio_s / wall_s,
        "server_cpu_s": server_cpu_s,
        "server_cpu_s_per_audio_s": server_cpu_s / audio_s if server_cpu_s and audio_s else None,
        "server_cores_busy": server_cpu_s / wall_s if server_cpu_s is not None else None,
        "loadgen": {
            "workers": len(workers),
            "cpu_share_max": max((w.cpu_s / w.wall_s for w in workers if w.wall_s), default=None),
            "loop_lag_p99_ms": max((pct(w.loop_lag_ms, 0.99) or 0.0 for w in workers),
                                   default=None),  # fmt: skip
            "loop_lag_max_ms": max((max(w.loop_lag_ms, default=0.0) for w in workers),
                                   default=None),  # fmt: skip
            "start_slip_p99_ms": pct([s.start_slip_ms for s in sessions], 0.99),
        },
    }


def _values(items: Iterator[float | None]) -> list[float]:
    return [x for x in items if x is not None]


def _f(value: object, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


HEADER = ("| sessions | completed / cancelled / failed | peak live "
          "| TTFA commit p50 / p95 / p99 ms | TTFA first text p50 / p95 ms | jitter p99 ms | late frames | underrun s p95 / max "
          "| underrun s opening / boundary / steady "
          "| cancel ack p50 / p99 ms (audio after ack) | server CPU s per audio s "
          "| tok/s per segment p5 / p50 | errors | client loop lag p99 ms |")  # fmt: skip


def table_row(r: dict[str, Any]) -> str:
    c, t, u, k = r["ttfa_commit_ms"], r["ttfa_first_text_ms"], r["underrun_s"], r["cancel_ack_ms"]
    late = "–" if r["late_share"] is None else f"{100 * r['late_share']:.2f} %"
    errors = ", ".join(f"{code} {count}" for code, count in sorted(r["errors"].items())) or "0"
    if r.get("busy_refusals"):
        errors += f" ({r['busy_refusals']} busy retries)"
    cancel = "–" if not k["n"] else (f"{_f(k['p50'], 1)} / {_f(k['p99'], 1)} "
                                      f"({r['frames_after_terminal']} frames)")  # fmt: skip
    by_phase = r.get("underrun_s_by_phase") or {}
    phases = " / ".join(_f(by_phase.get(p), 1) for p in loadgen.UnderrunPhase)
    return (f"| {r['sessions']} | {r['completed']} / {r['cancelled']} / {r['failed']} "
            f"| {r['peak_live_sessions']} "
            f"| {_f(c['p50'])} / {_f(c['p95'])} / {_f(c['p99'])} | {_f(t['p50'])} / {_f(t['p95'])} "
            f"| {_f(r['jitter_ms']['p99'], 1)} | {late} | {_f(u['p95'], 2)} / {_f(u['p100'], 2)} "
            f"| {phases} | {cancel} | {_f(r['server_cpu_s_per_audio_s'], 3)} "
            f"| {_f(r['tok_s_per_segment']['p5'])} / {_f(r['tok_s_per_segment']['p50'])} "
            f"| {errors} | {_f(r['loadgen']['loop_lag_p99_ms'], 1)} |")  # fmt: skip


# --- command line ---------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our flags, and the server flags after ``--``."""
    argv = list(argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[: argv.index("--")] if "--" in argv else argv
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--model", help="model directory: start a server on it")
    target.add_argument("--server", help="URL of a running server (none is started)")
    p.add_argument("--server-pid", type=int, help="with --server: measure this process's CPU")
    p.add_argument("--port", type=int, help="port for the started server (default: a free one)")
    p.add_argument("--server-log", type=Path, help="server output (default: a file in /tmp)")
    p.add_argument("--server-log-level", default="INFO")
    p.add_argument("--ready-timeout-s", type=float, default=900.0)
    p.add_argument("--sessions", default="1,8,32", help="comma-separated levels (default 1,8,32)")
    p.add_argument("--clients", type=int, default=1, help="worker processes (default 1: inline)")
    p.add_argument("--ramp-s", type=float, default=2.0, help="arrivals spread over this long")
    p.add_argument("--words-per-second", type=float, default=15.0)
    p.add_argument("--flush", choices=[m.value for m in loadgen.FlushMode], default="sentence",
                   help="flush at each sentence end (default) or only with end")  # fmt: skip
    p.add_argument("--cancel-share", type=float, default=0.0, help="share of sessions that cancel")
    p.add_argument("--cancel-min-s", type=float, default=0.5, help="cancel window start, after "
                   "the first text")  # fmt: skip
    p.add_argument("--cancel-max-s", type=float, default=4.0, help="cancel window end")
    p.add_argument("--max-tokens", type=int, default=None, help="semantic tokens cap per segment "
                   f"(default: none, or {RANDOM_MODEL_MAX_TOKENS} for random weights; 0: none)")
    p.add_argument("--encoding", choices=[e.value for e in Encoding], default="pcm16")
    p.add_argument("--sample-rate", type=int, default=None)
    p.add_argument("--frame-ms", type=int, default=None, help="audio frame duration (default 20)")
    p.add_argument("--lead-ms", type=int, default=None, help="pacing lead (server default)")
    p.add_argument("--segmentation", choices=[s.value for s in Segmentation], default=None)
    p.add_argument("--speaker", default=None, help="named voice (server default)")
    p.add_argument("--session-timeout-s", type=float, default=300.0)
    p.add_argument("--linger-ms", type=float, default=300.0, help="reading after cancelled")
    p.add_argument("--busy-retry-s", type=float, default=0.0, help="a session refused with a "
                   "retryable server_busy retries after its hint for this long (default 0)")
    p.add_argument("--settle-s", type=float, default=2.0, help="pause between levels")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", type=Path, help="write the rows (and run details) here")
    args = p.parse_args(own)
    args.levels = [int(x) for x in args.sessions.split(",") if x.strip()]
    if extra and args.server:
        p.error("server flags after -- need --model (a server this tool starts)")
    return args, extra


def main(argv: Sequence[str]) -> int:
    args, extra = parse_args(argv)
    fd_limit = raise_fd_limit()
    server: ServerProcess | None = None
    meta: dict[str, Any] = {"argv": list(argv), "host": platform.node(), "cpus": os.cpu_count(),
                            "python": platform.python_version(), "fd_limit": fd_limit,
                            "load_avg_before": os.getloadavg(),
                            "date": time.strftime("%Y-%m-%d %H:%M:%S %z")}  # fmt: skip
    try:
        if args.model:
            port = args.port or free_port()
            log = args.server_log or Path(f"/tmp/ws_load_server_{port}.log")
            server = ServerProcess(server_command(args, port, extra), log)
            url = f"http://127.0.0.1:{port}"
            meta["server_command"] = server.command[1:]
            print(f"server pid {server.pid}, log {log}", flush=True)
            meta["server_ready_s"] = asyncio.run(server.wait_ready(url, args.ready_timeout_s))
            print(f"server ready after {meta['server_ready_s']:.1f} s", flush=True)
            meta["cuda_mps"] = mps_state(log)
        else:
            url = args.server
        rows = run_levels(args, url, server, meta)
    finally:
        if server is not None:
            server.stop()
    meta["load_avg_after"] = os.getloadavg()
    print()
    print(HEADER)
    print("|" + "---|" * HEADER.count(" | ") + "---|")
    for row in rows:
        print(table_row(row))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, "rows": rows}, indent=1) + "\n")
    return 0 if all(r["failed"] == 0 for r in rows) else 1


def mps_state(server_log: Path) -> str | None:
    """What the server said of CUDA MPS at start (``engine.mps``), so a run's JSON tells
    whether its GPU processes shared the GPU through MPS."""
    with contextlib.suppress(OSError):
        for line in server_log.read_text(errors="replace").splitlines():
            if "CUDA MPS:" in line:
                return line.split("CUDA MPS:", 1)[1].strip()
    return None


def run_levels(args: argparse.Namespace, url: str, server: ServerProcess | None,
               meta: dict[str, Any]) -> list[dict[str, Any]]:  # fmt: skip
    """Warm up, then one row per level (stopping if the server this tool started died)."""
    server_pid = server.pid if server is not None else args.server_pid
    ready = asyncio.run(warm_up(url, build_start(args, None), 120.0))
    max_tokens = args.max_tokens
    if max_tokens is None and ready.random_weights:
        max_tokens = RANDOM_MODEL_MAX_TOKENS
    start = build_start(args, max_tokens or None)
    meta.update(model=ready.model, random_weights=ready.random_weights, server=ready.server,
                lead_ms=ready.lead_ms, format=f"{ready.format.encoding} {ready.format.sample_rate}"
                f" Hz {ready.format.frame_ms} ms", max_tokens_per_segment=max_tokens or None)
    print(f"warm-up done: {meta['model']} (random weights: {ready.random_weights}), "
          f"max tokens per segment: {max_tokens or 'none'}", flush=True)
    template = loadgen.WorkerSpec(url, start, (), 0.0, args.session_timeout_s, 30.0,
                                  args.linger_ms / 1000.0, args.busy_retry_s)  # fmt: skip
    rows: list[dict[str, Any]] = []
    pool = None
    if args.clients > 1:
        pool = ProcessPoolExecutor(args.clients, mp_context=get_context("spawn"))
    with pool or contextlib.nullcontext():
        for n in args.levels:
            if server is not None and server.proc.poll() is not None:
                raise RuntimeError(f"server exited with {server.proc.returncode}:\n"
                                   f"{server.log_tail()}")  # fmt: skip
            plans = make_plans(n, args)
            cpu0 = tree_cpu_seconds(server_pid) if server_pid else None
            threads0 = thread_cpu_seconds(server_pid) if server_pid else {}
            metrics0 = asyncio.run(scrape_metrics(url))
            workers, t0 = run_level(pool, plans, min(args.clients, n), template)
            wall = time.monotonic() - t0
            cpu = tree_cpu_seconds(server_pid) - cpu0 if server_pid and cpu0 is not None else None
            threads = thread_cpu_seconds(server_pid) if server_pid else {}
            rows.append(summarize(n, workers, wall, cpu))
            rows[-1]["server_threads_cores_busy"] = {
                name: (threads[name] - threads0.get(name, 0.0)) / wall for name in threads
            }
            rows[-1]["server"] = server_breakdown(metrics0, asyncio.run(scrape_metrics(url)), wall)
            print(json.dumps({"threads": rows[-1]["server_threads_cores_busy"],
                              **rows[-1]["server"]}), flush=True)  # fmt: skip
            rows[-1]["load_avg_after"] = os.getloadavg()
            print(table_row(rows[-1]), flush=True)
            time.sleep(args.settle_s)
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
