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


class _RecordingLLM:
    """Stands in for AsyncLLM where only the request ids sent matter: answers at once."""

    def __init__(self) -> None:
        self.request_ids: list[str] = []

    def generate(self, prompt: object, params: object, request_id: str) -> object:
        self.request_ids.append(request_id)

        async def answer() -> object:
            class Completion:
                token_ids: list[int] = []

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

    llms = [_RecordingLLM(), _RecordingLLM()]
    engines = [SparkEngine(llm, tokenizer.vocab, EngineConfig()) for llm in llms]
    prompt = tokenizer.prompt("Hi.", tuple(range(100, 132)), Style())
    for engine in engines:
        for _ in range(3):
            async for _tokens in engine.stream(prompt.ids, prompt.kind, Sampling(), 8):
                pass
    sent = [rid for llm in llms for rid in llm.request_ids]
    assert len(sent) == 6 and len(set(sent)) == 6, sent
