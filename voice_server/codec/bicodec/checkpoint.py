"""The checkpoint on disk: loading ``BiCodec/`` (config.yaml + model.safetensors, the official
layout) ready for inference, and writing random-weight checkpoints of the same layout for
tests, benchmarks and ``voice-server make-tiny-model``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch
import yaml
from torch import Tensor, nn

from voice_server.codec.bicodec.config import BiCodecConfig
from voice_server.codec.bicodec.decoder import BiCodecDecoder
from voice_server.codec.bicodec.layers import WNConv1d


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
    assert isinstance(last, WNConv1d)
    features: Tensor = nn.Sequential(*layers[:-2])(x)
    pre_tanh = last(features) - last.bias.view(1, -1, 1)
    peak = float(pre_tanh.abs().max())
    if not math.isfinite(peak) or peak == 0.0:
        raise RuntimeError(f"random BiCodec output is degenerate (peak {peak})")
    last.weight_g.mul_(0.35 / peak)
    last.bias.fill_(0.01)
