from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voice_server.model_dir import ModelDirError, check_model_dir, looks_like_hub_id, resolve_model


@pytest.mark.parametrize(
    "missing",
    ["config.yaml", "BiCodec/config.yaml", "BiCodec/model.safetensors", "LLM/config.json",
     "LLM/model.safetensors"],
)
def test_a_missing_file_is_named(tiny_model_dir: Path, tmp_path: Path, missing: str) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model_dir, copy)
    (copy / missing).unlink()
    with pytest.raises(ModelDirError, match=missing.replace(".", r"\.")):
        check_model_dir(copy)


def test_a_missing_tokenizer_is_named(tiny_model_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(tiny_model_dir, copy)
    for name in ("tokenizer.json", "vocab.json"):
        (copy / "LLM" / name).unlink()
    with pytest.raises(ModelDirError, match="tokenizer"):
        check_model_dir(copy)


def test_tiny_model_dir_is_complete_and_marked(tiny_model_dir: Path) -> None:
    model = check_model_dir(tiny_model_dir)
    assert model.is_tiny()
    assert model.audio_settings().hop_length == 320


def test_hub_ids_are_told_apart_from_paths(tmp_path: Path) -> None:
    assert looks_like_hub_id("SparkAudio/Spark-TTS-0.5B")
    assert not looks_like_hub_id(str(tmp_path))
    assert not looks_like_hub_id("./models/x")


def test_unreachable_hub_gives_a_message_that_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelDirError, match="--model DIR"):
        resolve_model("SparkAudio/not-a-cached-model", cache_dir=str(tmp_path))
