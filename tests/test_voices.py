from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice_server.voices import BUILT_IN, VoiceLibrary, VoicePreset


def test_unknown_voice_error_lists_the_known_ones() -> None:
    library = VoiceLibrary(list(BUILT_IN), 32, 4096)
    with pytest.raises(KeyError, match="alloy"):
        library.get("nobody")


def test_voice_file_adds_code_and_style_voices(tmp_path: Path) -> None:
    path = tmp_path / "voices.json"
    path.write_text(json.dumps({
        "narrator": {"global_codes": list(range(32)), "description": "cloned"},
        "deep": {"style": {"gender": "male", "pitch": "very_low", "speed": "low"}},
    }))
    library = VoiceLibrary([], 32, 4096)
    library.load_file(path)
    assert library.get("narrator").global_codes == tuple(range(32))
    assert [p.name for p in library.pending_enrollment()] == ["deep"]


def test_voice_codes_out_of_range_are_refused() -> None:
    library = VoiceLibrary([], 32, 4096)
    with pytest.raises(ValueError, match="32 ints"):
        library.add(VoicePreset("bad", "", None, tuple([4096] * 32)))


def test_codes_enrolled_by_one_library_are_adopted_by_another() -> None:
    first = VoiceLibrary(list(BUILT_IN), 4, 16)
    for i, preset in enumerate(first.pending_enrollment()):
        first.add(preset.with_codes((i, i, i, i)))
    second = VoiceLibrary(list(BUILT_IN), 4, 16)
    second.adopt_codes(first.enrolled_codes())
    assert second.pending_enrollment() == []
    assert [p.global_codes for p in second.presets()] == [p.global_codes for p in first.presets()]


def test_adopting_without_a_waiting_voice_or_with_bad_codes_fails() -> None:
    library = VoiceLibrary(list(BUILT_IN), 4, 16)
    with pytest.raises(ValueError, match="not enrolled"):
        library.adopt_codes({"alloy": [1, 2, 3, 4]})
    codes = {p.name: [99, 0, 0, 0] for p in BUILT_IN}
    with pytest.raises(ValueError, match="global_codes"):
        library.adopt_codes(codes)
