"""Find, download and check a Spark-TTS model directory.

The layout is the official ``SparkAudio/Spark-TTS-0.5B`` one::

    config.yaml                 audio settings (sample_rate, latent_hop_length, ...)
    BiCodec/config.yaml         codec sizes (``audio_tokenizer:`` tree)
    BiCodec/model.safetensors   codec weights (weight-norm g/v names)
    LLM/config.json ...         Qwen2 weights and the tokenizer with the BiCodec tokens

``wav2vec2-large-xlsr-53/`` is only needed to clone a voice from raw audio, which this server
does not do, so it is neither required nor downloaded.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:  # the codec module imports torch
    from voice_server.codec.bicodec import BiCodecConfig

OFFICIAL_MODEL_ID = "SparkAudio/Spark-TTS-0.5B"
DOWNLOAD_PATTERNS = ["config.yaml", "BiCodec/*", "LLM/*"]

REQUIRED_FILES = (
    "config.yaml",
    "BiCodec/config.yaml",
    "BiCodec/model.safetensors",
    "LLM/config.json",
)
TOKENIZER_FILE_SETS = (("tokenizer.json",), ("vocab.json", "merges.txt"))


class ModelDirError(Exception):
    """The model directory is missing, incomplete or unreadable; the message says what to do."""


@dataclass(frozen=True)
class AudioSettings:
    """The top-level ``config.yaml`` values the decoder path uses."""

    sample_rate: int
    hop_length: int


@dataclass(frozen=True)
class ModelDir:
    """A checked model directory."""

    root: Path

    @property
    def llm(self) -> Path:
        return self.root / "LLM"

    @property
    def bicodec(self) -> Path:
        return self.root / "BiCodec"

    def audio_settings(self) -> AudioSettings:
        """``config.yaml``'s ``sample_rate`` and ``latent_hop_length``.

        Raises:
            ModelDirError: the file is unreadable, or a key is missing or not a positive
                integer (named).
        """
        path = self.root / "config.yaml"
        data = _read_yaml(path)
        return AudioSettings(_positive_int(data, "sample_rate", path),
                             _positive_int(data, "latent_hop_length", path))  # fmt: skip

    def lm_config(self) -> dict[str, Any]:
        """``LLM/config.json`` as a mapping.

        Raises:
            ModelDirError: the file is unreadable or not a JSON object.
        """
        path = self.llm / "config.json"
        try:
            data = json.loads(path.read_text())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ModelDirError(f"{path}: cannot read ({exc})") from exc
        if not isinstance(data, dict):
            raise ModelDirError(f"{path} is not a JSON object")
        return data

    def lm_vocab_size(self) -> int:
        """The LM head's size (``LLM/config.json`` ``vocab_size``): every id the model can
        write is below it, and it may exceed the tokenizer (166,000 for 165,158 officially).

        Raises:
            ModelDirError: the file is unreadable, or the key is missing or not a positive
                integer.
        """
        return _positive_int(self.lm_config(), "vocab_size", self.llm / "config.json")

    def checked_audio(self) -> tuple[AudioSettings, BiCodecConfig]:
        """``config.yaml``'s audio settings and the BiCodec config, checked against each other
        and against what the server streams (16 kHz: every format, the pacing and the Opus
        encoder start from it).

        Raises:
            ModelDirError: a bad BiCodec config, or settings that do not match.
        """
        from voice_server.codec.audio_format import SOURCE_RATE
        from voice_server.codec.bicodec import BiCodecConfig

        audio = self.audio_settings()
        path = self.bicodec / "config.yaml"
        try:
            codec = BiCodecConfig.from_yaml(path)
        except ValueError as exc:  # its message starts with the path
            raise ModelDirError(str(exc)) from exc
        if codec.hop_length != audio.hop_length:
            raise ModelDirError(f"config.yaml latent_hop_length {audio.hop_length} != BiCodec "
                                f"hop {codec.hop_length}")  # fmt: skip
        if codec.sample_rate != audio.sample_rate:
            raise ModelDirError(f"config.yaml sample_rate {audio.sample_rate} != BiCodec "
                                f"sample_rate {codec.sample_rate}")  # fmt: skip
        if audio.sample_rate != SOURCE_RATE:
            raise ModelDirError(f"this server streams {SOURCE_RATE} Hz BiCodec audio (as every "
                                f"Spark-TTS checkpoint makes); {self.root} makes "
                                f"{audio.sample_rate} Hz")  # fmt: skip
        return audio, codec

    def max_positions(self) -> int | None:
        """The LM's ``max_position_embeddings`` (its longest context), if it says."""
        try:
            value = self.lm_config().get("max_position_embeddings")
        except ModelDirError:
            return None
        return value if isinstance(value, int) and value > 0 else None

    def is_tiny(self) -> bool:
        """True for a directory made by ``voice-server make-tiny-model`` (random weights)."""
        return (self.root / TINY_MARKER).exists()


TINY_MARKER = "TINY_RANDOM_MODEL.txt"


def check_model_dir(path: str | os.PathLike[str]) -> ModelDir:
    """Check that ``path`` holds every file the server needs.

    Raises:
        ModelDirError: naming the first missing file.
    """
    root = Path(path)
    if not root.is_dir():
        raise ModelDirError(f"model directory {root} does not exist")
    for name in REQUIRED_FILES:
        if not (root / name).is_file():
            raise ModelDirError(f"model directory {root} is missing {name}")
    llm = root / "LLM"
    if not any(llm.glob("*.safetensors")):
        raise ModelDirError(f"model directory {root} is missing LLM/model.safetensors")
    if not any(all((llm / f).is_file() for f in files) for files in TOKENIZER_FILE_SETS):
        raise ModelDirError(
            f"model directory {root} is missing the tokenizer "
            "(LLM/tokenizer.json, or LLM/vocab.json with LLM/merges.txt)"
        )
    return ModelDir(root)


def looks_like_hub_id(spec: str) -> bool:
    parts = spec.split("/")
    return len(parts) == 2 and all(parts) and not Path(spec).exists() and not spec.startswith(".")


def resolve_model(spec: str, cache_dir: str | None = None) -> ModelDir:
    """A local path, or a Hugging Face hub id downloaded (with progress) into the hub cache.

    Raises:
        ModelDirError: the path is incomplete, or the hub cannot be reached.
    """
    if not looks_like_hub_id(spec):
        return check_model_dir(spec)
    return check_model_dir(_download(spec, cache_dir))


def _download(repo_id: str, cache_dir: str | None) -> str:
    from huggingface_hub import snapshot_download

    try:
        return snapshot_download(repo_id, allow_patterns=DOWNLOAD_PATTERNS, cache_dir=cache_dir)
    except Exception as exc:  # network, auth, offline mode: all end the same way for a user
        raise ModelDirError(
            f"could not download {repo_id!r} from the Hugging Face hub ({type(exc).__name__}: "
            f"{exc}). If this machine is offline, download the model elsewhere with "
            f"`huggingface-cli download {repo_id} --local-dir DIR` and pass --model DIR; "
            "or run `voice-server make-tiny-model DIR` for a random-weight test model."
        ) from exc


def _positive_int(data: dict[str, Any], key: str, path: Path) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ModelDirError(f"{path}: {key} must be a positive integer, got {value!r}"
                            + ("" if key in data else " (missing)"))  # fmt: skip
    return value


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise ModelDirError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelDirError(f"{path} is not a YAML mapping")
    return data
