"""What a group of front ends accepts (``supervisor.check_config``): pure rules, no engine."""

from __future__ import annotations

import argparse

import pytest

from voice_server.config import add_arguments, build_config
from voice_server.supervisor import check_config


def check(*flags: str, cuda_count: int) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    check_config(build_config(parser.parse_args(list(flags)), {}), cuda_count)


def test_front_ends_are_dealt_out_among_the_engines_in_equal_numbers() -> None:
    check("--http.workers", "3", cuda_count=1)  # three front ends, one engine core
    check("--http.workers", "2", "--engine.engines-per-gpu", "2", "--decode.placement", "process",
          cuda_count=1)  # fmt: skip
    check("--http.workers", "2", "--engine.cpu-replicas", "2", "--engine.devices", "cpu",
          cuda_count=0)  # fmt: skip
    check("--http.workers", "2", "--engine.devices", "0,1", "--decode.placement", "frontend",
          cuda_count=2)  # fmt: skip
    check("--http.workers", "4", "--engine.engines-per-gpu", "2", "--decode.placement", "process",
          cuda_count=1)  # two front ends on each engine  # fmt: skip
    with pytest.raises(ValueError, match="http.workers 3 needs as many front ends on each engine; "
                                         ".* give 2 engines"):  # fmt: skip
        check("--http.workers", "3", "--engine.engines-per-gpu", "2", cuda_count=1)
    with pytest.raises(ValueError, match="http.workers 2 needs as many front ends on each engine; "
                                         ".* give 3 engines"):  # fmt: skip
        check("--http.workers", "2", "--engine.engines-per-gpu", "3", cuda_count=1)


def test_one_decoder_process_serves_engines_of_one_device_only() -> None:
    with pytest.raises(ValueError, match="needs every engine on one device"):
        check("--http.workers", "2", "--engine.devices", "0,1", "--decode.placement", "process",
              cuda_count=2)  # fmt: skip


def test_engines_sharing_a_gpu_with_a_front_end_each_need_the_decoder_process() -> None:
    """A front end's own decoder would load while the next engine sizes its memory."""
    with pytest.raises(ValueError, match="several engines on cuda:0, a front end each, need "
                                         "decode.placement process"):  # fmt: skip
        check("--http.workers", "2", "--engine.engines-per-gpu", "2", "--decode.placement",
              "frontend", cuda_count=1)  # fmt: skip
    check("--http.workers", "2", "--engine.engines-per-gpu", "2", "--decode.placement",
          "process", cuda_count=1)  # fmt: skip
    check("--http.workers", "2", "--engine.cpu-replicas", "2", "--engine.devices", "cpu",
          "--decode.placement", "frontend", cuda_count=0)  # no GPU memory to size  # fmt: skip


def test_front_ends_need_a_fixed_port_and_a_decoder_outside_the_engine() -> None:
    with pytest.raises(ValueError, match="fixed http.port"):
        check("--http.workers", "2", "--http.port", "0", cuda_count=1)
    with pytest.raises(ValueError, match="decode.placement frontend or process"):
        check("--http.workers", "2", "--decode.placement", "engine", cuda_count=1)
