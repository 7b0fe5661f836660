"""The server's config tree: defaults < ``--config`` file < environment < flags."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from voice_server.config import add_arguments, build_config


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
        build_config(parse("--decode.batches-in-flight", "2"), {})
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
