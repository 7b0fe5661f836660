"""``voice-server decode``: decode a file of global and semantic token ids into a .wav or .npy,
to check a model directory, or the decoder against another implementation, by ear or by
numbers.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import torch

from voice_server.codec.bicodec.checkpoint import load_bicodec


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
