"""The decoder's building blocks, written here rather than imported so that each holds exactly
the official checkpoint's parameter names: weight-normed convolutions, Snake activations,
(Ada)LayerNorm, ConvNeXt blocks (the prenet's Vocos backbone), the DAC-style wave generator's
up blocks, and the speaker detokenizer. Also ``wave_crop_starts``: how much of a window's
leading audio each stage of the wave generator may skip without changing the kept samples.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from voice_server.codec.bicodec.config import (
    DILATIONS,
    KERNEL,
    LN_EPS,
    PRE_STAGE_LAYERS,
    SNAKE_EPS,
    PrenetConfig,
    QuantizerConfig,
    SpeakerConfig,
    WaveConfig,
)


def _param(*shape: int) -> nn.Parameter:
    # Zeros, not an init scheme: weights always come from a checkpoint or write_random_bicodec,
    # and zeros cost nothing on the meta device or for a 96 M-parameter model.
    return nn.Parameter(torch.zeros(*shape), requires_grad=False)


class _Linear(nn.Module):
    def __init__(self, n_in: int, n_out: int) -> None:
        super().__init__()
        self.weight = _param(n_out, n_in)
        self.bias = _param(n_out)

    def forward(self, x: Tensor) -> Tensor:
        return F.linear(x, self.weight, self.bias)


class _Conv1d(nn.Module):
    """Plain "same" conv with kernel 7 (prenet embed and depthwise convs)."""

    def __init__(self, n_in: int, n_out: int, groups: int = 1) -> None:
        super().__init__()
        self.groups = groups
        self.weight = _param(n_out, n_in // groups, KERNEL)
        self.bias = _param(n_out)

    def forward(self, x: Tensor) -> Tensor:
        return F.conv1d(x, self.weight, self.bias, padding=KERNEL // 2, groups=self.groups)


class WeightNormed(nn.Module):
    """A conv kept as ``weight_g``/``weight_v`` until folded; weight = g · v / ‖v‖ over axes 1, 2.

    The same formula serves Conv1d (v [out, in, k], norm per output channel) and ConvTranspose1d
    (v [in, out, k], norm per *input* channel), because both normalise over every axis but 0.
    """

    weight: Tensor
    weight_g: Tensor
    weight_v: Tensor

    def __init__(self, v_shape: tuple[int, int, int], bias_size: int) -> None:
        super().__init__()
        self.weight_g = _param(v_shape[0], 1, 1)
        self.weight_v = _param(*v_shape)
        self.bias = _param(bias_size)
        self.folded = False

    def fold_weight_norm(self) -> None:
        """Replace g and v by the plain weight, computed in float64, stored as float32 or wider."""
        if self.folded:
            return
        g, v = self.weight_g.detach().double(), self.weight_v.detach().double()
        stored = torch.float64 if self.weight_v.dtype == torch.float64 else torch.float32
        folded = (g * v / v.norm(dim=(1, 2), keepdim=True)).to(stored)
        del self.weight_g
        del self.weight_v
        self.weight = nn.Parameter(folded, requires_grad=False)
        self.folded = True

    def to_channels_last(self) -> None:
        """Keep the folded weight as a 4-D channels-last tensor [*, *, 1, k]: the layer then
        runs as a 2-D convolution over (B, C, 1, T) channels-last input (see
        ``BiCodecDecoder.use_channels_last``)."""
        if not self.folded:
            raise ValueError("fold the weight norm before converting to channels-last")
        if self.weight.dim() == 3:
            four_d = self.weight.detach().unsqueeze(2).contiguous(memory_format=torch.channels_last)
            self.weight = nn.Parameter(four_d, requires_grad=False)

    def _current_weight(self) -> Tensor:
        if self.folded:
            return self.weight
        w: Tensor = self.weight_g * self.weight_v / self.weight_v.norm(dim=(1, 2), keepdim=True)
        return w


class WNConv1d(WeightNormed):
    def __init__(self, n_in: int, n_out: int, kernel: int, dilation: int = 1) -> None:
        super().__init__((n_out, n_in, kernel), n_out)
        self.dilation = dilation
        self.padding = (kernel - 1) * dilation // 2

    def forward(self, x: Tensor) -> Tensor:
        w = self._current_weight()
        if w.dim() == 4:
            return F.conv2d(
                x, w, self.bias, padding=(0, self.padding), dilation=(1, self.dilation)
            )
        return F.conv1d(x, w, self.bias, padding=self.padding, dilation=self.dilation)


class _WNConvTranspose1d(WeightNormed):
    def __init__(self, n_in: int, n_out: int, kernel: int, stride: int) -> None:
        super().__init__((n_in, n_out, kernel), n_out)
        self.stride = stride
        self.padding = (kernel - stride) // 2

    def forward(self, x: Tensor) -> Tensor:
        w = self._current_weight()
        if w.dim() == 4:
            return F.conv_transpose2d(
                x, w, self.bias, stride=(1, self.stride), padding=(0, self.padding)
            )
        return F.conv_transpose1d(x, w, self.bias, stride=self.stride, padding=self.padding)


def snake(x: Tensor, alpha: Tensor) -> Tensor:
    """x + sin²(αx) / (α + 1e-9), α per channel: a periodic activation that suits waveforms."""
    return x + torch.sin(alpha * x).pow(2) / (alpha + SNAKE_EPS)


def snake_flat_alpha(x: Tensor, alpha: Tensor) -> Tensor:
    return snake(x, alpha.view(1, -1, 1))


def snake_rows(rows: Tensor, alpha: Tensor) -> Tensor:
    """``snake`` over channels-last rows: ``rows`` [N, C], ``alpha`` [C]."""
    return snake(rows, alpha)


class Snake(nn.Module):
    """``snake`` with a learned α per channel; ``activation`` (B, C, T) and ``activation_rows``
    (channels-last rows) may be compiled ``snake``s."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.alpha = _param(1, channels, 1)
        self.activation: Callable[[Tensor, Tensor], Tensor] = snake
        self.activation_rows: Callable[[Tensor, Tensor], Tensor] = snake_rows

    def forward(self, x: Tensor) -> Tensor:
        if x.dim() == 4:  # (B, C, 1, T) channels-last: memory is rows of C values
            b, c, _, t = x.shape
            rows = x.permute(0, 2, 3, 1).reshape(b * t, c)
            out = self.activation_rows(rows, self.alpha.reshape(c))
            return out.view(b, 1, t, c).permute(0, 3, 1, 2)
        return self.activation(x, self.alpha)


class _LayerNorm(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.weight = _param(dim)
        self.bias = _param(dim)

    def forward(self, x: Tensor, cond: Tensor | None = None) -> Tensor:
        # ``cond`` is accepted (and ignored) so plain and adaptive norms are interchangeable.
        return F.layer_norm(x, x.shape[-1:], self.weight, self.bias, LN_EPS)


class _AdaLayerNorm(nn.Module):
    """LayerNorm without affine, then ``· scale(c) + shift(c)`` (nothing is added to scale)."""

    def __init__(self, dim: int, cond_dim: int) -> None:
        super().__init__()
        self.scale = _Linear(cond_dim, dim)
        self.shift = _Linear(cond_dim, dim)

    def forward(self, x: Tensor, cond: Tensor | None = None) -> Tensor:
        if cond is None:
            raise ValueError("the conditioned prenet backbone needs the d-vector")
        normed = F.layer_norm(x, x.shape[-1:], eps=LN_EPS)
        scale: Tensor = self.scale(cond)
        shift: Tensor = self.shift(cond)
        return normed * scale.unsqueeze(1) + shift.unsqueeze(1)


def _norm(dim: int, cond_dim: int | None) -> nn.Module:
    return _LayerNorm(dim) if cond_dim is None else _AdaLayerNorm(dim, cond_dim)


class _ConvNeXtBlock(nn.Module):
    def __init__(self, dim: int, hidden: int, cond_dim: int | None) -> None:
        super().__init__()
        self.dwconv = _Conv1d(dim, dim, groups=dim)
        self.norm = _norm(dim, cond_dim)
        self.pwconv1 = _Linear(dim, hidden)
        self.pwconv2 = _Linear(hidden, dim)
        self.gamma = _param(dim)

    def forward(self, x: Tensor, cond: Tensor | None) -> Tensor:
        """x: (B, C, T) -> (B, C, T)."""
        h: Tensor = self.dwconv(x).transpose(1, 2)
        h = self.norm(h, cond)
        h = self.pwconv2(F.gelu(self.pwconv1(h)))  # exact (erf) GELU, as the reference
        return x + (self.gamma * h).transpose(1, 2)


class _Backbone(nn.Module):
    """Vocos backbone: embed conv, norm, ConvNeXt blocks, final LayerNorm; (B, C, T) in and out."""

    def __init__(self, dim: int, hidden: int, layers: int, cond_dim: int | None) -> None:
        super().__init__()
        self.embed = _Conv1d(dim, dim)
        self.norm = _norm(dim, cond_dim)
        self.convnext = nn.ModuleList(_ConvNeXtBlock(dim, hidden, cond_dim) for _ in range(layers))
        self.final_layer_norm = _LayerNorm(dim)

    def forward(self, x: Tensor, cond: Tensor | None = None) -> Tensor:
        x = self.embed(x)
        x = self.norm(x.transpose(1, 2), cond).transpose(1, 2)
        for block in self.convnext:
            x = block(x, cond)
        out: Tensor = self.final_layer_norm(x.transpose(1, 2), None).transpose(1, 2)
        return out


class _Triple(nn.Module):
    """The reference's ratio-1 sampling block: no parameters, returns x + x + x."""

    def forward(self, x: Tensor) -> Tensor:
        return x + x + x


class Prenet(nn.Module):
    def __init__(self, p: PrenetConfig) -> None:
        super().__init__()
        dim, hidden = p.vocos_dim, p.vocos_intermediate_dim
        self.use_tanh = p.use_tanh_at_final
        self.linear_pre = _Linear(p.input_channels, dim)
        self.downsample = nn.ModuleList(
            nn.Sequential(_Triple(), _Backbone(dim, hidden, PRE_STAGE_LAYERS, None))
            for _ in p.sample_ratios
        )
        self.vocos_backbone = _Backbone(dim, hidden, p.vocos_num_layers, p.condition_dim)
        self.linear = _Linear(dim, p.out_channels)

    def forward(self, x: Tensor, dvec: Tensor) -> Tensor:
        """x: (B, D, T) latents -> (B, D_out, T) features."""
        x = self.linear_pre(x.transpose(1, 2)).transpose(1, 2)
        for stage in self.downsample:
            x = stage(x)
        x = self.vocos_backbone(x, dvec)
        out: Tensor = self.linear(x.transpose(1, 2)).transpose(1, 2)
        return torch.tanh(out) if self.use_tanh else out


class _ResidualUnit(nn.Module):
    def __init__(self, channels: int, dilation: int) -> None:
        super().__init__()
        self.block = nn.Sequential(
            Snake(channels),
            WNConv1d(channels, channels, KERNEL, dilation),
            Snake(channels),
            WNConv1d(channels, channels, 1),
        )

    def forward(self, x: Tensor) -> Tensor:
        residual: Tensor = self.block(x)
        return x + residual


class _UpBlock(nn.Module):
    def __init__(self, n_in: int, n_out: int, kernel: int, stride: int) -> None:
        super().__init__()
        self.block = nn.Sequential(
            Snake(n_in),
            _WNConvTranspose1d(n_in, n_out, kernel, stride),
            *(_ResidualUnit(n_out, d) for d in DILATIONS),
        )

    def forward(self, x: Tensor) -> Tensor:
        out: Tensor = self.block(x)
        return out


def wave_crop_starts(wave: WaveConfig, skip_tokens: int) -> tuple[int, ...]:
    """Where the wave generator's stages may start so that its output from token
    ``skip_tokens`` on is the same as the whole window's (pure).

    A streaming window decodes tokens of left context only to throw their audio away; the
    prenet needs them, but the wave generator's own receptive field is shorter (about 10
    tokens at its input, under 2 after its first upsampling, for the official layout), so its
    later stages, where most of its work is, can skip most of them. Walking the layers back
    from the first output sample wanted gives, at each stage's input, the first sample any
    wanted output depends on: cropping there leaves every wanted sample exact (the zero
    padding at the new left edge reaches only samples that are thrown away).

    Returns:
        Absolute start indices (in each point's own samples): the input of the first conv
        (tokens), of each up block, and of the output conv (audio samples). Non-decreasing
        once scaled by the rates between them; all 0 for ``skip_tokens`` 0.
    """
    if skip_tokens < 0:
        raise ValueError(f"skip_tokens must be >= 0, got {skip_tokens}")
    residual_reach = sum((KERNEL - 1) * d // 2 for d in DILATIONS)
    needed = skip_tokens * math.prod(wave.rates) - (KERNEL - 1) // 2  # the output conv's input
    starts = [needed]
    for rate, kernel in reversed(list(zip(wave.rates, wave.kernel_sizes, strict=True))):
        after_upsampling = needed - residual_reach
        padding = (kernel - rate) // 2
        # Transposed conv: output j sums inputs i with 0 <= j + padding - i * rate < kernel.
        needed = min(-((kernel - 1 - padding - after_upsampling) // rate),
                     after_upsampling // rate)  # fmt: skip
        starts.append(needed)
    starts.append(needed - (KERNEL - 1) // 2)  # the first conv's input
    return tuple(max(0, n) for n in reversed(starts))


class WaveGenerator(nn.Module):
    def __init__(self, w: WaveConfig) -> None:
        super().__init__()
        self.config = w
        self.channels_last = False
        widths = [w.channels // 2**i for i in range(len(w.rates) + 1)]
        self.model = nn.Sequential(
            WNConv1d(w.input_channel, widths[0], KERNEL),
            *(
                _UpBlock(widths[i], widths[i + 1], k, r)
                for i, (r, k) in enumerate(zip(w.rates, w.kernel_sizes, strict=True))
            ),
            Snake(widths[-1]),
            WNConv1d(widths[-1], 1, KERNEL),
            nn.Tanh(),
        )

    def forward(self, x: Tensor, skip_tokens: int = 0) -> tuple[Tensor, int]:
        """(B, C, T) features -> (B, 1, n) waveform of the window's last n samples, and the
        sample it starts at (``T · hop - n``). Samples before ``skip_tokens · hop`` may be
        missing or inexact (``wave_crop_starts``); all of them are exact for 0."""
        if self.channels_last:
            x = x.unsqueeze(2).contiguous(memory_format=torch.channels_last)
        starts = wave_crop_starts(self.config, skip_tokens)
        layers = list(self.model)
        crop_before = {0: starts[0], len(self.config.rates) + 1: starts[-1]}
        crop_before.update({i + 1: starts[i + 1] for i in range(len(self.config.rates))})
        begins = 0  # absolute index (this point's samples) of x's first sample
        for index, layer in enumerate(layers):
            if index in crop_before and crop_before[index] > begins:
                x = x[..., crop_before[index] - begins :]
                if self.channels_last:
                    x = x.contiguous(memory_format=torch.channels_last)
                begins = crop_before[index]
            x = layer(x)
            if 1 <= index <= len(self.config.rates):
                begins *= self.config.rates[index - 1]
        if self.channels_last:
            x = x.squeeze(2)
        return x, begins


class _Table(nn.Module):
    def __init__(self, rows: int, dim: int) -> None:
        super().__init__()
        self.weight = _param(rows, dim)


class SemanticDequantizer(nn.Module):
    def __init__(self, q: QuantizerConfig) -> None:
        super().__init__()
        self.codebook = _Table(q.codebook_size, q.codebook_dim)
        # The reference has the projection only when the widths differ.
        self.out_project: nn.Module = (
            WNConv1d(q.codebook_dim, q.input_dim, 1)
            if q.codebook_dim != q.input_dim
            else nn.Identity()
        )

    def forward(self, codes: Tensor) -> Tensor:
        out: Tensor = self.out_project(F.embedding(codes, self.codebook.weight).transpose(1, 2))
        return out


class _FSQProjection(nn.Module):
    def __init__(self, digits: int, latent_dim: int) -> None:
        super().__init__()
        # The reference has the projection only when the widths differ.
        self.project_out: nn.Module = (
            _Linear(digits, latent_dim) if digits != latent_dim else nn.Identity()
        )


class SpeakerDetokenizer(nn.Module):
    def __init__(self, s: SpeakerConfig) -> None:
        super().__init__()
        self.levels = s.fsq_levels
        self.quantizer = _FSQProjection(len(s.fsq_levels), s.latent_dim)
        self.project = _Linear(s.latent_dim * s.token_num, s.out_dim)

    def forward(self, codes: Tensor, dtype: torch.dtype) -> Tensor:
        """codes: (B, G) FSQ indices -> (B, out_dim) d-vector."""
        digits = []
        basis = 1
        for level in self.levels:  # least significant digit first
            half = level // 2
            digits.append((torch.div(codes, basis, rounding_mode="floor") % level - half) / half)
            basis *= level
        fsq = torch.stack(digits, dim=-1).to(dtype)  # (B, G, len(levels))
        latents: Tensor = self.quantizer.project_out(fsq)  # (B, G, latent)
        flat = latents.transpose(1, 2).reshape(codes.shape[0], -1)  # channel-major: c·G + t
        out: Tensor = self.project(flat)
        return out
