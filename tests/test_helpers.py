"""The test helpers' own contract: with CI=true a missing tool fails, else it skips."""

from __future__ import annotations

import pytest

from tests import helpers


def test_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        helpers.require_tool("safetykit-no-such-tool")


def test_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        helpers.require_tool("safetykit-no-such-tool")


def test_present_tool_is_found() -> None:
    assert helpers.require_tool("python3").endswith("python3")
