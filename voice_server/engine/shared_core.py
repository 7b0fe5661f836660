"""One vLLM engine core shared by several front-end processes (``http.workers``).

vLLM scales its own API server out the same way (``vllm serve --api-server-count N``): the
supervising process launches the engine core with N client slots, each front-end process
builds an ``AsyncLLM`` that attaches to its slot (``client_addresses``, ``client_count``,
``client_index``), and the engine core schedules the requests of every front end in one
continuous batch. Each front end then has its own event loop, GIL and output processing.

The launch is vLLM's internal API and changed between the releases this server runs on:
0.26 (the GPU image) pre-allocates IPC addresses that each front end binds, while 0.32 (the
CPU build) binds the listeners in the supervisor and hands their sockets to the front ends.
``launch_shared_core`` hides the difference; ``ClientSlot`` is what a front end needs.
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
        addresses: vLLM's ``client_addresses`` for this front end (ZMQ addresses and, on
            vLLM releases that bind them in the supervisor, the listener sockets).
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
        listeners = engine_utils.bind_engine_zmq_listeners(vllm_config, clients)
        try:
            with engine_utils.launch_core_engines(
                vllm_config, executor_class, False, listeners.addresses
            ) as launch:
                slots = [
                    ClientSlot(_slot_addresses(launch.coordinator, {
                        "input_address": inp.address, "output_address": out.address,
                        "input_listener": inp.socket, "output_listener": out.socket,
                    }), clients, i)  # fmt: skip
                    for i, (inp, out) in enumerate(zip(listeners.inputs, listeners.outputs,
                                                       strict=True))  # fmt: skip
                ]
                core = SharedCore(slots, launch.engine_manager, launch.coordinator)
                try:
                    yield core
                finally:  # the front ends hold their own copies of the listener sockets now
                    for listener in (*listeners.inputs, *listeners.outputs):
                        listener.close()
                launch.watched_frontend_processes = core.watched
        except BaseException:
            for listener in (*listeners.inputs, *listeners.outputs):
                listener.cleanup()
            raise
        return
    # vLLM 0.26: IPC paths (one engine on this host) that each front end binds itself.
    older: Any = engine_utils  # typed against the installed (newer) vLLM
    addresses = older.get_engine_zmq_addresses(vllm_config, clients)
    with older.launch_core_engines(
        vllm_config, executor_class, False, addresses, clients
    ) as (manager, coordinator, addresses, _tensor_queue):
        slots = [
            ClientSlot(_slot_addresses(coordinator, {"input_address": inp,
                                                     "output_address": out}), clients, i)
            for i, (inp, out) in enumerate(zip(addresses.inputs, addresses.outputs, strict=True))
        ]  # fmt: skip
        yield SharedCore(slots, manager, coordinator)


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
