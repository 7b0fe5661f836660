"""What a per-stream token rate allows: first audio against gaps, for a few chunk schedules.

Usage::

    python bench/stream_budget.py                    # rates 50-120, the server's two cold schedules and others
    python bench/stream_budget.py --rates 57,63,90 --segment-tokens 150
    python bench/stream_budget.py --stream-intervals 1,5,10   # also: tokens delivered as vLLM streams them

With ``--stream-intervals``, a second table replays each cold schedule with the tokens arriving
as vLLM hands them out (``engine.stream_interval``: the answer's first id, a marker, at once,
then every N): the
first audio's token time, and the gaps the listener hears over the segment (sum and longest),
each window decoded a fixed time after its tokens arrive (so the decode shifts every window
alike and drops out of the gaps). Each schedule is replayed twice: with its windows as grown,
and aligned with the interval (``ChunkPolicy.token_cadence``, the server's
``decode.align_windows``: every job fires as a group of tokens arrives).

A stream plays 50 semantic tokens per second. Its cold segment's audio leaves in growing
regions (``ChunkPolicy``); each region's window needs its tokens before the listener reaches
it, so a slow stream must hold its first audio back (``streaming.first_audio_tokens``, what
``decode.first_audio_guard_ms`` enables) or play gaps. This prints, per rate and schedule, the
longest gap the listener hears when the first audio leaves with the first chunk (the default),
the tokens to hold before the first audio for none and what that costs in time (the TTFA's
token stage, before the engine's first token, the decode and the network), and the decode work
the schedule asks
for (window tokens decoded per audio token of a ``--segment-tokens`` segment: small regions pay
the left context and look-ahead again per window). Pure arithmetic over the server's own
planner; no model, no GPU. The engine's per-stream rate at a load comes from
``bench/engine_capacity.py`` (H100: 57 / 63 tokens/s p5 / p50 at 600 streams).
"""

from __future__ import annotations

import argparse
import dataclasses

import numpy as np

from voice_server.codec.streaming import (
    ChunkPolicy,
    StreamingDecodePlanner,
    first_audio_tokens,
    longest_wait_s,
)

REAL_TIME = 50.0  # semantic tokens per second of audio


def decode_work(policy: ChunkPolicy, segment_tokens: int) -> tuple[float, int]:
    """(window tokens decoded per token of audio, windows) for one cold segment."""
    planner = StreamingDecodePlanner(policy)
    jobs = planner.push(np.zeros(segment_tokens, dtype=np.int64)) + planner.finish()
    return sum(j.window_tokens for j in jobs) / segment_tokens, len(jobs)


def delivered_gaps(policy: ChunkPolicy, rate: float, interval: int,
                   segment_tokens: int) -> tuple[float, float, float]:
    """(first audio s, gaps summed s, longest gap s) of a cold segment whose tokens come at
    ``rate`` and are handed out as vLLM's stream interval does: the answer's first id (the
    ``<start_semantic>`` marker, no code) at once, then every ``interval`` ids, and the rest at
    the end, so code ``c`` is the answer's id ``c + 1`` (pure)."""
    planner = StreamingDecodePlanner(policy)
    points = list(range(interval, segment_tokens + 1, interval))
    if not points or points[-1] != segment_tokens:
        points.append(segment_tokens)
    ready: list[tuple[float, int]] = []  # (when the window's audio is ready, its samples)
    received = 0
    for point in points:
        jobs = planner.push(np.zeros(point - received, dtype=np.int64))
        received = point
        ready += [((point + 1) / rate, j.keep_stop - j.hold - j.keep_start + j.fade_in)
                  for j in jobs]
    samples_per_s = policy.samples_per_token * REAL_TIME
    clock = first = ready[0][0]
    gaps, longest = 0.0, 0.0
    for when, samples in ready:
        if when > clock:
            gaps, longest, clock = gaps + when - clock, max(longest, when - clock), when
        clock += samples / samples_per_s
    return first, gaps, longest


def rows(rates: list[float], policies: dict[str, ChunkPolicy], segment_tokens: int) -> list[dict]:
    out = []
    for name, policy in policies.items():
        work, windows = decode_work(policy, segment_tokens)
        for rate in rates:
            held = first_audio_tokens(policy, rate, REAL_TIME, segment_tokens)
            wait = longest_wait_s(policy, rate, REAL_TIME, policy.first_chunk_tokens)
            out.append({
                "schedule": name, "rate": rate, "held": held, "gap_ms": 1000.0 * max(wait, 0.0),
                "held_ms": 1000.0 * held / rate,
                "first_chunk_ms": 1000.0 * policy.first_chunk_tokens / rate,
                "work": work, "windows": windows,
            })  # fmt: skip
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rates", default="50.5,55,57,63,70,80,90,100,120",
                   help="per-stream semantic tokens/s")  # fmt: skip
    p.add_argument("--segment-tokens", type=int, default=250, help="a segment's length")
    p.add_argument("--stream-intervals", default="",
                   help="also replay the cold schedules with tokens handed out every N (e.g. 1,5,10)")
    args = p.parse_args()
    rates = [float(r) for r in args.rates.split(",")]
    base = ChunkPolicy()
    policies = {
        f"cold (first {base.first_chunk_tokens}, growth {base.growth:g})": base,
        f"loaded (growth {base.loaded_growth:g})": base.loaded_start(),
        "growth 1.5": dataclasses.replace(base, growth=1.5),
        "first 6, growth 1.25": dataclasses.replace(base, first_chunk_tokens=6, growth=1.25),
    }
    print(f"| schedule | tokens/s per stream | first chunk alone (ms) | longest gap, no hold "
          f"(ms) | held for no gaps (tokens, ms) | window tokens per audio token "
          f"({args.segment_tokens}-token segment), windows |")
    print("|---|---|---|---|---|---|")
    for r in rows(rates, policies, args.segment_tokens):
        print(f"| {r['schedule']} | {r['rate']:g} | {r['first_chunk_ms']:.0f} | "
              f"{r['gap_ms']:.0f} | {r['held']}, {r['held_ms']:.0f} | {r['work']:.2f}, "
              f"{r['windows']} |")
    if args.stream_intervals:
        intervals = [int(n) for n in args.stream_intervals.split(",")]
        cold = {name: policy for name, policy in list(policies.items())[:2]}
        print()
        print("| schedule | windows | tokens/s per stream | stream interval | first audio's "
              "tokens (ms) | gaps summed (ms) | longest gap (ms) |")
        print("|---|---|---|---|---|---|---|")
        for name, policy in cold.items():
            for aligned in (False, True):
                for rate in rates:
                    for interval in intervals:
                        cadence = min(interval, policy.max_chunk_tokens) if aligned else 1
                        cut = dataclasses.replace(policy, token_cadence=cadence)
                        first, gaps, longest = delivered_gaps(cut, rate, interval,
                                                              args.segment_tokens)  # fmt: skip
                        print(f"| {name} | {'aligned' if aligned else 'as grown'} | {rate:g} | "
                              f"{interval} | {1000 * first:.0f} | {1000 * gaps:.0f} | "
                              f"{1000 * longest:.0f} |")


if __name__ == "__main__":
    main()
