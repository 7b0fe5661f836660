"""``serve`` with ``http.workers`` > 1: several front-end processes, sharing one engine core
or running one engine core each.

Why: one event loop (and one GIL) runs every session's pacing, framing and sends; at several
hundred sessions its lateness is what turns sessions away (docs/PERFORMANCE.md, "Where 600
stops today"). Here the supervisor (this process) launches the vLLM engine core with one
client slot per front end (``engine/shared_core``), then starts each front end: a whole server
app in a process of its own, attached to its slot, listening on the same port
(``SO_REUSEPORT``: the kernel deals new connections out among them) and on a private Unix
socket (``frontend_group``: what they share). The engine core schedules every front end's
requests in one continuous batch. Where the configuration gives several engines
(``engine.engines_per_gpu`` 2: a busy engine is bound by its scheduling thread, so two
engines carry more streams than one), the front ends are dealt out among them in equal
numbers, one engine core for each group, launched one after another (vLLM sizes an engine's
memory from what the GPU has free as it starts): one front end each by default, more where
one event loop per engine is the limit (``http.workers`` 4 with two engines). With
``decode.placement`` process the supervisor starts one decoder process for all front ends
once the engine cores have sized their memory; its passes merge the front ends' batches
(``codec/host_serving``). With ``frontend`` each front end loads its own decoder.

Lifetime: ``SIGTERM`` or ``SIGINT`` to the supervisor is passed to every front end, which
closes its sessions as a single server does (``http.shutdown_grace_s``); then the engine
core and the decoder stop. If a front end, the decoder process or the engine core dies, the
supervisor stops the rest and exits
with status 1: a process manager restarts the whole server (sessions of the dead part are
gone either way, and a half-served port would hide it). A supervisor killed outright takes
its front ends and decoder process with it (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
import secrets
import signal
import sys
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from voice_server.config import ServerConfig
from voice_server.frontend_group import FrontEndGroup, GroupSpec
from voice_server.model_dir import ModelDir

if TYPE_CHECKING:  # the decoder's modules import torch: only when a server starts
    from voice_server.codec.decoder_host import DecoderAddress, HostSpec

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
FRONT_END_COMM = "front-end-"
"""A front-end process's OS name (``/proc/PID/comm``) is this and its index."""
DECODER_SOCKET = "decoder.sock"
"""The shared decoder process's socket, in the group's private run directory."""


def check_config(config: ServerConfig, cuda_count: int) -> None:
    """Refuse settings a group of front ends cannot honour.

    Raises:
        ValueError: with the setting to change.
    """
    from voice_server.replicas import resolve_devices

    if config.http.port == 0:
        raise ValueError("http.workers > 1 needs a fixed http.port (front ends share it)")
    if config.decode.placement == "engine":
        raise ValueError("http.workers > 1 needs decode.placement frontend or process "
                         "(an engine-hosted decoder serves one front end)")  # fmt: skip
    devices = resolve_devices(config.engine.devices, config.engine.cpu_replicas, cuda_count,
                              config.engine.engines_on_each_gpu)  # fmt: skip
    workers = config.http.workers or 1
    if workers % len(devices):  # replicas.front_end_engine deals them out
        raise ValueError(f"http.workers {workers} needs as many front ends on each engine; "
                         f"engine.devices, engine.cpu_replicas and engine.engines_per_gpu give "
                         f"{len(devices)} engines")  # fmt: skip
    if config.decode.placement == "process" and len(set(devices)) != 1:
        raise ValueError("decode.placement process with http.workers > 1 needs every engine on "
                         "one device (one decoder process serves them all)")
    gpu_shared = [d for d in devices if d != "cpu" and devices.count(d) > 1]
    if len(devices) > 1 and gpu_shared and config.decode.placement != "process":
        # A front end's own decoder would load while the next engine sizes its KV cache from
        # the memory it sees free, taking memory that engine counted on.
        raise ValueError(f"several engines on {gpu_shared[0]}, a front end each, need "
                         f"decode.placement process")  # fmt: skip


def with_shared_token_secret(config: ServerConfig) -> ServerConfig:
    """A token minted by one front end must verify on the others: without a configured
    ``auth.token_secret`` each would sign with its own random one, so the supervisor draws
    one for all (it reaches them with their start arguments, never a command line)."""
    if config.auth.token_secret:
        return config
    secret = secrets.token_hex(32)
    return dataclasses.replace(config, auth=dataclasses.replace(config.auth, token_secret=secret))


def run(config: ServerConfig, model: ModelDir, log_level: str, log_json: bool) -> int:
    """Serve with ``config.http.workers`` front ends until a stop signal; the exit status."""
    from voice_server.engine.llm import engine_args, fit_to_model
    from voice_server.engine.shared_core import launch_shared_core
    from voice_server.replicas import cuda_count, cuda_index, resolve_devices
    from voice_server.codec.decoder_host import start_decoder_process
    from voice_server.runtime import pick_device

    cudas = cuda_count()
    check_config(config, cudas)
    devices = resolve_devices(config.engine.devices, config.engine.cpu_replicas, cudas,
                              config.engine.engines_on_each_gpu)  # fmt: skip
    workers = config.http.workers
    assert workers is not None  # ``serve`` settled it (``config.settle_front_ends``)
    config = with_shared_token_secret(config)
    config = dataclasses.replace(config, engine=fit_to_model(config.engine, model.max_positions()))
    stop = _StopFlag()
    group = FrontEndGroup.create(workers, config.limits.max_sessions)
    context = multiprocessing.get_context("spawn")
    front_ends: list[Any] = []
    decoder_spec = shared_decoder_spec(config, model, group.spec.run_dir, workers)
    decoder = None
    cores: list[Any] = []
    vocab = _audio_head_vocab(config, model)

    def start_front_end(index: int, device: str, slot: Any) -> Any:
        process = context.Process(
            target=front_end_main, name=f"voice-server-front-end-{index}",
            args=(config, model, index, device, slot, group.spec, log_level, log_json,
                  decoder_spec.address() if decoder_spec else None),
        )  # fmt: skip
        process.start()
        front_ends.append(process)
        return process

    try:
        log.info("front ends' private sockets in %s", group.spec.run_dir)
        per_engine = workers // len(devices)  # check_config: a whole number
        # Front end ``engine * per_engine + slot``: the order replicas.front_end_engine reads.
        for engine, device in enumerate(devices):  # one after another: see the docstring
            log.info("starting engine core %d of %d on %s for %d front end%s", engine + 1,
                     len(devices), device, per_engine, "s" if per_engine > 1 else "")  # fmt: skip
            args = engine_args(str(model.llm), config.engine, cuda_index(device), vocab)
            with launch_shared_core(args, per_engine) as core:
                core.watched = [start_front_end(engine * per_engine + slot.index, device, slot)
                                for slot in core.slots]  # fmt: skip
            cores.append(core)
            Path(group.spec.run_dir, ENGINE_UP_FILE).touch()  # a late front end may go on
        if decoder_spec is not None:  # after the engine cores sized their GPU memory
            decode_device = pick_device(config.decode.device, devices[0])
            log.info("starting the decoder process for %d front ends on %s", workers,
                     decode_device)  # fmt: skip
            decoder = start_decoder_process(decoder_spec, decode_device)
        log.info("%s up; %d front ends on http://%s:%d",
                 "engine core" if len(cores) == 1 else f"{len(cores)} engine cores", workers,
                 config.http.host, config.http.port)  # fmt: skip
        engine_processes = [p for core in cores for p in core.processes]
        return _watch(front_ends + ([decoder] if decoder else []), engine_processes, stop)
    finally:
        _stop_front_ends(front_ends, config.http.shutdown_grace_s + 10.0)
        if decoder is not None:
            _stop_decoder(decoder)
        for core in cores:
            core.shutdown(timeout_s=10.0)
        group.remove_run_dir()
        stop.restore()


def _audio_head_vocab(config: ServerConfig, model: ModelDir) -> Any:
    """The tokenizer's ids when the engine has the audio head (it needs them), else None."""
    if not config.engine.audio_head:
        return None
    from voice_server.engine.tokenizer import SparkTokenizer

    return SparkTokenizer.for_model(model).vocab


def shared_decoder_spec(config: ServerConfig, model: ModelDir, run_dir: str,
                        workers: int) -> HostSpec | None:  # fmt: skip
    """The decoder process every front end joins (``decode.placement`` process), or None."""
    from voice_server.codec.decoder_host import HostSpec
    from voice_server.codec.host_serving import KEY_BYTES
    from voice_server.runtime import aligned_to_engine, decoder_settings

    if config.decode.placement != "process":
        return None
    decode = aligned_to_engine(config.decode, config.engine)
    return HostSpec(decoder_settings(model, decode),
                    socket_path=str(Path(run_dir, DECODER_SOCKET)),
                    key_hex=secrets.token_hex(KEY_BYTES),
                    clients=workers * config.decode.lanes,
                    first_connection_s=None)  # fmt: skip


def _watch(processes: list[Any], engine_processes: list[Any], stop: _StopFlag) -> int:
    """Block until a stop signal (0) or until any process dies (1)."""
    watched = {p.sentinel: p for p in [*processes, *engine_processes]}
    while not stop.requested:
        ended = wait(list(watched), timeout=0.5)
        if ended:
            process = watched[ended[0]]  # type: ignore[index]
            process.join(5.0)  # its sentinel closes a moment before it can be reaped
            log.error("%s (pid %s) exited with status %s; stopping the server", process.name,
                      process.pid, process.exitcode)  # fmt: skip
            return 1
    log.info("stop requested: closing the front ends' sessions")
    return 0


def _stop_front_ends(front_ends: list[Any], timeout_s: float) -> None:
    """SIGTERM each front end (a graceful close of its sessions), wait, kill what remains."""
    for process in front_ends:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + timeout_s
    for process in front_ends:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            log.warning("%s did not stop in %.0f s; killing it", process.name, timeout_s)
            process.kill()
            process.join(5.0)


def _stop_decoder(process: Any) -> None:
    """It ends by itself once the front ends closed their connections; one that never
    connected (it died first) leaves it waiting: then SIGTERM, then SIGKILL."""
    process.join(10.0)
    if process.is_alive():
        process.terminate()
        process.join(5.0)
    if process.is_alive():
        process.kill()
        process.join(5.0)


class _StopFlag:
    """Turns the stop signals into a flag the watch loop polls (restored on ``restore``)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous = {sig: signal.signal(sig, self._set) for sig in STOP_SIGNALS}

    def _set(self, signum: int, frame: Any) -> None:
        self.requested = True

    def restore(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


LATE_START_ENV = "VOICE_SERVER_TEST_LATE_FRONT_END"
"""``INDEX:SECONDS``: that front end attaches to the engine core only SECONDS after the engine
core is up and connecting to it, as one on a loaded host may (the tests prove it still gets
the engine's connections)."""
ENGINE_UP_FILE = "engine-up"
"""Created in the run directory once the (first) engine core's handshake is done."""


def _late_start_for_tests(index: int, run_dir: str) -> None:
    value = os.environ.get(LATE_START_ENV, "")
    if value:
        late_index, _, seconds = value.partition(":")
        if int(late_index) == index:
            while not Path(run_dir, ENGINE_UP_FILE).exists():
                time.sleep(0.1)
            time.sleep(float(seconds))


def front_end_main(config: ServerConfig, model: ModelDir, index: int, device: str, slot: Any,
                   spec: GroupSpec, log_level: str, log_json: bool,
                   decoder: DecoderAddress | None) -> None:  # fmt: skip
    """Front end ``index``'s process: the whole server app, attached to ``slot`` of the engine
    core on ``device``."""
    from aiohttp import web

    from voice_server.app import create_app, load_failed, run_options
    from voice_server.engine.llm import engine_args
    from voice_server.engine.shared_core import attach_async_llm
    from voice_server.logging_setup import configure_logging
    from voice_server.os_names import die_with_parent, name_os_thread
    from voice_server.replicas import cuda_index
    from voice_server.runtime import FrontEnd

    name_os_thread(f"{FRONT_END_COMM}{index}")  # its CPU can be told apart (ws_load)
    die_with_parent()  # a SIGKILLed supervisor cannot stop its front ends
    configure_logging(log_level, json=log_json)
    group = FrontEndGroup.open(spec, index)
    # First, while the engine core loads: it connects to this front end once it is up. Inside
    # the loop that will serve, so that the client's sockets and output handler belong to it.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    args = engine_args(str(model.llm), config.engine, cuda_index(device),
                       _audio_head_vocab(config, model))

    async def attach() -> Any:
        return attach_async_llm(args, slot)  # blocks this loop until the engine is up

    _late_start_for_tests(index, spec.run_dir)
    llm = loop.run_until_complete(attach())
    app = create_app(config, model, front_end=FrontEnd(slot, group, llm, decoder),
                     stop_on_load_failure=True)  # fmt: skip
    web.run_app(app, loop=loop, path=group.socket_path(index), reuse_port=True,
                **run_options(config))  # fmt: skip
    if load_failed(app):
        sys.exit(1)  # the supervisor stops the others too
