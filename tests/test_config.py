"""The server's config tree: defaults < ``--config`` file < environment < flags."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from voice_server.config import add_arguments, build_config, settle_engines, settle_front_ends


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


def write(tmp_path: Path, tree: dict[str, object]) -> str:
    path = tmp_path / "config.json"
    path.write_text(json.dumps(tree))
    return str(path)


def test_a_flag_beats_the_environment_which_beats_the_file_which_beats_the_default(
    tmp_path: Path,
) -> None:
    assert build_config(parse(), {}).limits.max_contexts == 8
    file = write(tmp_path, {"limits": {"max_contexts": 9, "max_sessions": 7}})
    assert build_config(parse("--config", file), {}).limits.max_contexts == 9
    env = {"VOICE_SERVER_LIMITS__MAX_CONTEXTS": "10"}
    config = build_config(parse("--config", file), env)
    assert (config.limits.max_contexts, config.limits.max_sessions) == (10, 7)
    config = build_config(parse("--config", file, "--limits.max-contexts", "11"), env)
    assert config.limits.max_contexts == 11


def test_max_text_chars_is_named_as_ready_limits_names_it_and_the_old_name_still_reads(
    tmp_path: Path,
) -> None:
    assert build_config(parse("--limits.max-text-chars", "500"), {}).limits.max_text_chars == 500
    old_file = write(tmp_path, {"limits": {"max_text_message_chars": 600}})
    assert build_config(parse("--config", old_file), {}).limits.max_text_chars == 600
    old_env = {"VOICE_SERVER_LIMITS__MAX_TEXT_MESSAGE_CHARS": "700"}
    assert build_config(parse(), old_env).limits.max_text_chars == 700
    new_env = {**old_env, "VOICE_SERVER_LIMITS__MAX_TEXT_CHARS": "800"}
    assert build_config(parse(), new_env).limits.max_text_chars == 800  # the new name wins


def test_unknown_keys_and_bad_values_are_refused_with_the_key_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown config key limits.max_contextz"):
        build_config(parse("--config", write(tmp_path, {"limits": {"max_contextz": 9}})), {})
    with pytest.raises(ValueError, match="config limits.max_contexts"):
        build_config(parse("--limits.max-contexts", "many"), {})
    with pytest.raises(ValueError, match="at least 5"):
        build_config(parse("--limits.max-contexts", "4"), {})


def test_batches_in_flight_needs_the_decoder_in_another_process() -> None:
    with pytest.raises(ValueError, match="placement process or engine"):
        build_config(parse("--decode.placement", "frontend", "--decode.batches-in-flight", "2"),
                     {})  # fmt: skip
    unset = build_config(parse("--decode.batches-in-flight", "2"), {})  # placement not yet known
    with pytest.raises(ValueError, match="placement process or engine"):
        settle_front_ends(unset, cuda_count=0)  # one front end, its decoder a thread
    assert settle_front_ends(unset, cuda_count=1).decode.placement == "process"
    with pytest.raises(ValueError, match=r"batches_in_flight must be in \[1, 8\]"):
        build_config(parse("--decode.placement", "process", "--decode.batches-in-flight", "0"), {})
    config = build_config(parse("--decode.placement", "process",
                                "--decode.batches-in-flight", "2"), {})  # fmt: skip
    assert config.decode.lanes == 2


def test_batches_in_flight_default_follows_the_placement() -> None:
    """Unset, two batches in flight where the decoder is another process's, one where it is
    the front end's own; a value given wins."""
    assert build_config(parse(), {}).decode.lanes == 1
    assert build_config(parse("--decode.placement", "process"), {}).decode.lanes == 2
    assert build_config(parse("--decode.placement", "engine"), {}).decode.lanes == 2
    one = build_config(parse("--decode.placement", "process", "--decode.batches-in-flight", "1"),
                       {})  # fmt: skip
    assert one.decode.lanes == 1


def settled(*flags: str, cuda_count: int) -> tuple[int | None, str | None, int]:
    config = settle_front_ends(build_config(parse(*flags), {}), cuda_count)
    return config.http.workers, config.decode.placement, config.decode.lanes


def test_one_gpu_gets_two_front_ends_and_a_shared_decoder_process_by_default() -> None:
    """Measured better on one H100 lease at 100 and 300 sessions (docs/PERFORMANCE.md); two
    batches in flight and the urgent lane make three connections per front end."""
    assert settled(cuda_count=1) == (2, "process", 3)
    assert settled("--engine.devices", "0", cuda_count=4) == (2, "process", 3)
    # Several engines on one GPU: a front end each, one decoder process for them all.
    assert settled("--engine.engines-per-gpu", "2", cuda_count=1) == (2, "process", 3)
    assert settled("--engine.engines-per-gpu", "3", "--engine.devices", "1",
                   cuda_count=2) == (3, "process", 3)  # fmt: skip


def engines_per_gpu(*flags: str, cuda_count: int, mps: bool) -> int | None:
    return settle_engines(build_config(parse(*flags), {}), cuda_count, mps).engine.engines_per_gpu


def test_two_engines_share_one_gpu_by_default_where_cuda_mps_is_in_use() -> None:
    """Measured on two H100 leases (docs/PERFORMANCE.md): under MPS two engines beat one at
    600 sessions; without it they lost. Several GPUs and the CPU were not measured: 1."""
    assert build_config(parse(), {}).engine.engines_per_gpu is None  # unset until settled
    assert build_config(parse(), {}).engine.engines_on_each_gpu == 1  # read unsettled: 1
    assert engines_per_gpu(cuda_count=1, mps=True) == 2
    assert engines_per_gpu("--engine.devices", "1", cuda_count=4, mps=True) == 2
    assert engines_per_gpu(cuda_count=1, mps=False) == 1
    assert engines_per_gpu(cuda_count=2, mps=True) == 1
    assert engines_per_gpu(cuda_count=0, mps=True) == 1
    assert engines_per_gpu("--engine.devices", "cpu", cuda_count=1, mps=True) == 1
    assert engines_per_gpu("--engine.engines-per-gpu", "1", cuda_count=1, mps=True) == 1
    assert engines_per_gpu("--engine.engines-per-gpu", "3", cuda_count=1, mps=False) == 3
    # The front ends follow the engines: one each, one decoder process for both.
    both = settle_engines(build_config(parse(), {}), 1, mps_in_use=True)
    assert settle_front_ends(both, cuda_count=1).http.workers == 2
    assert both.engine.memory_share == pytest.approx(both.engine.gpu_memory_utilization / 2)


def test_the_urgent_lane_and_stream_are_on_with_the_shared_decoder_process_on_a_gpu() -> None:
    """Unset, both take URGENT_MS there (measured on an H200, docs/PERFORMANCE.md); a value
    given wins, 0 included; on the CPU, or with the front end's own decoder, both stay off."""
    def urgent(*flags: str, cuda_count: int) -> tuple[float | None, float | None]:
        decode = settle_front_ends(build_config(parse(*flags), {}), cuda_count).decode
        return decode.urgent_lane_ms, decode.urgent_stream_ms

    assert urgent(cuda_count=1) == (50.0, 50.0)
    assert urgent("--decode.urgent-stream-ms", "0", cuda_count=1) == (50.0, 0.0)
    assert urgent("--decode.urgent-lane-ms", "20", cuda_count=1) == (20.0, 50.0)
    assert urgent(cuda_count=0) == (None, None)  # one front end, its decoder a thread
    assert urgent("--decode.placement", "process", "--http.workers", "1",
                  cuda_count=0) == (None, None)  # fmt: skip
    assert urgent("--decode.placement", "engine", cuda_count=1) == (None, None)
    settled_cpu = settle_front_ends(build_config(parse(), {}), cuda_count=0).decode
    assert settled_cpu.lanes == 1
    with pytest.raises(ValueError, match="urgent_stream_ms needs the decoder in another process"):
        build_config(parse("--decode.placement", "frontend", "--decode.urgent-stream-ms", "50"),
                     {})  # fmt: skip
    with pytest.raises(ValueError, match=r"urgent_stream_ms must be in \[0, 1000\]"):
        build_config(parse("--decode.placement", "process", "--decode.urgent-stream-ms", "-1"), {})


def test_one_front_end_with_its_decoder_thread_wherever_two_are_not_allowed_or_not_better() -> None:
    assert settled(cuda_count=0) == (1, "frontend", 1)  # CPU build: the cores are shared
    assert settled(cuda_count=2) == (1, "frontend", 1)  # two engines: one per GPU
    assert settled("--engine.engines-per-gpu", "2", cuda_count=2) == (1, "frontend", 1)
    assert settled("--engine.devices", "cpu", cuda_count=1) == (1, "frontend", 1)
    assert settled("--http.port", "0", cuda_count=1) == (1, "frontend", 1)  # front ends share a port
    assert settled("--decode.placement", "frontend", cuda_count=1) == (1, "frontend", 1)
    assert settled("--decode.placement", "engine", cuda_count=1) == (1, "engine", 2)


def test_settings_given_are_kept_and_several_front_ends_share_a_decoder_process() -> None:
    assert settled("--http.workers", "1", cuda_count=1) == (1, "frontend", 1)
    assert settled("--http.workers", "3", cuda_count=1) == (3, "process", 3)  # + urgent lane
    assert settled("--http.workers", "2", cuda_count=0) == (2, "process", 2)
    assert settled("--http.workers", "2", "--decode.placement", "frontend",
                   cuda_count=1) == (2, "frontend", 1)  # fmt: skip
    assert settled("--decode.placement", "process", cuda_count=0) == (1, "process", 2)


def test_engine_settings_vllm_would_refuse_late_are_refused_with_their_name() -> None:
    for flag, value, name in [("--engine.max-num-seqs", "0", "max_num_seqs"),
                              ("--engine.max-model-len", "0", "max_model_len"),
                              ("--engine.stream-interval", "0", "stream_interval"),
                              ("--engine.max-num-batched-tokens", "-1", "max_num_batched_tokens"),
                              ("--engine.gpu-memory-utilization", "1.5",
                               "gpu_memory_utilization")]:  # fmt: skip
        with pytest.raises(ValueError, match=f"engine.{name}"):
            build_config(parse(flag, value), {})


def test_a_switch_may_stand_alone_and_a_typo_is_refused_not_read_as_false() -> None:
    assert build_config(parse("--auth.enabled"), {}).auth.enabled is True
    assert build_config(parse("--auth.enabled", "--http.port", "9000"), {}).http.port == 9000
    assert build_config(parse("--auth.enabled", "off"), {}).auth.enabled is False
    assert build_config(parse(), {"VOICE_SERVER_AUTH__ENABLED": "Yes"}).auth.enabled is True
    for typo in ("tru", "enabled", "2"):
        with pytest.raises(ValueError, match=f"config auth.enabled: expected true or false, "
                                             f"got '{typo}'"):  # fmt: skip
            build_config(parse("--auth.enabled", typo), {})
    with pytest.raises(ValueError, match="auth.enabled"):
        build_config(parse(), {"VOICE_SERVER_AUTH__ENABLED": "ture"})


def test_a_file_s_number_is_not_truncated_nor_taken_from_a_boolean(tmp_path: Path) -> None:
    config_file = tmp_path / "config.json"
    config_file.write_text('{"limits": {"max_sessions": 12.0, "max_contexts": 9}}')
    assert build_config(parse("--config", str(config_file)), {}).limits.max_sessions == 12
    for bad, why in (("2.5", "expected a whole number, got 2.5"),
                     ("true", "expected a number, got True")):  # fmt: skip
        config_file.write_text(f'{{"limits": {{"max_sessions": {bad}}}}}')
        with pytest.raises(ValueError, match=f"config limits.max_sessions: {why}"):
            build_config(parse("--config", str(config_file)), {})


def test_the_capacity_probe_is_sized_per_device_unless_set() -> None:
    assert build_config(parse(), {}).limits.capacity_probe_streams is None
    flags = ("--limits.capacity-probe-streams", "128")
    assert build_config(parse(*flags), {}).limits.capacity_probe_streams == 128
    with pytest.raises(ValueError, match="capacity_probe_streams must be >= 0"):
        build_config(parse("--limits.capacity-probe-streams", "-1"), {})


def test_an_urgent_lane_is_one_more_connection_to_a_decoder_in_another_process() -> None:
    with pytest.raises(ValueError, match="urgent_lane_ms needs the decoder in another process"):
        build_config(parse("--decode.placement", "frontend", "--decode.urgent-lane-ms", "50"),
                     {})  # fmt: skip
    unset = build_config(parse("--decode.urgent-lane-ms", "50"), {})
    with pytest.raises(ValueError, match="urgent_lane_ms needs the decoder in another process"):
        settle_front_ends(unset, cuda_count=0)
    with pytest.raises(ValueError, match=r"urgent_lane_ms must be in \[0, 1000\]"):
        build_config(parse("--decode.placement", "process", "--decode.urgent-lane-ms", "-1"), {})
    on = build_config(parse("--decode.placement", "process", "--decode.urgent-lane-ms", "50"), {})
    assert (on.decode.lanes, on.decode.urgent_lane_ms) == (3, 50)
    assert build_config(parse("--decode.placement", "process"), {}).decode.lanes == 2  # off


def test_the_urgent_lanes_batches_are_capped_only_when_asked() -> None:
    """``decode.urgent_lane_rows``: unset, the lane's batches go up to ``max_batch`` (a cap
    at the urgent stream's rows was measured no better, docs/PERFORMANCE.md); set, as given,
    never above ``max_batch``."""
    def rows(*flags: str) -> int:
        return settle_front_ends(build_config(parse(*flags), {}), cuda_count=1
                                 ).decode.urgent_lane_batch  # fmt: skip

    assert rows() == 128  # decode.max_batch
    assert rows("--decode.urgent-lane-rows", "8") == 8
    assert rows("--decode.urgent-lane-rows", "32", "--decode.max-batch", "16") == 16
    assert rows("--decode.urgent-lane-rows", "500") == 128
    with pytest.raises(ValueError, match="urgent_lane_rows must be >= 1"):
        build_config(parse("--decode.urgent-lane-rows", "0"), {})


def test_channels_last_decoding_is_on_by_default_and_reaches_the_decoder_settings(
    tiny_model_dir: Path,
) -> None:
    from dataclasses import asdict

    from voice_server.codec.decoder_host import DecoderSettings
    from voice_server.model_dir import ModelDir
    from voice_server.runtime import decoder_settings

    on = build_config(parse(), {}).decode
    off = build_config(parse("--decode.channels-last", "false"), {}).decode
    assert (on.channels_last, off.channels_last) == (True, False)
    for decode in (on, off):
        settings = decoder_settings(ModelDir(tiny_model_dir), decode)
        assert settings.channels_last is decode.channels_last
        assert DecoderSettings.from_dict(asdict(settings)) == settings


def test_where_the_grammar_runs() -> None:
    """auto: in the model on CUDA with the audio head (vLLM may then run Model Runner V2),
    the processor elsewhere; an explicit choice is kept; model needs the audio head."""
    from voice_server.engine.llm import EngineConfig, grammar_placement

    config = build_config(parse(), {}).engine
    assert (grammar_placement(config, True), grammar_placement(config, False)) == (
        "model", "processor")
    whole = build_config(parse("--engine.audio-head", "false"), {}).engine
    assert grammar_placement(whole, True) == "processor"
    for choice in ("model", "processor"):
        chosen = build_config(parse("--engine.grammar", choice), {}).engine
        assert grammar_placement(chosen, True) == grammar_placement(chosen, False) == choice
    with pytest.raises(ValueError, match="engine.grammar model needs engine.audio_head"):
        build_config(parse("--engine.grammar", "model", "--engine.audio-head", "false"), {})
    with pytest.raises(ValueError, match="engine.grammar must be"):
        EngineConfig(grammar="logits")


def test_filled_windows_are_a_decode_policy_setting_that_the_served_windows_keep() -> None:
    from voice_server.runtime import aligned_to_engine

    config = build_config(parse("--decode.policy.fill-windows", "true"), {})
    served = aligned_to_engine(config.decode, config.engine).policy
    assert served.fill_windows and served.token_cadence == 10
    assert served.graph_window_lengths() == (10, 20, 30, 40, 50, 70)
    default = build_config(parse(), {})
    assert not aligned_to_engine(default.decode, default.engine).policy.fill_windows
