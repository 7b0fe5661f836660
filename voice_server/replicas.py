"""Engine replicas (one per GPU) and the placement of sessions on them.

Theory of operation
-------------------
A replica is one independent vLLM engine (its own engine core process, pinned to one GPU) with
a BiCodec decode worker on the same GPU and a ``Synthesizer`` joining the two. The runtime
starts ``engine.engines_per_gpu`` replicas per device listed by ``engine.devices``
(``resolve_devices``). Several engines on one GPU exist because a busy engine is bound by its
engine core's single scheduling thread, not by the GPU (measured: bench/README.md, "Engine
capacity"); the replicas of one GPU share one decode worker (``decode_worker_groups``), so
decode batches gather windows from all of them.

Why independent engines rather than vLLM's data parallelism: the 0.5B model fits one GPU many
times over, so there is nothing to shard; independent engines need no coordinator process and
no lockstep between ranks; one engine failing leaves the others serving; and the decoder must
sit on the GPU of the engine whose tokens it decodes, which is a per-engine choice anyway. Each
engine is pinned with vLLM's own ``device_ids`` engine argument (see ``engine_args``). This
choice was made by construction: it has not been measured on a multi-GPU host.

Placement (``choose_replica``, pure): a new session goes to the healthy replica with the fewest
placed sessions; ties go to the one whose engine holds fewer unfinished requests, then to the
lowest index. A session holds its ``Placement`` for its whole life, so its voice cache and
every segment stay on one engine and one decoder, and gives it back once when it ends
(``release`` is idempotent). A replica whose engine has failed takes no new session; sessions
already on it fail with it, and the others go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from voice_server.codec.decode_worker import DecodeWorker
    from voice_server.engine.llm import SparkEngine
    from voice_server.synthesis import Synthesizer

CPU = "cpu"


class NoReplicaError(RuntimeError):
    """Every replica's engine has failed: no session can be placed."""


def resolve_devices(
    spec: str, cpu_replicas: int, cuda_count: int, engines_per_gpu: int = 1
) -> list[str]:
    """The device of each replica, from ``engine.devices``.

    Args:
        spec: "all" (every CUDA device, or CPU where there is none), "cpu", or CUDA ordinals
            as this process sees them: "0,1" or "cuda:0,cuda:1".
        cpu_replicas: how many replicas to run when they run on the CPU.
        cuda_count: CUDA devices visible to this process.
        engines_per_gpu: replicas per CUDA device.

    Returns:
        "cuda:N" or "cpu" per replica, in replica order (the replicas of one GPU adjacent).

    Raises:
        ValueError: an unknown, duplicate or absent device.
    """
    spec = spec.strip().lower()
    if spec == "all":
        if cuda_count == 0:
            return [CPU] * cpu_replicas
        return [f"cuda:{i}" for i in range(cuda_count) for _ in range(engines_per_gpu)]
    if spec == CPU:
        return [CPU] * cpu_replicas
    ordinals = parse_ordinals(spec)
    for ordinal in ordinals:
        if ordinal >= cuda_count:
            raise ValueError(
                f"engine.devices names cuda:{ordinal} but this process sees {cuda_count} "
                "CUDA device(s)"
            )
    return [f"cuda:{i}" for i in ordinals for _ in range(engines_per_gpu)]


def front_end_engine(index: int, front_ends: int, engines: int) -> int:
    """The engine (an index into ``resolve_devices``) that front end ``index`` attaches to.

    Front ends are dealt out among the engines in equal numbers, consecutive ones sharing one
    (0 and 1 on engine 0, 2 and 3 on engine 1, for four on two), which is the order in which
    the supervisor starts them on each engine core's slots.

    Raises:
        ValueError: ``front_ends`` is not a multiple of ``engines``, or ``index`` is not one
            of the front ends.
    """
    if engines < 1 or front_ends % engines:
        raise ValueError(f"{front_ends} front ends need as many on each engine; the "
                         f"configuration gives {engines} engines")  # fmt: skip
    if not 0 <= index < front_ends:
        raise ValueError(f"front end {index} of {front_ends}")
    return index // (front_ends // engines)


def decode_worker_groups(decode_devices: Sequence[str]) -> list[int]:
    """Which decode worker each replica uses, given each replica's decode device.

    Replicas whose decoder is on the same CUDA device share one worker (one set of CUDA
    graphs, one batch queue, larger batches); CPU replicas (a testing aid) keep one each.
    Workers are numbered in order of first use.
    """
    first_use: dict[str, int] = {}
    groups: list[int] = []
    count = 0
    for device in decode_devices:
        if device.startswith("cuda"):
            device = "cuda:0" if device == "cuda" else device
            if device not in first_use:
                first_use[device] = count
                count += 1
            groups.append(first_use[device])
        else:
            groups.append(count)
            count += 1
    return groups


def cuda_count() -> int:
    """CUDA devices this process sees. Counting them creates no CUDA context, so vLLM's engine
    processes may still be started after it."""
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def first_device() -> str:
    """``engine.devices`` for one engine on the first device ("0", or "cpu" without CUDA), for
    tools that run or measure a single engine (``say``, ``bench/engine.py``)."""
    import torch

    return "0" if torch.cuda.is_available() else CPU


def parse_ordinals(spec: str) -> list[int]:
    """CUDA ordinals from "0,1" or "cuda:0,cuda:1".

    Raises:
        ValueError: an empty list, a part that is no ordinal, or a repeated ordinal.
    """
    ordinals: list[int] = []
    for part in spec.split(","):
        text = part.strip().lower().removeprefix("cuda:")
        if not text.isdigit():
            raise ValueError(
                f"engine.devices: {part.strip()!r} is not 'all', 'cpu' or a CUDA ordinal"
            )
        ordinals.append(int(text))
    if len(set(ordinals)) != len(ordinals):
        raise ValueError(f"engine.devices lists a device twice: {spec!r}")
    return ordinals


def cuda_index(device: str) -> int | None:
    """N of "cuda:N"; None for the CPU."""
    return int(device.removeprefix("cuda:")) if device.startswith("cuda:") else None


@dataclass(frozen=True)
class Load:
    """What placement knows of one replica.

    Attributes:
        sessions: placements held (live sessions and one-shot requests).
        unfinished_requests: requests its engine holds, running or waiting.
        healthy: its engine has not failed.
    """

    sessions: int
    unfinished_requests: int
    healthy: bool = True


def choose_replica(loads: Sequence[Load]) -> int:
    """Index of the replica a new session goes to (rule in the module docstring).

    Raises:
        NoReplicaError: no replica is healthy.
    """
    healthy = [i for i, load in enumerate(loads) if load.healthy]
    if not healthy:
        raise NoReplicaError("every speech engine has failed")
    return min(healthy, key=lambda i: (loads[i].sessions, loads[i].unfinished_requests, i))


class Replica:
    """One engine, its decode worker on the same device, and the synthesizer joining them.

    Attributes:
        index: position in the runtime's replica list (the ``replica`` metric label).
        device: "cuda:N" or "cpu": where the engine runs.
        decode_device: where the decoder runs (the same, unless ``decode.device`` overrides).
        engine, decoder, synthesizer: the replica's parts.
        sessions: placements held now.
        probed_tokens_per_s: semantic tokens/s the start-up probe measured (None: not run).
    """

    def __init__(self, index: int, device: str, decode_device: str, engine: SparkEngine,
                 decoder: DecodeWorker, synthesizer: Synthesizer) -> None:  # fmt: skip
        self.index = index
        self.device = device
        self.decode_device = decode_device
        self.engine = engine
        self.decoder = decoder
        self.synthesizer = synthesizer
        self.sessions = 0
        self.probed_tokens_per_s: float | None = None  # the start-up probe's throughput

    @property
    def healthy(self) -> bool:
        return not self.engine.errored

    def load(self) -> Load:
        return Load(self.sessions, self.engine.unfinished_requests, self.healthy)


class Placement:
    """A session's hold on one replica, from creation to ``release`` (or the ``with`` block's
    end); see the module docstring."""

    def __init__(self, replica: Replica) -> None:
        self.replica = replica
        self._held = True
        replica.sessions += 1

    @property
    def synthesizer(self) -> Synthesizer:
        return self.replica.synthesizer

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        """Give the replica's slot back (idempotent)."""
        if self._held:
            self._held = False
            self.replica.sessions -= 1

    def __enter__(self) -> Placement:
        return self

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def place(replicas: Sequence[Replica]) -> Placement:
    """A placement on the replica ``choose_replica`` picks.

    Raises:
        NoReplicaError: no replica is healthy (or there are none).
    """
    index = choose_replica([r.load() for r in replicas])
    return Placement(replicas[index])
