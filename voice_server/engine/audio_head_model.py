"""vLLM's Qwen2 with the audio head of ``audio_head``: imported by vLLM's workers only.

The weights are the official checkpoint's; only the rows of the embedding (and of an untied
head) are put in the engine order as they load, and the logits are the first ``n`` rows'.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import torch
import torch.nn.functional as F
from vllm.model_executor.models.qwen2 import Qwen2ForCausalLM

from voice_server.engine.audio_head import CONFIG_KEY, EngineOrder

VOCAB_ROW_WEIGHTS = ("model.embed_tokens.weight", "lm_head.weight")


class SparkAudioHeadQwen2ForCausalLM(Qwen2ForCausalLM):
    """Qwen2ForCausalLM whose vocabulary is in the engine order and whose head is ``n`` wide."""

    def __init__(self, *, vllm_config: Any, prefix: str = "") -> None:
        super().__init__(vllm_config=vllm_config, prefix=prefix)
        spans = getattr(self.config, CONFIG_KEY, None)
        if not spans:
            raise ValueError(f"the LM config has no {CONFIG_KEY}: set it with hf_overrides")
        if vllm_config.parallel_config.tensor_parallel_size != 1:
            raise ValueError("engine.audio_head does not support tensor parallelism")
        self.engine_order = EngineOrder.from_spans(spans)
        self.vocab_rows = int(self.config.vocab_size)
        if self.engine_order.generated_ids[-1] >= self.vocab_rows:
            raise ValueError(f"generated id {self.engine_order.generated_ids[-1]} is beyond "
                             f"the LM's {self.vocab_rows} vocabulary rows")  # fmt: skip

    def load_weights(self, weights: Iterable[tuple[str, torch.Tensor]]) -> set[str]:
        rows = torch.from_numpy(self.engine_order.rows(self.vocab_rows))

        def in_engine_order() -> Iterator[tuple[str, torch.Tensor]]:
            for name, tensor in weights:
                if name in VOCAB_ROW_WEIGHTS:
                    if tensor.shape[0] != self.vocab_rows:
                        raise ValueError(f"{name} has {tensor.shape[0]} rows, the config's "
                                         f"vocab_size {self.vocab_rows}")  # fmt: skip
                    tensor = tensor.index_select(0, rows.to(tensor.device))
                yield name, tensor

        loaded: set[str] = super().load_weights(in_engine_order())
        return loaded

    def compute_logits(self, hidden_states: torch.Tensor) -> torch.Tensor | None:
        """Logits of the generated ids only: ``[tokens, n]``."""
        weight: torch.Tensor = self.lm_head.weight  # type: ignore[assignment]
        return F.linear(hidden_states, weight[: self.engine_order.size])
