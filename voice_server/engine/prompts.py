"""Prompt ids for the two Spark-TTS prompt kinds.

* **Style prompt** (controllable TTS): task, text, gender/pitch/speed labels. The model writes an
  acoustic prefix, then the 32 global (speaker) tokens, then semantic tokens. Used for a voice's
  first segment when only a style is known.
* **Globals prompt** (TTS from known global tokens): task, text, then the 32 globals already
  filled in. The model writes only semantic tokens. Used for every segment once a voice's globals
  are known (named speakers, and every later segment of a session), so the voice stays the same.

Text is tokenized on its own and spliced between marker ids; markers are never spelled as text,
so user text that happens to contain ``<|...|>`` stays plain text (the tokenizer's added-token
matching is bypassed by :func:`text_token_ids`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from voice_server.engine.vocab import GENDERS, LEVELS, SparkVocab


@dataclass(frozen=True)
class Style:
    """A controllable voice: gender plus pitch and speed levels (see ``vocab.LEVELS``)."""

    gender: str = "female"
    pitch: str = "moderate"
    speed: str = "moderate"

    def __post_init__(self) -> None:
        if self.gender not in GENDERS:
            raise ValueError(f"gender must be one of {GENDERS}, got {self.gender!r}")
        for field, value in (("pitch", self.pitch), ("speed", self.speed)):
            if value not in LEVELS:
                raise ValueError(f"{field} must be one of {LEVELS}, got {value!r}")


@dataclass(frozen=True)
class PromptKind:
    """Which grammar the model follows after the prompt (used by the logits processor)."""

    STYLE = "style"
    GLOBALS = "globals"


def style_prompt(vocab: SparkVocab, text_ids: Sequence[int], style: Style) -> list[int]:
    """Prompt after which the model generates the voice (globals) and then semantics."""
    m = vocab.marker
    return [
        m("task_controllable_tts"),
        m("start_content"),
        *text_ids,
        m("end_content"),
        m("start_style_label"),
        vocab.genders.id_of(GENDERS.index(style.gender)),
        vocab.pitch_labels.id_of(LEVELS.index(style.pitch)),
        vocab.speed_labels.id_of(LEVELS.index(style.speed)),
        m("end_style_label"),
    ]


def globals_prompt(
    vocab: SparkVocab, text_ids: Sequence[int], global_codes: Sequence[int]
) -> list[int]:
    """Prompt that carries the 32 global codes, so the model generates only semantics.

    Raises:
        ValueError: wrong number of codes, or a code outside the global codebook.
    """
    expected = vocab.voice_tokens
    if len(global_codes) != expected:
        raise ValueError(f"a voice has exactly {expected} global codes, got {len(global_codes)}")
    m = vocab.marker
    return [
        m("task_tts"),
        m("start_content"),
        *text_ids,
        m("end_content"),
        m("start_global_token"),
        *(vocab.global_codes.id_of(int(code)) for code in global_codes),
        m("end_global_token"),
    ]


def globals_prompt_after_style(
    vocab: SparkVocab, style_prompt_ids: Sequence[int], global_ids: Sequence[int]
) -> list[int]:
    """The globals prompt for the text of ``style_prompt_ids`` (a ``style_prompt``) and the
    global tokens a style answer began with (``global_ids``: tokenizer ids, not codes): how
    an answer split in two asks for its semantics (``SparkEngine.stream``).

    Raises:
        ValueError: ``style_prompt_ids`` is not a style prompt, or not 32 global tokens.
    """
    m = vocab.marker
    head, tail = 2, 6  # task, start_content | end_content, 4 style label tokens, end_style_label
    if (len(style_prompt_ids) < head + tail
            or list(style_prompt_ids[:head]) != [m("task_controllable_tts"), m("start_content")]
            or style_prompt_ids[-tail] != m("end_content")
            or style_prompt_ids[-1] != m("end_style_label")):  # fmt: skip
        raise ValueError("not a style prompt")
    codes = vocab.global_codes
    if len(global_ids) != vocab.voice_tokens or not all(int(i) in codes for i in global_ids):
        raise ValueError(f"a voice is exactly {vocab.voice_tokens} global tokens")
    text_ids = style_prompt_ids[head:-tail]
    return globals_prompt(vocab, text_ids, [int(i) - codes.start for i in global_ids])


def plain_text_ids(encode: Callable[[str], list[int]], vocab: SparkVocab, text: str) -> list[int]:
    """Tokenize user text as plain text, never as marker or code tokens.

    The tokenizer would map a literal ``<|im_end|>`` in user text onto the real end token, letting
    text steer the grammar. ``<|`` and ``|>`` are split apart first, and any id at or above the
    first added token is refused.

    Raises:
        ValueError: the text is empty or still encodes to an added token.
    """
    cleaned = text.replace("<|", "< |").replace("|>", "| >")
    if not cleaned.strip():
        raise ValueError("text is empty")
    ids = encode(cleaned)
    if any(i >= vocab.first_added_id for i in ids):
        raise ValueError("text encodes to a reserved token")
    return ids
