"""A real browser prints the HTML plan, and asks the network for nothing.

Headless Chromium prints the plan to PDF with a net log. A control page with one
image on a loopback port (nothing listens there) shows that the net log does catch a
page's request; the plan's log then has none. Chromium makes some requests of its own
(update checks) that no flag fully stops, so only requests made on behalf of the page
count: those whose network isolation key is the page's own site (file://).

Whatever is asked for, nothing can leave this machine: every host name resolves to
loopback, every request goes to a proxy on a dead loopback port, background
networking is off, and under CI the whole suite runs in a network namespace that has
only loopback (tests/test_network_namespace.py).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from safetykit.assessment.records import Answer, Assessment, Status
from safetykit.plan.content import PlanOptions, build_plan
from safetykit.plan.render import render_html
from tests.helpers import require_tool
from tests.plan.corpus import HOSTILE
from tests.plan.pdftext import normalise, pdf_text
from tests.plan.samples import arabic_pack, english_pack
from tests.plan.test_injection import hostile_plan

# Chromium (Skia) writes the lam-alef ligature's ToUnicode entry in visual order, so
# pdftotext reads "ال" back as "اال". The Qt PDF reads back right (test_pdf.py).
LAM_ALEF = ("لا", "لأ", "لإ", "لآ")

# Hosts of Chromium's own background requests, which no flag fully stops. Anything
# else in a plan's net log, whoever asked for it, fails the test.
CHROMIUM_SERVICES = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")
# Port 9 (discard): nothing listens on it, here or in CI's network namespace.
DEAD_PORT = 9
CONTROL_URL = f"http://127.0.0.1:{DEAD_PORT}/x.png"

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-pdf-header-footer",
    "--timeout=3000",  # the control page's image can never load: do not wait long
    # Nothing may leave the machine: every host is loopback, every request goes to a
    # proxy that is not there (loopback included: no bypass), no DNS, QUIC or
    # other background traffic of Chromium's own.
    f"--proxy-server=http://127.0.0.1:{DEAD_PORT}",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * 127.0.0.1",
    "--disable-quic",
    "--dns-prefetch-disable",
    "--disable-features=DnsOverHttps,NetworkTimeServiceQuerying,OptimizationHints,"
    "MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--no-default-browser-check",
)


@dataclass
class NetLog:
    events: int  # every event in the log: a log that says nothing proves nothing
    page: list[str]  # URLs the page itself requested (its own network isolation key)
    other: list[str]  # URLs anything else requested (Chromium's own services)
    connects: list[str]  # every TCP connection Chromium tried, host:port
    udp_connects: list[str]  # UDP "connects" (a route look-up: they send nothing)
    udp_sent: int  # UDP datagrams actually sent


# Chromium asks the kernel for a route to a public DNS server to learn whether IPv6
# is reachable: a UDP connect, which sends nothing. It is the one non-loopback
# address allowed in the log (and in CI's namespace the kernel refuses even that).
IPV6_PROBES = ("[2001:4860:4860::8888]:443", "8.8.8.8:443")


def loopback(address: str) -> bool:
    host = address.rsplit(":", 1)[0].strip("[]")
    return host == "::1" or host.startswith("127.")


def print_page(page: Path, out: Path) -> NetLog:
    """Print ``page`` to ``out`` with Chromium, and read its net log."""
    chromium = require_tool("chromium")
    profile = out.parent / f"{out.stem}-profile"
    netlog = out.parent / f"{out.stem}-net.json"
    done = subprocess.run(
        [
            chromium,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--log-net-log={netlog}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert out.is_file(), done.stderr[-2000:]
    assert netlog.is_file(), "Chromium wrote no net log"
    return read_net_log(json.loads(netlog.read_text()))


def read_net_log(log: dict) -> NetLog:  # type: ignore[type-arg]
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    assert "URL_REQUEST_START_JOB" in names.values(), "the net log format changed"
    page: list[str] = []
    other: list[str] = []
    connects: list[str] = []
    udp_connects: list[str] = []
    udp_sent = 0
    for event in log["events"]:
        kind = names.get(event["type"])
        params = event.get("params", {})
        if kind == "TCP_CONNECT_ATTEMPT" and "address" in params:
            connects.append(params["address"])
        elif kind == "UDP_CONNECT" and "address" in params:
            udp_connects.append(params["address"])
        elif kind == "UDP_BYTES_SENT":
            udp_sent += 1
        if kind != "URL_REQUEST_START_JOB":
            continue
        url = params.get("url")
        if not url:
            continue  # the end of a job: its start carried the URL
        key = params.get("network_isolation_key", "")
        (page if key.startswith("file://") else other).append(url)
    return NetLog(len(log["events"]), page, other, connects, udp_connects, udp_sent)


def assert_only_loopback(log: NetLog) -> None:
    """Every connection Chromium tried, for the page or for itself, was to loopback."""
    assert all(loopback(address) for address in log.connects), log.connects
    assert set(log.udp_connects) <= set(IPV6_PROBES), log.udp_connects
    assert log.udp_sent == 0, log


def chromium_own(url: str) -> bool:
    """A request Chromium makes for itself (time, update and account checks)."""
    host = urlsplit(url).hostname or ""
    return any(host == d or host.endswith("." + d) for d in CHROMIUM_SERVICES)


@pytest.mark.timeout(400)  # four Chromium runs of up to 90 s each on a slow machine
def test_chromium_prints_the_plan_without_network(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(
        f'<!DOCTYPE html><html><body><p>control</p><img src="{CONTROL_URL}"></body></html>',
        encoding="utf-8",
    )
    seen = print_page(control, tmp_path / "control.pdf")
    assert seen.events > 50, seen  # the log was written and parsed
    assert CONTROL_URL in seen.page  # the log sees what a page asks for ...
    assert not any(chromium_own(url) for url in seen.page)  # ... and tells it apart
    # ... and every connection went to the dead loopback proxy, none anywhere else.
    assert f"127.0.0.1:{DEAD_PORT}" in seen.connects, seen.connects
    assert_only_loopback(seen)

    for lang, pack in (("en", english_pack()), ("ar", arabic_pack())):
        answers = {f"{pack.id}/updates": Answer(Status.DONE)}
        current = Assessment("a", dt.datetime(2026, 11, 1, tzinfo=dt.UTC), answers)
        plan = build_plan([pack], {}, current, None, PlanOptions(lang=lang))
        page = tmp_path / f"plan-{lang}.html"
        page.write_text(render_html(plan), encoding="utf-8")
        out = tmp_path / f"plan-{lang}.pdf"
        log = print_page(page, out)
        assert log.events > 50, log  # a real log, not an empty file
        assert_only_loopback(log)
        assert log.page == []  # the plan asked the network for nothing
        assert [url for url in log.other if not chromium_own(url)] == []
        text = pdf_text(out)
        checked = 0
        for priority in plan.priorities:
            if any(lam_alef in priority.title for lam_alef in LAM_ALEF):
                continue  # Chromium's PDF maps this ligature's glyph back wrongly
            assert normalise(priority.title) in text, (lang, priority.title)
            checked += 1
        assert checked >= 3, (lang, checked)
        assert "Do the first thing." in text or "اختر التحقق بخطوتين" in text

    # Hostile pack text, notes and answers (external images, links, CSS urls, meta
    # refresh written as text) make no request either.
    hostile = tmp_path / "hostile.html"
    fetching = tuple(s for s in HOSTILE if any(k in s for k in ("//", "url(", "src", "href")))
    assert len(fetching) >= 15, len(fetching)
    hostile.write_text(hostile_plan(fetching, notes=True), encoding="utf-8")
    log = print_page(hostile, tmp_path / "hostile.pdf")
    assert log.events > 50 and log.page == [], log.page
    assert_only_loopback(log)
    assert "<script>alert(1)</script>" in pdf_text(tmp_path / "hostile.pdf")


def test_net_log_check_catches_a_connection_beyond_loopback() -> None:
    types = {"URL_REQUEST_START_JOB": 1, "TCP_CONNECT_ATTEMPT": 2, "UDP_CONNECT": 3}

    def log(*events: tuple[int, dict[str, str]]) -> NetLog:
        return read_net_log(
            {
                "constants": {"logEventTypes": types},
                "events": [{"type": t, "params": p} for t, p in events],
            }
        )

    assert_only_loopback(log((2, {"address": "127.0.0.1:9"}), (3, {"address": IPV6_PROBES[0]})))
    for bad in ((2, {"address": "192.0.2.1:80"}), (3, {"address": "[2001:db8::1]:53"})):
        with pytest.raises(AssertionError):
            assert_only_loopback(log(bad))
