"""What the front-end processes of one server share (``http.workers`` > 1).

With several front ends on one port (``supervisor``), a client lands on any of them, so
whatever a client or an operator can observe must not depend on which one it was:

* **Readiness**: ``/readyz`` says ready only once every front end is.
* **Admission counts**: ``limits.max_sessions`` and ``limits.max_sessions_per_ip`` count the
  sessions of every front end. Row ``i`` of a table in shared memory holds a hash of the
  client address of each live session of front end ``i``; only that front end writes its
  row, so there is no lock, and two front ends admitting at the same instant can each miss
  the other's newest session: a limit can be passed by at most ``workers - 1`` for that
  instant.
* **Named voices and the start-up probe**: front end 0 enrolls the named style voices,
  measures what the engine delivers (``SpeechRuntime.probe_capacity``) and publishes both;
  the others take the same codes, so a voice sounds the same whichever front end serves it,
  and a front end sharing that engine takes its share of the probe's throughput instead of
  probing at the same time as the others (each of two probes at once measured half the engine,
  then counted half of that).
* **Authentication**: a key's live sessions (``max_sessions_per_key``), its requests of the
  last minute (``requests_per_minute``) and redeemed browser token nonces sit in the same
  shared block, so the caps, the budget and the single use hold across front ends
  (``auth.SharedAuthState``). Each front end remembers its last ``REQUEST_SLOTS`` keyed
  requests: past that many a minute on one front end, its oldest are forgotten early (the
  budget then undercounts, never overcounts).
* **Metrics**: each front end also listens on a Unix socket of its own in a private run
  directory; ``/metrics`` on any of them gathers the others' over it (``metrics``).
* **WebRTC hang-up**: a ``DELETE`` for a call another front end holds is passed to the others
  over the same sockets (``ask_others``), so a client ends its call wherever its request lands.

The supervisor creates the group (``create``), passes its ``GroupSpec`` to each front end's
process, which opens it (``open``), and removes the run directory at the end.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

START_UP_FILE = "start_up.json"


@dataclass(frozen=True)
class StartUp:
    """What front end 0 publishes once it is loaded.

    Attributes:
        voices: the named voices' global codes (``VoiceLibrary.enrolled_codes``).
        engine_tokens_per_s: what its start-up probe measured the engine deliver, all of it
            (None: the probe is off).
    """

    voices: dict[str, list[int]]
    engine_tokens_per_s: float | None = None
NONCE_SLOTS = 4096
"""Redeemed browser-token nonces each front end remembers until they expire: at the default
60 s TTL, 68 redemptions a second per front end before the oldest is forgotten early."""
REQUEST_SLOTS = 32768
"""Keyed requests each front end remembers for the per-key budgets: 546 a second for the
60 s window before the oldest is forgotten early."""
PEER_TIMEOUT_S = 2.0
LOCAL_ONLY = "front_end=local"
"""Query that keeps a request to the front end it reached (``ask_others`` adds it: no loops)."""


@dataclass(frozen=True)
class GroupSpec:
    """How a front-end process finds its group. Pass it to the front end's process as an
    argument at its start: its shared block travels only that way (``multiprocessing``)."""

    shared: Any  # a multiprocessing RawArray of int64: see FrontEndGroup's layout
    workers: int
    capacity: int
    run_dir: str


def address_key(peer: str) -> int:
    """A non-zero 63-bit key for a client address (also for a key name or a token nonce; 0
    marks a free slot)."""
    digest = hashlib.blake2b(peer.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return (int.from_bytes(digest, "little") & (2**63 - 1)) | 1


class FrontEndGroup:
    """The shared state of the front ends; see the module docstring.

    ``index`` is this process's front end (None in the supervisor, which only creates and
    removes the group).
    """

    def __init__(self, spec: GroupSpec, index: int | None, owner: bool) -> None:
        self.spec = spec
        self.index = index
        self._owner = owner
        words = np.frombuffer(spec.shared, dtype=np.int64)
        n, cap = spec.workers, spec.capacity
        # layout: ready flags | sessions' client addresses | sessions' API keys | token nonces
        # (hash, expiry ms) | keyed requests (hash, time µs); views, not copies
        ready, table, keys, nonces, requests = np.split(
            words, np.cumsum([n, n * cap, n * cap, n * NONCE_SLOTS * 2]))
        self._ready = ready
        self._table = table.reshape(n, cap)
        self._keys = keys.reshape(n, cap)
        self._nonces = nonces.reshape(n, NONCE_SLOTS, 2)
        self._requests = requests.reshape(n, REQUEST_SLOTS, 2)
        self._next_request = 0  # this front end's ring position (only it writes its row)

    @classmethod
    def create(cls, workers: int, capacity: int) -> FrontEndGroup:
        """A new group for ``workers`` front ends of up to ``capacity`` sessions in all, with
        a private run directory (mode 0700)."""
        if workers < 1 or capacity < 1:
            raise ValueError("workers and capacity must be >= 1")
        run_dir = tempfile.mkdtemp(prefix="voice-server-")
        import multiprocessing

        words = workers * (1 + 2 * capacity + 2 * NONCE_SLOTS + 2 * REQUEST_SLOTS)
        shared = multiprocessing.get_context("spawn").RawArray("q", words)
        return cls(GroupSpec(shared, workers, capacity, run_dir), None, owner=True)

    @classmethod
    def open(cls, spec: GroupSpec, index: int) -> FrontEndGroup:
        """Front end ``index``'s view of the group the supervisor created."""
        if not 0 <= index < spec.workers:
            raise ValueError(f"front end index {index} outside 0..{spec.workers - 1}")
        return cls(spec, index, owner=False)

    # -- readiness ------------------------------------------------------------------------

    def mark_ready(self, ready: bool = True) -> None:
        self._ready[self._own()] = 1 if ready else 0

    def all_ready(self) -> bool:
        return bool(np.all(self._ready == 1))

    def ready_count(self) -> int:
        return int(np.count_nonzero(self._ready == 1))

    # -- admission counts -----------------------------------------------------------------

    def add_session(self, peer: str) -> int:
        """Record a live session of this front end from ``peer``; returns its slot.

        Raises:
            RuntimeError: this front end's row is full (it holds ``capacity`` sessions).
        """
        row = self._table[self._own()]
        free = np.flatnonzero(row == 0)
        if free.size == 0:
            raise RuntimeError("the front end's session table is full")
        slot = int(free[0])
        row[slot] = address_key(peer)
        return slot

    def remove_session(self, slot: int) -> None:
        self._table[self._own(), slot] = 0

    def total_sessions(self) -> int:
        """Live sessions over every front end."""
        return int(np.count_nonzero(self._table))

    def sessions_from(self, peer: str) -> int:
        """Live sessions from ``peer`` over every front end."""
        return int(np.count_nonzero(self._table == address_key(peer)))

    # -- authentication: a key's live sessions, redeemed token nonces ----------------------

    def add_key_session(self, key_name: str) -> bool:
        """Record a live session of API key ``key_name`` here; False if this front end's row
        is full (it holds ``capacity`` keyed sessions)."""
        row = self._keys[self._own()]
        free = np.flatnonzero(row == 0)
        if free.size == 0:
            return False
        row[int(free[0])] = address_key(key_name)
        return True

    def remove_key_session(self, key_name: str) -> None:
        row = self._keys[self._own()]
        held = np.flatnonzero(row == address_key(key_name))
        if held.size:
            row[int(held[0])] = 0

    def key_sessions(self, key_name: str) -> int:
        """Live sessions of ``key_name`` over every front end."""
        return int(np.count_nonzero(self._keys == address_key(key_name)))

    def redeem_nonce(self, nonce: str, expires_at: float, now: float) -> bool:
        """True the first time any front end redeems ``nonce`` (until ``expires_at``, wall
        seconds); False if one already has. Two front ends redeeming the same nonce within
        the same microseconds can both succeed (no lock)."""
        key, now_ms = address_key(nonce), int(now * 1000)
        if np.any((self._nonces[:, :, 0] == key) & (self._nonces[:, :, 1] > now_ms)):
            return False
        row = self._nonces[self._own()]
        slot = int(np.argmin(row[:, 1]))  # a free or expired slot, else the soonest to expire
        row[slot] = (key, int(expires_at * 1000))
        return True

    def key_requests(self, key_name: str, since: float) -> tuple[int, float | None]:
        """Requests of ``key_name`` over every front end after ``since`` (``time.monotonic()``
        seconds: one clock for every process of the machine), and the oldest of them."""
        key, since_us = address_key(key_name), int(since * 1e6)
        times = self._requests[:, :, 1][(self._requests[:, :, 0] == key)
                                        & (self._requests[:, :, 1] > since_us)]  # fmt: skip
        return int(times.size), (float(times.min()) / 1e6 if times.size else None)

    def record_key_request(self, key_name: str, now: float) -> None:
        """Remember a request of ``key_name`` at ``now`` (monotonic seconds) in this front
        end's ring, over its oldest entry."""
        row = self._requests[self._own()]
        row[self._next_request] = (address_key(key_name), int(now * 1e6))
        self._next_request = (self._next_request + 1) % REQUEST_SLOTS

    # -- the other front ends ---------------------------------------------------------------

    async def ask_others(self, method: str, path: str) -> dict[int, tuple[int, str] | None]:
        """``method path?front_end=local`` sent to every other front end over its Unix socket:
        by front end index, its status and body, or None (logged) when it does not answer
        within ``PEER_TIMEOUT_S``."""
        own = self._own()
        others = [i for i in range(self.spec.workers) if i != own]
        answers = await asyncio.gather(*(_ask(self.socket_path(i), method, path) for i in others))
        return dict(zip(others, answers, strict=True))

    # -- run directory --------------------------------------------------------------------

    def socket_path(self, index: int) -> str:
        """Front end ``index``'s private Unix socket (its own app, for ``/metrics``)."""
        return os.path.join(self.spec.run_dir, f"frontend-{index}.sock")

    def publish_start_up(self, start_up: StartUp) -> None:
        """Front end 0: publish what it learnt at its start (written whole, then renamed)."""
        path = Path(self.spec.run_dir) / START_UP_FILE
        partial = path.with_suffix(".partial")
        partial.write_text(json.dumps(dataclasses.asdict(start_up)))
        partial.replace(path)

    async def wait_for_start_up(self, timeout_s: float) -> StartUp:
        """What front end 0 published (waiting for it up to ``timeout_s``).

        Raises:
            TimeoutError: nothing was published in time (front end 0 failed to start).
        """
        path = Path(self.spec.run_dir) / START_UP_FILE
        deadline = time.monotonic() + timeout_s
        while not path.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"front end 0 published no voices within {timeout_s:.0f} s")
            await asyncio.sleep(0.1)
        return StartUp(**json.loads(path.read_text()))

    # -- lifetime -------------------------------------------------------------------------

    def remove_run_dir(self) -> None:
        """Supervisor: remove the run directory (after every front end has exited)."""
        import shutil

        if self._owner:
            shutil.rmtree(self.spec.run_dir, ignore_errors=True)

    def _own(self) -> int:
        if self.index is None:
            raise RuntimeError("the supervisor has no front end of its own")
        return self.index


async def _ask(socket_path: str, method: str, path: str) -> tuple[int, str] | None:
    import aiohttp

    separator = "&" if "?" in path else "?"
    try:
        timeout = aiohttp.ClientTimeout(total=PEER_TIMEOUT_S)
        connector = aiohttp.UnixConnector(path=socket_path)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
            url = f"http://front-end{path}{separator}{LOCAL_ONLY}"
            async with client.request(method, url) as response:
                return response.status, await response.text()
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        log.warning("front end at %s did not answer %s %s: %r", socket_path, method, path, exc)
        return None
