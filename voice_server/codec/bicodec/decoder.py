"""``BiCodecDecoder``: global and semantic codes in, 16 kHz audio out (the package docstring has
the data flow). The speaker vector is a separate call so that callers cache it per voice.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from voice_server.codec.bicodec.config import BiCodecConfig
from voice_server.codec.bicodec.layers import (
    Prenet,
    SemanticDequantizer,
    Snake,
    SpeakerDetokenizer,
    WaveGenerator,
    WeightNormed,
    snake_flat_alpha,
    snake_rows,
)


class BiCodecDecoder(nn.Module):
    """Global + semantic codes -> waveform. The package docstring has the data flow."""

    def __init__(self, config: BiCodecConfig) -> None:
        super().__init__()
        self.config = config
        self.quantizer = SemanticDequantizer(config.quantizer)
        self.speaker_encoder = SpeakerDetokenizer(config.speaker)
        self.prenet = Prenet(config.prenet)
        self.decoder = WaveGenerator(config.wave)

    @property
    def dtype(self) -> torch.dtype:
        return self.prenet.linear.weight.dtype

    @property
    def device(self) -> torch.device:
        return self.prenet.linear.weight.device

    def fold_weight_norm(self) -> None:
        """Turn every weight-normed conv into a plain one (idempotent)."""
        for module in self.modules():
            if isinstance(module, WeightNormed):
                module.fold_weight_norm()

    def fuse_activations(self) -> None:
        """Run every Snake activation as one fused GPU kernel (``torch.compile``, dynamic shapes:
        one compile serves every window and batch size).

        Eager Snake is five elementwise passes over the largest tensors of the wave generator;
        fused, it is one, which is most of what compiling the whole decoder would gain, at a
        few seconds of start-up instead of tens per shape.
        """
        # α goes in flat and as a plain tensor: dynamo keeps parameters' shapes static, which
        # would compile once per channel count.
        fused = torch.compile(snake_flat_alpha, dynamic=True, fullgraph=True)

        def activation(x: Tensor, alpha: Tensor) -> Tensor:
            out: Tensor = fused(x, alpha.detach().reshape(-1))
            return out

        # Channels-last rows: the channel count stays static (one compile per width, five in
        # the official decoder), so the per-element α index is a cheap modulo by a constant;
        # only the row count is dynamic.
        fused_rows = torch.compile(snake_rows, dynamic=False, fullgraph=True)

        def activation_rows(rows: Tensor, alpha: Tensor) -> Tensor:
            if rows.shape[0] < 2:  # dynamo specialises sizes 0 and 1: no compile mid-serving
                return snake_rows(rows, alpha)
            torch._dynamo.mark_dynamic(rows, 0)
            out: Tensor = fused_rows(rows, alpha.detach())
            return out

        for module in self.modules():
            if isinstance(module, Snake):
                module.activation = activation
                module.activation_rows = activation_rows

    def use_channels_last(self) -> None:
        """Run the wave generator on (B, C, 1, T) channels-last tensors as 2-D convolutions.

        Why: cuDNN's tensor-core convolutions work on channels-last data, so with the default
        (B, C, T) layout every convolution pays layout transposes around it; channels-last,
        the activations stay in the layout the kernels want from the first conv to the last.
        Same arithmetic, so the same audio to rounding (``tests/test_bicodec.py``). Call after
        the model is on its device and dtype.
        """
        for module in self.decoder.modules():
            if isinstance(module, WeightNormed):
                module.to_channels_last()
        self.decoder.channels_last = True

    def speaker_vector(self, global_codes: Tensor) -> Tensor:
        """The d-vector of a voice. It depends only on the global codes: cache it per voice.

        Args:
            global_codes: integer tensor [B, token_num] of FSQ indices.

        Returns:
            [B, speaker out_dim] in the model's dtype.

        Raises:
            ValueError: wrong shape, dtype or code range.
        """
        c = self.config
        _check_codes(global_codes, "global_codes", c.global_codebook_size)
        if global_codes.shape[1] != c.global_token_count:
            raise ValueError(
                f"global_codes must have {c.global_token_count} tokens per row, "
                f"got {global_codes.shape[1]}"
            )
        dvec: Tensor = self.speaker_encoder(global_codes.to(self.device), self.dtype)
        return dvec

    def decode(self, semantic_codes: Tensor, speaker_vec: Tensor, skip_tokens: int = 0) -> Tensor:
        """Decode semantic codes with a precomputed d-vector.

        Args:
            semantic_codes: integer tensor [B, T], T >= 1.
            speaker_vec: [B, D] from ``speaker_vector``.
            skip_tokens: audio before this token is not wanted: it comes back as zeros, and
                the work only it needs is skipped (``decode_unchecked``).

        Returns:
            [B, T * hop_length] waveform in [-1, 1], in the model's dtype.

        Raises:
            ValueError: T == 0, wrong shapes, dtype or code range, ``skip_tokens`` not in
                [0, T).
        """
        _check_codes(semantic_codes, "semantic_codes", self.config.semantic_codebook_size)
        b = semantic_codes.shape[0]
        if speaker_vec.dim() != 2 or speaker_vec.shape != (b, self.config.speaker.out_dim):
            raise ValueError(
                f"speaker_vec must be [{b}, {self.config.speaker.out_dim}], "
                f"got {list(speaker_vec.shape)}"
            )
        return self.decode_unchecked(semantic_codes, speaker_vec, skip_tokens)

    def decode_unchecked(self, semantic_codes: Tensor, speaker_vec: Tensor,
                         skip_tokens: int = 0) -> Tensor:  # fmt: skip
        """``decode`` without its checks: no host sync, so it can be captured in a CUDA graph.

        The caller guarantees what ``decode`` checks (shapes, integer codes within range).
        ``skip_tokens``: the caller keeps only the audio from that token on, so the wave
        generator skips what it needs for nothing earlier (``wave_crop_starts``); the samples
        before it come back as zeros, the rest as the whole window's (to float rounding).
        """
        if not 0 <= skip_tokens < semantic_codes.shape[1]:
            raise ValueError(f"skip_tokens must be in [0, {semantic_codes.shape[1]}), "
                             f"got {skip_tokens}")  # fmt: skip
        dvec = speaker_vec.to(self.device, self.dtype)
        x = self.quantizer(semantic_codes.to(self.device))
        x = self.prenet(x, dvec) + dvec.unsqueeze(-1)
        wav, begins = self.decoder(x, skip_tokens)
        wav = wav.squeeze(1)
        if not skip_tokens:
            return wav
        skipped = skip_tokens * self.config.hop_length
        return F.pad(wav[:, skipped - begins :], (skipped, 0))

    def forward(self, semantic_codes: Tensor, global_codes: Tensor) -> Tensor:
        return self.decode(semantic_codes, self.speaker_vector(global_codes))


def _check_codes(codes: Tensor, name: str, size: int) -> None:
    if codes.dim() != 2:
        raise ValueError(f"{name} must be 2-D [batch, tokens], got shape {list(codes.shape)}")
    if codes.dtype.is_floating_point or codes.dtype.is_complex or codes.dtype == torch.bool:
        raise ValueError(f"{name} must be an integer tensor, got {codes.dtype}")
    if codes.shape[0] < 1 or codes.shape[1] < 1:
        raise ValueError(
            f"{name} is empty (shape {list(codes.shape)}): the decoder needs at least one "
            "token per row; zero generated tokens means there is no audio to decode"
        )
    if codes.device.type != "meta":
        lo, hi = int(codes.min()), int(codes.max())
        if lo < 0 or hi >= size:
            raise ValueError(f"{name} out of range [0, {size}): min {lo}, max {hi}")
