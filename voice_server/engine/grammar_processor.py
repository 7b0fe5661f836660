"""vLLM batch-level logits processor that enforces the Spark-TTS grammar.

Runs inside vLLM's engine core. Requests opt in by carrying a grammar in
``SamplingParams.extra_args["spark_grammar"]`` (a ``GrammarSpec`` dict plus a ``start`` phase);
rows without one are left alone. Why not ``allowed_token_ids``: it is static per request, cannot
change per step, and over 1,024 ids it raises inside the engine core and kills the engine for
everyone.

Theory of operation (it runs inside the engine core's step loop, which sets the pace of every
stream at a few hundred streams, so each step must cost O(what changed), not O(batch)):
1. ``update_state`` mirrors vLLM's persistent batch (removed, added, moved rows). Each row keeps
   a reference to the request's live output list and a ``GrammarState``. Only rows whose phase
   can still change (before their first semantic token) are fed the ids appended since the
   last step; a settled row costs nothing per step. The phase of the row at each batch index
   lives in a numpy array, updated only where something changed.
2. ``apply`` masks all disallowed logits with one ``masked_fill_`` from a precomputed
   ``[phases, vocab]`` boolean table. When every row is in the same phase (a busy batch is
   nearly always all-semantic) one table row is broadcast over the batch: no upload, no gather.
   Otherwise the phases go up as one index tensor, copied from a ring of pinned host buffers
   without waiting for the GPU. Rows of other grammars or unconstrained rows take a slower
   general path (never the case in this server).
3. With the audio head (``engine.audio_head``) two of vLLM's sampling paths cannot run: its
   repetition penalty counts prompt ids against the logits' width, and a greedy row gets the
   LM's vocabulary size as its top-k, past the head. Such a request carries its penalty in
   ``extra_args["spark_repetition_penalty"]`` and its greediness in ``["spark_greedy"]``
   instead, and both are applied here, after the mask, as vLLM would: each id seen in the
   prompt or the answer so far has its logit divided by the penalty when positive,
   multiplied when not (ids beyond the head's width cannot be generated, so leaving them out
   changes nothing); a greedy row keeps only its first largest logit, so vLLM's sampler (at
   temperature 1) can only pick what its greedy path would have. Only such rows pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from voice_server.engine.grammar import GrammarSpec, GrammarState, Phase, banned_table

if TYPE_CHECKING:
    from vllm.config import VllmConfig
    from vllm.sampling_params import SamplingParams
    from vllm.v1.sample.logits_processor import BatchUpdate

try:  # vLLM is absent in pure unit tests of the grammar; the class below needs it at run time.
    from vllm.v1.sample.logits_processor import LogitsProcessor, MoveDirectionality
except ImportError:  # pragma: no cover - exercised only without vLLM
    LogitsProcessor = object  # type: ignore[assignment,misc]
    MoveDirectionality = None  # type: ignore[assignment,misc]
else:
    # Every vLLM process (front end, engine core, worker) imports this module before it builds
    # a model: the engine's configuration names the processor class below, so unpickling that
    # configuration imports it. That makes it the one place where the audio head's model class
    # can be registered in each of them (vLLM's own plugins need an installed entry point).
    from voice_server.engine import audio_head

    audio_head.register()

EXTRA_ARGS_KEY = "spark_grammar"
PENALTY_KEY = "spark_repetition_penalty"
GREEDY_KEY = "spark_greedy"


class _Row:
    __slots__ = ("state", "output", "consumed", "penalty", "greedy", "_seen", "_seen_upto")

    def __init__(self, state: GrammarState, output: list[int], penalty: float = 1.0,
                 prompt: np.ndarray | None = None, greedy: bool = False) -> None:  # fmt: skip
        self.state = state
        self.output = output
        self.consumed = 0
        self.penalty = penalty
        self.greedy = greedy
        # Sorted unique ids seen so far (a penalised row's prompt, then its answer's ids up to
        # ``_seen_upto``), grown step by step as ``catch_up`` reads: the output only grows.
        self._seen = np.empty(0, dtype=np.int64) if prompt is None else np.unique(prompt)
        self._seen_upto = 0

    @property
    def special(self) -> bool:
        """Sampling this processor does on vLLM's behalf (see the module docstring, 3.)."""
        return self.penalty != 1.0 or self.greedy

    def seen(self, width: int) -> np.ndarray:
        """Unique ids below ``width`` in the prompt or the answer so far, sorted. Only the
        ids appended since the last call are merged in: a row's cost per step follows the
        ids it has seen, not the length of its prompt and answer."""
        if self._seen_upto < len(self.output):
            fresh = np.asarray(self.output[self._seen_upto :], dtype=np.int64)
            self._seen = np.union1d(self._seen, fresh)
            self._seen_upto = len(self.output)
        return self._seen[: int(np.searchsorted(self._seen, width))]

    @property
    def settled(self) -> bool:
        """In the semantic phase the mask never changes again: the only way out is the end
        marker, which is a stop id, so the request leaves the batch instead."""
        return self.state.phase is Phase.SEMANTIC

    def catch_up(self) -> bool:
        """Feed the ids appended since last time; True if the phase changed."""
        before = self.state.phase
        out = self.output
        while self.consumed < len(out) and not self.settled:
            self.state.feed(out[self.consumed])
            self.consumed += 1
        return self.state.phase is not before


class SparkGrammarLogitsProcessor(LogitsProcessor):
    """Masks logits so each constrained request follows ``GrammarSpec``."""

    PINNED_RING = 4
    """Pinned host buffers used in turn for phase uploads. The engine waits for every step's
    sampled ids before it schedules the next, so a buffer is long free when its turn comes."""

    @classmethod
    def validate_params(cls, sampling_params: SamplingParams) -> None:
        grammar = (sampling_params.extra_args or {}).get(EXTRA_ARGS_KEY)
        if grammar is not None:
            _parse(grammar)

    def __init__(self, vllm_config: VllmConfig, device: torch.device, is_pin_memory: bool) -> None:
        self.device = device
        self.pin_memory = is_pin_memory and device.type != "cpu"
        self.rows: dict[int, _Row] = {}
        self.unsettled: dict[int, _Row] = {}  # rows whose phase can still change
        self.special: dict[int, _Row] = {}  # rows with a penalty or greediness applied here
        self.masks: dict[tuple[GrammarSpec, int], torch.Tensor] = {}
        self._specs: dict[GrammarSpec, GrammarSpec] = {}  # interned: one object per grammar
        self._shared_spec: GrammarSpec | None = None  # set when every row uses one grammar
        self._dense = False  # rows are exactly 0..len(rows)-1
        # Phase of the row at each batch index, kept in step with ``rows`` (O(changes) per step).
        self._phase_of = np.zeros(_initial_rows(vllm_config), dtype=np.int64)
        self._phases: torch.Tensor | None = None  # device copy of _phase_of[:n], while valid
        self._uniform: int | None = None  # the one phase of rows 0..n-1, while valid
        self._dirty = True
        self._ring: list[torch.Tensor] = []
        self._ring_next = 0

    def is_argmax_invariant(self) -> bool:
        return False

    def update_state(self, batch_update: BatchUpdate | None) -> None:
        if batch_update is not None:
            self._apply_batch_update(batch_update)
        # Settled rows (nearly all of a busy batch) cost nothing per step.
        changed = [(i, row) for i, row in self.unsettled.items() if row.catch_up()]
        for index, row in changed:
            self._set_phase(index, row)

    def _apply_batch_update(self, batch_update: BatchUpdate) -> None:
        rows, unsettled = self.rows, self.unsettled
        special = self.special
        for index in batch_update.removed:
            rows.pop(index, None)
            unsettled.pop(index, None)
            special.pop(index, None)
        for index, params, prompt, output in batch_update.added:
            extra = (params.extra_args or {}) if params else {}
            grammar = extra.get(EXTRA_ARGS_KEY)
            if grammar is None:
                rows.pop(index, None)
                unsettled.pop(index, None)
                special.pop(index, None)
                continue
            spec, start = _parse(grammar)
            spec = self._specs.setdefault(spec, spec)
            penalty = float(extra.get(PENALTY_KEY, 1.0))
            seen = np.asarray(prompt or [], dtype=np.int64) if penalty != 1.0 else None
            row = rows[index] = _Row(GrammarState(spec, start), output, penalty, seen,
                                     bool(extra.get(GREEDY_KEY, False)))  # fmt: skip
            row.catch_up()  # a resumed request arrives with output already written
            self._set_phase(index, row)
        for a, b, direction in batch_update.moved:
            row_a, row_b = rows.pop(a, None), rows.pop(b, None)
            unsettled.pop(a, None)
            unsettled.pop(b, None)
            special.pop(a, None)
            special.pop(b, None)
            if row_a is not None:
                self._set_phase(b, row_a)
            if row_b is not None and direction == MoveDirectionality.SWAP:
                self._set_phase(a, row_b)
        specs = {id(row.state.spec) for row in rows.values()}
        self._shared_spec = next(iter(rows.values())).state.spec if len(specs) == 1 else None
        self._dense = not rows or max(rows) == len(rows) - 1
        self._dirty = True

    def _set_phase(self, index: int, row: _Row) -> None:
        self.rows[index] = row
        if row.settled:
            self.unsettled.pop(index, None)
        else:
            self.unsettled[index] = row
        if row.special:
            self.special[index] = row
        else:
            self.special.pop(index, None)
        if index >= len(self._phase_of):
            grown = np.zeros(max(2 * len(self._phase_of), index + 1), dtype=np.int64)
            grown[: len(self._phase_of)] = self._phase_of
            self._phase_of = grown
        self._phase_of[index] = int(row.state.phase)
        self._dirty = True

    def apply(self, logits: torch.Tensor) -> torch.Tensor:
        """Mask disallowed ids (then apply any penalty or greediness carried here)."""
        logits = self._mask(logits)
        if self.special:
            self._penalise(logits)
            self._keep_argmax(logits)
        return logits

    def _keep_argmax(self, logits: torch.Tensor) -> None:
        """Greedy rows keep only their first largest logit (the id ``argmax`` picks)."""
        greedy = [index for index, row in self.special.items()
                  if row.greedy and index < logits.shape[0]]  # fmt: skip
        if not greedy:
            return
        rows_t = self._to_device(np.array(greedy, dtype=np.int64))
        best = logits[rows_t].argmax(dim=1)
        kept = logits[rows_t, best]
        logits.index_fill_(0, rows_t, float("-inf"))
        logits[rows_t, best] = kept

    def _penalise(self, logits: torch.Tensor) -> None:
        """vLLM's repetition penalty over the ids each penalised row has seen."""
        n, width = logits.shape
        row_ids, col_ids, penalties = [], [], []
        for index, row in self.special.items():
            if index < n and row.penalty != 1.0:
                seen = row.seen(width)
                row_ids.append(np.full(seen.size, index, dtype=np.int64))
                col_ids.append(seen)
                penalties.append(np.full(seen.size, row.penalty, dtype=np.float32))
        if not row_ids:
            return
        rows_t = self._to_device(np.concatenate(row_ids))
        cols_t = self._to_device(np.concatenate(col_ids))
        factor = torch.from_numpy(np.concatenate(penalties)).to(logits.device, logits.dtype)
        values = logits[rows_t, cols_t]
        logits[rows_t, cols_t] = torch.where(values > 0, values / factor, values * factor)

    def _mask(self, logits: torch.Tensor) -> torch.Tensor:
        """Mask disallowed ids with one or two kernels and no host-device sync."""
        if not self.rows:
            return logits
        n = logits.shape[0]
        spec = self._shared_spec
        if spec is not None and self._dense and len(self.rows) == n:
            # The usual case in this server: every row is one of ours, one grammar.
            table = self._mask_table(spec, logits.shape[1])
            if self._dirty or self._phases is None or self._phases.shape[0] != n:
                self._refresh_phases(n)
            if self._uniform is not None:  # e.g. a busy batch all in its semantic phase
                logits.masked_fill_(table[self._uniform], float("-inf"))
            else:
                assert self._phases is not None
                logits.masked_fill_(table[self._phases], float("-inf"))
            return logits
        by_spec: dict[int, tuple[GrammarSpec, list[int], list[int]]] = {}
        for index, row in self.rows.items():
            if index < n:
                _, indices, phases_list = by_spec.setdefault(
                    id(row.state.spec), (row.state.spec, [], [])
                )
                indices.append(index)
                phases_list.append(int(row.state.phase))
        for group_spec, indices, phases_list in by_spec.values():
            table = self._mask_table(group_spec, logits.shape[1])
            selected = self._to_device(np.array(indices, dtype=np.int64))
            banned = table[self._to_device(np.array(phases_list, dtype=np.int64))]
            logits[selected] = logits[selected].masked_fill_(banned, float("-inf"))
        return logits

    def _refresh_phases(self, n: int) -> None:
        phases = self._phase_of[:n]
        first = int(phases[0])
        self._uniform = first if bool((phases == first).all()) else None
        self._phases = None if self._uniform is not None else self._to_device(phases)
        self._dirty = False

    def _to_device(self, values: np.ndarray) -> torch.Tensor:
        """An int64 tensor on the device, copied asynchronously from pinned host memory (a
        pageable copy would make the engine core wait for the GPU at every step)."""
        host = torch.from_numpy(values)
        if self.device.type == "cpu":
            return host.clone()
        if not self.pin_memory:
            return host.to(self.device)
        buffer = self._pinned(len(values))
        buffer.copy_(host)
        return buffer.to(self.device, non_blocking=True)

    def _pinned(self, size: int) -> torch.Tensor:
        """The next pinned buffer of the ring, at least ``size`` long (allocating pinned memory
        is slow and may synchronise, so it happens only when the batch outgrows the ring)."""
        slot = self._ring_next % self.PINNED_RING
        self._ring_next += 1
        if slot >= len(self._ring) or self._ring[slot].numel() < size:
            buffer = torch.empty(max(size, 256), dtype=torch.int64).pin_memory()
            if slot >= len(self._ring):
                self._ring.append(buffer)
            else:
                self._ring[slot] = buffer
        return self._ring[slot][:size]

    def _mask_table(self, spec: GrammarSpec, vocab: int) -> torch.Tensor:
        """[phases, vocab] booleans, True where an id is NOT allowed in that phase."""
        key = (spec, vocab)
        table = self.masks.get(key)
        if table is None:
            table = torch.from_numpy(banned_table(spec, vocab)).to(self.device)
            self.masks[key] = table
        return table


def _initial_rows(vllm_config: VllmConfig | None) -> int:
    scheduler = getattr(vllm_config, "scheduler_config", None)
    return int(getattr(scheduler, "max_num_seqs", 0) or 256)


def _parse(grammar: Any) -> tuple[GrammarSpec, str]:
    if not isinstance(grammar, dict) or grammar.get("start") not in ("style", "globals"):
        raise ValueError("spark_grammar must be a dict with start 'style' or 'globals'")
    fields = {k: v for k, v in grammar.items() if k != "start"}
    return GrammarSpec.from_dict(fields), str(grammar["start"])


def grammar_extra_args(spec: GrammarSpec, start: str, repetition_penalty: float = 1.0,
                       greedy: bool = False) -> dict[str, Any]:  # fmt: skip
    """The ``extra_args`` that turn the grammar on for one request, and, when asked, a
    repetition penalty (not 1) or greediness for this processor to apply in vLLM's place."""
    args: dict[str, Any] = {EXTRA_ARGS_KEY: {"start": start, **spec.to_dict()}}
    if repetition_penalty != 1.0:
        args[PENALTY_KEY] = repetition_penalty
    if greedy:
        args[GREEDY_KEY] = True
    return args
