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
