"""Garbage-collector pauses: the recorder's histogram and the start-up freeze (real gc)."""

from __future__ import annotations

import gc

from voice_server.gc_pauses import GcPauseRecorder, freeze_startup_heap


def test_the_recorder_counts_each_collection_once_by_generation() -> None:
    recorder = GcPauseRecorder(buckets=(0.5, 10.0))
    recorder.install()
    recorder.install()  # idempotent: still one callback
    try:
        gc.collect(0)
        gc.collect(2)
        gc.collect(2)
    finally:
        recorder.uninstall()
        recorder.uninstall()
    assert recorder._callback not in gc.callbacks
    young, _ = recorder.histogram(0)
    full, seconds = recorder.histogram(2)
    assert young[-1] == ("+Inf", 1.0)  # cumulative: the last bucket holds every pause
    assert full[-1] == ("+Inf", 2.0) and full[1][1] == 2.0  # both under 10 s
    assert 0 < seconds < 20
    gc.collect(2)  # uninstalled: not counted
    assert recorder.histogram(2)[0][-1] == ("+Inf", 2.0)


def test_freezing_takes_the_startup_objects_out_of_full_collections() -> None:
    keep = [[i] for i in range(50_000)]  # tracked containers that live on
    try:
        frozen = freeze_startup_heap()
        # Frozen objects may still die (the count then drops), so only a floor is exact.
        assert frozen >= 50_000 and gc.get_freeze_count() >= 50_000
        tracked = {id(o) for o in gc.get_objects()}
        assert id(keep[123]) not in tracked  # a full collection no longer walks it
    finally:
        gc.unfreeze()


def test_the_young_threshold_is_set_with_the_freeze_and_validated() -> None:
    import pytest

    from voice_server.config import HttpConfig

    before = gc.get_threshold()
    try:
        freeze_startup_heap(young_threshold=25_000)
        assert gc.get_threshold() == (25_000, *before[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    with pytest.raises(ValueError, match="gc_young_threshold"):
        HttpConfig(gc_young_threshold=10)
