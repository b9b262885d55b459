"""A real Secret Service for the keychain tests (gnome-keyring under dbus-run-session).

``.ci/run`` starts ``gnome-keyring-daemon --unlock`` with an empty password, which gives
a daemon without a default ("login") collection, and creating one normally needs a
GUI prompt. gnome-keyring's internal interface creates and unlocks a collection with a
known master password and no prompt; we point the ``default`` alias at it. Test code
only: SafetyKit itself just uses ``keyring``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.helpers import in_ci

MASTER = b"safetykit-test-master"
LABEL = "SafetyKit tests"
_INTERNAL = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"


class SecretService:
    def __init__(self) -> None:
        import secretstorage
        from secretstorage.util import (  # type: ignore[attr-defined]
            SS_PATH,
            DBusAddressWrapper,
            format_secret,
            open_session,
        )

        self.connection = secretstorage.dbus_init()
        self.service = DBusAddressWrapper(
            SS_PATH, "org.freedesktop.Secret.Service", self.connection
        )
        self.internal = DBusAddressWrapper(SS_PATH, _INTERNAL, self.connection)
        session = open_session(self.connection)
        self.master = format_secret(session, MASTER, "text/plain")
        (path,) = self.service.call("ReadAlias", "s", "default")
        self.path: str = path
        if path == "/" or not self._unlocks():
            # None, or one left by an earlier run with another password: make our own.
            props = {"org.freedesktop.Secret.Collection.Label": ("s", LABEL)}
            (self.path,) = self.internal.call(
                "CreateWithMasterPassword", "a{sv}(oayays)", props, self.master
            )
            self.service.call("SetAlias", "so", "default", self.path)

    def _unlocks(self) -> bool:
        from jeepney.wrappers import DBusErrorResponse

        try:
            self.unlock()
        except DBusErrorResponse:
            return False
        return True

    def collection(self) -> Any:
        import secretstorage

        return secretstorage.Collection(self.connection, self.path)

    def lock(self) -> None:
        self.collection().lock()

    def unlock(self) -> None:
        if self.collection().is_locked():
            self.internal.call("UnlockWithMasterPassword", "o(oayays)", self.path, self.master)

    def items(self, service: str) -> list[Any]:
        return list(self.collection().search_items({"service": service}))


def secret_service_or_skip() -> SecretService:
    """The session's Secret Service; skip without one, fail under CI=true."""
    reason = None
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        reason = "no D-Bus session (run under dbus-run-session with gnome-keyring)"
    else:
        try:
            return SecretService()
        except Exception as error:  # any failure here means "no usable Secret Service"
            reason = f"no usable Secret Service ({type(error).__name__}: {error})"
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing Secret Service fails the run)")
    pytest.skip(reason)
