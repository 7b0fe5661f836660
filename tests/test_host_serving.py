"""One decoder host serving several front ends (``codec/host_serving``): which batches merge,
what is refused alone, and a real host (the golden BiCodec on the CPU, in a thread) serving
three connections as the front ends of ``http.workers`` 3 would."""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from voice_server.codec.batch_decoding import build_local_decoder
from voice_server.codec.bicodec import BiCodecConfig
from voice_server.codec.decoder_host import (
    DecoderAddress,
    DecoderSettings,
    HostedDecodeError,
    HostedDecoder,
    HostSpec,
    serve_decoder,
)
from voice_server.codec.host_serving import (
    HostRequest,
    check_request,
    merge_requests,
    urgent_batches,
)

GOLDEN_BICODEC = Path(__file__).parent / "fixtures" / "bicodec_golden" / "BiCodec"
SETTINGS = DecoderSettings(str(GOLDEN_BICODEC), dtype="float32", fuse_activations=False,
                           cuda_graphs=False, window_lengths=(24,), max_batch=16)  # fmt: skip


def request(client: int, rows: int, length: int, deadline: float, seq: int) -> HostRequest:
    return HostRequest(client, np.zeros((rows, length), np.int64), [(0,) * 32] * rows,
                       deadline, seq)  # fmt: skip


def test_the_most_urgent_batch_leads_and_batches_of_its_length_join_while_rows_fit() -> None:
    pending = [
        request(0, 4, 24, deadline=3.0, seq=0),
        request(1, 2, 24, deadline=1.0, seq=1),  # the most urgent: it leads
        request(2, 8, 40, deadline=2.0, seq=2),
        request(3, 12, 24, deadline=2.5, seq=3),  # would make 18 rows: waits
        request(4, 4, 24, deadline=4.0, seq=4),
    ]
    merged = merge_requests(pending, max_rows=10)
    assert [r.client for r in merged] == [1, 0, 4]  # 2 + 4 + 4 rows; 40-long waits


def test_the_most_urgent_batch_runs_even_alone_and_larger_than_the_rows() -> None:
    pending = [request(0, 20, 24, 1.0, 0), request(1, 1, 24, 2.0, 1)]
    assert [r.client for r in merge_requests(pending, max_rows=16)] == [0]
    ties = [request(5, 1, 24, 1.0, 7), request(6, 1, 24, 1.0, 3)]
    assert [r.client for r in merge_requests(ties, max_rows=1)] == [6]  # arrival breaks ties


def test_a_batch_that_could_fail_a_merged_pass_is_refused_on_arrival() -> None:
    config = BiCodecConfig.from_yaml(GOLDEN_BICODEC / "config.yaml")
    voice = (1,) * config.global_token_count
    good = np.ones((2, 5), np.int64)
    assert check_request(good, [voice, voice], config) is None
    cases = [
        (np.ones(5, np.int64), [voice], "non-empty"),
        (np.ones((0, 5), np.int64), [], "non-empty"),
        (np.ones((1, 5)), [voice], "integers"),
        (np.full((1, 5), config.semantic_codebook_size), [voice], "out of range"),
        (np.full((1, 5), -1), [voice], "out of range"),
        (good, [voice], "one voice per row"),
        (good, (voice, voice), "one voice per row"),
        (good, [voice, voice[:-1]], "global codes"),
        (good, [voice, (config.global_codebook_size,) * len(voice)], "out of range"),
        (good, [voice, ("1",) * len(voice)], "out of range"),
        ([[1, 2]], [voice], "non-empty"),
    ]
    for codes, voices, why in cases:
        assert why in (check_request(codes, voices, config) or ""), (codes, voices)
    assert check_request(good, [voice, voice], config, 4) is None
    for skip in (5, -1, True, 1.0, "1", None):  # a pass would fail on it, or crop wrongly
        assert "skip_tokens" in (check_request(good, [voice, voice], config, skip) or ""), skip


class Host:
    """A real decoder host in a thread of this process, expecting ``clients`` connections."""

    def __init__(self, clients: int, settings: DecoderSettings = SETTINGS) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="host-serving-")
        key = bytes(range(32))
        self.spec = HostSpec(settings, socket_path=f"{self._dir.name}/decoder.sock",
                             key_hex=key.hex(), clients=clients)  # fmt: skip
        self.errors: list[BaseException] = []
        ready = threading.Event()

        class Ready:
            def ok(_, info: dict[str, Any]) -> None:
                ready.set()

            def fail(_, error: BaseException) -> None:
                self.errors.append(error)
                ready.set()

        self.thread = threading.Thread(target=serve_decoder, args=(self.spec, "cpu", Ready()),
                                       daemon=True)  # fmt: skip
        self.thread.start()
        assert ready.wait(60) and not self.errors

    async def connect(self) -> HostedDecoder:
        return await HostedDecoder.connect(SETTINGS, self.spec.address(), timeout_s=30)

    def close(self) -> None:
        self._dir.cleanup()


@pytest.fixture
def local() -> Iterator[Any]:
    decoder = build_local_decoder(str(GOLDEN_BICODEC), "cpu", dtype="float32",
                                  fuse_activations=False, cuda_graphs=False,
                                  window_lengths=(24,), max_batch=16)  # fmt: skip
    yield decoder
    decoder.close()


def batch(seed: int, rows: int, length: int) -> tuple[np.ndarray, list[tuple[int, ...]]]:
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 8192, (rows, length))
    voices = [tuple(int(c) for c in rng.integers(0, 4096, 32)) for _ in range(rows)]
    return codes, voices


async def test_batches_of_several_front_ends_are_decoded_in_one_pass_and_each_gets_its_rows(
    local: Any,
) -> None:
    """Front end A's long batch keeps the host busy while B and C send batches of another
    length: the host's next pass holds both (B leads: its deadline is earlier), and each
    front end gets exactly the audio its rows decode to alone (from the least token any of
    the pass's batches skips: before it, zeros)."""
    host = Host(clients=3)
    a, b, c = [await host.connect() for _ in range(3)]
    jobs = {"a": (a, *batch(1, 16, 100), 1.0), "b": (b, *batch(2, 3, 24), 2.0),
            "c": (c, *batch(3, 5, 24), 3.0)}  # fmt: skip
    skips = {"a": 0, "b": 3, "c": 10}
    results: dict[str, np.ndarray] = {}

    def run(name: str) -> None:
        hosted, codes, voices, deadline = jobs[name]
        results[name] = hosted.decode_batch(codes, voices, deadline, skips[name])

    try:
        first = threading.Thread(target=run, args=("a",))
        first.start()
        time.sleep(0.05)  # A's 16 x 100 batch takes a few hundred ms here
        others = [threading.Thread(target=run, args=(n,)) for n in ("b", "c")]
        for thread in others:
            thread.start()
        for thread in (first, *others):
            thread.join(60)
        for name, (_, codes, voices, _) in jobs.items():
            alone = local.decode_batch(codes, voices)
            assert results[name].shape == alone.shape
            kept = min(skips[name], skips["b"]) * 320  # B and C shared a pass: B's skip
            assert np.abs(results[name][:, kept:] - alone[:, kept:]).max() < 1e-4, name
            assert not results[name][:, :kept].any(), name
        assert a.counters.shared_batch_sizes == {16: 1}
        assert b.counters.shared_batch_sizes == {8: 1}  # B's 3 rows and C's 5, B leading
        assert c.counters.shared_batch_sizes == {}
        assert b.counters.shared_decode_seconds > 0 and c.counters.shared_decode_seconds == 0
        # each batch's wait in the host is counted once, on its own front end; B and C, sent
        # during A's pass, waited for the rest of it, A for none
        for front in (a, b, c):
            assert sum(front.counters.shared_queue_counts.values()) == 1
        wait_a = a.counters.shared_queue_seconds
        assert b.counters.shared_queue_seconds > wait_a and c.counters.shared_queue_seconds > wait_a
        # every voice was new: each d-vector counted once, for the batch that brought it
        assert (a.counters.speaker_cache_misses, b.counters.speaker_cache_misses,
                c.counters.speaker_cache_misses) == (16, 3, 5)  # fmt: skip
        assert a.shared and a.info["clients"] == 3
    finally:
        for hosted in (a, b, c):
            await asyncio.to_thread(hosted.close)
    host.thread.join(10)
    assert not host.thread.is_alive()  # all three came and went: the host ended
    host.close()


@pytest.mark.parametrize("urgent_ms", [0.0, 50.0])
async def test_a_batch_due_now_runs_beside_a_pass_in_progress_on_the_urgent_stream(
    local: Any, urgent_ms: float
) -> None:
    """A's long pass is running when B's one-row batch, due now, arrives: with the urgent
    stream B's audio comes back before A's pass ends (and counts as an urgent pass); with
    none, B waits for it. Either way each gets the audio its rows decode to alone."""
    settings = dataclasses.replace(SETTINGS, urgent_within_ms=urgent_ms, urgent_rows=4)
    host = Host(clients=2, settings=settings)
    a, b = await host.connect(), await host.connect()
    jobs = {"a": (a, *batch(6, 16, 100), time.monotonic() + 60.0),
            "b": (b, *batch(7, 1, 24), 0.0)}  # fmt: skip
    results: dict[str, np.ndarray] = {}
    finished: dict[str, float] = {}

    def run(name: str) -> None:
        hosted, codes, voices, deadline = jobs[name]
        results[name] = hosted.decode_batch(codes, voices, deadline)
        finished[name] = time.monotonic()

    try:
        first = threading.Thread(target=run, args=("a",))
        first.start()
        time.sleep(0.05)  # A's 16 x 100 pass takes a few hundred ms here
        second = threading.Thread(target=run, args=("b",))
        second.start()
        for thread in (first, second):
            thread.join(60)
        for name, (_, codes, voices, _) in jobs.items():
            assert np.abs(results[name] - local.decode_batch(codes, voices)).max() < 1e-4, name
        if urgent_ms:
            assert finished["b"] < finished["a"]
            assert (a.counters.urgent_passes, b.counters.urgent_passes) == (0, 1)
            assert b.counters.shared_batch_sizes == {1: 1}
        else:
            assert finished["b"] > finished["a"]
            assert b.counters.urgent_passes == 0
    finally:
        for hosted in (a, b):
            await asyncio.to_thread(hosted.close)
    host.thread.join(10)
    assert not host.thread.is_alive()
    host.close()


def test_the_urgent_stream_takes_batches_due_soon_small_enough_and_of_a_graphed_length() -> None:
    pending = [
        request(0, 1, 10, deadline=10.00, seq=0),  # due now
        request(1, 1, 10, deadline=10.04, seq=1),  # due within 50 ms
        request(2, 1, 10, deadline=10.06, seq=2),  # not yet
        request(3, 9, 10, deadline=10.00, seq=3),  # too many rows
        request(4, 1, 33, deadline=10.00, seq=4),  # no graph of that length
    ]
    due = urgent_batches(pending, now=10.0, within_s=0.05, max_rows=8,
                         covers=lambda length: length == 10)  # fmt: skip
    assert [r.client for r in due] == [0, 1]


async def test_a_bad_batch_or_a_departed_front_end_costs_the_others_nothing() -> None:
    host = Host(clients=2)
    with pytest.raises(RuntimeError, match="refused"):  # a connection without the key
        await HostedDecoder.connect(SETTINGS, DecoderAddress(host.spec.socket_path, "00" * 32),
                                    timeout_s=10)  # fmt: skip
    a, b = await host.connect(), await host.connect()
    try:
        codes, voices = batch(4, 2, 24)
        with pytest.raises(HostedDecodeError, match="out of range"):
            a.decode_batch(np.full((1, 24), 10**6), voices[:1])
        assert b.decode_batch(codes, voices).shape == (2, 24 * 320)
        assert a.decode_batch(codes, voices).shape == (2, 24 * 320)  # A is still served
        await asyncio.to_thread(a.close)
        assert b.decode_batch(codes[:1], voices[:1]).shape == (1, 24 * 320)
        assert host.thread.is_alive()  # B is still connected
    finally:
        await asyncio.to_thread(b.close)
    host.thread.join(10)
    assert not host.thread.is_alive()
    host.close()


async def test_a_connection_that_sends_no_key_holds_nobody_up_and_is_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    from voice_server.codec import host_serving

    monkeypatch.setattr(host_serving, "KEY_WAIT_S", 2.0)
    host = Host(clients=1)
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.connect(host.spec.socket_path)  # and never says anything
    try:
        started = time.monotonic()
        hosted = await host.connect()
        codes, voices = batch(5, 1, 24)
        assert hosted.decode_batch(codes, voices).shape == (1, 24 * 320)
        assert time.monotonic() - started < 1.5  # not after the silent one's 2 s
        silent.settimeout(10)
        assert silent.recv(1) == b""  # closed by the host once its 2 s were up
        assert time.monotonic() - started >= 1.9
        await asyncio.to_thread(hosted.close)
    finally:
        silent.close()
    host.thread.join(10)
    assert not host.thread.is_alive()
    host.close()


async def test_a_front_end_waits_for_a_host_that_is_still_loading() -> None:
    """The supervisor starts the decoder process once the engine is up; front ends that
    get there first wait for it to listen."""
    with tempfile.TemporaryDirectory() as run_dir:
        spec = HostSpec(SETTINGS, socket_path=f"{run_dir}/decoder.sock", key_hex="ab" * 32)
        joining = asyncio.create_task(HostedDecoder.connect(SETTINGS, spec.address(), 30))
        await asyncio.sleep(1.0)
        assert not joining.done()
        thread = threading.Thread(target=serve_decoder, args=(spec, "cpu", _Quiet()),
                                  daemon=True)  # fmt: skip
        thread.start()
        hosted = await asyncio.wait_for(joining, 60)
        assert not hosted.shared
        await asyncio.to_thread(hosted.close)
        thread.join(10)
        assert not thread.is_alive()
        with pytest.raises(RuntimeError, match="no decoder listened"):
            await HostedDecoder.connect(SETTINGS, spec.address(), timeout_s=0.5)


class _Quiet:
    def ok(self, info: dict[str, Any]) -> None:
        pass

    def fail(self, error: BaseException) -> None:
        raise AssertionError(error)
