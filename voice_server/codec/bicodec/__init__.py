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

The decoder is kept in *checkpoint form*: weight-normed convs hold ``weight_g``/``weight_v`` so that
``state_dict()`` matches the official ``BiCodec/model.safetensors`` key for key. ``load_bicodec``
folds them to plain weights once, in float64, before casting to the serving dtype.

Modules: ``config`` (config.yaml, checked), ``layers`` (the building blocks), ``decoder``
(``BiCodecDecoder``), ``checkpoint`` (loading the official layout, writing random ones) and
``decode_file`` (``voice-server decode``).
"""

from __future__ import annotations

from voice_server.codec.bicodec.checkpoint import (
    OFFICIAL_BICODEC_CONFIG,
    TINY_BICODEC_CONFIG,
    load_bicodec,
    write_random_bicodec,
)
from voice_server.codec.bicodec.config import BiCodecConfig
from voice_server.codec.bicodec.decode_file import decode_tokens_file
from voice_server.codec.bicodec.decoder import BiCodecDecoder
from voice_server.codec.bicodec.layers import wave_crop_starts

__all__ = [
    "OFFICIAL_BICODEC_CONFIG",
    "TINY_BICODEC_CONFIG",
    "BiCodecConfig",
    "BiCodecDecoder",
    "decode_tokens_file",
    "load_bicodec",
    "wave_crop_starts",
    "write_random_bicodec",
]
