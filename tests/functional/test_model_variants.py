"""A model of other sizes, served through the real path: nothing may assume the presets' shapes.

One directory changes every size the server reads from a checkpoint at once:

* LM: head_dim 128 that is not hidden_size / heads, as many KV heads as heads, three layers,
  untied embeddings, and a head of 4,133 ids (not a multiple of 64) over a tokenizer that stops
  short of it (as the official 165,158 entries for 166,000 ids);
* BiCodec: 16 global tokens on four 5-level FSQ digits (625 voice codes), a 1,000-entry
  semantic codebook, three upsampling stages (8, 8, 5) and 100 decoder channels (they do not
  halve evenly), other widths throughout.

The engine is started once for the module (about 40 s on 2 cores) and shut down after it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from voice_server.engine.prompts import Style
from voice_server.engine.sampling import Sampling
from voice_server.synthesis import AudioOut, SegmentDone, Voice, VoiceResolved

pytestmark = pytest.mark.engine

LM_HEAD = 4133
VARIANT_LLM = {
    "hidden_size": 192, "num_attention_heads": 2, "num_key_value_heads": 2, "head_dim": 128,
    "num_hidden_layers": 3, "intermediate_size": 320, "tie_word_embeddings": False,
}  # fmt: skip
VARIANT_BICODEC: dict[str, dict[str, Any]] = {
    "quantizer": {"input_dim": 48, "codebook_size": 1000, "codebook_dim": 4},
    "speaker_encoder": {"out_dim": 48, "latent_dim": 24, "token_num": 16,
                        "fsq_levels": [5, 5, 5, 5]},
    "prenet": {"input_channels": 48, "vocos_dim": 40, "vocos_intermediate_dim": 96,
               "vocos_num_layers": 3, "out_channels": 48, "condition_dim": 48},
    "encoder": {"input_channels": 48, "out_channels": 48},
    "decoder": {"input_channel": 48, "channels": 100, "rates": [8, 8, 5],
                "kernel_sizes": [16, 16, 11]},
}  # fmt: skip


@pytest.fixture(scope="module")
async def variant(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Any]:
    from voice_server.engine.llm import EngineConfig
    from voice_server.model_dir import check_model_dir
    from voice_server.runtime import DecodeConfig, SpeechRuntime
    from voice_server.tiny_model import make_tiny_model

    root = make_tiny_model(tmp_path_factory.mktemp("variant"), seed=1, llm=VARIANT_LLM,
                           bicodec=VARIANT_BICODEC, vocab_size=LM_HEAD,
                           pad_tokenizer=False)  # fmt: skip
    engine = EngineConfig(max_num_seqs=8, max_model_len=1024, cpu_kv_cache_gib=1)
    async with SpeechRuntime(check_model_dir(root), engine, DecodeConfig(device="cpu")) as rt:
        yield rt


async def test_a_model_of_other_sizes_speaks_with_its_own_voice_codes_and_hop(
    variant: Any,
) -> None:
    synth = variant.synthesizer
    vocab = synth.tokenizer.vocab
    assert (vocab.global_codes.count, vocab.semantic_codes.count, vocab.voice_tokens) == (
        625, 1000, 16)  # fmt: skip
    assert vocab.vocab_size < LM_HEAD and synth.hop_length == 320
    enrolled = variant.voices.get("alloy").global_codes
    assert len(enrolled) == 16 and all(0 <= c < 625 for c in enrolled)
    for voice in (Voice(style=Style("male", "low")), Voice(global_codes=enrolled)):
        codes, total, done = None, 0, None
        async for event in synth.segment("Other sizes, same server.", voice,
                                         Sampling(seed=4, max_tokens=40)):  # fmt: skip
            if isinstance(event, VoiceResolved):
                codes = event.global_codes
            elif isinstance(event, AudioOut):
                total += event.samples.size
            elif isinstance(event, SegmentDone):
                done = event
        assert done is not None and done.semantic_tokens == 40
        assert total == done.samples == 320 * 40
        if voice.global_codes is None:  # the style prompt wrote the voice
            assert codes is not None and len(codes) == 16 and all(0 <= c < 625 for c in codes)


async def test_a_model_of_other_sizes_answers_over_http(variant: Any, aiohttp_client: Any) -> None:
    from voice_server.app import create_app
    from voice_server.config import ServerConfig

    client = await aiohttp_client(create_app(ServerConfig(), variant.model, runtime=variant))
    response = await client.post("/v1/tts", json={
        "input": "Hello from a variant.", "response_format": "pcm", "seed": 2})  # fmt: skip
    assert response.status == 200, await response.text()
    body = await response.read()
    assert body and len(body) % (2 * 320) == 0  # PCM16 at 16 kHz: whole tokens of 320 samples


async def test_the_audio_head_on_an_untied_head_wider_than_the_tokenizer_answers_the_same(
    variant: Any,
) -> None:
    """``engine.audio_head`` (the variant's runtime: the default) permutes an untied
    ``lm_head`` too, over all 4,133 rows of a head that outgrows its tokenizer: greedy answers
    equal the whole head's, token for token."""
    import asyncio

    from voice_server.engine.llm import EngineConfig, SparkEngine

    tokenizer = variant.synthesizer.tokenizer
    assert variant.engine.config.audio_head
    config = EngineConfig(max_num_seqs=8, max_model_len=1024, cpu_kv_cache_gib=1,
                          audio_head=False)  # fmt: skip
    engine = await asyncio.to_thread(SparkEngine.start, str(variant.model.llm),
                                     tokenizer.vocab, config)  # fmt: skip
    try:
        greedy = Sampling(temperature=0.0)
        for voice in (tuple(range(3, 3 + tokenizer.vocab.voice_tokens)), None):
            prompt = tokenizer.prompt("Untied and wide.", voice, Style("female", "high"))
            answers = []
            for each in (engine, variant.engine):  # whole head, then audio head
                ids: list[int] = []
                async for new in each.stream(prompt.ids, prompt.kind, greedy, 32):
                    ids.extend(new)
                answers.append(ids)
            assert answers[1] == answers[0], (voice is None, answers[1][:8], answers[0][:8])
    finally:
        engine.shutdown()
