"""Vendor voice ids onto our voices (pure: a voice library with made-up codes, no engine)."""

from __future__ import annotations

import pytest

from voice_server.compat_voices import (
    FRAMEWORK_DEFAULT_VOICE_IDS,
    CompatConfig,
    VoiceNotFound,
    parse_voice_map,
    resolve_voice,
    voice_name,
)
from voice_server.engine.prompts import Style
from voice_server.voices import BUILT_IN, VoiceLibrary, VoicePreset

CODES = tuple(range(32))


def library() -> VoiceLibrary:
    presets = [p.with_codes(CODES) for p in BUILT_IN]
    presets.append(VoicePreset("styled-only", "no codes yet", Style("male", "low", "moderate")))
    return VoiceLibrary(presets, voice_tokens=32, codebook_size=4096)


def test_a_mapped_vendor_id_speaks_in_the_mapped_voice() -> None:
    config = CompatConfig(voice_map="21m00Tcm4TlvDq8ikWAM=onyx, other=aria")
    assert voice_name("21m00Tcm4TlvDq8ikWAM", config, library()) == "onyx"
    assert voice_name("other", config, library()) == "aria"


def test_our_own_voice_names_need_no_mapping() -> None:
    assert voice_name("fable", CompatConfig(), library()) == "fable"


def test_framework_default_ids_speak_in_the_default_voice() -> None:
    config = CompatConfig(default_voice="echo")
    for vendor_id in FRAMEWORK_DEFAULT_VOICE_IDS:
        assert voice_name(vendor_id, config, library()) == "echo"


def test_an_unknown_id_is_not_found_and_the_message_names_our_voices() -> None:
    with pytest.raises(VoiceNotFound, match="alloy") as error:
        voice_name("nope", CompatConfig(), library())
    assert "'nope'" in str(error.value)


def test_unknown_ids_can_fall_back_to_the_default_voice() -> None:
    config = CompatConfig(unknown_voice="default", default_voice="nova")
    assert voice_name("nope", config, library()) == "nova"


def test_a_mapping_to_a_voice_we_do_not_have_is_not_found() -> None:
    with pytest.raises(VoiceNotFound, match="ghost"):
        voice_name("x", CompatConfig(voice_map="x=ghost"), library())


def test_resolve_voice_carries_the_preset_codes_or_its_style() -> None:
    assert resolve_voice("alloy", CompatConfig(), library()).global_codes == CODES
    styled = resolve_voice("styled-only", CompatConfig(), library())
    assert styled.global_codes is None and styled.style == Style("male", "low", "moderate")


@pytest.mark.parametrize("bad", ["novalue", "=onyx", "x=", "a=b,c"])
def test_a_malformed_voice_map_is_refused_when_the_config_is_built(bad: str) -> None:
    with pytest.raises(ValueError, match="vendor_id=voice"):
        CompatConfig(voice_map=bad)


def test_unknown_voice_policy_must_be_error_or_default() -> None:
    with pytest.raises(ValueError, match="unknown_voice"):
        CompatConfig(unknown_voice="maybe")
    assert parse_voice_map(" a = b ,, ") == {"a": "b"}
