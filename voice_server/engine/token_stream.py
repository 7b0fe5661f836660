"""Turns the engine's new token ids into voice and audio codes, by id range.

One comparison chain per id, never a regex over re-decoded text (the growing text would make
parsing O(n^2) over an answer). Markers and the controllable acoustic prefix are skipped; global
codes are collected until the voice is complete; semantic codes pass straight through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from voice_server.engine.vocab import SparkVocab


@dataclass
class ParsedDelta:
    """What one batch of new ids contained.

    Attributes:
        voice: the complete global codes, set once, on the delta that completed them.
        semantic: semantic codebook indices, in order.
        ended: an end token (``<|im_end|>`` or ``<|end_semantic_token|>``) was seen.
    """

    voice: tuple[int, ...] | None = None
    semantic: list[int] = field(default_factory=list)
    ended: bool = False


class AnswerParser:
    """Stateful parser for one request's answer."""

    def __init__(self, vocab: SparkVocab) -> None:
        self._global = vocab.global_codes
        self._semantic = vocab.semantic_codes
        self._ends = {vocab.eos_id, vocab.marker("end_semantic_token")}
        self._voice_tokens = vocab.voice_tokens
        self._globals: list[int] = []
        self.voice: tuple[int, ...] | None = None
        self.semantic_count = 0
        self.ended = False

    def feed(self, token_ids: Iterable[int]) -> ParsedDelta:
        delta = ParsedDelta()
        sem_start, sem_stop = self._semantic.start, self._semantic.stop
        glob_start, glob_stop = self._global.start, self._global.stop
        for token in token_ids:
            if self.ended:
                break
            if sem_start <= token < sem_stop:
                delta.semantic.append(token - sem_start)
            elif glob_start <= token < glob_stop:
                self._take_global(token - glob_start, delta)
            elif token in self._ends:
                self.ended = delta.ended = True
        self.semantic_count += len(delta.semantic)
        return delta

    def _take_global(self, code: int, delta: ParsedDelta) -> None:
        if self.voice is not None:
            return
        self._globals.append(code)
        if len(self._globals) == self._voice_tokens:
            self.voice = delta.voice = tuple(self._globals)
