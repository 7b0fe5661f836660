"""Request validation of the one-shot HTTP routes (pure: no engine, no server)."""

from __future__ import annotations

from typing import Any

import pytest

from voice_server.engine.prompts import Style
from voice_server.transport.http_api import (
    OPENAI_VOICES,
    ApiError,
    HttpApiConfig,
    TtsRequest,
    error_response,
    parse_request,
    parse_voice_map,
    speed_level,
)
from voice_server.voices import BUILT_IN, VoiceLibrary, VoicePreset

CODES = tuple(range(32))


def library() -> VoiceLibrary:
    voices = VoiceLibrary([p.with_codes(CODES) for p in BUILT_IN], 32, 4096)
    voices.add(VoicePreset("cloned", "codes only", None, CODES))
    return voices


def parse(body: Any, openai: bool = True, **config: Any) -> TtsRequest:
    cfg = HttpApiConfig(**config)
    return parse_request(body, openai=openai, config=cfg, voices=library(),
                         voice_map=parse_voice_map(cfg.openai_voice_map))


def refused(body: Any, openai: bool = True, **config: Any) -> ApiError:
    with pytest.raises(ApiError) as info:
        parse(body, openai, **config)
    return info.value


def test_openai_defaults_are_mp3_at_24k_and_ours_are_wav_at_16k() -> None:
    openai = parse({"input": "Hi.", "model": "tts-1", "voice": "alloy"})
    assert (openai.fmt, openai.sample_rate, openai.sse) == ("mp3", 24000, False)
    ours = parse({"input": "Hi."}, openai=False)
    assert (ours.fmt, ours.sample_rate, ours.voice_name) == ("wav", 16000, "alloy")


def test_pcm_on_the_openai_route_is_24k_unless_a_rate_is_asked() -> None:
    assert parse({"input": "x", "voice": "nova", "response_format": "pcm"}).sample_rate == 24000
    asked = parse({"input": "x", "voice": "nova", "response_format": "pcm", "sample_rate": 16000})
    assert asked.sample_rate == 16000


def test_every_openai_voice_name_maps_onto_a_voice_with_fixed_codes() -> None:
    for name in OPENAI_VOICES:
        request = parse({"input": "x", "voice": name})
        assert request.voice.global_codes == CODES, name
        assert request.voice_name == name


def test_voice_may_be_an_id_object_and_our_own_names_work_too() -> None:
    assert parse({"input": "x", "voice": {"id": "aria"}}).voice.global_codes == CODES
    assert parse({"input": "x", "speaker": "cloned"}, openai=False).voice_name == "cloned"


def test_an_unknown_voice_is_a_400_naming_the_known_ones() -> None:
    error = refused({"input": "x", "voice": "galadriel"})
    assert (error.status, error.param) == (400, "voice")
    assert "alloy" in error.message


def test_a_voice_map_pointing_nowhere_is_a_server_error() -> None:
    error = refused({"input": "x", "voice": "ash"}, openai_voice_map="ash=nobody")
    assert error.status == 500


@pytest.mark.parametrize("text", ["a=b,,c = d ", ""])
def test_voice_maps_parse(text: str) -> None:
    assert parse_voice_map(text) == ({"a": "b", "c": "d"} if text else {})


def test_a_malformed_voice_map_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_voice_map("ash")


@pytest.mark.parametrize(("speed", "level"), [
    (0.25, "very_low"), (0.59, "very_low"), (0.6, "low"), (0.85, "moderate"), (1.0, "moderate"),
    (1.19, "moderate"), (1.2, "high"), (1.6, "very_high"), (4.0, "very_high"),
])
def test_speed_maps_onto_the_five_style_levels(speed: float, level: str) -> None:
    assert speed_level(speed) == level


def test_a_named_voice_keeps_its_codes_at_normal_speed_and_uses_its_style_otherwise() -> None:
    normal = parse({"input": "x", "voice": "onyx", "speed": 1.1})
    assert normal.voice.global_codes == CODES
    fast = parse({"input": "x", "voice": "onyx", "speed": 2.0})
    assert fast.voice.global_codes is None
    assert fast.voice.style == Style("male", "low", "very_high")


def test_a_codes_only_voice_refuses_other_speeds() -> None:
    error = refused({"input": "x", "speaker": "cloned", "speed": 0.5}, openai=False)
    assert error.param == "speed"


def test_a_style_request_takes_speed_from_speed_unless_the_style_names_one() -> None:
    styled = parse({"input": "x", "style": {"gender": "male"}, "speed": 0.7}, openai=False)
    assert styled.voice.style == Style("male", "moderate", "low")
    assert styled.voice.global_codes is None
    named = parse({"input": "x", "style": {"speed": "high"}, "speed": 0.7}, openai=False)
    assert named.voice.style.speed == "high"


@pytest.mark.parametrize(("body", "param"), [
    ({}, "input"),
    ({"input": "   "}, "input"),
    ({"input": 5}, "input"),
    ({"input": "x" * 4097}, "input"),
    ({"input": "😀 🎉"}, "input"),  # nothing speakable once emoji are removed
    ({"input": "!!! — (…)"}, "input"),  # punctuation alone: nothing to read
    ({"input": "x", "response_format": "ogg"}, "response_format"),
    ({"input": "x", "speed": 5}, "speed"),
    ({"input": "x", "speed": "fast"}, "speed"),
    ({"input": "x", "speed": True}, "speed"),
    ({"input": "x", "stream_format": "ws"}, "stream_format"),
    ({"input": "x", "seed": -1}, "seed"),
    ({"input": "x", "seed": 1.5}, "seed"),
    ({"input": "x", "sample_rate": 11025, "response_format": "wav"}, "sample_rate"),
    ({"input": "x", "sample_rate": 16000, "response_format": "mulaw"}, "sample_rate"),
    ({"input": "x", "voice": "alloy", "speaker": "echo"}, "speaker"),
    ({"input": "x", "voice": 3}, "voice"),
    ({"input": "x", "style": {"gender": "robot"}}, "style"),
    ({"input": "x", "style": {"timbre": "warm"}}, "style"),
])
def test_bad_fields_are_400s_naming_the_field(body: Any, param: str) -> None:
    error = refused(body)
    assert (error.status, error.param) == (400, param)


@pytest.mark.parametrize("body", [[], "input", 5, None])
def test_a_body_that_is_not_an_object_is_invalid_json_naming_no_field(body: Any) -> None:
    error = refused(body)
    assert (error.status, error.code, error.param) == (400, "invalid_json", None)


def test_model_instructions_and_unknown_fields_are_accepted_and_ignored() -> None:
    request = parse({"input": "x", "model": "gpt-4o-mini-tts", "instructions": "cheerful",
                     "voice": "coral", "extra": 1, "stream_format": "sse"})
    assert request.sse


def test_mulaw_is_accepted_on_both_routes_as_our_extension() -> None:
    assert parse({"input": "x", "response_format": "mulaw"}).sample_rate == 8000
    assert parse({"input": "x", "response_format": "mulaw"}, openai=False).fmt == "mulaw"


def test_errors_take_openais_shape_on_the_openai_route_and_ours_elsewhere() -> None:
    import json

    error = ApiError(429, "rate_limited", "slow down", retryable=True,
                     headers={"Retry-After": "3"})
    openai = error_response(error, openai=True)
    assert json.loads(openai.text or "") == {"error": {
        "message": "slow down", "type": "rate_limit_error", "param": None,
        "code": "rate_limited"}}
    assert openai.headers["Retry-After"] == "3"
    ours = error_response(error, openai=False)
    assert json.loads(ours.text or "")["error"]["retryable"] is True
    assert ours.headers["x-should-retry"] == "true"
