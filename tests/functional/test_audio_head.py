"""``engine.audio_head`` on the real engine: the same answers as the whole vocabulary's head.

The session's shared engine has the audio head (the default: the official weights' layout,
rows permuted as they load); this module starts a second engine on the same tiny model with
the whole vocabulary's head (``engine.audio_head`` off) and compares greedy answers token for
token: the logits of every id the grammar allows
are the same numbers, so the argmax must be too, with or without a repetition penalty (which
the grammar processor applies on this head). A seeded answer also keeps to the grammar.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
async def whole_head_engine(tiny_model_dir: Path) -> AsyncIterator[Any]:
    from voice_server.engine.llm import EngineConfig, SparkEngine
    from voice_server.engine.tokenizer import SparkTokenizer
    from voice_server.model_dir import check_model_dir

    tokenizer = SparkTokenizer.for_model(check_model_dir(tiny_model_dir))
    config = EngineConfig(max_num_seqs=8, max_model_len=1024, cpu_kv_cache_gib=1,
                          audio_head=False)  # fmt: skip
    engine = await asyncio.to_thread(SparkEngine.start, str(tiny_model_dir / "LLM"),
                                     tokenizer.vocab, config)  # fmt: skip
    try:
        yield engine, tokenizer
    finally:
        engine.shutdown()


def _audio_head(runtime: Any) -> Any:
    """The session's engine, which must be on the audio head for these comparisons to mean
    anything."""
    assert runtime.engine.config.audio_head
    return runtime.engine


async def _answer(engine: Any, ids: list[int], kind: str, sampling: Sampling, n: int) -> list[int]:
    out: list[int] = []
    async for new in engine.stream(ids, kind, sampling, n):
        out.extend(new)
    return out


async def test_greedy_answers_match_the_whole_vocabulary_head(
    runtime: Any, whole_head_engine: Any
) -> None:
    whole, tokenizer = whole_head_engine
    engine = _audio_head(runtime)
    vocab = tokenizer.vocab
    voice = tuple(range(5, 5 + vocab.voice_tokens))
    greedy = Sampling(temperature=0.0)
    for text, globals_ in (("Hello there, how are you?", voice), ("A style prompt.", None)):
        prompt = tokenizer.prompt(text, globals_, Style("male", "low", "high"))
        expected = await _answer(whole, prompt.ids, prompt.kind, greedy, 48)
        got = await _answer(engine, prompt.ids, prompt.kind, greedy, 48)
        assert got == expected, (text, got[:12], expected[:12])
        assert any(i in vocab.semantic_codes for i in got)  # tokenizer ids come back


async def test_a_sampled_answer_keeps_to_the_grammar(runtime: Any, whole_head_engine: Any) -> None:
    _, tokenizer = whole_head_engine
    engine = _audio_head(runtime)
    vocab = tokenizer.vocab
    prompt = tokenizer.prompt("Sampled speech.", None, Style())
    got = await _answer(engine, prompt.ids, prompt.kind, Sampling(seed=3), 80)
    start = got.index(vocab.marker("start_global_token"))
    globals_ = got[start + 1 : start + 1 + vocab.voice_tokens]
    assert all(i in vocab.global_codes for i in globals_)
    assert got[start + 1 + vocab.voice_tokens] == vocab.marker("end_global_token")
    tail = got[start + 2 + vocab.voice_tokens :]
    assert tail[0] == vocab.marker("start_semantic_token")
    assert all(i in vocab.semantic_codes for i in tail[1:-1])


async def test_a_batch_mixing_every_sampling_path_runs(
    runtime: Any, whole_head_engine: Any
) -> None:
    """vLLM gives a row without top-k the LM's vocabulary size as its k when other rows use
    top-k: past this head's width that killed the engine (found by the server's warm-up)."""
    _, tokenizer = whole_head_engine
    engine = _audio_head(runtime)
    prompt = tokenizer.prompt("Mixed batch.", None, Style())
    paths = [Sampling(), Sampling(top_k=-1, top_p=1.0, temperature=1.0), Sampling(seed=5),
             Sampling(temperature=0.0), Sampling(top_k=-1, top_p=0.9, repetition_penalty=1.1)]
    answers = await asyncio.gather(*(
        _answer(engine, prompt.ids, prompt.kind, sampling, 24) for sampling in paths
    ))  # fmt: skip
    assert all(len(answer) == 24 for answer in answers)
    assert not engine.errored


async def test_the_repetition_penalty_applied_by_the_processor_equals_vllms(
    runtime: Any, whole_head_engine: Any
) -> None:
    """vLLM's penalty cannot run on the narrow head; the grammar processor's must pick the same
    greedy answer as vLLM's does on the whole vocabulary (and a different one than without)."""
    whole, tokenizer = whole_head_engine
    engine = _audio_head(runtime)
    voice = tuple(range(7, 7 + tokenizer.vocab.voice_tokens))
    prompt = tokenizer.prompt("Say it again and again.", voice, Style())
    penalised = Sampling(temperature=0.0, repetition_penalty=1.8)
    expected = await _answer(whole, prompt.ids, prompt.kind, penalised, 48)
    got = await _answer(engine, prompt.ids, prompt.kind, penalised, 48)
    plain = await _answer(engine, prompt.ids, prompt.kind, Sampling(temperature=0.0), 48)
    assert got == expected
    assert got != plain
    assert engine.unfinished_requests == 0
