"""vLLM batch-level logits processor that enforces the Spark-TTS grammar.

Runs inside vLLM's engine core. Requests opt in by carrying a grammar in
``SamplingParams.extra_args["spark_grammar"]`` (a ``GrammarSpec`` dict plus a ``start`` phase);
rows without one are left alone. Why not ``allowed_token_ids``: it is static per request, cannot
change per step, and over 1,024 ids it raises inside the engine core and kills the engine for
everyone.

Theory of operation:
1. ``update_state`` mirrors vLLM's persistent batch (removed, added, moved rows). Each row keeps
   a reference to the request's live output list and a ``GrammarState``; every step it feeds the
   state the ids appended since the last step (O(new tokens)).
2. ``apply`` gathers the phase of every constrained row into one index tensor (copied from
   pinned memory without waiting for the GPU) and masks all disallowed logits with one
   ``masked_fill_`` from a precomputed ``[phases, vocab]`` boolean table: a constant number of
   kernel launches whatever the batch size. When every row of the batch is constrained by the
   same grammar (the normal case here) no row index is needed at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

from voice_server.engine.grammar import GrammarSpec, GrammarState, Phase

if TYPE_CHECKING:
    from vllm.config import VllmConfig
    from vllm.sampling_params import SamplingParams
    from vllm.v1.sample.logits_processor import BatchUpdate

try:  # vLLM is absent in pure unit tests of the grammar; the class below needs it at run time.
    from vllm.v1.sample.logits_processor import LogitsProcessor, MoveDirectionality
except ImportError:  # pragma: no cover - exercised only without vLLM
    LogitsProcessor = object  # type: ignore[assignment,misc]
    MoveDirectionality = None  # type: ignore[assignment,misc]

EXTRA_ARGS_KEY = "spark_grammar"


class _Row:
    __slots__ = ("state", "output", "consumed")

    def __init__(self, state: GrammarState, output: list[int]) -> None:
        self.state = state
        self.output = output
        self.consumed = 0

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

    @classmethod
    def validate_params(cls, sampling_params: SamplingParams) -> None:
        grammar = (sampling_params.extra_args or {}).get(EXTRA_ARGS_KEY)
        if grammar is not None:
            _parse(grammar)

    def __init__(self, vllm_config: VllmConfig, device: torch.device, is_pin_memory: bool) -> None:
        self.device = device
        self.pin_memory = is_pin_memory
        self.rows: dict[int, _Row] = {}
        self.masks: dict[tuple[GrammarSpec, int], torch.Tensor] = {}
        self._specs: dict[GrammarSpec, GrammarSpec] = {}  # interned: one object per grammar
        self._shared_spec: GrammarSpec | None = None  # set when every row uses one grammar
        self._phases: torch.Tensor | None = None  # device phases of rows 0..n-1, while valid
        self._dense = False

    def is_argmax_invariant(self) -> bool:
        return False

    def update_state(self, batch_update: BatchUpdate | None) -> None:
        if batch_update is not None:
            for index in batch_update.removed:
                self.rows.pop(index, None)
            for index, params, _prompt, output in batch_update.added:
                grammar = (params.extra_args or {}).get(EXTRA_ARGS_KEY) if params else None
                if grammar is None:
                    self.rows.pop(index, None)
                else:
                    spec, start = _parse(grammar)
                    spec = self._specs.setdefault(spec, spec)
                    self.rows[index] = _Row(GrammarState(spec, start), output)
            for a, b, direction in batch_update.moved:
                row_a, row_b = self.rows.pop(a, None), self.rows.pop(b, None)
                if row_a is not None:
                    self.rows[b] = row_a
                if row_b is not None and direction == MoveDirectionality.SWAP:
                    self.rows[a] = row_b
            specs = {id(row.state.spec): row.state.spec for row in self.rows.values()}
            self._shared_spec = next(iter(specs.values())) if len(specs) == 1 else None
            self._dense = all(index < len(self.rows) for index in self.rows)  # rows 0..n-1
            self._phases = None
        # Settled rows (nearly all of a busy batch) cost nothing per step.
        for row in self.rows.values():
            if not row.settled and row.catch_up():
                self._phases = None

    def apply(self, logits: torch.Tensor) -> torch.Tensor:
        """Mask disallowed ids with a constant number of kernels and no host-device sync."""
        if not self.rows:
            return logits
        n = logits.shape[0]
        rows = self.rows
        spec = self._shared_spec
        if spec is not None and self._dense and len(rows) == n:
            # The usual case in this server: every row is one of ours, one grammar. The phases
            # tensor is rebuilt only when the batch or some row's phase changed.
            phases = self._phases
            if phases is None or phases.shape[0] != n:
                phases = self._phases = self._to_device([int(rows[i].state.phase)
                                                         for i in range(n)])  # fmt: skip
            logits.masked_fill_(self._mask_table(spec, logits.shape[1])[phases], float("-inf"))
            return logits
        by_spec: dict[int, tuple[GrammarSpec, list[int], list[int]]] = {}
        for index, row in rows.items():
            if index < n:
                _, indices, phases_list = by_spec.setdefault(
                    id(row.state.spec), (row.state.spec, [], [])
                )
                indices.append(index)
                phases_list.append(int(row.state.phase))
        for group_spec, indices, phases_list in by_spec.values():
            table = self._mask_table(group_spec, logits.shape[1])
            selected = self._to_device(indices)
            banned = table[self._to_device(phases_list)]
            logits[selected] = logits[selected].masked_fill_(banned, float("-inf"))
        return logits

    def _to_device(self, values: list[int]) -> torch.Tensor:
        """An int64 tensor on the device, copied asynchronously from pinned host memory (a
        pageable copy would make the engine core wait for the GPU at every step)."""
        host = torch.tensor(values, dtype=torch.int64)
        if self.device.type == "cpu":
            return host
        if self.pin_memory:
            host = host.pin_memory()
        return host.to(self.device, non_blocking=True)

    def _mask_table(self, spec: GrammarSpec, vocab: int) -> torch.Tensor:
        """[phases, vocab] booleans, True where an id is NOT allowed in that phase."""
        key = (spec, vocab)
        table = self.masks.get(key)
        if table is None:
            table = torch.ones((len(Phase), vocab), dtype=torch.bool)
            for phase in Phase:
                for start, stop in spec.allowed(phase):
                    table[phase, start:stop] = False
            table = table.to(self.device)
            self.masks[key] = table
        return table


def _parse(grammar: Any) -> tuple[GrammarSpec, str]:
    if not isinstance(grammar, dict) or grammar.get("start") not in ("style", "globals"):
        raise ValueError("spark_grammar must be a dict with start 'style' or 'globals'")
    fields = {k: v for k, v in grammar.items() if k != "start"}
    return GrammarSpec.from_dict(fields), str(grammar["start"])


def grammar_extra_args(spec: GrammarSpec, start: str) -> dict[str, Any]:
    """The ``extra_args`` entry that turns the grammar on for one request."""
    return {EXTRA_ARGS_KEY: {"start": start, **spec.to_dict()}}
