"""Fixtures for the vault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from safetykit.vault.keychain import SERVICE
from tests.vault.keychain_support import SecretService, secret_service_or_skip


@pytest.fixture(scope="session")
def _secret_service_session() -> Iterator[SecretService]:
    service = secret_service_or_skip()
    yield service
    service.remove()  # the test collection goes, and the default alias with it


@pytest.fixture
def secret_service(_secret_service_session: SecretService) -> Iterator[SecretService]:
    service = _secret_service_session
    service.unlock()
    yield service
    service.clear(SERVICE)  # nothing a test stored stays in the keyring
