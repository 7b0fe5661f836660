"""The Spark-TTS tokenizer: text in, prompt ids out.

Loaded once per process from ``LLM/`` (the engine itself runs with ``skip_tokenizer_init`` and
sees only ids). Sizes come from the BiCodec config: the global and semantic codebook sizes and
the number of global tokens per voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_server.engine.prompts import Style, globals_prompt, plain_text_ids, style_prompt
from voice_server.engine.vocab import SparkVocab

if TYPE_CHECKING:
    from voice_server.model_dir import ModelDir


@dataclass(frozen=True)
class Prompt:
    """Prompt ids plus which grammar the answer follows ("style" or "globals")."""

    ids: list[int]
    kind: str


class SparkTokenizer:
    """Wraps the Hugging Face tokenizer of ``LLM/`` and the resolved ``SparkVocab``."""

    def __init__(self, hf_tokenizer: Any, vocab: SparkVocab) -> None:
        self._hf = hf_tokenizer
        self.vocab = vocab

    @classmethod
    def load(
        cls, llm_dir: Path, *, global_codebook_size: int, semantic_codebook_size: int,
        voice_tokens: int, lm_vocab_size: int | None = None,
    ) -> SparkTokenizer:  # fmt: skip
        """Load the tokenizer and resolve the Spark-TTS ids against the BiCodec sizes and, when
        given, the LM's head size (``ModelDir.lm_vocab_size``).

        Raises:
            ModelDirError: a token is missing, a code range does not match the codebook, or an
                id lies beyond the LM's head.
        """
        from transformers import AutoTokenizer

        from voice_server.model_dir import ModelDirError

        hf = AutoTokenizer.from_pretrained(str(llm_dir))
        try:
            vocab = SparkVocab.from_tokenizer(
                hf,
                global_codebook_size=global_codebook_size,
                semantic_codebook_size=semantic_codebook_size,
                voice_tokens=voice_tokens,
            )
            if lm_vocab_size is not None:
                vocab.check_fits(lm_vocab_size)
        except ValueError as exc:
            raise ModelDirError(f"{llm_dir}: {exc}") from exc
        return cls(hf, vocab)

    @classmethod
    def for_model(cls, model: ModelDir) -> SparkTokenizer:
        """The tokenizer of ``model``'s ``LLM/``, checked against its BiCodec sizes and LM head."""
        _, codec = model.checked_audio()
        return cls.load(
            model.llm,
            global_codebook_size=codec.global_codebook_size,
            semantic_codebook_size=codec.semantic_codebook_size,
            voice_tokens=codec.global_token_count,
            lm_vocab_size=model.lm_vocab_size(),
        )

    def text_ids(self, text: str) -> list[int]:
        """Plain-text ids of ``text`` (markers in the text are not honoured)."""
        return plain_text_ids(
            lambda s: list(self._hf.encode(s, add_special_tokens=False)), self.vocab, text
        )

    def prompt(self, text: str, voice_globals: tuple[int, ...] | None, style: Style) -> Prompt:
        """The globals prompt when the voice's codes are known, else the style prompt."""
        ids = self.text_ids(text)
        if voice_globals is not None:
            return Prompt(globals_prompt(self.vocab, ids, voice_globals), "globals")
        return Prompt(style_prompt(self.vocab, ids, style), "style")
