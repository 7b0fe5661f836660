"""The BiCodec decoder against golden vectors from the reference code, and its loading rules."""

from __future__ import annotations

import re
import shutil
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import yaml
from safetensors.torch import load_file, save_file

from voice_server.codec.bicodec import (
    OFFICIAL_BICODEC_CONFIG,
    TINY_BICODEC_CONFIG,
    BiCodecConfig,
    BiCodecDecoder,
    decode_tokens_file,
    load_bicodec,
    write_random_bicodec,
)

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = FIXTURES / "bicodec_golden"


@pytest.fixture(scope="module")
def golden() -> BiCodecDecoder:
    return load_bicodec(GOLDEN / "BiCodec")


@pytest.fixture(scope="module")
def case_a() -> dict[str, np.ndarray]:
    with np.load(GOLDEN / "case_a.npz") as data:
        return {k: data[k] for k in data.files}


@pytest.fixture
def one_thread() -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def manifest(group: str) -> dict[str, list[int]]:
    """Names and shapes of one group of bicodec_state_dict.txt."""
    text = (FIXTURES / "bicodec_state_dict.txt").read_text()
    section = text.split(f"\n## {group}")[1].split("\n## ")[0]
    rows = [line.split("\t") for line in section.splitlines()[1:] if "\t" in line]
    return {row[0]: [int(n) for n in re.findall(r"\d+", row[1])] for row in rows}


def copy_bicodec(tmp_path: Path) -> Path:
    target = tmp_path / "BiCodec"
    shutil.copytree(GOLDEN / "BiCodec", target)
    return target


def test_golden_case_a_matches_the_reference_within_1e4(
    golden: BiCodecDecoder, case_a: dict[str, np.ndarray], one_thread: None
) -> None:
    with torch.inference_mode():
        wav = golden(
            torch.from_numpy(case_a["semantic_ids"])[None],
            torch.from_numpy(case_a["global_ids"])[None],
        )
    assert wav.dtype == torch.float32
    assert wav.shape == (1, 320 * len(case_a["semantic_ids"]))
    error = np.abs(wav[0].numpy().astype(np.float64) - case_a["waveform"].astype(np.float64))
    assert error.max() <= 1e-4


def test_channels_last_decodes_the_golden_case_within_1e4_and_keeps_the_layout(
    case_a: dict[str, np.ndarray], one_thread: None
) -> None:
    model = load_bicodec(GOLDEN / "BiCodec")
    model.use_channels_last()
    conv = model.decoder.model[0]
    assert conv.weight.dim() == 4
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    seen: list[bool] = []
    hook = model.decoder.model[1].register_forward_hook(
        lambda _m, _i, out: seen.append(out.is_contiguous(memory_format=torch.channels_last))
    )
    with torch.inference_mode():
        wav = model(
            torch.from_numpy(case_a["semantic_ids"])[None],
            torch.from_numpy(case_a["global_ids"])[None],
        )
    hook.remove()
    assert seen == [True]  # an up block's output stayed channels-last
    assert wav.shape == (1, 320 * len(case_a["semantic_ids"])) and wav.is_contiguous()
    error = np.abs(wav[0].numpy().astype(np.float64) - case_a["waveform"].astype(np.float64))
    assert error.max() <= 1e-4


def test_channels_last_needs_folded_weights() -> None:
    with torch.device("meta"):
        model = BiCodecDecoder(BiCodecConfig.from_dict(OFFICIAL_BICODEC_CONFIG))
    with pytest.raises(ValueError, match="fold the weight norm"):
        model.use_channels_last()


def test_official_config_builds_the_checkpoint_key_set_on_the_meta_device() -> None:
    config = BiCodecConfig.from_dict(OFFICIAL_BICODEC_CONFIG)
    with torch.device("meta"):
        model = BiCodecDecoder(config)
    shapes = {name: list(t.shape) for name, t in model.state_dict().items()}
    assert shapes == manifest("DECODE: ")


def test_folding_weight_norm_gives_the_reference_inference_key_set() -> None:
    with torch.device("meta"):
        model = BiCodecDecoder(BiCodecConfig.from_dict(OFFICIAL_BICODEC_CONFIG))
    model.fold_weight_norm()
    shapes = {name: list(t.shape) for name, t in model.state_dict().items()}
    assert shapes == manifest("DECODE path after remove_weight_norm")


def test_official_config_properties_come_from_the_config() -> None:
    config = BiCodecConfig.from_dict({"audio_tokenizer": OFFICIAL_BICODEC_CONFIG})
    assert (config.hop_length, config.sample_rate) == (320, 16000)
    assert (config.global_token_count, config.global_codebook_size) == (32, 4096)
    assert config.semantic_codebook_size == 8192


def test_checkpoint_form_and_folded_form_decode_the_same(case_a: dict[str, np.ndarray]) -> None:
    config = BiCodecConfig.from_yaml(GOLDEN / "BiCodec" / "config.yaml")
    unfolded = BiCodecDecoder(config)
    stored = load_file(GOLDEN / "BiCodec" / "model.safetensors")
    unfolded.load_state_dict({k: stored[k] for k in unfolded.state_dict()}, strict=True)
    semantic = torch.from_numpy(case_a["semantic_ids"][:20])[None]
    glob = torch.from_numpy(case_a["global_ids"])[None]
    with torch.inference_mode():
        before = unfolded(semantic, glob)
        unfolded.fold_weight_norm()
        after = unfolded(semantic, glob)
    assert torch.allclose(before, after, atol=1e-5)


def test_zero_semantic_tokens_raise_a_clear_value_error(golden: BiCodecDecoder) -> None:
    with pytest.raises(ValueError, match="at least one token"):
        golden(torch.zeros((1, 0), dtype=torch.int64), torch.zeros((1, 32), dtype=torch.int64))


def test_one_semantic_token_decodes_to_one_hop(golden: BiCodecDecoder) -> None:
    with torch.inference_mode():
        wav = golden(torch.tensor([[5]]), torch.zeros((1, 32), dtype=torch.int64))
    assert wav.shape == (1, 320)


@pytest.mark.parametrize(
    ("semantic", "glob", "message"),
    [
        ([[8192]], [[0] * 32], r"semantic_codes out of range \[0, 8192\)"),
        ([[-1]], [[0] * 32], "semantic_codes out of range"),
        ([[1]], [[4096] * 32], r"global_codes out of range \[0, 4096\)"),
        ([[1]], [[0] * 31], "32 tokens per row"),
    ],
)
def test_bad_codes_raise_value_errors_that_say_what_is_wrong(
    golden: BiCodecDecoder, semantic: list[list[int]], glob: list[list[int]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        golden(torch.tensor(semantic), torch.tensor(glob))


def test_float_codes_are_rejected(golden: BiCodecDecoder) -> None:
    with pytest.raises(ValueError, match="integer"):
        golden(torch.zeros((1, 3)), torch.zeros((1, 32), dtype=torch.int64))


def test_missing_weights_file_is_named(tmp_path: Path) -> None:
    folder = copy_bicodec(tmp_path)
    (folder / "model.safetensors").unlink()
    with pytest.raises(FileNotFoundError, match=r"model\.safetensors"):
        load_bicodec(folder)


def test_missing_config_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"config\.yaml"):
        load_bicodec(tmp_path)


def test_missing_tensor_is_named(tmp_path: Path) -> None:
    folder = copy_bicodec(tmp_path)
    tensors = load_file(folder / "model.safetensors")
    del tensors["decoder.model.3.block.1.weight_g"]
    save_file(tensors, folder / "model.safetensors")
    with pytest.raises(ValueError, match=r"missing tensor 'decoder\.model\.3\.block\.1\.weight_g'"):
        load_bicodec(folder)


def test_misshaped_tensor_is_named_with_both_shapes(tmp_path: Path) -> None:
    folder = copy_bicodec(tmp_path)
    tensors = load_file(folder / "model.safetensors")
    tensors["prenet.linear.bias"] = torch.zeros(63)
    save_file(tensors, folder / "model.safetensors")
    with pytest.raises(ValueError, match=r"'prenet\.linear\.bias' has shape \[63\].*\[64\]"):
        load_bicodec(folder)


def test_corrupt_weights_file_raises_value_error_naming_it(tmp_path: Path) -> None:
    folder = copy_bicodec(tmp_path)
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ValueError, match=r"model\.safetensors"):
        load_bicodec(folder)


def test_missing_config_key_is_named() -> None:
    tree = yaml.safe_load(yaml.safe_dump(TINY_BICODEC_CONFIG))
    del tree["prenet"]["vocos_dim"]
    with pytest.raises(ValueError, match=r"audio_tokenizer\.prenet\.vocos_dim"):
        BiCodecConfig.from_dict(tree)


@pytest.mark.parametrize(
    ("section", "key", "value", "named"),
    [
        ("decoder", "rates", [8, 5, 4, 4], "audio_tokenizer.decoder.rates"),
        ("decoder", "channels", 8, "audio_tokenizer.decoder.channels"),
        ("decoder", "kernel_sizes", [16, 11, 8], "audio_tokenizer.decoder.kernel_sizes"),
        ("prenet", "condition_dim", 32, "audio_tokenizer.prenet.condition_dim"),
        ("speaker_encoder", "fsq_num_quantizers", 2, "fsq_num_quantizers"),
    ],
)
def test_inconsistent_config_raises_naming_the_key(
    section: str, key: str, value: object, named: str
) -> None:
    tree = yaml.safe_load(yaml.safe_dump(TINY_BICODEC_CONFIG))
    tree[section][key] = value
    with pytest.raises(ValueError, match=re.escape(named)):
        BiCodecConfig.from_dict(tree)


def test_decoder_channels_that_do_not_halve_evenly_build_as_the_reference_does(
    tmp_path: Path,
) -> None:
    """The reference's wave generator floors ``channels // 2**i`` at every stage, so 100
    channels over four rates is 100, 50, 25, 12, 6: a loadable model (it was refused)."""
    tree = yaml.safe_load(yaml.safe_dump(TINY_BICODEC_CONFIG))
    tree["decoder"]["channels"] = 100
    write_random_bicodec(tmp_path, tree, seed=0)
    model = load_bicodec(tmp_path)
    shapes = {k: list(v.shape) for k, v in load_file(tmp_path / "model.safetensors").items()}
    assert shapes["decoder.model.0.weight_v"] == [100, 64, 7]
    assert shapes["decoder.model.3.block.1.weight_v"] == [25, 12, 8]
    assert shapes["decoder.model.6.weight_v"] == [1, 6, 7]
    with torch.inference_mode():
        wav = model(torch.zeros(1, 7, dtype=torch.long), torch.zeros(1, 32, dtype=torch.long))
        assert wav.shape == (1, 7 * 320)
        model.use_channels_last()
        again = model(torch.zeros(1, 7, dtype=torch.long), torch.zeros(1, 32, dtype=torch.long))
    assert torch.allclose(again, wav, atol=1e-5)


# Every size of the decode path away from the presets: fewer global tokens with odd FSQ levels,
# a smaller semantic codebook, three upsampling stages, more backbone layers; and the widths
# that drop the reference's projections (codebook_dim == input_dim, latent_dim == levels).
VARIANTS: dict[str, dict[str, dict[str, Any]]] = {
    "other sizes": {
        "quantizer": {"input_dim": 48, "codebook_size": 1000, "codebook_dim": 4},
        "speaker_encoder": {"out_dim": 48, "latent_dim": 24, "token_num": 16,
                            "fsq_levels": [5, 5, 5, 5]},
        "prenet": {"input_channels": 48, "vocos_dim": 40, "vocos_intermediate_dim": 96,
                   "vocos_num_layers": 3, "out_channels": 48, "condition_dim": 48},
        "decoder": {"input_channel": 48, "channels": 96, "rates": [8, 8, 5],
                    "kernel_sizes": [16, 16, 11]},
    },
    "no projections": {"quantizer": {"codebook_dim": 64}, "speaker_encoder": {"latent_dim": 6}},
}  # fmt: skip


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_bicodec_of_other_sizes_loads_and_decodes_from_its_config(
    tmp_path: Path, name: str
) -> None:
    from voice_server.tiny_model import _merged

    write_random_bicodec(tmp_path, _merged(TINY_BICODEC_CONFIG, VARIANTS[name]), seed=0)
    model = load_bicodec(tmp_path)
    c = model.config
    assert c.hop_length == 320
    rng = np.random.default_rng(0)
    semantic = torch.from_numpy(rng.integers(0, c.semantic_codebook_size, (2, 30)))
    voices = torch.from_numpy(rng.integers(0, c.global_codebook_size, (2, c.global_token_count)))
    with torch.inference_mode():
        dvec = model.speaker_vector(voices)
        wav = model.decode(semantic, dvec)
    assert dvec.shape == (2, c.speaker.out_dim)
    assert wav.shape == (2, 30 * 320) and float(wav.std()) > 0.01
    with pytest.raises(ValueError, match="out of range"):
        model.decode(semantic + c.semantic_codebook_size, dvec)
    model.use_channels_last()  # what the server runs on CUDA: the same audio at any size
    with torch.inference_mode():
        assert torch.allclose(model.decode(semantic, dvec), wav, atol=1e-5)


def float64_model(tmp_path: Path, variant: str | None) -> BiCodecDecoder:
    from voice_server.tiny_model import _merged

    config = TINY_BICODEC_CONFIG if variant is None else _merged(TINY_BICODEC_CONFIG,
                                                                  VARIANTS[variant])  # fmt: skip
    write_random_bicodec(tmp_path, config, seed=5)
    return load_bicodec(tmp_path, dtype=torch.float64)


@pytest.mark.parametrize("variant", [None, *VARIANTS])
@pytest.mark.parametrize("layout", ["bct", "channels_last"])
def test_skipping_tokens_leaves_every_later_sample_exact_and_zeroes_the_rest(
    tmp_path: Path, variant: str | None, layout: str
) -> None:
    model = float64_model(tmp_path, variant)
    if layout == "channels_last":
        model.use_channels_last()
    hop, rng = model.config.hop_length, np.random.default_rng(1)
    dvec = model.speaker_vector(torch.from_numpy(
        rng.integers(0, model.config.global_codebook_size, (2, model.config.global_token_count))))
    for window in (10, 22, 70):
        codes = torch.from_numpy(rng.integers(0, model.config.semantic_codebook_size, (2, window)))
        with torch.inference_mode():
            whole = model.decode(codes, dvec)
            for skip in range(0, window, 3):
                cut = model.decode(codes, dvec, skip)
                assert cut.shape == whole.shape
                assert not cut[:, : skip * hop].any()
                assert torch.equal(cut[:, skip * hop :], whole[:, skip * hop :]) or float(
                    (cut[:, skip * hop :] - whole[:, skip * hop :]).abs().max()) < 1e-12


@pytest.mark.parametrize("variant", [None, "other sizes"])
def test_no_stage_of_the_wave_generator_could_start_one_sample_later(
    tmp_path: Path, variant: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The crop is as deep as exactness allows: one more sample off any stage changes the kept
    audio (so the reach it computes is the layers' own, not a guess with margin)."""
    from voice_server.codec.bicodec import layers

    model = float64_model(tmp_path, variant)
    c, rng, skip = model.config, np.random.default_rng(2), 14
    codes = torch.from_numpy(rng.integers(0, c.semantic_codebook_size, (1, 70)))
    dvec = model.speaker_vector(torch.from_numpy(
        rng.integers(0, c.global_codebook_size, (1, c.global_token_count))))
    with torch.inference_mode():
        whole = model.decode(codes, dvec)[:, skip * c.hop_length :]
    exact = layers.wave_crop_starts
    starts = exact(c.wave, skip)
    assert all(starts)  # every stage crops something at 14 tokens of skip
    for stage in range(len(starts)):
        deeper = tuple(n + (i == stage) for i, n in enumerate(starts))
        monkeypatch.setattr(layers, "wave_crop_starts", lambda _w, _s, d=deeper: d)
        with torch.inference_mode():
            cut = model.decode(codes, dvec, skip)[:, skip * c.hop_length :]
        assert float((cut - whole).abs().max()) > 1e-9, stage
    monkeypatch.setattr(layers, "wave_crop_starts", exact)


def test_the_official_wave_generator_reaches_10_tokens_back_at_its_input() -> None:
    from voice_server.codec.bicodec import wave_crop_starts

    wave = BiCodecConfig.from_dict(OFFICIAL_BICODEC_CONFIG).wave
    assert wave_crop_starts(wave, 0) == (0, 0, 0, 0, 0, 0)
    # tokens, then 400 Hz, 2 kHz, 8 kHz and 16 kHz samples: a steady window's 14 skipped
    # tokens are 4 at the input, 12.5 after the first up block, 13.9 at the output conv
    assert wave_crop_starts(wave, 14) == (4, 7, 100, 544, 2218, 4477)
    with pytest.raises(ValueError, match="skip_tokens"):
        wave_crop_starts(wave, -1)


def test_a_skip_outside_the_window_is_refused(golden: BiCodecDecoder) -> None:
    codes = torch.zeros(1, 8, dtype=torch.int64)
    dvec = golden.speaker_vector(torch.zeros(1, 32, dtype=torch.int64))
    for skip in (-1, 8):
        with pytest.raises(ValueError, match="skip_tokens"):
            golden.decode(codes, dvec, skip)


def test_random_bicodec_round_trips_through_load(tmp_path: Path) -> None:
    write_random_bicodec(tmp_path / "a", TINY_BICODEC_CONFIG, seed=3)
    write_random_bicodec(tmp_path / "b", TINY_BICODEC_CONFIG, seed=3)
    a_bytes = (tmp_path / "a" / "model.safetensors").read_bytes()
    assert a_bytes == (tmp_path / "b" / "model.safetensors").read_bytes()
    saved = yaml.safe_load((tmp_path / "a" / "config.yaml").read_text())
    assert list(saved["audio_tokenizer"]) == [
        "mel_params", "encoder", "decoder", "quantizer", "speaker_encoder", "prenet", "postnet"
    ]  # fmt: skip
    model = load_bicodec(tmp_path / "a")
    rng = np.random.default_rng(0)
    with torch.inference_mode():
        wav = model(
            torch.from_numpy(rng.integers(0, 8192, (1, 80))),
            torch.from_numpy(rng.integers(0, 4096, (1, 32))),
        )
    assert wav.shape == (1, 80 * 320)
    assert 0.1 <= float(wav.abs().max()) <= 0.5
    assert float(wav.std()) > 0.01  # noise, not a constant


def test_random_bicodec_differs_by_seed(tmp_path: Path) -> None:
    write_random_bicodec(tmp_path / "a", TINY_BICODEC_CONFIG, seed=1)
    write_random_bicodec(tmp_path / "b", TINY_BICODEC_CONFIG, seed=2)
    a = (tmp_path / "a" / "model.safetensors").read_bytes()
    assert a != (tmp_path / "b" / "model.safetensors").read_bytes()


def test_load_casts_to_the_requested_dtype_after_folding(case_a: dict[str, np.ndarray]) -> None:
    model = load_bicodec(GOLDEN / "BiCodec", dtype=torch.float64)
    assert model.dtype == torch.float64
    with torch.inference_mode():
        wav = model(
            torch.from_numpy(case_a["semantic_ids"])[None],
            torch.from_numpy(case_a["global_ids"])[None],
        )
    assert np.abs(wav[0].numpy() - case_a["waveform"].astype(np.float64)).max() <= 1e-4


def test_bfloat16_decode_stays_within_its_own_looser_bound(case_a: dict[str, np.ndarray]) -> None:
    # bf16 keeps 8 mantissa bits, so 1e-4 is out of reach; measured 22.9 dB SNR on CPU.
    model = load_bicodec(GOLDEN / "BiCodec", dtype=torch.bfloat16)
    semantic = torch.from_numpy(case_a["semantic_ids"])[None]
    with torch.inference_mode():
        wav = model(semantic, torch.from_numpy(case_a["global_ids"])[None])
    reference = case_a["waveform"].astype(np.float64)
    error = wav[0].double().numpy() - reference
    assert 10 * np.log10(np.sum(reference**2) / np.sum(error**2)) >= 18.0


def test_decode_tokens_file_writes_a_pcm16_wav_of_320_samples_per_token(
    tmp_path: Path, case_a: dict[str, np.ndarray]
) -> None:
    model_dir = tmp_path / "model"
    shutil.copytree(GOLDEN, model_dir)
    tokens = tmp_path / "t.npz"
    np.savez(tokens, global_ids=case_a["global_ids"], semantic_ids=case_a["semantic_ids"][:40])
    samples = decode_tokens_file(model_dir, tokens, tmp_path / "out.wav")
    with wave.open(str(tmp_path / "out.wav")) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 16000)
        assert w.getnframes() == 320 * 40
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    assert np.abs(pcm / 32767.0 - samples).max() <= 1 / 32767.0


def test_decode_tokens_file_writes_float32_npy(
    tmp_path: Path, case_a: dict[str, np.ndarray]
) -> None:
    tokens = tmp_path / "t.npz"
    np.savez(tokens, global_ids=case_a["global_ids"], semantic_ids=case_a["semantic_ids"][:7])
    decode_tokens_file(GOLDEN, tokens, tmp_path / "out.npy")
    out = np.load(tmp_path / "out.npy")
    assert out.dtype == np.float32 and out.shape == (7 * 320,)


def test_decode_tokens_file_names_the_missing_array(tmp_path: Path) -> None:
    tokens = tmp_path / "t.npz"
    np.savez(tokens, global_ids=np.zeros(32, dtype=np.int64))
    with pytest.raises(ValueError, match="'semantic_ids'"):
        decode_tokens_file(GOLDEN, tokens, tmp_path / "out.wav")


def test_decode_tokens_file_rejects_an_unknown_output_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.wav or \.npy"):
        decode_tokens_file(GOLDEN, tmp_path / "t.npz", tmp_path / "out.mp3")


def test_decode_tokens_file_names_a_model_dir_without_bicodec(tmp_path: Path) -> None:
    tokens = tmp_path / "t.npz"
    np.savez(
        tokens, global_ids=np.zeros(32, dtype=np.int64), semantic_ids=np.ones(3, dtype=np.int64)
    )
    with pytest.raises(FileNotFoundError, match=r"BiCodec/config\.yaml"):
        decode_tokens_file(tmp_path, tokens, tmp_path / "out.wav")


@pytest.mark.parametrize("form", ["parametrizations", "folded"])
def test_weight_norm_saved_in_other_forms_loads_to_the_same_decoder(
    tmp_path: Path, case_a: dict[str, np.ndarray], form: str
) -> None:
    """A checkpoint written through ``torch.nn.utils.parametrizations.weight_norm`` (g and v as
    ``parametrizations.weight.original0/1``), or already folded to plain ``weight``, decodes
    as the official ``weight_g``/``weight_v`` form does (both were a "missing tensor")."""
    folder = copy_bicodec(tmp_path)
    tensors = load_file(folder / "model.safetensors")
    for name in [n for n in tensors if n.endswith(".weight_g")]:
        base = name.removesuffix(".weight_g")
        g, v = tensors.pop(name), tensors.pop(f"{base}.weight_v")
        if form == "parametrizations":
            tensors[f"{base}.parametrizations.weight.original0"] = g
            tensors[f"{base}.parametrizations.weight.original1"] = v
        else:
            tensors[f"{base}.weight"] = g * v / v.norm(dim=(1, 2), keepdim=True)
    save_file(tensors, folder / "model.safetensors")
    semantic = torch.from_numpy(case_a["semantic_ids"])[None]
    voice = torch.from_numpy(case_a["global_ids"])[None]
    with torch.inference_mode():
        expected = load_bicodec(GOLDEN / "BiCodec", dtype=torch.float64)(semantic, voice)
        got = load_bicodec(folder, dtype=torch.float64)(semantic, voice)
    assert float((got - expected).abs().max()) <= 1e-6
