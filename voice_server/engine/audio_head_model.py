"""vLLM's Qwen2 with the audio head of ``audio_head``: imported by vLLM's workers only.

The weights are the official checkpoint's; only the rows of the embedding (and of an untied
head) are put in the engine order as they load, and the logits are the first ``n`` rows'.

With ``GRAMMAR_KEY`` in the config (``engine.grammar`` model) the head also enforces the
grammar, so no logits processor is needed (vLLM runs its Model Runner V2 only without one).
Which ids may come next depends on the token just seen (``grammar.phase_after_token``), and
that is known inside the step: ``forward`` looks each input token's next phase up and carries
it to ``compute_logits`` as one extra column of the hidden states (vLLM gathers the sampled
rows of whatever ``forward`` returns, and CUDA graphs keep its shape), where the head's logits
are masked by one gather from a ``[phases, n]`` table. No host round trip, no per-request state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from vllm.model_executor.models.qwen2 import Qwen2ForCausalLM

from voice_server.engine.audio_head import CONFIG_KEY, GRAMMAR_KEY, EngineOrder
from voice_server.engine.grammar import GrammarSpec, banned_table, phase_after_token

VOCAB_ROW_WEIGHTS = ("model.embed_tokens.weight", "lm_head.weight")


class SparkAudioHeadQwen2ForCausalLM(Qwen2ForCausalLM):
    """Qwen2ForCausalLM whose vocabulary is in the engine order and whose head is ``n`` wide."""

    phase_after: torch.Tensor  # [vocab rows]: the phase after each id (in-model grammar)
    banned: torch.Tensor  # [phases + 1, n]: True where an id is not allowed

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
        grammar = getattr(self.config, GRAMMAR_KEY, None)
        self.grammar_in_model = bool(grammar)
        if grammar:
            spec = GrammarSpec.from_dict(dict(grammar["spec"]))
            after = phase_after_token(spec, int(grammar["style_prompt_end"]), self.vocab_rows)
            banned = banned_table(spec, self.engine_order.size)
            # On the weights' device: vLLM builds the model there and moves nothing after,
            # and a tensor made from numpy starts on the CPU whatever the default device.
            head: torch.Tensor = self.lm_head.weight  # type: ignore[assignment]
            device = head.device
            self.register_buffer("phase_after", torch.from_numpy(after.astype(np.int64)).to(
                device), persistent=False)  # fmt: skip
            self.register_buffer("banned", torch.from_numpy(banned).to(device), persistent=False)

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

    def forward(
        self,
        input_ids: torch.Tensor | None,
        positions: torch.Tensor,
        intermediate_tensors: Any = None,
        inputs_embeds: torch.Tensor | None = None,
    ) -> Any:
        """The hidden states, with the in-model grammar one more column: the phase after each
        input token (exact in any float dtype: there are a dozen)."""
        hidden = super().forward(input_ids, positions, intermediate_tensors, inputs_embeds)
        if not self.grammar_in_model or not isinstance(hidden, torch.Tensor):
            return hidden
        if input_ids is None:
            raise ValueError("the in-model grammar needs token ids, not prompt embeddings")
        phase = self.phase_after[input_ids].to(hidden.dtype)
        return torch.cat([hidden, phase.unsqueeze(-1)], dim=-1)

    def compute_logits(self, hidden_states: torch.Tensor) -> torch.Tensor | None:
        """Logits of the generated ids only: ``[tokens, n]``, masked by the grammar when it
        runs in the model."""
        weight: torch.Tensor = self.lm_head.weight  # type: ignore[assignment]
        if not self.grammar_in_model:
            return F.linear(hidden_states, weight[: self.engine_order.size])
        phase = hidden_states[:, -1].round().long()
        # Contiguous, as without the column: the same matmul kernel gives the same numbers.
        hidden = hidden_states[:, :-1].contiguous()
        logits = F.linear(hidden, weight[: self.engine_order.size])
        return logits.masked_fill_(self.banned[phase], float("-inf"))
