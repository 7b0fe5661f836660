"""The token grammar of a Spark-TTS answer, as a pure state machine.

After a style prompt the model writes::

    <start_acoustic> <pitch_value_x> <speed_value_y> <end_acoustic>
    <start_global> G x 32 <end_global> <start_semantic> S ... (<im_end> | <end_semantic>)

After a globals prompt it writes ``<start_semantic> S ... <im_end>``. At each step exactly one
set of ids is valid. The logits processor (``grammar_processor``) masks everything else, which
keeps the real model from derailing and makes a random-weight test model produce well-formed
answers. At least one semantic token is required before an end token, so "zero semantic
tokens" can only happen when ``max_tokens`` runs out first.

The machine is fed ids one at a time and answers with the index of the allowed set; it never
looks back at earlier tokens (O(1) per token).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from voice_server.engine.vocab import SparkVocab


class Phase(enum.IntEnum):
    """Which set of ids is allowed next. The values index the processor's mask table."""

    ACOUSTIC_START = 0
    PITCH_VALUE = 1
    SPEED_VALUE = 2
    ACOUSTIC_END = 3
    GLOBAL_START = 4
    GLOBALS = 5
    GLOBAL_END = 6
    SEMANTIC_START = 7
    FIRST_SEMANTIC = 8
    SEMANTIC = 9
    END = 10


@dataclass(frozen=True)
class GrammarSpec:
    """Ids the grammar needs; travels to the engine core inside ``SamplingParams.extra_args``.

    Attributes are (start, count) pairs for ranges and plain ids for markers.
    """

    start_acoustic: int
    end_acoustic: int
    start_global: int
    end_global: int
    start_semantic: int
    end_semantic: int
    eos: int
    pitch_values: tuple[int, int]
    speed_values: tuple[int, int]
    global_codes: tuple[int, int]
    semantic_codes: tuple[int, int]
    voice_tokens: int

    @classmethod
    def from_vocab(cls, vocab: SparkVocab) -> GrammarSpec:
        m = vocab.marker
        return cls(
            start_acoustic=m("start_acoustic_token"),
            end_acoustic=m("end_acoustic_token"),
            start_global=m("start_global_token"),
            end_global=m("end_global_token"),
            start_semantic=m("start_semantic_token"),
            end_semantic=m("end_semantic_token"),
            eos=vocab.eos_id,
            pitch_values=(vocab.pitch_values.start, vocab.pitch_values.count),
            speed_values=(vocab.speed_values.start, vocab.speed_values.count),
            global_codes=(vocab.global_codes.start, vocab.global_codes.count),
            semantic_codes=(vocab.semantic_codes.start, vocab.semantic_codes.count),
            voice_tokens=vocab.voice_tokens,
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GrammarSpec:
        pairs = ("pitch_values", "speed_values", "global_codes", "semantic_codes")
        values = {k: (tuple(v) if k in pairs else v) for k, v in data.items()}
        return cls(**values)  # type: ignore[arg-type]

    def allowed(self, phase: Phase) -> list[tuple[int, int]]:
        """The allowed ids of ``phase`` as half-open ``(start, stop)`` spans."""
        one = {
            Phase.ACOUSTIC_START: self.start_acoustic,
            Phase.ACOUSTIC_END: self.end_acoustic,
            Phase.GLOBAL_START: self.start_global,
            Phase.GLOBAL_END: self.end_global,
            Phase.SEMANTIC_START: self.start_semantic,
            Phase.END: self.eos,
        }
        if phase in one:
            return [(one[phase], one[phase] + 1)]
        span = {
            Phase.PITCH_VALUE: self.pitch_values,
            Phase.SPEED_VALUE: self.speed_values,
            Phase.GLOBALS: self.global_codes,
            Phase.FIRST_SEMANTIC: self.semantic_codes,
            Phase.SEMANTIC: self.semantic_codes,
        }[phase]
        spans = [(span[0], span[0] + span[1])]
        if phase is Phase.SEMANTIC:
            spans += [(self.eos, self.eos + 1), (self.end_semantic, self.end_semantic + 1)]
        return spans


START_PHASES = {"style": Phase.ACOUSTIC_START, "globals": Phase.SEMANTIC_START}


class GrammarState:
    """Tracks one answer; ``feed`` each generated id, read ``phase`` for the next step."""

    def __init__(self, spec: GrammarSpec, start: str) -> None:
        self.spec = spec
        self.phase = START_PHASES[start]
        self._globals_seen = 0

    def feed(self, token_id: int) -> None:
        """Advance over one generated id (ids the mask allowed; others leave the phase alone)."""
        p, s = self.phase, self.spec
        if p is Phase.GLOBALS:
            self._globals_seen += 1
            if self._globals_seen >= s.voice_tokens:
                self.phase = Phase.GLOBAL_END
        elif p in (Phase.FIRST_SEMANTIC, Phase.SEMANTIC):
            self.phase = Phase.END if token_id == s.end_semantic else Phase.SEMANTIC
        elif p is not Phase.END:
            self.phase = Phase(p + 1)
