"""The BiCodec decode path: (32 global codes, N semantic codes) -> 320·N samples at 16 kHz.

Written from the published description of the model (shapes, names and the order of operations in
``reference/bicodec_golden/README.md``), not from the Spark-TTS code, and checked against golden
vectors made with that code.

Theory of operation:

1. *Semantic codes* index an 8-dim codebook; a weight-normed k=1 conv lifts them to the latent
   width (B, D, T).
2. *Global codes* are finite-scalar-quantizer indices: each splits into ``len(fsq_levels)`` digits
   (least significant first), each digit maps to ``(d - L//2) / (L//2)``; a Linear lifts every token
   to ``latent_dim``; the (latent_dim, token_num) matrix is flattened channel-major and projected
   to the d-vector (B, D). It depends only on the voice, so callers cache it.
3. The *prenet* (Vocos/ConvNeXt) maps the semantic latents to decoder features; its main backbone
   is conditioned on the d-vector through AdaLN, and the d-vector is added again to its output.
4. The *wave generator* (DAC style) upsamples by prod(rates) = 320 with Snake activations and
   transposed convs; a final tanh bounds the output to [-1, 1].

Every temporal operation is a zero-padded symmetric convolution, so the decoder is non-causal with
a finite receptive field; ``codec.streaming`` relies on that.

The module is kept in *checkpoint form*: weight-normed convs hold ``weight_g``/``weight_v`` so that
``state_dict()`` matches the official ``BiCodec/model.safetensors`` key for key. ``load_bicodec``
folds them to plain weights once, in float64, before casting to the serving dtype.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
import yaml
from torch import Tensor, nn

# Constants fixed by the reference code, not by the config (sparktts.md 3d).
KERNEL = 7
PRE_STAGE_LAYERS = 2
LN_EPS = 1e-6
DILATIONS = (1, 3, 9)
SNAKE_EPS = 1e-9


# --------------------------------------------------------------------------------------------
# Config


@dataclass(frozen=True)
class QuantizerConfig:
    """``audio_tokenizer.quantizer``: the semantic codebook."""

    input_dim: int
    codebook_size: int
    codebook_dim: int


@dataclass(frozen=True)
class SpeakerConfig:
    """``audio_tokenizer.speaker_encoder``: global tokens -> d-vector."""

    out_dim: int
    latent_dim: int
    token_num: int
    fsq_levels: tuple[int, ...]


@dataclass(frozen=True)
class PrenetConfig:
    """``audio_tokenizer.prenet``: the conditioned Vocos feature decoder."""

    input_channels: int
    vocos_dim: int
    vocos_intermediate_dim: int
    vocos_num_layers: int
    out_channels: int
    condition_dim: int
    sample_ratios: tuple[int, ...]
    use_tanh_at_final: bool


@dataclass(frozen=True)
class WaveConfig:
    """``audio_tokenizer.decoder``: the wave generator."""

    input_channel: int
    channels: int
    rates: tuple[int, ...]
    kernel_sizes: tuple[int, ...]


@dataclass(frozen=True)
class BiCodecConfig:
    """The decode-relevant part of ``BiCodec/config.yaml``; every size comes from there."""

    sample_rate: int
    mel_hop_length: int
    quantizer: QuantizerConfig
    speaker: SpeakerConfig
    prenet: PrenetConfig
    wave: WaveConfig

    @property
    def hop_length(self) -> int:
        """Samples per semantic token (320 for the official model)."""
        return math.prod(self.wave.rates)

    @property
    def global_token_count(self) -> int:
        return self.speaker.token_num

    @property
    def global_codebook_size(self) -> int:
        return math.prod(self.speaker.fsq_levels)

    @property
    def semantic_codebook_size(self) -> int:
        return self.quantizer.codebook_size

    @classmethod
    def from_yaml(cls, path: str | Path) -> BiCodecConfig:
        """Read ``BiCodec/config.yaml``.

        Raises:
            FileNotFoundError: the file does not exist.
            ValueError: unreadable YAML, or a missing/inconsistent key (named in the message).
        """
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"BiCodec config not found: {path}")
        try:
            data = yaml.safe_load(path.read_text())
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot parse YAML ({exc})") from exc
        if not isinstance(data, dict) or not isinstance(data.get("audio_tokenizer"), dict):
            raise ValueError(f"{path}: missing key 'audio_tokenizer'")
        try:
            return cls.from_dict(data["audio_tokenizer"])
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from exc

    @classmethod
    def from_dict(cls, tree: Mapping[str, Any]) -> BiCodecConfig:
        """Build from the ``audio_tokenizer`` mapping (or a mapping that contains it).

        Raises:
            ValueError: a missing or inconsistent key, named as ``audio_tokenizer.<section>.<key>``.
        """
        if "audio_tokenizer" in tree:
            tree = tree["audio_tokenizer"]
        get = _KeyReader(tree)
        config = cls(
            sample_rate=get.integer("mel_params", "sample_rate"),
            mel_hop_length=get.integer("mel_params", "hop_length"),
            quantizer=QuantizerConfig(
                get.integer("quantizer", "input_dim"),
                get.integer("quantizer", "codebook_size"),
                get.integer("quantizer", "codebook_dim"),
            ),
            speaker=SpeakerConfig(
                get.integer("speaker_encoder", "out_dim"),
                get.integer("speaker_encoder", "latent_dim"),
                get.integer("speaker_encoder", "token_num"),
                get.integers("speaker_encoder", "fsq_levels"),
            ),
            prenet=PrenetConfig(
                get.integer("prenet", "input_channels"),
                get.integer("prenet", "vocos_dim"),
                get.integer("prenet", "vocos_intermediate_dim"),
                get.integer("prenet", "vocos_num_layers"),
                get.integer("prenet", "out_channels"),
                get.integer("prenet", "condition_dim"),
                get.integers("prenet", "sample_ratios", default=(1, 1)),
                bool(get.value("prenet", "use_tanh_at_final", default=False)),
            ),
            wave=WaveConfig(
                get.integer("decoder", "input_channel"),
                get.integer("decoder", "channels"),
                get.integers("decoder", "rates"),
                get.integers("decoder", "kernel_sizes"),
            ),
        )
        if get.integer("speaker_encoder", "fsq_num_quantizers", default=1) != 1:
            raise ValueError(
                "audio_tokenizer.speaker_encoder.fsq_num_quantizers: only 1 is supported"
            )
        _validate(config)
        return config


class _KeyReader:
    """Typed access to the ``audio_tokenizer`` tree with errors that name the full key."""

    def __init__(self, tree: Mapping[str, Any]) -> None:
        self._tree = tree

    def value(self, section: str, key: str, default: Any = None) -> Any:
        """The raw value; without a default the key is required."""
        name = f"audio_tokenizer.{section}.{key}"
        block = self._tree.get(section)
        if not isinstance(block, Mapping):
            raise ValueError(f"missing key audio_tokenizer.{section}")
        if key not in block:
            if default is None:
                raise ValueError(f"missing key {name}")
            return default
        return block[key]

    def integer(self, section: str, key: str, default: int | None = None) -> int:
        value = self.value(section, key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(
                f"audio_tokenizer.{section}.{key} must be a positive integer, got {value!r}"
            )
        return value

    def integers(
        self, section: str, key: str, default: tuple[int, ...] | None = None
    ) -> tuple[int, ...]:
        value = self.value(section, key, default)
        if (
            not isinstance(value, (list, tuple))
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
        ):
            raise ValueError(
                f"audio_tokenizer.{section}.{key} must be a non-empty list of positive integers, "
                f"got {value!r}"
            )
        return tuple(value)


def _validate(c: BiCodecConfig) -> None:
    """Cross-key checks; each error names the key to fix."""
    w, p, s = c.wave, c.prenet, c.speaker
    checks = [
        (
            c.hop_length == c.mel_hop_length,
            "audio_tokenizer.decoder.rates",
            f"product {c.hop_length} != mel_params.hop_length {c.mel_hop_length}",
        ),
        (
            len(w.kernel_sizes) == len(w.rates),
            "audio_tokenizer.decoder.kernel_sizes",
            f"needs one entry per rate ({len(w.rates)})",
        ),
        (
            all(k >= r and (k - r) % 2 == 0 for k, r in zip(w.kernel_sizes, w.rates, strict=False)),
            "audio_tokenizer.decoder.kernel_sizes",
            "each kernel must be >= its rate with an even difference (exact upsampling)",
        ),
        (  # the stages floor channels // 2**i, as the reference's do: only a width of 0 fails
            w.channels >= 2 ** len(w.rates),
            "audio_tokenizer.decoder.channels",
            f"{w.channels} leaves no channel after halving at each of {len(w.rates)} rates "
            f"(needs >= {2 ** len(w.rates)})",
        ),
        (
            all(level >= 2 for level in s.fsq_levels),
            "audio_tokenizer.speaker_encoder.fsq_levels",
            "every level must be >= 2",
        ),
        (
            all(r == 1 for r in p.sample_ratios),
            "audio_tokenizer.prenet.sample_ratios",
            "only ratio 1 keeps the 50 Hz token rate",
        ),
        (
            p.input_channels == c.quantizer.input_dim,
            "audio_tokenizer.prenet.input_channels",
            "must equal quantizer.input_dim",
        ),
        (
            p.condition_dim == s.out_dim,
            "audio_tokenizer.prenet.condition_dim",
            "must equal speaker_encoder.out_dim",
        ),
        (
            p.out_channels == s.out_dim,
            "audio_tokenizer.prenet.out_channels",
            "must equal speaker_encoder.out_dim (the d-vector is added to it)",
        ),
        (
            w.input_channel == p.out_channels,
            "audio_tokenizer.decoder.input_channel",
            "must equal prenet.out_channels",
        ),
    ]
    for ok, key, why in checks:
        if not ok:
            raise ValueError(f"{key}: {why}")


# --------------------------------------------------------------------------------------------
# Layers (own implementations; parameter names follow the official checkpoint)


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


class _WeightNormed(nn.Module):
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


class _WNConv1d(_WeightNormed):
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


class _WNConvTranspose1d(_WeightNormed):
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


def _snake_flat_alpha(x: Tensor, alpha: Tensor) -> Tensor:
    return snake(x, alpha.view(1, -1, 1))


def _snake_rows(rows: Tensor, alpha: Tensor) -> Tensor:
    """``snake`` over channels-last rows: ``rows`` [N, C], ``alpha`` [C]."""
    return snake(rows, alpha)


class _Snake(nn.Module):
    """``snake`` with a learned α per channel; ``activation`` (B, C, T) and ``activation_rows``
    (channels-last rows) may be compiled ``snake``s."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.alpha = _param(1, channels, 1)
        self.activation: Callable[[Tensor, Tensor], Tensor] = snake
        self.activation_rows: Callable[[Tensor, Tensor], Tensor] = _snake_rows

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


class _Prenet(nn.Module):
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
            _Snake(channels),
            _WNConv1d(channels, channels, KERNEL, dilation),
            _Snake(channels),
            _WNConv1d(channels, channels, 1),
        )

    def forward(self, x: Tensor) -> Tensor:
        residual: Tensor = self.block(x)
        return x + residual


class _UpBlock(nn.Module):
    def __init__(self, n_in: int, n_out: int, kernel: int, stride: int) -> None:
        super().__init__()
        self.block = nn.Sequential(
            _Snake(n_in),
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


class _WaveGenerator(nn.Module):
    def __init__(self, w: WaveConfig) -> None:
        super().__init__()
        self.config = w
        self.channels_last = False
        widths = [w.channels // 2**i for i in range(len(w.rates) + 1)]
        self.model = nn.Sequential(
            _WNConv1d(w.input_channel, widths[0], KERNEL),
            *(
                _UpBlock(widths[i], widths[i + 1], k, r)
                for i, (r, k) in enumerate(zip(w.rates, w.kernel_sizes, strict=True))
            ),
            _Snake(widths[-1]),
            _WNConv1d(widths[-1], 1, KERNEL),
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


class _SemanticDequantizer(nn.Module):
    def __init__(self, q: QuantizerConfig) -> None:
        super().__init__()
        self.codebook = _Table(q.codebook_size, q.codebook_dim)
        # The reference has the projection only when the widths differ.
        self.out_project: nn.Module = (
            _WNConv1d(q.codebook_dim, q.input_dim, 1)
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


class _SpeakerDetokenizer(nn.Module):
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


# --------------------------------------------------------------------------------------------
# The decoder


class BiCodecDecoder(nn.Module):
    """Global + semantic codes -> waveform. See the module docstring for the data flow."""

    def __init__(self, config: BiCodecConfig) -> None:
        super().__init__()
        self.config = config
        self.quantizer = _SemanticDequantizer(config.quantizer)
        self.speaker_encoder = _SpeakerDetokenizer(config.speaker)
        self.prenet = _Prenet(config.prenet)
        self.decoder = _WaveGenerator(config.wave)

    @property
    def dtype(self) -> torch.dtype:
        return self.prenet.linear.weight.dtype

    @property
    def device(self) -> torch.device:
        return self.prenet.linear.weight.device

    def fold_weight_norm(self) -> None:
        """Turn every weight-normed conv into a plain one (idempotent)."""
        for module in self.modules():
            if isinstance(module, _WeightNormed):
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
        fused = torch.compile(_snake_flat_alpha, dynamic=True, fullgraph=True)

        def activation(x: Tensor, alpha: Tensor) -> Tensor:
            out: Tensor = fused(x, alpha.detach().reshape(-1))
            return out

        # Channels-last rows: the channel count stays static (one compile per width, five in
        # the official decoder), so the per-element α index is a cheap modulo by a constant;
        # only the row count is dynamic.
        fused_rows = torch.compile(_snake_rows, dynamic=False, fullgraph=True)

        def activation_rows(rows: Tensor, alpha: Tensor) -> Tensor:
            if rows.shape[0] < 2:  # dynamo specialises sizes 0 and 1: no compile mid-serving
                return _snake_rows(rows, alpha)
            torch._dynamo.mark_dynamic(rows, 0)
            out: Tensor = fused_rows(rows, alpha.detach())
            return out

        for module in self.modules():
            if isinstance(module, _Snake):
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
            if isinstance(module, _WeightNormed):
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


# --------------------------------------------------------------------------------------------
# Loading


def load_bicodec(
    bicodec_dir: str | Path, device: str | torch.device = "cpu", dtype: torch.dtype = torch.float32
) -> BiCodecDecoder:
    """Load the decode path of ``BiCodec/`` (config.yaml + model.safetensors), ready for inference.

    Only the decode keys are read; encoder, postnet, ECAPA and the other keys are ignored. Weight
    norm is folded in float64 from the float32 checkpoint, then the model is cast to ``dtype``.
    Weight-normed convs may also be stored in the ``parametrizations`` form or already folded
    (``_stored_tensor``).

    Raises:
        FileNotFoundError: naming the missing file.
        ValueError: a bad config key, an unreadable weights file, or a missing or mis-shaped
            tensor (named).
    """
    folder = Path(bicodec_dir)
    config = BiCodecConfig.from_yaml(folder / "config.yaml")
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise FileNotFoundError(f"BiCodec weights not found: {weights}")
    with torch.device("meta"):
        model = BiCodecDecoder(config)
    tensors = _read_decode_tensors(weights, model.state_dict())
    model.load_state_dict(tensors, strict=True, assign=True)
    model.fold_weight_norm()
    return model.to(device=device, dtype=dtype).eval().requires_grad_(False)


def _read_decode_tensors(path: Path, expected: Mapping[str, Tensor]) -> dict[str, Tensor]:
    from safetensors import SafetensorError, safe_open

    out: dict[str, Tensor] = {}
    try:
        with safe_open(str(path), framework="pt") as f:
            present = set(f.keys())
            for name, like in expected.items():
                tensor = _stored_tensor(f, present, name)
                if tensor is None:
                    raise ValueError(f"{path}: missing tensor {name!r} {list(like.shape)}")
                if list(tensor.shape) != list(like.shape):
                    raise ValueError(
                        f"{path}: tensor {name!r} has shape {list(tensor.shape)}, the config "
                        f"implies {list(like.shape)}"
                    )
                if not tensor.dtype.is_floating_point:
                    raise ValueError(
                        f"{path}: tensor {name!r} is {tensor.dtype}, not floating point"
                    )
                out[name] = tensor.to(torch.float32)
    except (SafetensorError, OSError) as exc:
        raise ValueError(f"{path}: cannot read safetensors file ({exc})") from exc
    return out


def _stored_tensor(f: Any, present: set[str], name: str) -> Tensor | None:
    """``name`` from the open safetensors file ``f``, or its weight-norm half in another form.

    The official checkpoint has ``weight_g``/``weight_v`` (``torch.nn.utils.weight_norm``).
    A checkpoint written through ``torch.nn.utils.parametrizations.weight_norm`` holds them as
    ``parametrizations.weight.original0``/``original1``; one saved after ``remove_weight_norm``
    holds the plain ``weight``, which is its own v with g = ‖weight‖ (folding gives it back).
    """
    if name in present:
        return f.get_tensor(name)  # type: ignore[no-any-return]
    base, _, leaf = name.rpartition(".")
    if leaf not in ("weight_g", "weight_v"):
        return None
    original = f"{base}.parametrizations.weight.original{0 if leaf == 'weight_g' else 1}"
    if original in present:
        return f.get_tensor(original)  # type: ignore[no-any-return]
    if f"{base}.weight" not in present:
        return None
    weight: Tensor = f.get_tensor(f"{base}.weight")
    if leaf == "weight_v" or weight.dim() != 3:
        return weight
    return weight.double().norm(dim=(1, 2), keepdim=True).to(weight.dtype)


# --------------------------------------------------------------------------------------------
# Random models (tests, benchmarks, `voice-server make-tiny-model`)

_MEL_PARAMS = {
    "sample_rate": 16000, "n_fft": 1024, "win_length": 640, "hop_length": 320, "mel_fmin": 10,
    "mel_fmax": None, "num_mels": 128,
}  # fmt: skip
_QUANTIZER_EXTRAS = {
    "codebook_size": 8192, "codebook_dim": 8, "commitment": 0.25, "codebook_loss_weight": 2.0,
    "use_l2_normlize": True, "threshold_ema_dead_code": 0.2,
}  # fmt: skip
_FSQ = {"token_num": 32, "fsq_levels": [4, 4, 4, 4, 4, 4], "fsq_num_quantizers": 1}
_WAVE = {"rates": [8, 5, 4, 2], "kernel_sizes": [16, 11, 8, 4]}


def _official_layout(
    d: int, vocos: int, hidden: int, layers: int, channels: int, latent: int, post_layers: int
) -> dict[str, Any]:
    vocos_keys = {"vocos_dim": vocos, "vocos_intermediate_dim": hidden}
    return {
        "mel_params": dict(_MEL_PARAMS),
        "encoder": {
            "input_channels": d,
            **vocos_keys,
            "vocos_num_layers": layers,
            "out_channels": d,
            "sample_ratios": [1, 1],
        },
        "decoder": {"input_channel": d, "channels": channels, **_WAVE},
        "quantizer": {"input_dim": d, **_QUANTIZER_EXTRAS},
        "speaker_encoder": {"input_dim": 128, "out_dim": d, "latent_dim": latent, **_FSQ},
        "prenet": {
            "input_channels": d,
            **vocos_keys,
            "vocos_num_layers": layers,
            "out_channels": d,
            "condition_dim": d,
            "sample_ratios": [1, 1],
            "use_tanh_at_final": False,
        },
        "postnet": {
            "input_channels": d,
            **vocos_keys,
            "vocos_num_layers": post_layers,
            "out_channels": d,
            "use_tanh_at_final": False,
        },
    }


OFFICIAL_BICODEC_CONFIG: dict[str, Any] = _official_layout(1024, 384, 2048, 12, 1536, 128, 6)
"""The ``audio_tokenizer`` tree of the official Spark-TTS-0.5B ``BiCodec/config.yaml``."""

TINY_BICODEC_CONFIG: dict[str, Any] = _official_layout(64, 32, 64, 2, 64, 16, 1)
"""Golden case A sizes: official token ranges and hop, about 0.27 M decode parameters."""


def write_random_bicodec(bicodec_dir: str | Path, config: Mapping[str, Any], seed: int) -> None:
    """Write ``config.yaml`` and a seeded random ``model.safetensors`` in the official layout.

    The weights are not a default init: weight_g differs from ‖v‖, Snake alphas and norms are
    off their identity values and every bias is non-zero, so a decoder that ignores any of them
    gives a different waveform. The last conv is scaled so that the output is noise of about
    0.35 peak (a default-init model would give ~0.05).

    Args:
        bicodec_dir: folder to create (``<model>/BiCodec``).
        config: the ``audio_tokenizer`` tree (or a mapping holding it), e.g. TINY_BICODEC_CONFIG.
        seed: same seed, same bytes.
    """
    from safetensors.torch import save_file

    tree = dict(config.get("audio_tokenizer", config))
    parsed = BiCodecConfig.from_dict(tree)
    gen = torch.Generator().manual_seed(seed)
    model = BiCodecDecoder(parsed)
    with torch.no_grad():
        for name, param in model.named_parameters():
            param.copy_(_random_like(name, param, gen))
        _calibrate_output(model, gen)
    folder = Path(bicodec_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(yaml.safe_dump({"audio_tokenizer": tree}, sort_keys=False))
    tensors = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})


def _random_like(name: str, p: Tensor, gen: torch.Generator) -> Tensor:
    """A value for one parameter, picked by its role (see write_random_bicodec)."""

    def randn(scale: float) -> Tensor:
        return torch.randn(p.shape, generator=gen) * scale

    def uniform(lo: float, hi: float) -> Tensor:
        return lo + (hi - lo) * torch.rand(p.shape, generator=gen)

    leaf = name.rsplit(".", 1)[-1]
    fan_in = math.prod(p.shape[1:]) if p.dim() > 1 else 1
    if leaf == "alpha":
        return uniform(0.5, 2.0)
    if leaf == "gamma":
        return uniform(0.1, 0.4)
    if leaf == "weight_v":
        return randn(1.0)
    if leaf == "weight_g":
        # Output gain per row: ~1 keeps activations of order 1; residual k1 convs get less.
        return uniform(0.2, 0.4) if name.endswith("block.3.weight_g") else uniform(0.6, 1.2)
    if ".norm.scale." in name:
        return randn(0.3 / math.sqrt(fan_in)) if leaf == "weight" else 1.0 + randn(0.1)
    if ".norm.shift." in name or leaf == "bias":
        return randn(0.3 / math.sqrt(fan_in)) if leaf == "weight" else randn(0.05)
    if "norm" in name:  # LayerNorm weights
        return 1.0 + randn(0.1)
    if name == "quantizer.codebook.weight":
        return randn(1.0)
    return randn(1.0 / math.sqrt(fan_in))


def _calibrate_output(model: BiCodecDecoder, gen: torch.Generator) -> None:
    """Rescale the last conv so that the pre-tanh peak is 0.35 on a random token sequence."""
    c = model.config
    semantic = torch.randint(0, c.semantic_codebook_size, (1, 64), generator=gen)
    glob = torch.randint(0, c.global_codebook_size, (1, c.global_token_count), generator=gen)
    dvec = model.speaker_vector(glob)
    x = model.prenet(model.quantizer(semantic), dvec) + dvec.unsqueeze(-1)
    layers = list(model.decoder.model)
    last = layers[-2]
    assert isinstance(last, _WNConv1d)
    features: Tensor = nn.Sequential(*layers[:-2])(x)
    pre_tanh = last(features) - last.bias.view(1, -1, 1)
    peak = float(pre_tanh.abs().max())
    if not math.isfinite(peak) or peak == 0.0:
        raise RuntimeError(f"random BiCodec output is degenerate (peak {peak})")
    last.weight_g.mul_(0.35 / peak)
    last.bias.fill_(0.01)


# --------------------------------------------------------------------------------------------
# `voice-server decode`


def decode_tokens_file(
    model_dir: str | Path, tokens_npz: str | Path, out_path: str | Path
) -> np.ndarray:
    """Decode ``global_ids`` [32] and ``semantic_ids`` [N] from an .npz into a .wav or .npy file.

    Needs only ``model_dir/BiCodec/``. ``.wav`` is PCM16 mono at the codec's sample rate, ``.npy``
    the float32 samples.

    Returns:
        The float32 samples (``hop_length * N`` of them).

    Raises:
        FileNotFoundError: a missing model or tokens file.
        ValueError: a bad tokens file or output suffix.
    """
    out = Path(out_path)
    if out.suffix.lower() not in (".wav", ".npy"):
        raise ValueError(f"output must end in .wav or .npy, got {out.name!r}")
    global_ids, semantic_ids = _read_tokens(Path(tokens_npz))
    model = load_bicodec(Path(model_dir) / "BiCodec")
    with torch.inference_mode():
        wav = model(torch.from_numpy(semantic_ids)[None], torch.from_numpy(global_ids)[None])
    samples: np.ndarray = wav[0].float().numpy()
    if out.suffix.lower() == ".npy":
        np.save(out, samples)
    else:
        _write_wav(out, samples, model.config.sample_rate)
    return samples


def _read_tokens(path: Path) -> tuple[np.ndarray, np.ndarray]:
    if not path.is_file():
        raise FileNotFoundError(f"tokens file not found: {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: np.asarray(data[k]) for k in data.files}
    except (OSError, ValueError, EOFError) as exc:
        raise ValueError(f"{path}: not a readable .npz file ({exc})") from exc
    result = []
    for key in ("global_ids", "semantic_ids"):
        if key not in arrays:
            raise ValueError(f"{path}: missing array {key!r} (found {sorted(arrays)})")
        a = arrays[key]
        if a.ndim != 1 or not np.issubdtype(a.dtype, np.integer):
            raise ValueError(
                f"{path}: {key!r} must be a 1-D integer array, got {a.dtype} {a.shape}"
            )
        if a.size == 0:
            raise ValueError(f"{path}: {key!r} is empty")
        result.append(a.astype(np.int64))
    return result[0], result[1]


def _write_wav(path: Path, samples: np.ndarray, sample_rate: int) -> None:
    pcm = np.round(np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())
