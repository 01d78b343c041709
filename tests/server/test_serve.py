"""``supportgym serve``: loopback by default, a token required for anything else."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn

from supportgym.server.config import is_loopback

from .conftest import TOKEN


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``uvicorn.run`` was asked to serve (it is not started)."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append({"app": app, **kwargs}))
    return calls


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.com", False),
        ("", False),
    ],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serves_on_loopback_by_default(invoke, served):
    result = invoke("serve")
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"]) == ("127.0.0.1", 8000)
    assert call["ws_max_size"] == 1024 * 1024
    assert call["app"].state.settings.api_token is None


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.com", "::"])
def test_a_public_host_needs_a_token(invoke, served, one_line_error, host):
    one_line_error(invoke("serve", "--host", host), "SUPPORTGYM_API_TOKEN", host)
    assert served == []


def test_a_public_host_with_a_token_is_served(invoke, served, monkeypatch):
    monkeypatch.setenv("SUPPORTGYM_API_TOKEN", TOKEN)
    result = invoke("serve", "--host", "0.0.0.0", "--port", "9001")
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"]) == ("0.0.0.0", 9001)
    assert call["app"].state.settings.api_token == TOKEN


def test_an_empty_token_is_no_token(invoke, served, monkeypatch, one_line_error):
    monkeypatch.setenv("SUPPORTGYM_API_TOKEN", "")
    one_line_error(invoke("serve", "--host", "0.0.0.0"), "SUPPORTGYM_API_TOKEN")


def test_settings_come_from_the_environment(invoke, served, monkeypatch):
    monkeypatch.setenv("SUPPORTGYM_HOST", "localhost")
    monkeypatch.setenv("SUPPORTGYM_PORT", "8123")
    monkeypatch.setenv("SUPPORTGYM_MAX_SESSIONS", "7")
    assert invoke("serve").exit_code == 0
    (call,) = served
    assert (call["host"], call["port"]) == ("localhost", 8123)
    assert call["app"].state.sessions.max_sessions == 7


def test_a_bad_setting_is_one_line(invoke, served, monkeypatch, one_line_error):
    monkeypatch.setenv("SUPPORTGYM_PORT", "eighty")
    one_line_error(invoke("serve"), "SUPPORTGYM_PORT")


def test_an_unusable_store_is_one_line(invoke, served, monkeypatch, one_line_error):
    monkeypatch.setenv("SUPPORTGYM_DATABASE_URL", "nosuchdialect://x")
    one_line_error(invoke("serve"), "cannot open the store")
    assert served == []
