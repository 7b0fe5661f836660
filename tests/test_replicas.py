"""Devices and placement (``voice_server/replicas.py``): pure rules, no engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from voice_server.engine.llm import EngineConfig
from voice_server.replicas import (
    Load,
    NoReplicaError,
    Placement,
    Replica,
    choose_replica,
    cuda_index,
    decode_worker_groups,
    first_device,
    front_end_engine,
    place,
    resolve_devices,
)


def test_all_means_every_cuda_device_or_the_cpu_where_there_is_none() -> None:
    assert resolve_devices("all", 1, 4) == ["cuda:0", "cuda:1", "cuda:2", "cuda:3"]
    assert resolve_devices("all", 1, 1) == ["cuda:0"]
    assert resolve_devices("all", 1, 0) == ["cpu"]
    assert resolve_devices("all", 2, 0) == ["cpu", "cpu"]


def test_cpu_runs_cpu_replicas_engines_even_where_there_are_gpus() -> None:
    assert resolve_devices("cpu", 1, 2) == ["cpu"]
    assert resolve_devices("CPU", 3, 0) == ["cpu", "cpu", "cpu"]


def test_an_explicit_list_keeps_its_order_and_accepts_both_spellings() -> None:
    assert resolve_devices("2,0", 1, 4) == ["cuda:2", "cuda:0"]
    assert resolve_devices(" cuda:1 , cuda:3 ", 1, 4) == ["cuda:1", "cuda:3"]


@pytest.mark.parametrize("spec, visible", [("2", 2), ("0,0", 2), ("gpu", 2), ("", 2), ("0", 0),
                                           ("0,-1", 2), ("0,", 2)])  # fmt: skip
def test_a_device_that_is_absent_repeated_or_malformed_is_refused(spec: str, visible: int) -> None:
    with pytest.raises(ValueError):
        resolve_devices(spec, 1, visible)


def test_the_engine_config_checks_the_device_list_when_it_is_built() -> None:
    assert EngineConfig().devices == "all" and EngineConfig().cpu_replicas == 1
    EngineConfig(devices="0,1")
    with pytest.raises(ValueError):
        EngineConfig(devices="0,zero")
    with pytest.raises(ValueError):
        EngineConfig(devices="cpu", cpu_replicas=0)


def test_single_engine_tools_ask_for_the_first_gpu_or_the_cpu() -> None:
    import torch

    assert first_device() == ("0" if torch.cuda.is_available() else "cpu")
    assert len(resolve_devices(first_device(), 1, torch.cuda.device_count())) == 1


def test_cuda_index_is_the_ordinal_of_a_cuda_device_and_none_for_the_cpu() -> None:
    assert cuda_index("cuda:3") == 3 and cuda_index("cpu") is None


def test_front_ends_are_dealt_out_among_the_engines_consecutively() -> None:
    assert [front_end_engine(i, 4, 2) for i in range(4)] == [0, 0, 1, 1]
    assert [front_end_engine(i, 2, 2) for i in range(2)] == [0, 1]  # one each
    assert [front_end_engine(i, 3, 1) for i in range(3)] == [0, 0, 0]  # one shared engine
    assert [front_end_engine(i, 6, 3) for i in range(6)] == [0, 0, 1, 1, 2, 2]
    with pytest.raises(ValueError, match="3 front ends need as many on each engine; .* 2 engines"):
        front_end_engine(0, 3, 2)
    with pytest.raises(ValueError, match="front end 4 of 4"):
        front_end_engine(4, 4, 2)


def test_a_new_session_goes_to_the_replica_with_the_fewest_sessions() -> None:
    assert choose_replica([Load(3, 0), Load(1, 50), Load(2, 0)]) == 1


def test_ties_go_to_fewer_unfinished_requests_then_to_the_lowest_index() -> None:
    assert choose_replica([Load(1, 9), Load(1, 2), Load(1, 5)]) == 1
    assert choose_replica([Load(1, 2), Load(1, 2)]) == 0
    assert choose_replica([Load(0, 0)]) == 0


def test_a_failed_replica_takes_no_session_however_idle() -> None:
    assert choose_replica([Load(0, 0, healthy=False), Load(7, 30)]) == 1
    with pytest.raises(NoReplicaError):
        choose_replica([Load(0, 0, healthy=False), Load(0, 0, healthy=False)])
    with pytest.raises(NoReplicaError):
        choose_replica([])


class _Engine:
    """The two engine attributes placement reads (a stand-in: no vLLM here)."""

    def __init__(self) -> None:
        self.errored = False
        self.unfinished_requests = 0


def _replicas(count: int) -> list[Replica]:
    none = cast(Any, None)
    return [Replica(i, "cpu", "cpu", cast(Any, _Engine()), none, none) for i in range(count)]


def test_placements_spread_sessions_round_the_replicas_and_release_once() -> None:
    replicas = _replicas(2)
    held = [place(replicas) for _ in range(5)]
    assert [p.replica.index for p in held] == [0, 1, 0, 1, 0]
    assert [r.sessions for r in replicas] == [3, 2]
    held[0].release()
    held[0].release()  # idempotent: a second release gives nothing back twice
    assert [r.sessions for r in replicas] == [2, 2] and not held[0].held
    assert place(replicas).replica.index == 0


def test_a_placement_used_as_a_context_manager_is_released_even_on_error() -> None:
    replicas = _replicas(1)
    with pytest.raises(KeyError):
        with place(replicas) as placement:
            assert isinstance(placement, Placement) and replicas[0].sessions == 1
            raise KeyError("boom")
    assert replicas[0].sessions == 0


def test_sessions_avoid_a_replica_whose_engine_failed() -> None:
    replicas = _replicas(2)
    cast(Any, replicas[0].engine).errored = True
    assert all(place(replicas).replica.index == 1 for _ in range(3))
    cast(Any, replicas[1].engine).errored = True
    with pytest.raises(NoReplicaError):
        place(replicas)


def test_engine_args_pin_a_gpu_other_than_the_first_with_vllm_device_ids() -> None:
    from voice_server.engine.llm import engine_args

    config = EngineConfig(audio_head=False, max_model_len=512)
    assert engine_args("/nonexistent", config, 3).device_ids == [3]
    # Device 0 is vLLM's default: a one-GPU (or CPU) server builds the arguments it always did.
    assert engine_args("/nonexistent", config, 0).device_ids is None
    assert engine_args("/nonexistent", config, None).device_ids is None


def test_engines_per_gpu_puts_that_many_adjacent_replicas_on_each_gpu() -> None:
    assert resolve_devices("all", 1, 2, 2) == ["cuda:0", "cuda:0", "cuda:1", "cuda:1"]
    assert resolve_devices("1", 1, 2, 3) == ["cuda:1"] * 3
    assert resolve_devices("cpu", 2, 2, 3) == ["cpu", "cpu"]  # CPU replicas: cpu_replicas only
    assert resolve_devices("all", 1, 0, 2) == ["cpu"]


def test_the_engines_of_one_gpu_share_a_decode_worker_and_cpu_replicas_do_not() -> None:
    assert decode_worker_groups(["cuda:0", "cuda:0", "cuda:1", "cuda:1"]) == [0, 0, 1, 1]
    assert decode_worker_groups(["cuda:0", "cuda:1", "cuda:0"]) == [0, 1, 0]
    assert decode_worker_groups(["cuda", "cuda:0"]) == [0, 0]  # "cuda" is device 0
    assert decode_worker_groups(["cpu", "cpu"]) == [0, 1]
    assert decode_worker_groups(["cpu", "cuda:0", "cuda:0", "cpu"]) == [0, 1, 1, 2]


def test_the_engines_of_one_gpu_split_its_memory_share() -> None:
    from voice_server.engine.llm import engine_args

    config = EngineConfig(audio_head=False, max_model_len=512, gpu_memory_utilization=0.6,
                          engines_per_gpu=2)  # fmt: skip
    assert config.memory_share == pytest.approx(0.3)
    assert engine_args("/nonexistent", config).gpu_memory_utilization == pytest.approx(0.3)
    assert engine_args("/nonexistent", EngineConfig(audio_head=False)).gpu_memory_utilization == 0.6
    for bad in (0, 9):
        with pytest.raises(ValueError):
            EngineConfig(engines_per_gpu=bad)


def test_the_model_runner_gets_its_own_process_unless_told_otherwise() -> None:
    """``engine.executor`` mp (the default) becomes vLLM's multiprocess executor; auto leaves
    vLLM's choice; anything else is refused before an engine starts."""
    from voice_server.engine.llm import engine_args

    config = EngineConfig(audio_head=False, max_model_len=512)
    assert engine_args("/nonexistent", config).distributed_executor_backend == "mp"
    uni = EngineConfig(audio_head=False, max_model_len=512, executor="uni")
    assert engine_args("/nonexistent", uni).distributed_executor_backend == "uni"
    auto = EngineConfig(audio_head=False, max_model_len=512, executor="auto")
    assert engine_args("/nonexistent", auto).distributed_executor_backend is None
    with pytest.raises(ValueError, match="executor"):
        EngineConfig(executor="ray")


def test_every_engine_can_host_a_decoder_and_placement_is_checked() -> None:
    from voice_server.engine.llm import engine_args
    from voice_server.runtime import DecodeConfig

    args = engine_args("/nonexistent", EngineConfig(audio_head=False, max_model_len=512))
    assert args.worker_extension_cls == "voice_server.codec.decoder_host.DecoderHost"
    assert DecodeConfig().placement is None  # settled with the front ends (test_config)
    DecodeConfig(placement="engine")
    with pytest.raises(ValueError, match="placement"):
        DecodeConfig(placement="gpu")
    with pytest.raises(ValueError, match="decode.device auto"):
        DecodeConfig(placement="engine", device="cpu")


def test_auto_dtype_never_runs_a_float16_checkpoint_in_float16(tmp_path: Path) -> None:
    """Spark-TTS is reported broken in fp16: "auto" takes the checkpoint's dtype except that."""
    from voice_server.engine.llm import engine_args

    for saved, expected in [("float16", "bfloat16"), ("bfloat16", "auto"), ("float32", "auto")]:
        (tmp_path / "config.json").write_text(json.dumps({"torch_dtype": saved}))
        assert engine_args(str(tmp_path), EngineConfig(audio_head=False)).dtype == expected
    (tmp_path / "config.json").write_text(json.dumps({"dtype": "float16"}))  # transformers 5
    assert engine_args(str(tmp_path), EngineConfig(audio_head=False)).dtype == "bfloat16"
    asked = EngineConfig(audio_head=False, dtype="float16")
    assert engine_args(str(tmp_path), asked).dtype == "float16"
    assert engine_args("/nonexistent", EngineConfig(audio_head=False)).dtype == "auto"
