"""Live sessions: the cap, the idle timeout, one session's steps taking turns."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from supportgym.server.episode import Episode
from supportgym.server.errors import NotFound, TooManySessions
from supportgym.server.sessions import SessionManager
from supportgym.sim.library import builtin_scenario

from .conftest import as_reference, assert_error, reference_trajectory


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _episode() -> Episode:
    return Episode(builtin_scenario("retail"), seed=1)


def test_the_cap_refuses_more_sessions_with_429(make_client):
    client = make_client(max_sessions=3)
    ids = [client.post("/api/envs", json={"seed": s}).json()["id"] for s in range(3)]
    assert_error(client.post("/api/envs", json={"seed": 9}), 429, "too many", "(3)")
    assert client.get("/api/health").json()["live_sessions"] == 3
    client.delete(f"/api/envs/{ids[0]}")
    assert client.post("/api/envs", json={"seed": 9}).status_code == 201


def test_idle_sessions_expire(make_client):
    client = make_client(max_sessions=2, session_idle_seconds=60)
    clock = FakeClock()
    client.app.state.sessions.clock = clock
    idle, busy = (client.post("/api/envs", json={"seed": s}).json()["id"] for s in (1, 2))
    clock.now += 40
    assert client.post(f"/api/envs/{busy}/step", json={"action": 0}).status_code == 200
    clock.now += 30  # idle: 70 s unused; busy: 30 s
    assert_error(client.get(f"/api/envs/{idle}"), 404, "expired")
    assert client.get(f"/api/envs/{busy}").status_code == 200
    assert client.post("/api/envs", json={"seed": 3}).status_code == 201  # room again
    clock.now += 61
    assert client.get("/api/health").json()["live_sessions"] == 0


def test_manager_purges_and_reports():
    clock = FakeClock()
    sessions = SessionManager(max_sessions=2, idle_seconds=10, clock=clock)
    first = sessions.create(_episode)
    sessions.create(_episode)
    with pytest.raises(TooManySessions):
        sessions.create(_episode)
    clock.now += 5
    sessions.get(first.id)
    clock.now += 6
    assert sessions.purge_expired() == 1 and len(sessions) == 1
    with sessions.use(first.id) as episode:
        clock.now += 100  # a session in use is not idle
        assert sessions.purge_expired() == 0
        assert episode is first.episode
    clock.now += 11
    with pytest.raises(NotFound):
        sessions.get(first.id)


def test_concurrent_steps_to_one_session_take_turns(client, session):
    """Twelve requests at once: each gets its own turn and the result is one valid trajectory."""
    start = threading.Barrier(12)

    def step(_: int) -> dict:
        start.wait()
        return client.post(f"/api/envs/{session['id']}/step", json={"action": 0}).json()

    with ThreadPoolExecutor(12) as pool:
        results = [r for r in pool.map(step, range(12)) if "turn" in r]
    turns = sorted(r["turn"] for r in results)
    assert turns == list(range(1, len(turns) + 1))
    detail = client.get(f"/api/envs/{session['id']}").json()
    reference = reference_trajectory("retail", 3, [0] * 12)
    assert len(detail["turns"]) == len(reference) == len(results)
    by_turn = sorted(results, key=lambda r: r["turn"])
    assert [as_reference(r) for r in by_turn] == reference


def test_a_periodic_sweep_drops_idle_sessions_without_any_request(make_client):
    client = make_client(session_idle_seconds=0.2)
    client.post("/api/envs", json={})
    sessions = client.app.state.sessions
    deadline = time.monotonic() + 10
    while sessions._sessions and time.monotonic() < deadline:  # no call that purges lazily
        time.sleep(0.05)
    assert not sessions._sessions
