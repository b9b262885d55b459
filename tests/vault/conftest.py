"""Fixtures for the vault tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.vault.keychain_support import SecretService, secret_service_or_skip


@pytest.fixture
def secret_service() -> Iterator[SecretService]:
    service = secret_service_or_skip()
    service.unlock()
    yield service
    service.unlock()  # leave it usable for the next test
