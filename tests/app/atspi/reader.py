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

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

CALL_TIMEOUT = 5.0  # seconds, for every D-Bus call
ROOT_PATH = "/org/a11y/atspi/accessible/root"
REGISTRY = "org.a11y.atspi.Registry"
ACCESSIBLE = "org.a11y.atspi.Accessible"
NULL_PATH = "/org/a11y/atspi/null"

# AT-SPI roles (atspi-constants.h, AtspiRole; names as atspi_role_get_name gives them).
ROLES: dict[int, str] = {
    0: "invalid",
    1: "accelerator label",
    2: "alert",
    3: "animation",
    4: "arrow",
    5: "calendar",
    6: "canvas",
    7: "check box",
    8: "check menu item",
    9: "color chooser",
    10: "column header",
    11: "combo box",
    12: "date editor",
    13: "desktop icon",
    14: "desktop frame",
    15: "dial",
    16: "dialog",
    17: "directory pane",
    18: "drawing area",
    19: "file chooser",
    20: "filler",
    21: "focus traversable",
    22: "font chooser",
    23: "frame",
    24: "glass pane",
    25: "html container",
    26: "icon",
    27: "image",
    28: "internal frame",
    29: "label",
    30: "layered pane",
    31: "list",
    32: "list item",
    33: "menu",
    34: "menu bar",
    35: "menu item",
    36: "option pane",
    37: "page tab",
    38: "page tab list",
    39: "panel",
    40: "password text",
    41: "popup menu",
    42: "progress bar",
    43: "push button",
    44: "radio button",
    45: "radio menu item",
    46: "root pane",
    47: "row header",
    48: "scroll bar",
    49: "scroll pane",
    50: "separator",
    51: "slider",
    52: "spin button",
    53: "split pane",
    54: "status bar",
    55: "table",
    56: "table cell",
    57: "table column header",
    58: "table row header",
    59: "tearoff menu item",
    60: "terminal",
    61: "text",
    62: "toggle button",
    63: "tool bar",
    64: "tool tip",
    65: "tree",
    66: "tree table",
    67: "unknown",
    68: "viewport",
    69: "window",
    70: "extended",
    71: "header",
    72: "footer",
    73: "paragraph",
    74: "ruler",
    75: "application",
    76: "autocomplete",
    77: "editbar",
    78: "embedded",
    79: "entry",
    80: "chart",
    81: "caption",
    82: "document frame",
    83: "heading",
    84: "page",
    85: "section",
    86: "redundant object",
    87: "form",
    88: "link",
    89: "input method window",
    90: "table row",
    91: "tree item",
    92: "document spreadsheet",
    93: "document presentation",
    94: "document text",
    95: "document web",
    96: "document email",
    97: "comment",
    98: "list box",
    99: "grouping",
    100: "image map",
    101: "notification",
    102: "info bar",
    103: "level bar",
    104: "title bar",
    105: "block quote",
    106: "audio",
    107: "video",
    108: "definition",
    109: "article",
    110: "landmark",
    111: "log",
    112: "marquee",
    113: "math",
    114: "rating",
    115: "timer",
    116: "static",
    117: "math fraction",
    118: "math root",
    119: "subscript",
    120: "superscript",
    121: "description list",
    122: "description term",
    123: "description value",
    124: "footnote",
    125: "content deletion",
    126: "content insertion",
    127: "mark",
    128: "suggestion",
    129: "push button menu",
}

# Roles whose children are content (items, rows, cells), not controls: not read.
OPAQUE = frozenset({"list", "list box", "table", "tree", "tree table", "combo box"})

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

    def states(self, node: Node) -> frozenset[int]:
        """The object's states now (one call: cheaper than reading the tree again)."""
        return _states(self._accessible(node.bus_name, node.path, "GetState"))

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

    def _batch(self, messages: list[Any]) -> list[tuple[Any, ...] | None]:
        """Send every message, then collect the replies (None for an error reply):
        one round trip for a whole level of the tree instead of one per call."""
        serials = []
        for message in messages:
            serial = next(self.connection.outgoing_serial)
            self.connection.send(message, serial=serial)
            serials.append(serial)
        wanted = {serial: index for index, serial in enumerate(serials)}
        replies: list[tuple[Any, ...] | None] = [None] * len(messages)
        deadline = time.monotonic() + self.timeout
        while wanted:
            left = deadline - time.monotonic()
            try:
                reply = self.connection.receive(timeout=max(left, 0))
            except TimeoutError as error:
                raise AtspiError(f"{len(wanted)} calls not answered in {self.timeout} s") from error
            index = wanted.pop(reply.header.fields.get(HeaderFields.reply_serial, -1), None)
            if index is not None and reply.header.message_type != MessageType.error:
                replies[index] = reply.body
        return replies

    def node(self, bus_name: str, path: str, *, prune_hidden: bool = True) -> Node:
        """The object at ``path`` and, below it, every descendant that is showing."""
        root: Node | None = None
        level: list[tuple[str, str, Node | None]] = [(bus_name, path, None)]
        depth = 0
        while level and depth < 60:
            calls = []
            for ref_bus, ref_path, _parent in level:
                target = DBusAddress(ref_path, bus_name=ref_bus, interface=ACCESSIBLE)
                props = Properties(target)
                calls += [
                    new_method_call(target, "GetRole"),
                    new_method_call(target, "GetState"),
                    new_method_call(target, "GetRelationSet"),
                    new_method_call(target, "GetChildren"),
                    props.get("Name"),
                    props.get("Description"),
                    props.get("AccessibleId"),
                ]
            replies = self._batch(calls)
            label_refs: list[tuple[Node, str, str]] = []
            next_level: list[tuple[str, str, Node | None]] = []
            for index, (ref_bus, ref_path, parent) in enumerate(level):
                role, state, relations, children, name, description, ident = replies[
                    index * 7 : index * 7 + 7
                ]
                if role is None or state is None or name is None:
                    continue  # gone while we read
                node = Node(
                    bus_name=ref_bus,
                    path=ref_path,
                    role=ROLES.get(role[0], f"role {role[0]}"),
                    name=name[0][1],
                    description=description[0][1] if description else "",
                    accessible_id=ident[0][1] if ident else "",
                    states=_states(state[0]),
                    labelled_by=[],
                )
                for kind, targets in relations[0] if relations else []:
                    if kind == RELATION_LABELLED_BY:
                        label_refs += [(node, b, p) for b, p in targets if p != NULL_PATH]
                if parent is None:
                    root = node
                else:
                    parent.children.append(node)
                hidden = prune_hidden and depth > 1 and STATE_SHOWING not in node.states
                if hidden or node.role in OPAQUE or children is None:
                    continue  # hidden pages of a stack; rows, cells and items of content
                next_level += [(b, p, node) for b, p in children[0] if p != NULL_PATH]
            if label_refs:
                names = self._batch(
                    [
                        Properties(DBusAddress(p, bus_name=b, interface=ACCESSIBLE)).get("Name")
                        for _node, b, p in label_refs
                    ]
                )
                for (labelled, _b, _p), label in zip(label_refs, names, strict=True):
                    if label is not None:
                        labelled.labelled_by.append(label[0][1])
            level = next_level
            depth += 1
        if root is None:
            raise AtspiError(f"{bus_name} {path} did not answer")
        return root

    def application(self, name: str) -> Node | None:
        """The tree of the application called ``name``, or None if it is not registered."""
        for bus_name, path, app_name in self.applications():
            if app_name == name:
                return self.node(bus_name, path)
        return None
