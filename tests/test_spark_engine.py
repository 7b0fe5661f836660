"""What ``SparkEngine`` sends to vLLM (a recording stand-in for AsyncLLM: the real engine
runs in tests/functional/test_engine.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from voice_server.engine.prompts import Style
from voice_server.engine.tokenizer import SparkTokenizer


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir: Path) -> SparkTokenizer:
    return SparkTokenizer.load(
        tiny_model_dir / "LLM", global_codebook_size=4096, semantic_codebook_size=8192,
        voice_tokens=32,
    )


class _ScriptedLLM:
    """Stands in for AsyncLLM: records each request and answers at once with the next scripted
    ids (engine ids; none once the script has run out)."""

    def __init__(self, answers: list[list[int]] | None = None, runner_v2: bool = False) -> None:
        self.answers = list(answers or [])
        self.requests: list[tuple[list[int], object]] = []
        self.request_ids: list[str] = []

        class VllmConfig:
            use_v2_model_runner = runner_v2

        self.vllm_config = VllmConfig()

    def generate(self, prompt: dict[str, list[int]], params: object, request_id: str) -> object:
        self.requests.append((prompt["prompt_token_ids"], params))
        self.request_ids.append(request_id)
        ids = self.answers.pop(0) if self.answers else []

        async def answer() -> object:
            class Completion:
                token_ids = ids

            class Output:
                outputs = [Completion()]
                finished = True

            yield Output()

        return answer()

    async def abort(self, request_id: str) -> None:
        raise AssertionError("a finished request is not aborted")


async def test_engines_sharing_one_engine_core_never_send_the_same_request_id(
    tokenizer: SparkTokenizer,
) -> None:
    """Front ends of one server (``http.workers``) share an engine core and each has its own
    SparkEngine counting its requests: their ids must not collide there."""
    from voice_server.engine.llm import EngineConfig, SparkEngine
    from voice_server.engine.sampling import Sampling

    llms = [_ScriptedLLM(), _ScriptedLLM()]
    engines = [SparkEngine(llm, tokenizer.vocab, EngineConfig()) for llm in llms]
    prompt = tokenizer.prompt("Hi.", tuple(range(100, 132)), Style())
    for engine in engines:
        for _ in range(3):
            async for _tokens in engine.stream(prompt.ids, prompt.kind, Sampling(), 8):
                pass
    sent = [rid for llm in llms for rid in llm.request_ids]
    assert len(sent) == 6 and len(set(sent)) == 6, sent


def _model_grammar_engine(tokenizer: SparkTokenizer, llm: object) -> object:
    from voice_server.engine.llm import EngineConfig, SparkEngine

    return SparkEngine(llm, tokenizer.vocab, EngineConfig(grammar="model"))


async def test_with_the_grammar_in_the_model_a_style_answer_is_two_requests(
    tokenizer: SparkTokenizer,
) -> None:
    from voice_server.engine.llm import engine_order
    from voice_server.engine.sampling import Sampling

    v = tokenizer.vocab
    order = engine_order(v)
    voice = [v.global_codes.id_of(c) for c in range(50, 82)]
    style_part = [v.marker("start_acoustic_token"), v.pitch_values.id_of(2),
                  v.speed_values.id_of(1), v.marker("end_acoustic_token"),
                  v.marker("start_global_token"), *voice]  # fmt: skip
    semantics = [v.marker("start_semantic_token"), v.semantic_codes.id_of(7), v.eos_id]
    llm = _ScriptedLLM([order.to_engine(style_part).tolist(), order.to_engine(semantics).tolist()])
    engine = _model_grammar_engine(tokenizer, llm)
    prompt = tokenizer.prompt("Two parts.", None, Style())
    got = []
    async for ids in engine.stream(prompt.ids, prompt.kind, Sampling(), 100):  # type: ignore[attr-defined]
        got.extend(ids)
    assert got == [*style_part, v.marker("end_global_token"), *semantics]
    (first, first_params), (second, second_params) = llm.requests
    assert order.from_engine(first).tolist() == prompt.ids
    assert first_params.max_tokens == len(style_part)  # type: ignore[attr-defined]
    expected = tokenizer.prompt("Two parts.", tuple(range(50, 82)), Style()).ids
    assert order.from_engine(second).tolist() == expected
    assert second_params.max_tokens == 100 - len(style_part) - 1  # type: ignore[attr-defined]


async def test_with_the_grammar_in_the_model_vllm_samples_alone(tokenizer: SparkTokenizer) -> None:
    """No grammar for a processor; greedy is top-k 1; the penalty goes to vLLM, and only where
    its Model Runner V2 runs (its V1 runner would index past the audio head)."""
    from voice_server.engine.llm import engine_order
    from voice_server.engine.sampling import Sampling

    prompt = tokenizer.prompt("Hi.", tuple(range(32)), Style())
    llm = _ScriptedLLM([[0], [0]], runner_v2=True)
    engine = _model_grammar_engine(tokenizer, llm)
    for sampling in (Sampling(temperature=0.0, repetition_penalty=1.3), Sampling(top_k=-1)):
        async for _ in engine.stream(prompt.ids, prompt.kind, sampling, 8):  # type: ignore[attr-defined]
            pass
    greedy, wide = (params for _, params in llm.requests)
    assert greedy.extra_args is None and greedy.top_k == 1  # type: ignore[attr-defined]
    assert greedy.repetition_penalty == 1.3  # type: ignore[attr-defined]
    assert wide.top_k == engine_order(tokenizer.vocab).size  # no top-k: the head's width  # type: ignore[attr-defined]
    on_v1 = _model_grammar_engine(tokenizer, _ScriptedLLM([], runner_v2=False))
    with pytest.raises(ValueError, match="repetition_penalty"):
        async for _ in on_v1.stream(prompt.ids, prompt.kind,  # type: ignore[attr-defined]
                                    Sampling(repetition_penalty=1.3), 8):  # fmt: skip
            pass
