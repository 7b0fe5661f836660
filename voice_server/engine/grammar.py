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

import numpy as np

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


FREE = len(Phase)
"""Row of ``banned_table`` that bans nothing: the phase after a token the grammar does not know
(a prompt that is not one of Spark-TTS's)."""


def phase_after_token(spec: GrammarSpec, style_prompt_end: int, vocab_rows: int) -> np.ndarray:
    """For every id below ``vocab_rows``, the phase of the next token when that id is the last
    one so far (pure; int8, ``FREE`` for ids the grammar does not know).

    This is the grammar as a model sees it inside one step: the current token only, no
    history. It is the whole grammar but for one count, the 32 globals of a style answer:
    after a global comes another global here, so a style answer must stop after its globals
    by its token limit (``SparkEngine`` then asks for the semantics with a globals prompt).
    ``style_prompt_end`` is the style prompt's last token, after which the answer starts; a
    globals prompt ends with ``end_global``, after which ``<start_semantic>`` comes anyway.
    """
    table = np.full(vocab_rows, FREE, dtype=np.int8)

    def put(ids: tuple[int, int] | int, phase: Phase) -> None:
        start, count = ids if isinstance(ids, tuple) else (ids, 1)
        if not (0 <= start and start + count <= vocab_rows):
            raise ValueError(f"grammar ids {start}..{start + count} outside {vocab_rows} rows")
        table[start : start + count] = phase

    put(style_prompt_end, Phase.ACOUSTIC_START)
    put(spec.start_acoustic, Phase.PITCH_VALUE)
    put(spec.pitch_values, Phase.SPEED_VALUE)
    put(spec.speed_values, Phase.ACOUSTIC_END)
    put(spec.end_acoustic, Phase.GLOBAL_START)
    put(spec.start_global, Phase.GLOBALS)
    put(spec.global_codes, Phase.GLOBALS)
    put(spec.end_global, Phase.SEMANTIC_START)
    put(spec.start_semantic, Phase.FIRST_SEMANTIC)
    put(spec.semantic_codes, Phase.SEMANTIC)
    put(spec.end_semantic, Phase.END)
    put(spec.eos, Phase.END)
    return table


def banned_table(spec: GrammarSpec, width: int) -> np.ndarray:
    """``[phases + 1, width]`` booleans, True where an id is NOT allowed in that phase (pure).

    Row ``FREE`` bans nothing. Ids at or past ``width`` are left out (a narrow head never
    produces them).
    """
    table = np.ones((FREE + 1, width), dtype=bool)
    table[FREE] = False
    for phase in Phase:
        for start, stop in spec.allowed(phase):
            table[phase, min(start, width) : min(stop, width)] = False
    return table
