"""The front ends' shared state: readiness, admission counts across processes, voices."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from voice_server.config import LimitsConfig
from voice_server.frontend_group import FrontEndGroup, GroupSpec, StartUp, address_key
from voice_server.registry import AdmissionError, SessionRegistry


@pytest.fixture
def group() -> Iterator[FrontEndGroup]:
    supervisor = FrontEndGroup.create(workers=3, capacity=4)
    yield supervisor
    supervisor.remove_run_dir()


def test_ready_only_once_every_front_end_is(group: FrontEndGroup) -> None:
    fronts = [FrontEndGroup.open(group.spec, i) for i in range(3)]
    fronts[0].mark_ready()
    fronts[2].mark_ready()
    assert not group.all_ready() and group.ready_count() == 2
    fronts[1].mark_ready()
    assert group.all_ready()
    fronts[1].mark_ready(False)
    assert not fronts[0].all_ready()


def test_sessions_count_over_every_front_end_and_per_address(group: FrontEndGroup) -> None:
    a, b = FrontEndGroup.open(group.spec, 0), FrontEndGroup.open(group.spec, 1)
    slots = [a.add_session("10.0.0.1"), a.add_session("10.0.0.2"), b.add_session("10.0.0.1")]
    assert group.total_sessions() == 3
    assert b.sessions_from("10.0.0.1") == 2 and a.sessions_from("10.0.0.2") == 1
    assert a.sessions_from("10.0.0.3") == 0
    a.remove_session(slots[0])
    assert group.total_sessions() == 2 and b.sessions_from("10.0.0.1") == 1
    assert a.add_session("10.0.0.9") == slots[0]  # the freed slot is reused


def test_a_full_row_refuses_instead_of_overwriting(group: FrontEndGroup) -> None:
    a = FrontEndGroup.open(group.spec, 0)
    for i in range(4):
        a.add_session(f"10.0.0.{i}")
    with pytest.raises(RuntimeError, match="full"):
        a.add_session("10.0.0.99")
    assert group.total_sessions() == 4


def test_the_supervisor_has_no_row_and_indices_are_checked(group: FrontEndGroup) -> None:
    with pytest.raises(RuntimeError, match="supervisor"):
        group.add_session("10.0.0.1")
    with pytest.raises(ValueError, match="outside"):
        FrontEndGroup.open(group.spec, 3)


def test_address_keys_are_nonzero_and_stable() -> None:
    assert address_key("") != 0 and address_key("::1") == address_key("::1")
    assert address_key("10.0.0.1") != address_key("10.0.0.2")


def _child(spec: GroupSpec, peers: list[str]) -> None:
    group = FrontEndGroup.open(spec, 1)
    for peer in peers:
        group.add_session(peer)
    group.mark_ready()


def test_another_process_sees_the_same_table(group: FrontEndGroup) -> None:
    """The block is shared memory, not a copy: a spawned front end's sessions count here."""
    child = multiprocessing.get_context("spawn").Process(
        target=_child, args=(group.spec, ["192.0.2.7", "192.0.2.7"]))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert group.total_sessions() == 2
    assert FrontEndGroup.open(group.spec, 0).sessions_from("192.0.2.7") == 2
    assert group.ready_count() == 1


async def test_voices_and_the_probe_published_by_front_end_0_reach_the_others(
    group: FrontEndGroup,
) -> None:
    first, other = FrontEndGroup.open(group.spec, 0), FrontEndGroup.open(group.spec, 2)
    waiting = asyncio.create_task(other.wait_for_start_up(timeout_s=5))
    await asyncio.sleep(0.15)
    assert not waiting.done()
    first.publish_start_up(StartUp({"alloy": [1, 2, 3]}, 8123.5))
    assert await waiting == StartUp({"alloy": [1, 2, 3]}, 8123.5)
    first.publish_start_up(StartUp({"alloy": [4]}))  # the probe off: nothing measured
    assert await other.wait_for_start_up(timeout_s=1) == StartUp({"alloy": [4]}, None)


async def test_waiting_for_voices_times_out_with_a_reason(group: FrontEndGroup) -> None:
    with pytest.raises(TimeoutError, match="front end 0"):
        await FrontEndGroup.open(group.spec, 1).wait_for_start_up(timeout_s=0.2)


@dataclass(eq=False)
class HeldSession:
    """What the registry needs of a session (it only counts them here)."""

    is_busy: bool = False
    has_spoken: bool = True

    async def close(self, code: int, reason: str) -> None:
        pass


def test_two_front_ends_registries_share_the_session_and_address_caps(
    group: FrontEndGroup,
) -> None:
    limits = LimitsConfig(max_sessions=3, max_sessions_per_ip=2, min_stream_token_rate=0)
    refused: list[str] = []
    first = SessionRegistry(limits, None, group=FrontEndGroup.open(group.spec, 0))
    second = SessionRegistry(limits, None, group=FrontEndGroup.open(group.spec, 1))
    first.on_refusal = second.on_refusal = refused.append
    a, b = HeldSession(), HeldSession()
    first.admit(a, "10.0.0.1")
    second.admit(b, "10.0.0.1")
    with pytest.raises(AdmissionError) as per_address:  # its third session, on either one
        first.admit(HeldSession(), "10.0.0.1")
    assert per_address.value.code == "too_many_sessions"
    second.admit(HeldSession(), "10.0.0.2")
    with pytest.raises(AdmissionError) as full:  # three in all: the limit counts both
        first.admit(HeldSession(), "10.0.0.3")
    assert full.value.code == "server_busy"
    assert refused == ["per_address", "session_limit"]
    second.release(b)
    first.admit(HeldSession(), "10.0.0.3")  # a place freed on the other front end
    assert group.total_sessions() == 3 and len(first) == 2 and len(second) == 1


def test_a_shared_engine_core_needs_ipc_paths_the_front_ends_can_bind_themselves() -> None:
    from voice_server.engine.shared_core import require_ipc

    require_ipc(["ipc:///tmp/a", "ipc:///tmp/b"])
    with pytest.raises(RuntimeError, match="tcp://127.0.0.1:0"):
        require_ipc(["ipc:///tmp/a", "tcp://127.0.0.1:0"])


def test_key_sessions_and_redeemed_nonces_hold_over_every_front_end(group: FrontEndGroup) -> None:
    a, b = FrontEndGroup.open(group.spec, 0), FrontEndGroup.open(group.spec, 1)
    assert a.add_key_session("team") and b.add_key_session("team") and a.add_key_session("x")
    assert b.key_sessions("team") == 2 and a.key_sessions("x") == 1
    b.remove_key_session("team")
    b.remove_key_session("team")  # nothing left to remove here: the other front end's stays
    assert a.key_sessions("team") == 1
    assert [a.add_key_session("y") for _ in range(3)] == [True, True, False]  # row of 4 full

    assert a.redeem_nonce("n1", expires_at=160.0, now=100.0)
    assert not b.redeem_nonce("n1", expires_at=160.0, now=120.0)  # used on the other one
    assert b.redeem_nonce("n1", expires_at=160.0, now=161.0)  # expired: forgotten (and refused
    # by the token's own expiry before it gets here)


def test_a_keys_session_cap_and_a_tokens_single_use_span_the_front_ends(
    group: FrontEndGroup,
) -> None:
    from voice_server.auth import AuthConfig, Authenticator, TooManyRequests, Unauthorized

    config = AuthConfig(enabled=True, api_keys="sk-front-end-test-key", max_sessions_per_key=2,
                        token_secret="s" * 64)  # fmt: skip
    front = [Authenticator(config, shared=FrontEndGroup.open(group.spec, i)) for i in (0, 1)]
    key = front[0].principal_for_key("sk-front-end-test-key")
    assert key is not None
    front[0].acquire_session(key)
    front[1].acquire_session(key)
    for auth in front:
        with pytest.raises(TooManyRequests):
            auth.acquire_session(key)
    front[0].release_session(key)
    front[0].release_session(key)  # an extra release frees nothing of front end 1's
    front[1].acquire_session(key)
    with pytest.raises(TooManyRequests):
        front[0].acquire_session(key)

    token = front[0].mint(key).token
    assert front[1].redeem(token).name == key.name  # minted on one, redeemed on the other
    with pytest.raises(Unauthorized) as used:
        front[0].redeem(token)
    assert used.value.code == "token_used"


def test_a_keys_requests_per_minute_span_the_front_ends(group: FrontEndGroup) -> None:
    """The budget is the key's, wherever its requests land; Retry-After is when the oldest
    request of any front end leaves the minute."""
    from voice_server.auth import AuthConfig, Authenticator, TooManyRequests

    now = [1000.0]
    config = AuthConfig(enabled=True, api_keys="sk-front-end-test-key,sk-other-test-key",
                        requests_per_minute=3, token_secret="s" * 64)  # fmt: skip
    front = [Authenticator(config, shared=FrontEndGroup.open(group.spec, i),
                           monotonic=lambda: now[0]) for i in (0, 1)]  # fmt: skip
    key = front[0].principal_for_key("sk-front-end-test-key")
    other = front[0].principal_for_key("sk-other-test-key")
    assert key is not None and other is not None
    front[0].allow_request(key)
    now[0] += 10
    front[1].allow_request(key)
    front[1].allow_request(key)
    for auth in front:
        with pytest.raises(TooManyRequests) as refused:
            auth.allow_request(key)
        assert refused.value.headers["Retry-After"] == "50"  # front end 0's, 50 s from now
    front[1].allow_request(other)  # another key's budget is its own
    now[0] += 50.5  # front end 0's request has left the minute
    front[1].allow_request(key)
    with pytest.raises(TooManyRequests):
        front[0].allow_request(key)


def test_a_front_end_remembers_its_last_requests_in_a_ring(group: FrontEndGroup) -> None:
    from voice_server.frontend_group import REQUEST_SLOTS

    a, b = FrontEndGroup.open(group.spec, 0), FrontEndGroup.open(group.spec, 1)
    b.record_key_request("k", 5.0)
    for i in range(REQUEST_SLOTS + 2):  # two past the ring: the first two are forgotten
        a.record_key_request("k" if i < 3 else "busy", 10.0 + i * 1e-3)
    count, oldest = b.key_requests("k", since=0.0)
    assert (count, oldest) == (2, 5.0)  # b's own and a's third; a's first two overwritten
    assert a.key_requests("k", since=5.0) == (1, 10.002)
    assert a.key_requests("nobody", since=0.0) == (0, None)


def test_the_supervisor_gives_every_front_end_one_token_secret() -> None:
    from voice_server.config import ServerConfig
    from voice_server.supervisor import with_shared_token_secret

    drawn = with_shared_token_secret(ServerConfig())
    assert len(drawn.auth.token_secret) == 64
    assert with_shared_token_secret(drawn).auth.token_secret == drawn.auth.token_secret
