"""`.ci/run`: every phase under a time limit that is printed, all well under 45 minutes,
and the tests inside a loopback-only network namespace (issue 9 points 7 and 8)."""

from __future__ import annotations

import re

from tests.helpers import REPO

CI = (REPO / ".ci" / "run").read_text()
PHASES = ("system_packages", "virtual_environment", "lint_and_types", "frozen_app", "tests")


def test_every_phase_runs_under_a_limit_that_fits_in_45_minutes() -> None:
    limits = {name: int(value) for name, value in re.findall(r"^LIMIT_(\w+)=(\d+)$", CI, re.M)}
    total = 0
    for phase in PHASES:
        call = re.search(rf'^run_phase {phase} "\$LIMIT_(\w+)"$', CI, re.M)
        assert call, phase
        assert f"phase_{phase}() {{" in CI, phase
        total += limits[call[1]]
    assert total <= 45 * 60, total
    assert 'timeout --kill-after=30 "$limit" bash "$0" --phase "$name"' in CI
    assert 'echo "== ${name//_/ }: $((SECONDS - start))s, exit $status"' in CI
    assert "== durations:" in CI


def test_tests_run_in_a_loopback_only_network_namespace() -> None:
    body = CI.split("phase_tests() {", 1)[1].split("\n}\n", 1)[0]
    assert "unshare --net --pid --fork --kill-child --mount --mount-proc" in body
    assert "ip link set lo up" in body
    # D-Bus and the keyring start inside the namespace, then the README's test command.
    inside = body.split("unshare --net", 1)[1]
    assert "dbus-run-session" in inside and "$inner" in inside
    assert body.index("gnome-keyring-daemon") < body.index("python3 packaging/bootstrap.py test")
    # Everything is installed before: the namespace is the last phase.
    assert CI.rindex("run_phase tests") > CI.rindex("run_phase virtual_environment")


def test_the_frozen_app_is_built_once_and_checked_before_the_tests() -> None:
    body = CI.split("phase_frozen_app() {", 1)[1].split("\n}\n", 1)[0]
    assert body.count("packaging/build-linux.sh") == 1
    assert "self-test" in body and "packaging/check-libraries.py" in body
    assert CI.index("run_phase frozen_app") < CI.index("run_phase tests")
