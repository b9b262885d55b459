"""pytest-qt set-up for the app tests: offscreen platform (set in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from safetykit.app import language as language_module
from safetykit.app.language import LanguageController


@pytest.fixture
def language(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.set_language("en")
    yield controller
    controller.set_language("en")  # leave the shared QApplication as we found it
    controller.deleteLater()
    assert language_module.tr("&File") == "&File"


# The real Secret Service of the keychain tests (tests/vault/conftest.py), for the
# app's "remember on this device" and keychain unlock.
from tests.vault.conftest import _secret_service_session, secret_service  # noqa: E402

__all__ = ["_secret_service_session", "secret_service"]
