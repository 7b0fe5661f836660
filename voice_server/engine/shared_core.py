"""One vLLM engine core shared by several front-end processes (``http.workers``).

vLLM scales its own API server out the same way (``vllm serve --api-server-count N``): the
supervising process launches the engine core with N client slots, each front-end process
builds an ``AsyncLLM`` that attaches to its slot (``client_addresses``, ``client_count``,
``client_index``), and the engine core schedules the requests of every front end in one
continuous batch. Each front end then has its own event loop, GIL and output processing.

The launch is vLLM's internal API and changed between the releases this server runs on
(0.26 on the GPU image, 0.32 in the CPU build); on both, each front end binds its own pair of
IPC paths and the engine core connects to them. ``launch_shared_core`` hides the difference;
``ClientSlot`` is what a front end needs.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class ClientSlot:
    """One front end's attachment to the shared engine core (passed to its process).

    Attributes:
        addresses: vLLM's ``client_addresses`` for this front end (the IPC paths it binds).
        count: front ends attached to the engine core.
        index: this front end's index (0-based).
    """

    addresses: dict[str, Any]
    count: int
    index: int


@dataclass
class SharedCore:
    """The launched engine core: its slots, and what the supervisor watches and stops."""

    slots: list[ClientSlot]
    _manager: Any
    _coordinator: Any
    watched: list[Any] = field(default_factory=list)
    """Front-end processes whose early death aborts the engine's start-up (set by the caller
    before leaving ``launch_shared_core``'s block; vLLM 0.32 and later watch them)."""

    @property
    def processes(self) -> list[Any]:
        """The engine core's processes (``multiprocessing`` processes: ``sentinel``, ``pid``)."""
        return list(getattr(self._manager, "processes", []) or [])

    def shutdown(self, timeout_s: float | None = None) -> None:
        """Stop the engine core (its model runner workers go with it)."""
        if self._manager is not None:
            self._manager.shutdown(timeout=timeout_s)
        if self._coordinator is not None:
            self._coordinator.shutdown(timeout=timeout_s)


@contextlib.contextmanager
def launch_shared_core(engine_args: Any, clients: int) -> Iterator[SharedCore]:
    """Launch one engine core for ``clients`` front ends.

    Start the front-end processes inside the block, passing each its ``ClientSlot``; leaving
    the block waits for the engine core's handshake (it loads the model: tens of seconds),
    while the front ends attach (``attach_async_llm``). On an error inside the block, or in
    the handshake, the engine core is shut down.

    Raises:
        ValueError: ``clients`` < 1.
    """
    if clients < 1:
        raise ValueError("clients must be >= 1")
    from vllm.v1.engine import utils as engine_utils
    from vllm.v1.executor.abstract import Executor

    engine_args._api_process_count = clients
    engine_args._api_process_rank = -1
    vllm_config = engine_args.create_engine_config()
    executor_class = Executor.get_class(vllm_config)
    if hasattr(engine_utils, "bind_engine_zmq_listeners"):  # vLLM 0.32 and later
        # IPC paths only (one engine, on this host): each front end binds its own pair. vLLM's
        # own multi-server launch binds listeners here and hands them over instead: the engine
        # connects into a listener's backlog at once, and a front end that adopted its
        # listener a minute later never got the engine's messages (reproduced; ZMQ's 30 s
        # handshake timeout is the likely cause). A path nobody has bound yet is simply
        # retried by the engine's ZMQ sockets.
        paths = engine_utils.get_engine_zmq_bind_addresses(vllm_config, clients)
        require_ipc([*paths.inputs, *paths.outputs])
        addresses = engine_utils.EngineZmqAddresses(inputs=list(paths.inputs),
                                                    outputs=list(paths.outputs))  # fmt: skip
        with engine_utils.launch_core_engines(
            vllm_config, executor_class, False, addresses
        ) as launch:
            core = SharedCore(_slots(launch.coordinator, addresses, clients),
                              launch.engine_manager, launch.coordinator)  # fmt: skip
            yield core
            launch.watched_frontend_processes = core.watched
        return
    # vLLM 0.26: the same, with its older launch API.
    older: Any = engine_utils  # typed against the installed (newer) vLLM
    addresses = older.get_engine_zmq_addresses(vllm_config, clients)
    require_ipc([*addresses.inputs, *addresses.outputs])
    with older.launch_core_engines(
        vllm_config, executor_class, False, addresses, clients
    ) as (manager, coordinator, addresses, _tensor_queue):
        yield SharedCore(_slots(coordinator, addresses, clients), manager, coordinator)


def require_ipc(paths: list[str]) -> None:
    """The front ends bind these themselves, so they must be IPC paths (a TCP placeholder with
    port 0 would need the port it got to reach the engine)."""
    not_ipc = [p for p in paths if not p.startswith("ipc://")]
    if not_ipc:
        raise RuntimeError(f"vLLM chose non-IPC engine addresses {not_ipc}: a shared engine "
                           "core needs one engine on this host")  # fmt: skip


def _slots(coordinator: Any, addresses: Any, clients: int) -> list[ClientSlot]:
    return [
        ClientSlot(_slot_addresses(coordinator, {"input_address": inp, "output_address": out}),
                   clients, i)  # fmt: skip
        for i, (inp, out) in enumerate(zip(addresses.inputs, addresses.outputs, strict=True))
    ]


def _slot_addresses(coordinator: Any, addresses: dict[str, Any]) -> dict[str, Any]:
    if coordinator is not None:  # only with data parallelism, which the server does not use
        addresses["stats_update_address"] = coordinator.get_stats_publish_address()
    return addresses


def attach_async_llm(engine_args: Any, slot: ClientSlot) -> Any:
    """An ``AsyncLLM`` attached to ``slot`` of a shared engine core (blocks until the engine
    core is up and has connected)."""
    from vllm.v1.engine.async_llm import AsyncLLM

    engine_args._api_process_count = slot.count
    engine_args._api_process_rank = slot.index
    vllm_config = engine_args.create_engine_config()
    return AsyncLLM.from_vllm_config(
        vllm_config,
        enable_log_requests=False,
        disable_log_stats=True,
        client_addresses=dict(slot.addresses),
        client_count=slot.count,
        client_index=slot.index,
    )
