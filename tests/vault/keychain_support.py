"""A real Secret Service for the keychain tests (gnome-keyring under dbus-run-session).

``.ci/run`` starts ``gnome-keyring-daemon --unlock`` with an empty password, which gives
a daemon without a default ("login") collection, and creating one normally needs a
GUI prompt. gnome-keyring's internal interface creates and unlocks a collection with a
known master password and no prompt; we point the ``default`` alias at it. Test code
only: SafetyKit itself just uses ``keyring``.

It never touches someone's real keyring: if the session's ``default`` alias names a
collection that is not this test collection (a desktop session's "login" keyring), the
tests skip (fail under CI=true) instead of re-pointing it. Each test's items are deleted
after it, and at the end of the run the test collection is deleted and the alias reset,
so the keyrings folder the daemon uses (``$XDG_DATA_HOME/keyrings``) keeps nothing of
ours. For a run that leaves nothing at all in the real home, give the daemon its own:
``HOME=$(mktemp -d) dbus-run-session -- …``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.helpers import in_ci

MASTER = b"safetykit-test-master"
LABEL = "SafetyKit tests"
_INTERNAL = "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"


class ForeignKeyring(Exception):
    """The session's default keyring belongs to a real user: the tests leave it alone."""


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
        if path != "/" and self.collection().get_label() != LABEL:
            raise ForeignKeyring(
                "the session's default keyring is a real one, not the test collection; "
                "run the keychain tests in a private session: "
                "HOME=$(mktemp -d) dbus-run-session -- …"
            )
        if path == "/" or not self._unlocks():
            # None, or one left by an earlier run with another password: make our own.
            props = {"org.freedesktop.Secret.Collection.Label": ("s", LABEL)}
            (self.path,) = self.internal.call(
                "CreateWithMasterPassword", "a{sv}(oayays)", props, self.master
            )
            self.service.call("SetAlias", "so", "default", self.path)

    def clear(self, service: str) -> None:
        """Delete every item a test stored under ``service``."""
        self.unlock()
        for item in self.items(service):
            item.delete()

    def remove(self) -> None:
        """Delete the test collection and reset the alias: leave nothing of ours behind."""
        self.collection().delete()
        self.service.call("SetAlias", "so", "default", "/")
        self.connection.close()

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
