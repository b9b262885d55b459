"""Read an application's accessible tree over the AT-SPI D-Bus protocol, with jeepney.

Why jeepney and not python3-gi with gir1.2-atspi-2.0: those bindings exist only for
Debian's own ``/usr/bin/python3``, so they would have to run in a second interpreter as
a subprocess, and CI would need two more system packages. jeepney is already in the
virtual environment (a keyring dependency), speaks D-Bus in pure Python, runs in the
test process, and gives every call its own timeout (``CALL_TIMEOUT``): a hung or
crashed app fails the test instead of hanging it. The protocol used is small and
stable: ``org.a11y.Bus.GetAddress`` on the session bus, then, on the accessibility
bus, ``org.a11y.atspi.Accessible``'s GetChildren, GetRole, GetState, GetRelationSet
and the Name, Description and AccessibleId properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, MessageType, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

CALL_TIMEOUT = 5.0  # seconds, for every D-Bus call
ROOT_PATH = "/org/a11y/atspi/accessible/root"
REGISTRY = "org.a11y.atspi.Registry"
ACCESSIBLE = "org.a11y.atspi.Accessible"
NULL_PATH = "/org/a11y/atspi/null"

# AT-SPI roles (atspi-constants.h, AtspiRole): the ones the checks name.
ROLES: dict[int, str] = {
    2: "alert",
    7: "check box",
    8: "check menu item",
    10: "column header",
    11: "combo box",
    12: "date editor",
    16: "dialog",
    19: "file chooser",
    20: "filler",
    23: "frame",
    27: "image",
    29: "label",
    31: "list",
    32: "list item",
    34: "menu bar",
    35: "menu item",
    37: "page tab",
    39: "panel",
    40: "password text",
    42: "progress bar",
    43: "push button",
    44: "radio button",
    45: "radio menu item",
    48: "scroll bar",
    51: "slider",
    52: "spin button",
    55: "table",
    56: "table cell",
    61: "text",
    62: "toggle button",
    63: "tool bar",
    65: "tree",
    66: "tree table",
    69: "window",
    75: "application",
    77: "editbar",
    79: "entry",
    80: "chart",
    82: "document frame",
    83: "heading",
    88: "link",
    98: "list box",
}

# AtspiStateType bit numbers.
STATE_ACTIVE = 1
STATE_CHECKED = 4
STATE_ENABLED = 8
STATE_FOCUSABLE = 11
STATE_FOCUSED = 12
STATE_MODAL = 16
STATE_SHOWING = 25
STATE_VISIBLE = 30
STATE_NAMES = {
    STATE_ACTIVE: "active",
    STATE_CHECKED: "checked",
    STATE_ENABLED: "enabled",
    STATE_FOCUSABLE: "focusable",
    STATE_FOCUSED: "focused",
    STATE_MODAL: "modal",
    STATE_SHOWING: "showing",
    STATE_VISIBLE: "visible",
}
# AtspiRelationType.
RELATION_LABEL_FOR = 1
RELATION_LABELLED_BY = 2


class AtspiError(RuntimeError):
    """An AT-SPI call failed (error reply) or did not answer in time."""


@dataclass
class Node:
    """One accessible object, as a screen reader gets it."""

    bus_name: str
    path: str
    role: str
    name: str
    description: str
    accessible_id: str  # Qt: the objectName path, "QApplication.mainWindow.pages.…"
    states: frozenset[int]
    labelled_by: list[str]  # the names of the objects that label this one (buddies)
    children: list[Node] = field(default_factory=list)

    @property
    def object_name(self) -> str:
        return self.accessible_id.rsplit(".", 1)[-1]

    @property
    def showing(self) -> bool:
        return STATE_SHOWING in self.states and STATE_VISIBLE in self.states

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def describe(self) -> str:
        states = ",".join(STATE_NAMES[s] for s in sorted(self.states) if s in STATE_NAMES)
        label = f" labelled-by={self.labelled_by!r}" if self.labelled_by else ""
        return f"{self.role} {self.name!r} [{self.accessible_id}] ({states}){label}"


def _states(words: list[int]) -> frozenset[int]:
    found = set()
    for index, word in enumerate(words):
        for bit in range(32):
            if word & (1 << bit):
                found.add(index * 32 + bit)
    return frozenset(found)


class AtspiReader:
    """A connection to the accessibility bus found through ``session_address``."""

    def __init__(self, session_address: str, timeout: float = CALL_TIMEOUT) -> None:
        self.timeout = timeout
        session = open_dbus_connection(session_address)
        try:
            bus = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
            (address,) = self._call(session, new_method_call(bus, "GetAddress"))
        finally:
            session.close()
        self.a11y_address: str = address
        self.connection = open_dbus_connection(address)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> AtspiReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _call(self, connection: DBusConnection, message: Any) -> tuple[Any, ...]:
        try:
            reply = connection.send_and_get_reply(message, timeout=self.timeout)
        except TimeoutError as error:
            raise AtspiError(f"no answer within {self.timeout} s: {message.header}") from error
        if reply.header.message_type == MessageType.error:
            raise AtspiError(f"{reply.header.fields}: {reply.body}")
        body: tuple[Any, ...] = reply.body
        return body

    def _accessible(self, bus_name: str, path: str, method: str) -> Any:
        target = DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)
        return self._call(self.connection, new_method_call(target, method))[0]

    def _property(self, bus_name: str, path: str, name: str) -> Any:
        target = DBusAddress(path, bus_name=bus_name, interface=ACCESSIBLE)
        _signature, value = self._call(self.connection, Properties(target).get(name))[0]
        return value

    def applications(self) -> list[tuple[str, str, str]]:
        """(bus name, path, name) of every application registered with AT-SPI."""
        apps = []
        for bus_name, path in self._accessible(REGISTRY, ROOT_PATH, "GetChildren"):
            try:
                name = self._property(bus_name, path, "Name")
            except AtspiError:
                continue  # an application that just went away
            apps.append((bus_name, path, name))
        return apps

    def node(self, bus_name: str, path: str, *, depth: int = 0, prune_hidden: bool = True) -> Node:
        """The object at ``path`` and, below it, every descendant that is showing."""
        role = self._accessible(bus_name, path, "GetRole")
        states = _states(self._accessible(bus_name, path, "GetState"))
        labelled_by: list[str] = []
        for kind, targets in self._accessible(bus_name, path, "GetRelationSet"):
            if kind == RELATION_LABELLED_BY:
                for target_bus, target_path in targets:
                    if target_path != NULL_PATH:
                        labelled_by.append(self._property(target_bus, target_path, "Name"))
        try:
            accessible_id = self._property(bus_name, path, "AccessibleId")
        except AtspiError:
            accessible_id = ""  # AT-SPI before 2.34, or a Qt that does not report it
        node = Node(
            bus_name=bus_name,
            path=path,
            role=ROLES.get(role, f"role {role}"),
            name=self._property(bus_name, path, "Name"),
            description=self._property(bus_name, path, "Description"),
            accessible_id=accessible_id,
            states=states,
            labelled_by=labelled_by,
        )
        showing = STATE_SHOWING in states
        if depth > 60 or (prune_hidden and depth > 1 and not showing):
            return node  # hidden pages of a stack and their whole subtree: not on screen
        for child_bus, child_path in self._accessible(bus_name, path, "GetChildren"):
            if child_path == NULL_PATH:
                continue
            node.children.append(
                self.node(child_bus, child_path, depth=depth + 1, prune_hidden=prune_hidden)
            )
        return node

    def application(self, name: str) -> Node | None:
        """The tree of the application called ``name``, or None if it is not registered."""
        for bus_name, path, app_name in self.applications():
            if app_name == name:
                return self.node(bus_name, path)
        return None
