"""Chunked streaming decode: which token windows to decode, and how to join their audio.

Pure planning and joining (numpy only); the decode itself happens elsewhere (``decode_worker``).

Theory of operation
-------------------
The BiCodec decoder is non-causal and fully convolutional: the audio of token t depends on tokens
t-67 … t+67 structurally, and in practice on fewer (about 20 for our synthetic test weights).
A stream's tokens arrive a few at a time, so the planner cuts them into *regions* ``[a_k, b_k)``
of new tokens and decodes each region inside a *window* ``[a_k - C, b_k + L)``: C tokens of left
context (already played) and L tokens of lookahead (not yet played). The samples of the region
are kept; the context samples are thrown away. The first window starts at token 0 and the final
one ends at the last token, where zero padding is exactly what the one-shot decode sees, so both
stream edges are exact.

Adjacent regions are joined with a crossfade: the last ``crossfade_samples`` of region k are held
back and blended (raised-cosine, equal gain) with the same samples as decoded by window k+1, which
sees them with C tokens of left context. Both decodes are approximations of the same signal, so
the blend leaves no click, and no sample is emitted twice: a stream of N tokens yields exactly
``samples_per_token * N`` samples.

Schedule: the first job fires after ``first_chunk_tokens`` tokens (low time to first audio) and
emits ``first_chunk_tokens - lookahead_tokens`` of them (defaults: 6 tokens, of which all but the
2-token crossfade, 80 ms, are final at once; the server's, aligned with the engine's output
groups as below, the same). Each later region is ``growth`` times
longer, up to ``max_chunk_tokens``. From then on every window is exactly
``left_context + max_chunk + lookahead`` tokens long, so windows of many streams stack into one
batch without padding. The schedule is deterministic, so streams at the same growth step also
share window lengths; the default policy has five (10, 22, 44, 68, 70 tokens), plus shorter
tails for streams that end early. The final (``finish``) window takes as much left context as
fits in the current step's window length, so long streams' tails batch with the steady windows.

Keeping ahead of playback: region k+1 needs ``hop(k+1)`` more tokens while region k plays for
``hop(k)`` tokens' time, so during growth the LM must produce about ``growth`` x real time
(100 tokens/s at growth 2), which a GPU LM serving a few streams does; afterwards 1x real time
plus decode time. Hundreds of streams on one engine get 55-65 tokens/s each, so while the
engine's recent per-stream rate is that low a cold segment grows its regions by
``loaded_growth`` instead (1.25: 10, 18, 28, 33, 37, 42, 48, 55, 64, 70 tokens; ``choose_start``).

The engine hands a stream's tokens out in groups (vLLM's ``stream_interval``: an answer's
first id at once, then every 10; the first id is the ``<start_semantic>`` marker, so the codes
come 10 at a time), and a window that needs one token past a group waits for the whole next
group. With ``token_cadence`` set to the interval (the server does:
``DecodeConfig.align_windows``), every job fires exactly when a group arrives: the first
after 10 tokens (it could not fire sooner) and each later region a multiple of 10 (cold: 10,
20, 40, 60, 70-token windows; loaded: 10, 20, 30, 40, 50, 60, 70; warm: 50, 70).

Each job also says how many of its window's leading tokens none of its kept audio comes from
(``DecodeJob.skip_tokens``: the left context less the crossfade, 14 of a steady window's 70).
The decoder still feeds them to its prenet, whose reach is long, but its wave generator, most
of the decode work, skips what only they need (``decode.crop_context``,
``bicodec.wave_crop_starts``); the kept samples do not change.

Quality (measured with ``bench/decode_snr.py``: float64, the 150 tokens of golden case A,
streamed vs one-shot decode of the same tokens; float32 gives the same figures to 0.1 dB):

=============================================  =============  ============
policy                                         golden case A  tiny random
=============================================  =============  ============
default (lookahead 4, context 16, fade 640)    11.6 dB        17.1 dB
same, no crossfade (hard cut)                  10.1 dB        14.6 dB
default's loaded schedule (growth 1.25)        9.8 dB         14.4 dB
lookahead 12, first chunk 16                   28.9 dB        46.4 dB
lookahead 20, context 24, first chunk 30       69.8 dB        97.7 dB
lookahead = context = 67 (receptive field)     152 dB         152 dB
=============================================  =============  ============

Both test models are pessimistic: the golden weights were built so that every branch matters, and
they need ~20 tokens of context on each side to converge, where the official Triton runtime gets
by with a 5-token overlap on the trained model. So the default spends little latency on lookahead
(4 tokens + a 2-token crossfade) and the real checkpoint should be measured with the same script
before anyone raises it. ``tests/test_streaming_decode.py`` holds two kinds of floor:

* the default policy must keep >= 10 dB (golden) and >= 15.5 dB (tiny), about 1.5 dB under the
  measured values: a change that loses context or misplaces the crossfade drops below them (a
  160-sample crossfade misalignment measures 9.3 / 12.4 dB);
* with context covering the receptive field, streaming must be exact up to float32 rounding
  (>= 100 dB; measured 123 / 129 dB over 300 tokens), which pins the window/keep/crossfade
  arithmetic far more tightly than any default-policy SNR could.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Literal
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ChunkPolicy:
    """How a stream's semantic tokens are cut into decode windows.

    Attributes:
        first_chunk_tokens: tokens received before the first job (10 = 200 ms of audio). The
            first job emits ``first_chunk_tokens - lookahead_tokens`` tokens of audio.
        growth: each region is this many times the previous one (ceil), up to
            ``max_chunk_tokens``. The LM must run about this much faster than real time during
            growth to keep ahead of playback.
        loaded_growth: ``growth`` of a cold segment while the engine gives each stream less
            than ``LOADED_HEADROOM`` x ``growth`` x real time (``choose_start``): regions that
            grow more slowly need only this much faster than real time, at the price of more,
            shorter windows (more decode work and seams while they grow). At or above
            ``growth``: one cold schedule whatever the load.
        max_chunk_tokens: steady-state region length (new tokens per job); larger amortises the
            context overhead ``(left_context + lookahead) / max_chunk`` but waits longer per job.
        left_context_tokens: already-emitted tokens decoded again before each region. Costs
            only compute.
        lookahead_tokens: tokens after a region that must exist before it is decoded. Adds
            latency to every job; the region's right edge is only as good as this context.
        crossfade_samples: samples at each join decoded twice and blended. At most
            ``left_context_tokens`` and the first region's length in samples.
        samples_per_token: decoder hop (320 for BiCodec at 16 kHz).
        token_cadence: the engine hands a stream's tokens out in groups of this many
            (vLLM's ``stream_interval``, ``engine.stream_interval``), after a first output
            that holds no code (the ``<start_semantic>`` marker: ``SparkEngine.stream``), so
            the groups end where the stream's token count is a multiple of it. Above 1, every
            job's last needed token is one that ends such a group: the first job's count is
            rounded up to a multiple (it fires no later, since its tokens come in that group
            anyway; down where up would make it longer than ``max_chunk_tokens``, as for a
            warm start), and each later region is its growing length rounded down to a
            multiple (up where rounding down would make it shorter than the first region,
            which must hold the crossfade). A window that needs one token past a group
            otherwise waits a whole group for it: with 10, the second window of a cold start
            waited for token 30 where 20 would do. 1: no rounding.
        fill_windows: every window reaches back as far as the steady window's length allows
            (at least ``left_context_tokens``, never before token 0), so a growing region's
            window that starts past the stream's first tokens is as long as a steady one and
            stacks into the steady windows' batches: fewer window lengths for the decoder
            (the loaded schedule's 10, 20, 30, 30, 30, 40, 40, 50, 60, 70 become 10, 20, 30,
            40, 50, 70, 70, 70, 70, 70), more context at each seam, and more decode work per
            such window (as much as a steady one's). Off: every window takes
            ``left_context_tokens``.
    """

    first_chunk_tokens: int = 10
    growth: float = 2.0
    loaded_growth: float = 1.25
    max_chunk_tokens: int = 50
    left_context_tokens: int = 16
    lookahead_tokens: int = 4
    crossfade_samples: int = 640
    samples_per_token: int = 320
    token_cadence: int = 1
    fill_windows: bool = False

    def __post_init__(self) -> None:
        first_hop = self.first_chunk_tokens - self.lookahead_tokens
        checks = [
            (self.lookahead_tokens >= 1, "lookahead_tokens must be >= 1"),
            (first_hop >= 1, "first_chunk_tokens must exceed lookahead_tokens"),
            (self.growth >= 1.0, "growth must be >= 1"),
            (self.loaded_growth >= 1.0, "loaded_growth must be >= 1"),
            (self.max_chunk_tokens >= first_hop,
             "max_chunk_tokens must be >= first_chunk_tokens - lookahead_tokens"),
            (self.left_context_tokens >= 0, "left_context_tokens must be >= 0"),
            (self.samples_per_token >= 1, "samples_per_token must be >= 1"),
            (0 <= self.crossfade_samples <= self.left_context_tokens * self.samples_per_token,
             "crossfade_samples must be within the left context"),
            (self.crossfade_samples <= first_hop * self.samples_per_token,
             "crossfade_samples must fit in the first region"),
            (self.token_cadence >= 1, "token_cadence must be >= 1"),
            (self.token_cadence <= self.max_chunk_tokens,
             "token_cadence must be <= max_chunk_tokens"),
        ]  # fmt: skip
        for ok, message in checks:
            if not ok:
                raise ValueError(f"ChunkPolicy: {message}")

    def hop(self, index: int) -> int:
        """Region length (new tokens) of job ``index``."""
        h = self._grown_hop(index)
        cadence = self.token_cadence
        if cadence == 1:
            return h
        if index == 0:  # the first job's tokens end a group: a multiple of the cadence
            up = -(-self.first_chunk_tokens // cadence) * cadence
            down = self.first_chunk_tokens // cadence * cadence
            fade_tokens = math.ceil(self.crossfade_samples / self.samples_per_token)
            if up - self.lookahead_tokens <= self.max_chunk_tokens or (
                    down - self.lookahead_tokens < max(1, fade_tokens)):  # fmt: skip
                return up - self.lookahead_tokens
            return down - self.lookahead_tokens  # a warm start: not past the steady region
        down = h // cadence * cadence
        # Never shorter than the first region (which holds the crossfade, and whose window
        # must be no longer than the steady one).
        return down if down >= self.hop(0) else -(-max(h, self.hop(0)) // cadence) * cadence

    def left_context(self, index: int) -> int:
        """Tokens of left context job ``index`` asks for (fewer near the stream's start)."""
        if not self.fill_windows:
            return self.left_context_tokens
        fill = self.steady_window_tokens - self.hop(index) - self.lookahead_tokens
        return max(self.left_context_tokens, fill)

    def _grown_hop(self, index: int) -> int:
        """Region length of job ``index`` before rounding to the cadence."""
        h = self.first_chunk_tokens - self.lookahead_tokens
        for _ in range(index):
            if h >= self.max_chunk_tokens:
                break
            h = min(self.max_chunk_tokens, math.ceil(h * self.growth - 1e-9))
        return h

    @property
    def steady_index(self) -> int:
        """The first job from which every region has the same length (``steady_hop``).

        The grown length is a function of the one before, so once it repeats it stays; the
        rounded one follows it from job 1 on."""
        k = 0
        while self._grown_hop(k + 1) != self._grown_hop(k):
            k += 1
        return k if self.token_cadence == 1 else max(k, 1)

    @property
    def first_job_tokens(self) -> int:
        """Tokens received before the first job fires (``first_chunk_tokens``, rounded to the
        cadence)."""
        return self.hop(0) + self.lookahead_tokens

    @property
    def steady_hop(self) -> int:
        """New tokens per window once the regions stop growing."""
        return self.hop(self.steady_index)

    @property
    def steady_window_tokens(self) -> int:
        """Window length of every job once the regions stop growing."""
        return self.left_context_tokens + self.steady_hop + self.lookahead_tokens

    def warm_start(self) -> ChunkPolicy:
        """The schedule for a segment whose listener still has audio queued: it starts at the
        steady region length (no growth phase), so the segment costs fewer, uniform windows."""
        return dataclasses.replace(
            self, first_chunk_tokens=self.max_chunk_tokens + self.lookahead_tokens
        )

    def loaded_start(self) -> ChunkPolicy:
        """The cold schedule for an engine too slow for ``growth``: regions grow by
        ``loaded_growth`` instead (see ``choose_start``)."""
        return dataclasses.replace(self, growth=self.loaded_growth)

    def graph_window_lengths(self) -> tuple[int, ...]:
        """Every non-final window length of the cold, loaded and warm schedules (CUDA graphs)."""
        return tuple(sorted(self.graph_window_skips()))

    def graph_window_skips(self) -> dict[int, int]:
        """{window length: leading tokens whose audio no such window keeps}, over every
        non-final window of the cold, loaded and warm schedules: a CUDA graph of that length
        may skip their decode (``DecodeJob.skip_tokens``; the least over the windows of one
        length, so the graph serves all of them)."""
        schedules = [self, self.warm_start()]
        if self.loaded_growth < self.growth:
            schedules.append(self.loaded_start())
        skips: dict[int, int] = {}
        for policy in schedules:
            for length, skip in policy._windows():
                skips[length] = min(skip, skips.get(length, skip))
        return skips

    def window_lengths(self) -> tuple[int, ...]:
        """Every non-final window length in schedule order, ending with the steady one.

        Useful to warm up (or capture CUDA graphs for) each length a stream will ask for.
        """
        return tuple(length for length, _ in self._windows())

    def _windows(self) -> list[tuple[int, int]]:
        """(length, skip tokens) of every non-final window in schedule order, ending with the
        steady one (as the planner makes them: ``StreamingDecodePlanner._job``)."""
        windows: list[tuple[int, int]] = []
        start, k, steady = 0, 0, self.steady_index
        while True:
            left = min(self.left_context(k), start)
            n = left + self.hop(k) + self.lookahead_tokens
            fade_in = self.crossfade_samples if k > 0 else 0
            windows.append((n, (left * self.samples_per_token - fade_in) // self.samples_per_token))
            if k >= steady and left == self.left_context_tokens:
                return windows
            start += self.hop(k)
            k += 1


WARM_START_MARGIN_S = 0.5
"""Audio queued beyond the warm start's first window time that a segment needs to start warm:
room for the engine's first token and a decode batch under load."""

Schedule = Literal["cold", "loaded", "warm"]
"""Which decode schedule a segment started on (``choose_start``)."""

LOADED_HEADROOM = 1.2
"""A cold segment grows its regions by ``growth`` only while the engine gives each stream at
least this many times ``growth`` x real time: measured rates move by 10-20 % from second to
second under load, and a region that arrives late is a gap the listener hears."""


@dataclass(frozen=True)
class SegmentStart:
    """A new segment's decode schedule and which of three it is.

    Attributes:
        policy: the schedule to plan windows with.
        schedule: "cold" (regions grow by ``growth``), "loaded" (by ``loaded_growth``: the
            engine is too slow per stream for ``growth``) or "warm" (audio queued ahead: the
            steady region from the start).
    """

    policy: ChunkPolicy
    schedule: Schedule


def choose_start(
    policy: ChunkPolicy, ahead_s: float, tokens_per_s: float | None, real_time: float
) -> SegmentStart:
    """The schedule for a new segment, given the audio its listener has queued and the
    engine's recent per-stream token rate (pure).

    A segment starts warm when the audio still queued ahead of playback covers the warm start's
    first window, at the engine's recent per-stream token rate (``real_time``, tokens per second
    of audio, when nothing was measured), plus ``WARM_START_MARGIN_S``: then nobody waits on
    this segment's first audio, and the warm start spares the decoder the growth phase's small,
    odd-length windows (about half of a short segment's windows) and lets the rest batch with
    every steady window.

    Otherwise it starts cold: first chunk small (low time to first audio), regions growing.
    Each region must arrive while the one before plays, so growing by ``growth`` needs the
    engine to give each stream about ``growth`` x real time; when the measured rate is under
    ``LOADED_HEADROOM`` times that (hundreds of streams on one engine give 55-65 tokens/s
    where growth 2 needs 100), the regions grow by ``loaded_growth`` instead, which needs
    less (at 63 tokens/s the listener's longest wait, ``longest_wait_s``, falls from 0.58 to
    0.13 s). Nothing measured yet: the engine is idle, so ``growth``.
    """
    warm = policy.warm_start()
    rate = tokens_per_s or real_time
    if rate > 0 and ahead_s >= warm.first_job_tokens / rate + WARM_START_MARGIN_S:
        return SegmentStart(warm, "warm")
    slow = tokens_per_s is not None and tokens_per_s < LOADED_HEADROOM * policy.growth * real_time
    if slow and policy.loaded_growth < policy.growth:
        return SegmentStart(policy.loaded_start(), "loaded")
    return SegmentStart(policy, "cold")


FIRST_AUDIO_MARGIN_S = 0.05
"""Slack in ``first_audio_tokens`` for a later window's decode (queue included) taking longer
than the first chunk's did."""


def first_audio_tokens(
    policy: ChunkPolicy, tokens_per_s: float | None, real_time: float, max_tokens: int
) -> int:
    """Tokens a cold segment should have received before its first audio is released (pure).

    A cold start's regions double in length, so while they grow the engine must run about
    ``growth`` times faster than real time (~100 tokens/s) or the listener runs dry between
    chunks: each region's window needs its tokens before the audio already released plays out.
    Holding the first audio until ``T`` tokens have arrived buys that time: with tokens arriving
    at ``tokens_per_s`` and decodes taking about as long as the first one (plus
    ``FIRST_AUDIO_MARGIN_S`` of slack), region k's window is ready ``(N_k - T) / rate + margin``
    after the release and the listener reaches it ``A_k / real_time`` after it, where ``N_k``
    counts the tokens its window needs and ``A_k`` the audio tokens released before it. ``T`` is the least
    count that satisfies every region, from ``first_chunk_tokens`` (a fast engine: no delay) up
    to ``max_tokens`` (a stream slower than real time can never be made gapless; admission
    control is what keeps streams faster). None (nothing measured) means no delay.
    """
    first = policy.first_chunk_tokens
    if not tokens_per_s:
        return first
    if tokens_per_s <= real_time:
        return max(first, max_tokens)
    hold = policy.crossfade_samples / policy.samples_per_token
    need = float(first)
    region_end, released, k = policy.hop(0), policy.hop(0) - hold, 1
    steady = policy.steady_index
    while True:
        hop = policy.hop(k)
        window_needs = region_end + hop + policy.lookahead_tokens
        plays_at = released / real_time - FIRST_AUDIO_MARGIN_S
        need = max(need, window_needs - tokens_per_s * plays_at)
        if k - 1 >= steady:
            break  # steady: each later region needs hop tokens and buys hop of audio, and the
            # engine is faster than real time, so no later region needs more
        region_end += hop
        released += hop
        k += 1
    return min(max(first, math.ceil(need - 1e-9)), max(first, max_tokens))


def longest_wait_s(
    policy: ChunkPolicy, tokens_per_s: float, real_time: float, release_tokens: int,
    segment_tokens: int = 600,
) -> float:
    """The longest a listener waits for a window of a cold segment (pure; <= 0: gapless).

    Replays the planner on ``segment_tokens`` tokens arriving at a constant ``tokens_per_s``:
    the first audio plays once ``release_tokens`` have arrived, and each later window is
    ready ``FIRST_AUDIO_MARGIN_S`` after its last token (its decode); the listener reaches a
    window when the audio before its first new sample has played. ``first_audio_tokens`` is
    the least ``release_tokens`` that makes this <= 0.
    """
    planner = StreamingDecodePlanner(policy)
    jobs = planner.push(np.zeros(segment_tokens, dtype=np.int64))
    samples_per_s = policy.samples_per_token * real_time
    release = release_tokens / tokens_per_s
    waits = [
        (job.window_start + job.window_tokens) / tokens_per_s + FIRST_AUDIO_MARGIN_S
        - (release + (job.window_start * policy.samples_per_token + job.keep_start
                      - job.fade_in) / samples_per_s)
        for job in jobs[1:]
    ]  # fmt: skip
    return max(waits, default=0.0)


@dataclass(frozen=True, eq=False)
class DecodeJob:
    """One window to decode and which of its samples to keep.

    Sample offsets are relative to the start of the window's decoded audio
    (``len(codes) * samples_per_token`` samples).

    Attributes:
        index: 0-based job number within the stream; jobs must be joined in this order.
        codes: the window's semantic codes (int64).
        window_start: stream token index of ``codes[0]``.
        keep_start: first sample of this job's region.
        keep_stop: end of this job's region.
        fade_in: samples just before ``keep_start`` to blend with the previous job's held tail.
        hold: samples at the end of the region held back for the next job's ``fade_in``.
        last: the stream's final job (``hold`` is 0).
        skip_tokens: leading tokens of the window none of whose audio is used (the fade-in
            starts after them): the decoder may skip the work only they need.
    """

    index: int
    codes: np.ndarray
    window_start: int
    keep_start: int
    keep_stop: int
    fade_in: int
    hold: int
    last: bool
    skip_tokens: int = 0

    @property
    def window_tokens(self) -> int:
        return len(self.codes)


class StreamingDecodePlanner:
    """Turns a stream of semantic codes into ``DecodeJob``s following a ``ChunkPolicy``.

    Keeps at most one steady window of past tokens.
    """

    def __init__(self, policy: ChunkPolicy | None = None) -> None:
        self.policy = policy or ChunkPolicy()
        self._history = self.policy.steady_window_tokens  # tokens a future window can reach back
        self._tokens: list[int] = []
        self._base = 0  # stream index of self._tokens[0]
        self._count = 0  # tokens received
        self._region_start = 0  # a: first token not yet assigned to a region
        self._jobs = 0
        self._finished = False

    @property
    def tokens_received(self) -> int:
        return self._count

    def push(self, semantic_codes: Sequence[int] | np.ndarray) -> list[DecodeJob]:
        """Add codes; return the jobs that became ready (possibly none, possibly several)."""
        if self._finished:
            raise RuntimeError("push() after finish()")
        self._tokens.extend(int(c) for c in semantic_codes)
        self._count += len(semantic_codes)
        jobs: list[DecodeJob] = []
        p = self.policy
        while self._count >= self._region_start + p.hop(self._jobs) + p.lookahead_tokens:
            stop = self._region_start + p.hop(self._jobs)
            window_start = max(0, self._region_start - p.left_context(self._jobs))
            jobs.append(self._job(window_start, stop + p.lookahead_tokens, stop, last=False))
        self._trim()
        return jobs

    def finish(self) -> list[DecodeJob]:
        """End of stream: the job for the remaining tokens (none if there are none)."""
        if self._finished:
            raise RuntimeError("finish() called twice")
        self._finished = True
        if self._count == self._region_start:
            return []  # only when no token ever arrived: each job leaves >= lookahead behind
        p = self.policy
        width = p.left_context(self._jobs) + p.hop(self._jobs) + p.lookahead_tokens
        window_start = max(0, min(self._region_start - p.left_context_tokens, self._count - width))
        return [self._job(window_start, self._count, self._count, last=True)]

    def _job(self, window_start: int, window_stop: int, region_stop: int, last: bool) -> DecodeJob:
        p, spt = self.policy, self.policy.samples_per_token
        codes = np.asarray(
            self._tokens[window_start - self._base : window_stop - self._base], dtype=np.int64
        )
        keep_start = (self._region_start - window_start) * spt
        fade_in = p.crossfade_samples if self._jobs > 0 else 0
        job = DecodeJob(
            index=self._jobs,
            codes=codes,
            window_start=window_start,
            keep_start=keep_start,
            keep_stop=(region_stop - window_start) * spt,
            fade_in=fade_in,
            hold=0 if last else p.crossfade_samples,
            last=last,
            skip_tokens=(keep_start - fade_in) // spt,
        )
        self._region_start = region_stop
        self._jobs += 1
        return job

    def _trim(self) -> None:
        # The earliest token a future window can start at: a - (steady window) covers both the
        # left context of the next region and the widened final window.
        keep_from = max(0, self._region_start - self._history)
        if keep_from - self._base > 4 * self._history:
            del self._tokens[: keep_from - self._base]
            self._base = keep_from


class AudioJoiner:
    """Joins decoded windows into final samples, in job order, crossfading at each seam."""

    def __init__(self, samples_per_token: int = 320) -> None:
        self.samples_per_token = samples_per_token
        self.samples_out = 0
        self._held = np.zeros(0, dtype=np.float32)
        self._next_index = 0

    def push(self, job: DecodeJob, audio: np.ndarray) -> np.ndarray:
        """The samples made final by this job's decoded window (float32, ready to play).

        Raises:
            ValueError: the job is out of order or the audio has the wrong length.
        """
        if job.index != self._next_index:
            raise ValueError(f"job {job.index} joined out of order, expected {self._next_index}")
        expected = job.window_tokens * self.samples_per_token
        if audio.ndim != 1 or len(audio) != expected:
            raise ValueError(f"job {job.index}: expected {expected} samples, got {audio.shape}")
        audio = audio.astype(np.float32, copy=False)
        parts = []
        if job.fade_in:
            incoming = audio[job.keep_start - job.fade_in : job.keep_start]
            parts.append(crossfade(self._held, incoming))
        parts.append(audio[job.keep_start : job.keep_stop - job.hold])
        self._held = audio[job.keep_stop - job.hold : job.keep_stop].copy()
        self._next_index += 1
        out: np.ndarray = np.concatenate(parts)
        self.samples_out += len(out)
        return out


def crossfade(outgoing: np.ndarray, incoming: np.ndarray) -> np.ndarray:
    """Raised-cosine, equal-gain blend of two takes of the same samples.

    Equal gain (weights sum to 1), not equal power: the two takes are nearly identical, so their
    sum must not swell in the middle.
    """
    if outgoing.shape != incoming.shape:
        raise ValueError(f"crossfade of {outgoing.shape} and {incoming.shape} samples")
    n = len(incoming)
    ramp = np.sin(0.5 * np.pi * (np.arange(n, dtype=np.float64) + 0.5) / max(n, 1)) ** 2
    blended: np.ndarray = (outgoing * (1.0 - ramp) + incoming * ramp).astype(np.float32)
    return blended
