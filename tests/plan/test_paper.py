from __future__ import annotations

from safetykit.plan.paper import default_paper


def test_letter_for_north_america_a4_elsewhere() -> None:
    assert default_paper(["en_US.UTF-8"]) == "letter"
    assert default_paper(["fr-CA"]) == "letter"
    assert default_paper(["en_GB.UTF-8"]) == "a4"
    assert default_paper(["ar_EG"]) == "a4"
    assert default_paper(["", "en", "es_MX"]) == "letter"  # first one with a territory
    assert default_paper([]) == "a4"
