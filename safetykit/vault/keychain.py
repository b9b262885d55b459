"""The OS keychain slot: a random secret kept by ``keyring`` (DESIGN §5).

Only real, encrypted OS stores count: Secret Service (GNOME Keyring, KeePassXC…),
KWallet, the macOS Keychain and the Windows Credential Locker; never keyring's plaintext
or "fail" backends. The keychain holds a random 256-bit secret, never the passphrase.

Every keyring call runs in a daemon worker thread with a timeout: a keychain waiting on
an unlock prompt, or a D-Bus that never answers, must not freeze the app or the command
line. Every failure becomes KeychainUnavailable with a one-line reason, and the caller
falls back to the passphrase.
"""

from __future__ import annotations

import base64
import binascii
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from safetykit.vault.errors import KeychainUnavailable

SERVICE = "SafetyKit vault"
SECRET_BYTES = 32
DEFAULT_TIMEOUT = 10.0

# Backend codes stored in the keychain slot, so a changed backend is noticed.
BACKENDS = {
    "keyring.backends.SecretService.Keyring": 1,
    "keyring.backends.kwallet.DBusKeyring": 2,
    "keyring.backends.macOS.Keyring": 3,
    "keyring.backends.Windows.WinVaultKeyring": 4,
}
BACKEND_NAMES = {
    1: "Secret Service",
    2: "KWallet",
    3: "macOS Keychain",
    4: "Windows Credential Locker",
}

T = TypeVar("T")


def item_name(vault_id: bytes) -> str:
    """The keychain item's user name: the random vault id, which says nothing."""
    return "vault-" + vault_id.hex()


def _in_thread(func: Callable[[], T], timeout: float) -> T:
    results: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            results.put((True, func()))
        except BaseException as error:  # reported to the caller, whatever it is
            results.put((False, error))

    # A daemon thread: if the keychain never answers, it must not keep the process alive.
    threading.Thread(target=work, name="safetykit-keychain", daemon=True).start()
    try:
        ok, value = results.get(timeout=timeout)
    except queue.Empty:
        raise KeychainUnavailable("keychain.timeout", seconds=f"{timeout:g}") from None
    if ok:
        return value  # type: ignore[no-any-return]
    if isinstance(value, KeychainUnavailable):
        raise value
    name = type(value).__name__
    raise KeychainUnavailable(_EXPLAINED.get(name, "keychain.failed"), error=name) from None


# keyring's and secretstorage's exception names, as codes whose words a user can act on.
_EXPLAINED = {
    "KeyringLocked": "keychain.locked",
    "NoKeyringError": "keychain.none",
    "InitError": "keychain.cannot_open",
    "SecretServiceNotAvailableException": "keychain.no_service",
    "PromptDismissedException": "keychain.prompt_dismissed",
    "LockedException": "keychain.locked",
}


def _backend() -> tuple[int, Any]:
    """The real backend keyring would use, and its code; raises if there is none."""
    import keyring
    from keyring.backends.chainer import ChainerBackend

    chosen = keyring.get_keyring()
    candidates = list(chosen.backends) if isinstance(chosen, ChainerBackend) else [chosen]
    for backend in candidates:
        name = f"{type(backend).__module__}.{type(backend).__qualname__}"
        code = BACKENDS.get(name)
        if code is not None:
            return code, backend
    raise KeychainUnavailable("keychain.none")


def backend_code(timeout: float = DEFAULT_TIMEOUT) -> int:
    return _in_thread(lambda: _backend()[0], timeout)


def store_secret(vault_id: bytes, secret: bytes, timeout: float = DEFAULT_TIMEOUT) -> int:
    """Store ``secret`` for this vault; return the backend's code."""
    text = base64.b64encode(secret).decode("ascii")

    def work() -> int:
        code, backend = _backend()
        backend.set_password(SERVICE, item_name(vault_id), text)
        return code

    return _in_thread(work, timeout)


def load_secret(vault_id: bytes, expected_backend: int, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    def work() -> str | None:
        code, backend = _backend()
        if code != expected_backend:
            was = BACKEND_NAMES.get(expected_backend, f"keychain {expected_backend}")
            raise KeychainUnavailable("keychain.changed", was=was, now=BACKEND_NAMES[code])
        value: str | None = backend.get_password(SERVICE, item_name(vault_id))
        return value

    text = _in_thread(work, timeout)
    if text is None:
        raise KeychainUnavailable("keychain.no_entry")
    try:
        secret = base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise KeychainUnavailable("keychain.entry_invalid")
    return secret


def delete_secret(vault_id: bytes, timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Delete this vault's item; True if one was deleted. Raises KeychainUnavailable."""

    def work() -> bool:
        from keyring.errors import PasswordDeleteError

        _, backend = _backend()
        try:
            backend.delete_password(SERVICE, item_name(vault_id))
        except PasswordDeleteError:
            return False
        return True

    return _in_thread(work, timeout)


PROBE_TIMEOUT = 3.0


def probe(timeout: float = PROBE_TIMEOUT) -> bool:
    """Whether "remember on this device" can work now, without any prompt.

    A real backend must be there and, for the Secret Service, its default collection
    must already be unlocked: storing into a locked one would pop up an unlock prompt,
    which the user did not ask for. Never raises; a slow keychain counts as none.
    """

    def work() -> bool:
        code, _backend_obj = _backend()
        if code != BACKENDS["keyring.backends.SecretService.Keyring"]:
            return True  # macOS Keychain, Windows Credential Locker, KWallet: present
        return _secret_service_ready()

    try:
        return _in_thread(work, timeout)
    except KeychainUnavailable:
        return False


def _secret_service_ready() -> bool:
    """An unlocked default collection, asked without starting anything: no D-Bus
    activation of a keyring daemon (which may open its own window), and no creating
    a default collection (secretstorage's get_default_collection would, with a
    prompt). Plain D-Bus calls through jeepney, which secretstorage already uses."""
    from contextlib import closing

    import secretstorage
    from jeepney import DBusAddress, Properties, new_method_call

    with closing(secretstorage.dbus_init()) as connection:
        bus = DBusAddress(
            "/org/freedesktop/DBus",
            bus_name="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
        )
        running = connection.send_and_get_reply(
            new_method_call(bus, "NameHasOwner", "s", ("org.freedesktop.secrets",)),
            timeout=PROBE_TIMEOUT,
        )
        if not running.body[0]:
            return False
        service = DBusAddress(
            "/org/freedesktop/secrets",
            bus_name="org.freedesktop.secrets",
            interface="org.freedesktop.Secret.Service",
        )
        alias = connection.send_and_get_reply(
            new_method_call(service, "ReadAlias", "s", ("default",)), timeout=PROBE_TIMEOUT
        )
        path = str(alias.body[0])
        if path == "/":
            return False  # no default collection: making one would prompt
        collection = DBusAddress(
            path,
            bus_name="org.freedesktop.secrets",
            interface="org.freedesktop.Secret.Collection",
        )
        locked = connection.send_and_get_reply(
            Properties(collection).get("Locked"), timeout=PROBE_TIMEOUT
        )
        return not bool(locked.body[0][1])
