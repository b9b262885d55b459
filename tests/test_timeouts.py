"""Every test has a time limit, so a hung test fails instead of eating CI's time."""

from __future__ import annotations

import tomllib

import pytest

from tests import conftest
from tests.helpers import REPO


def test_pytest_timeout_is_on_for_every_test(pytestconfig: pytest.Config) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    test_extra = project["project"]["optional-dependencies"]["test"]
    assert any(req.startswith("pytest-timeout") for req in test_extra)
    assert pytestconfig.pluginmanager.hasplugin("timeout")
    assert 30 <= float(pytestconfig.getini("timeout")) <= 120


def test_slow_tests_get_the_longer_limit(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("timeout")
    assert marker is None  # this one has the default
    slow = pytest.Function.from_parent(
        request.node.parent, name="test_slow_tests_get_the_longer_limit"
    )
    slow.add_marker(pytest.mark.slow)
    conftest.pytest_collection_modifyitems([slow])
    limit = slow.get_closest_marker("timeout")
    assert limit is not None and limit.args == (conftest.SLOW_TIMEOUT,)


def test_a_hung_test_fails(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_hang="import time\n\ndef test_hang():\n    time.sleep(30)\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "timeout=1")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Timeout*"])
