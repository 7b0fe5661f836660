"""The decode-relevant part of ``BiCodec/config.yaml`` (every size the decoder has comes from
there), read and checked before any weight is touched, and the constants the reference code
fixes rather than the config (sparktts.md 3d).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


# Constants fixed by the reference code, not by the config (sparktts.md 3d).
KERNEL = 7
PRE_STAGE_LAYERS = 2
LN_EPS = 1e-6
DILATIONS = (1, 3, 9)
SNAKE_EPS = 1e-9


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
