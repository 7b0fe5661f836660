"""``engine.grammar`` model on the real engine: the audio head masks its own logits.

The session's shared engine enforces the grammar with the logits processor (the CPU's
default; in the model on a GPU); this module starts a second engine on the same tiny model with
the other placement (in the model, no processor loaded), and compares seeded answers sampled from every allowed id
token for token: both mask the same logits the same way and draw the same noise, so the picks
must agree (top-1 answers would not do: vLLM's top-k breaks the near-ties of a random model's
logits differently from one engine configuration to another). A style answer is two requests there, so its expected answer is built from the shared
engine's own two answers: the style prompt's up to its globals, then the globals prompt's. A
random-weight model samples any of the head's ~13,300 ids, so a seeded answer that keeps to
the grammar over hundreds of tokens shows the mask is applied at every step.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from voice_server.engine.prompts import Style, globals_prompt_after_style
from voice_server.engine.sampling import Sampling
from voice_server.engine.token_stream import AnswerParser

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
async def engines(runtime: Any, tiny_model_dir: Path) -> AsyncIterator[tuple[Any, Any, Any]]:
    """(an engine with the grammar in the model, one with the processor, the tokenizer): the
    session's engine is one of them (the processor on the CPU), this starts the other."""
    from voice_server.engine.llm import EngineConfig, SparkEngine
    from voice_server.engine.tokenizer import SparkTokenizer
    from voice_server.model_dir import check_model_dir

    tokenizer = SparkTokenizer.for_model(check_model_dir(tiny_model_dir))
    shared = runtime.engine
    assert shared.config.audio_head
    config = EngineConfig(max_num_seqs=8, max_model_len=1024, cpu_kv_cache_gib=1,
                          grammar="processor" if shared.grammar_in_model else "model")  # fmt: skip
    other = await asyncio.to_thread(SparkEngine.start, str(tiny_model_dir / "LLM"),
                                    tokenizer.vocab, config)  # fmt: skip
    try:
        pair = (shared, other) if shared.grammar_in_model else (other, shared)
        assert pair[0].grammar_in_model and not pair[1].grammar_in_model
        yield (*pair, tokenizer)
    finally:
        other.shutdown()


@pytest.fixture
def model_grammar_engine(engines: tuple[Any, Any, Any]) -> tuple[Any, Any]:
    return engines[0], engines[2]


async def _answer(engine: Any, ids: list[int], kind: str, sampling: Sampling, n: int) -> list[int]:
    out: list[int] = []
    async for new in engine.stream(ids, kind, sampling, n):
        out.extend(new)
    return out


def _seeded(seed: int) -> Sampling:
    return Sampling(temperature=1.0, top_k=-1, top_p=1.0, seed=seed)


async def test_seeded_globals_answers_match_the_processors(engines: Any) -> None:
    in_model, processor, tokenizer = engines
    for text, first in (("Hello there, how are you?", 5), ("Another voice, other words.", 900)):
        voice = tuple(range(first, first + tokenizer.vocab.voice_tokens))
        prompt = tokenizer.prompt(text, voice, Style())
        expected = await _answer(processor, prompt.ids, prompt.kind, _seeded(first), 64)
        got = await _answer(in_model, prompt.ids, prompt.kind, _seeded(first), 64)
        assert got == expected, (text, got[:12], expected[:12])


async def test_a_greedy_request_is_top_1_and_repeats(model_grammar_engine: Any) -> None:
    """Greedy on this engine is top-k 1 (vLLM's greedy row would get the whole vocabulary as
    its top-k beside top-k rows, past the audio head), in a batch with other paths."""
    in_model, tokenizer = model_grammar_engine
    prompt = tokenizer.prompt("Greedy.", tuple(range(9, 9 + tokenizer.vocab.voice_tokens)),
                              Style())  # fmt: skip
    paths = [Sampling(temperature=0.0), Sampling(), Sampling(seed=2, top_k=-1),
             Sampling(temperature=0.0), Sampling(temperature=1.0, top_k=1)]
    answers = await asyncio.gather(*(_answer(in_model, prompt.ids, prompt.kind, path, 24)
                                     for path in paths))  # fmt: skip
    assert answers[0] == answers[3] == answers[4]
    assert all(len(answer) == 24 for answer in answers)
    assert not in_model.errored


async def test_a_style_answer_is_the_style_part_then_a_globals_prompts_answer(
    engines: Any,
) -> None:
    in_model, processor, tokenizer = engines
    vocab = tokenizer.vocab
    greedy = _seeded(11)
    prompt = tokenizer.prompt("A style prompt, in two parts.", None, Style("male", "low", "high"))
    voice_part = 5 + vocab.voice_tokens
    style_part = (await _answer(processor, prompt.ids, prompt.kind, greedy, 80))[:voice_part]
    semantics = globals_prompt_after_style(vocab, prompt.ids, style_part[-vocab.voice_tokens:])
    rest = await _answer(processor, semantics, "globals", greedy, 80 - voice_part - 1)
    got = await _answer(in_model, prompt.ids, prompt.kind, greedy, 80)
    assert got == [*style_part, vocab.marker("end_global_token"), *rest]
    assert in_model.unfinished_requests == 0


async def test_sampled_answers_keep_to_the_grammar(model_grammar_engine: Any) -> None:
    in_model, tokenizer = model_grammar_engine
    vocab = tokenizer.vocab
    prompts = [tokenizer.prompt("Sampled speech, style first.", None, Style()),
               tokenizer.prompt("Sampled speech, known voice.",
                                tuple(range(40, 40 + vocab.voice_tokens)), Style())]  # fmt: skip
    answers = await asyncio.gather(*(
        _answer(in_model, p.ids, p.kind, Sampling(seed=seed, top_k=-1, top_p=1.0), 300)
        for seed in range(3) for p in prompts
    ))  # fmt: skip
    style_answer = answers[0]
    m = vocab.marker
    assert style_answer[:1] == [m("start_acoustic_token")]
    assert style_answer[1] in vocab.pitch_values and style_answer[2] in vocab.speed_values
    assert style_answer[3:5] == [m("end_acoustic_token"), m("start_global_token")]
    for answer, prompt in zip(answers, prompts * 3, strict=True):
        parser = AnswerParser(vocab)
        parser.feed(answer)
        semantic = answer.index(m("start_semantic_token"))
        body = answer[semantic + 1:]
        ended = body[-1] in (vocab.eos_id, m("end_semantic_token"))
        assert all(i in vocab.semantic_codes for i in (body[:-1] if ended else body)), prompt.kind
        assert parser.semantic_count == len(body) - ended > 0
        if prompt.kind == "style":
            assert parser.voice is not None and answer[semantic - 1] == m("end_global_token")
        else:
            assert semantic == 0


async def test_a_penalty_runs_or_is_refused_where_vllm_cannot_apply_it(
    model_grammar_engine: Any,
) -> None:
    """On the CPU vLLM runs its V1 model runner, whose penalty would index past the audio
    head: refused before it reaches the engine, which keeps serving. Where Model Runner V2
    runs (a GPU), vLLM applies it."""
    in_model, tokenizer = model_grammar_engine
    prompt = tokenizer.prompt("Penalised.", tuple(range(tokenizer.vocab.voice_tokens)), Style())
    penalised = Sampling(repetition_penalty=1.2, seed=4)
    if in_model.penalty_supported:
        assert len(await _answer(in_model, prompt.ids, prompt.kind, penalised, 8)) == 8
    else:
        with pytest.raises(ValueError, match="repetition_penalty"):
            await _answer(in_model, prompt.ids, prompt.kind, penalised, 8)
    assert len(await _answer(in_model, prompt.ids, prompt.kind, Sampling(seed=1), 8)) == 8
    assert not in_model.errored
