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


def _edited(tiny_model_dir: Path, tmp_path: Path, file: str, edit: object) -> Path:
    import yaml

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    path = model / file
    data = yaml.safe_load(path.read_text())
    edit(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data))
    return model


@pytest.mark.parametrize(("file", "edit", "message"), [
    ("config.yaml", lambda d: d.update(sample_rate=24000), "sample_rate 24000 != BiCodec"),
    ("config.yaml", lambda d: d.update(latent_hop_length=640), "latent_hop_length 640"),
    ("BiCodec/config.yaml",
     lambda d: d["audio_tokenizer"]["mel_params"].update(sample_rate=32000),
     "sample_rate 16000 != BiCodec sample_rate 32000"),
    ("BiCodec/config.yaml", lambda d: d["audio_tokenizer"].pop("quantizer"), "quantizer"),
])  # fmt: skip
def test_audio_settings_that_do_not_match_are_refused(
    tiny_model_dir: Path, tmp_path: Path, file: str, edit: object, message: str
) -> None:
    model = check_model_dir(_edited(tiny_model_dir, tmp_path, file, edit))
    with pytest.raises(ModelDirError, match=message):
        model.checked_audio()


def test_a_model_that_is_not_16_khz_is_refused_not_served_at_the_wrong_speed(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    def to_32k(d: dict) -> None:  # type: ignore[type-arg]
        d["sample_rate"] = 32000

    model = _edited(tiny_model_dir, tmp_path, "config.yaml", to_32k)
    codec = model / "BiCodec" / "config.yaml"
    codec.write_text(codec.read_text().replace("sample_rate: 16000", "sample_rate: 32000"))
    with pytest.raises(ModelDirError, match="streams 16000 Hz"):
        check_model_dir(model).checked_audio()


def test_the_engine_context_fits_the_models_positions(tiny_model_dir: Path, tmp_path: Path) -> None:
    import json

    from voice_server.engine.llm import EngineConfig, fit_to_model

    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    path = model / "LLM" / "config.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), "max_position_embeddings": 2048}))
    positions = check_model_dir(model).max_positions()
    assert positions == 2048 and check_model_dir(tiny_model_dir).max_positions() == 4096
    assert fit_to_model(EngineConfig(), positions).max_model_len == 2048
    assert fit_to_model(EngineConfig(max_model_len=1024), positions).max_model_len == 1024
    assert fit_to_model(EngineConfig(), None).max_model_len == 4096


@pytest.mark.parametrize("value", [320.5, "abc", True, None, 0])
def test_an_audio_setting_that_is_not_a_positive_integer_is_named(
    tiny_model_dir: Path, tmp_path: Path, value: object
) -> None:
    """320.5 was read as 320; "abc" gave a message without the key's name."""
    model = check_model_dir(_edited(tiny_model_dir, tmp_path, "config.yaml",
                                    lambda d: d.update(latent_hop_length=value)))  # fmt: skip
    with pytest.raises(ModelDirError, match=r"config\.yaml: latent_hop_length must be a positive "
                                            "integer"):  # fmt: skip
        model.audio_settings()


def test_a_bad_bicodec_config_names_its_file_once(tiny_model_dir: Path, tmp_path: Path) -> None:
    model = check_model_dir(_edited(tiny_model_dir, tmp_path, "BiCodec/config.yaml",
                                    lambda d: d["audio_tokenizer"]["decoder"].pop("rates")))
    with pytest.raises(ModelDirError) as caught:
        model.checked_audio()
    assert str(caught.value).count("config.yaml") == 1, str(caught.value)
    assert "audio_tokenizer.decoder.rates" in str(caught.value)


@pytest.mark.parametrize(("text", "message"), [
    ("{", r"LLM/config\.json: cannot read"),
    ("[]", r"LLM/config\.json is not a JSON object"),
    ("{}", r"LLM/config\.json: vocab_size must be a positive integer"),
    ('{"vocab_size": "big"}', r"LLM/config\.json: vocab_size must be a positive integer"),
])  # fmt: skip
def test_an_unreadable_lm_config_is_named(
    tiny_model_dir: Path, tmp_path: Path, text: str, message: str
) -> None:
    """Not JSON was an OSError from inside transformers' tokenizer loading; without a
    vocab_size nothing said so before vLLM."""
    model = tmp_path / "model"
    shutil.copytree(tiny_model_dir, model)
    (model / "LLM" / "config.json").write_text(text)
    with pytest.raises(ModelDirError, match=message):
        check_model_dir(model).lm_vocab_size()


def test_the_lm_vocab_size_is_read_from_its_config(tiny_model_dir: Path) -> None:
    import json

    config = json.loads((tiny_model_dir / "LLM" / "config.json").read_text())
    assert check_model_dir(tiny_model_dir).lm_vocab_size() == config["vocab_size"]
