"""The built-in core pack (issue 5): five representative profiles and whole-pack rules.

The profile tests check that each kind of person the brief names gets a plan of a
workable size (40-90 items) that covers every category that matters to them, includes
the items they must see and leaves out the ones that do not fit them (no iPhone steps
for someone who only uses Android, no travel items for someone who does not travel).

The whole-pack tests read the TOML files directly, so they check what trainers write,
and hold the content rules of ``../shared/CONTENT.md`` that lint does not know about.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from safetykit.assessment.applicability import applicable_items
from safetykit.packs.catalog import builtin_packs
from safetykit.packs.model import Effort, Pack, ProfileAnswer, Risk
from tests.helpers import REPO, run_cli

CORE = REPO / "checklists" / "core"
PACK_ID = "org.safetykit.core"
TODAY = "2026-11-28"

# Every category of the brief, by checklist id, in file order.
CATEGORIES = (
    "risks",
    "accounts",
    "device-security",
    "communications",
    "files",
    "browsing",
    "harassment-doxxing",
    "field-safety",
    "travel-borders",
    "verification",
    "shutdowns",
    "wellbeing",
    "incidents",
)

# ---------------------------------------------------------------------------
# Loading


def _toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _checklist_files() -> list[Path]:
    return sorted((CORE / "checklists").glob("*.toml"))


def _tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@functools.cache
def core_pack() -> Pack:
    """The core pack as the app loads it (validated by the real loader)."""
    packs = [pack for pack in builtin_packs() if pack.id == PACK_ID]
    assert len(packs) == 1, "the core pack is missing from checklists/"
    return packs[0]


# ---------------------------------------------------------------------------
# The five profiles


def _check_profile(
    answers: Mapping[str, ProfileAnswer],
    *,
    categories: Sequence[str],
    must_see: Sequence[str],
    must_not_see: Sequence[str],
) -> None:
    pack = core_pack()
    # Guard the test itself: real questions, real answers, real item ids.
    for key, answer in answers.items():
        values = pack.question(key).values()
        assert set(_tuple(answer)) <= set(values), (key, answer)
    assert {q.id for q in pack.questions} == set(answers), "answer every question"
    known = {item.id for item in pack.items()}
    assert set(must_see) | set(must_not_see) <= known
    assert set(categories) <= set(CATEGORIES)
    assert len(must_see) >= 5 and len(must_not_see) >= 3

    profile = {f"{PACK_ID}/{key}": answer for key, answer in answers.items()}
    plan = applicable_items([pack], profile)
    seen = {entry.item.id for entry in plan}
    per_category: dict[str, int] = {}
    for entry in plan:
        per_category[entry.checklist.id] = per_category.get(entry.checklist.id, 0) + 1

    assert 40 <= len(plan) <= 90, (len(plan), per_category)
    assert not set(categories) - set(per_category), per_category
    assert not set(must_see) - seen
    assert not set(must_not_see) & seen


def test_freelance_photojournalist_in_a_conflict_zone_on_android() -> None:
    _check_profile(
        {
            "role": "visual",
            "sources": "no",
            "situation": ["conflict"],
            "travel": "yes",
            "harassment": "no",
            "devices": ["android"],
            "support": "no",
        },
        categories=[c for c in CATEGORIES if c != "harassment-doxxing"],
        must_see=[
            "field-risk-assessment",
            "field-hefat",
            "field-protective-gear",
            "field-quick-lock-android",
            "field-freelance-cover",
            "travel-power-off",
            "travel-access-demand-plan",
            "protect-field-media",
            "verify-own-provenance",
            "shutdown-circumvention-android",
            "wellbeing-after-assignment",
            "incident-lost-android",
            "incident-device-seized",
        ],
        must_not_see=[
            "field-quick-lock-iphone",
            "iphone-lockdown-mode",
            "incident-lost-iphone",
            "shutdown-circumvention-iphone",
            "shutdown-circumvention-computer",
            "encrypt-windows",
            "field-protest-plan",
            "field-editor-duty-of-care",
            "incident-report-to-newsroom",
        ],
    )


def test_staff_investigative_reporter_with_sources_on_mac_and_iphone() -> None:
    _check_profile(
        {
            "role": "staff",
            "sources": "yes",
            "situation": [],
            "travel": "no",
            "harassment": "no",
            "devices": ["macos", "iphone"],
            "support": "yes",
        },
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "browsing",
            "field-safety",
            "verification",
            "wellbeing",
            "incidents",
        ],
        must_see=[
            "assess-source-risks",
            "encrypt-macos",
            "iphone-lockdown-mode",
            "apple-advanced-data-protection",
            "secure-tip-line",
            "separate-source-contact",
            "verify-corroborate",
            "incident-spyware-iphone",
            "incident-warn-sources",
            "incident-report-to-newsroom",
        ],
        must_not_see=[
            "android-strong-screen-lock",
            "encrypt-windows",
            "incident-lost-android",
            "travel-device",
            "shutdown-fallback-plan",
            "field-hefat",
            "field-editor-duty-of-care",
        ],
    )


def test_activist_facing_doxxing_on_windows_and_android() -> None:
    _check_profile(
        {
            "role": "activist",
            "sources": "no",
            "situation": ["unrest"],
            "travel": "no",
            "harassment": "yes",
            "devices": ["windows", "android"],
            "support": "no",
        },
        categories=[c for c in CATEGORIES if c != "travel-borders"],
        must_see=[
            "encrypt-windows",
            "android-strong-screen-lock",
            "group-chat-hygiene",
            "remove-data-broker-listings",
            "document-abuse",
            "field-protest-plan",
            "field-quick-lock-android",
            "verify-pause-before-sharing",
            "shutdown-circumvention-computer",
            "wellbeing-share-abuse-load",
            "incident-doxxing",
        ],
        must_not_see=[
            "iphone-lockdown-mode",
            "encrypt-macos",
            "incident-lost-iphone",
            "travel-power-off",
            "field-freelance-cover",
            "incident-report-to-newsroom",
            "shutdown-record-and-report",
        ],
    )


def test_citizen_journalist_during_an_internet_shutdown_on_android() -> None:
    _check_profile(
        {
            "role": "citizen",
            "sources": "no",
            "situation": ["shutdown"],
            "travel": "no",
            "harassment": "no",
            "devices": ["android"],
            "support": "no",
        },
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "browsing",
            "verification",
            "shutdowns",
            "wellbeing",
            "incidents",
        ],
        must_see=[
            "reassess-in-crisis",
            "shutdown-fallback-plan",
            "shutdown-circumvention-android",
            "shutdown-offline-messaging",
            "shutdown-printed-contacts",
            "shutdown-phone-sms-limits",
            "shutdown-record-and-report",
            "verify-pause-before-sharing",
            "verify-own-provenance",
            "incident-account-hacked",
        ],
        must_not_see=[
            "shutdown-circumvention-iphone",
            "shutdown-circumvention-computer",
            "iphone-lock-screen-privacy",
            "field-protective-gear",
            "travel-device",
            "incident-editor-response-plan",
            "incident-report-to-newsroom",
        ],
    )


def test_editor_in_a_newsroom_with_it_support_on_windows_and_iphone() -> None:
    _check_profile(
        {
            "role": "editor",
            "sources": "yes",
            "situation": [],
            "travel": "no",
            "harassment": "no",
            "devices": ["windows", "iphone"],
            "support": "yes",
        },
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "browsing",
            "field-safety",
            "verification",
            "wellbeing",
            "incidents",
        ],
        must_see=[
            "know-employer-safety-support",
            "secure-shared-accounts",
            "managed-work-devices",
            "newsroom-abuse-policy",
            "encrypt-windows",
            "iphone-lockdown-mode",
            "field-editor-duty-of-care",
            "verify-editor-signoff",
            "wellbeing-team-care",
            "incident-editor-response-plan",
        ],
        must_not_see=[
            "android-strong-screen-lock",
            "encrypt-macos",
            "field-hefat",
            "field-freelance-cover",
            "travel-power-off",
            "shutdown-fallback-plan",
            "verify-own-provenance",
        ],
    )


# ---------------------------------------------------------------------------
# Whole-pack rules (read from the TOML as written)


def _raw_checklists() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, _toml(path)) for path in _checklist_files()]


def _raw_items() -> list[dict[str, Any]]:
    return [item for _, data in _raw_checklists() for item in data["item"]]


def _texts() -> Iterator[tuple[str, str]]:
    """Every piece of text a reader sees, with a label saying where it is."""
    manifest = _toml(CORE / "pack.toml")
    yield "pack:name", manifest["name"]
    for q in manifest["profile"]:
        yield f"{q['id']}:text", q["text"]
        if "help" in q:
            yield f"{q['id']}:help", q["help"]
        for o in q.get("options", ()):
            yield f"{q['id']}:option.{o['value']}", o["label"]
    for n, c in enumerate(manifest.get("contacts", ())):
        yield f"contacts.{n}:name", c["name"]
        yield f"contacts.{n}:offers", c["offers"]
    for _, data in _raw_checklists():
        yield f"{data['id']}:title", data["title"]
        yield f"{data['id']}:summary", data["summary"]
        for item in data["item"]:
            yield f"{item['id']}:title", item["title"]
            yield f"{item['id']}:why", item["why"]
            for n, step in enumerate(item["steps"]):
                yield f"{item['id']}:steps.{n}", step


def test_pack_size_and_categories() -> None:
    items = _raw_items()
    assert 110 <= len(items) <= 150, len(items)
    assert [item.id for item in core_pack().items()] == [item["id"] for item in items]
    checklists = _raw_checklists()
    assert [data["id"] for _, data in checklists] == list(CATEGORIES)
    numbers = [path.name[:2] for path, _ in checklists]
    assert numbers == [f"{n:02d}" for n in range(1, 14)]
    for _, data in checklists:
        assert len(data["item"]) >= 5, data["id"]
        assert len(data["summary"]) <= 400, data["id"]


def test_ids_are_unique_and_well_formed() -> None:
    manifest = _toml(CORE / "pack.toml")
    ids = [item["id"] for item in _raw_items()]
    ids += [data["id"] for _, data in _raw_checklists()]
    ids += [q["id"] for q in manifest["profile"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates
    bad = [i for i in ids if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", i)]
    assert not bad


def test_every_item_has_the_required_shape() -> None:
    risks = {r.value for r in Risk}
    efforts = {e.value for e in Effort}
    for item in _raw_items():
        where = item["id"]
        assert 3 <= len(item["steps"]) <= 6, where
        assert item["risk"] in risks, where
        assert item["effort"] in efforts, where
        assert isinstance(item.get("reviewed"), dt.date), where
        assert len(item["title"]) <= 120, where
        assert len(item["why"]) <= 600, where
        assert all(len(step) <= 300 for step in item["steps"]), where
        sentences = re.split(r"(?<=[.!?])\s+", item["why"].strip())
        assert 2 <= len(sentences) <= 3, (where, len(sentences))


def test_no_two_items_share_a_why() -> None:
    seen: dict[str, str] = {}
    for item in _raw_items():
        key = " ".join(item["why"].lower().split())
        assert key not in seen, (item["id"], seen.get(key))
        seen[key] = item["id"]


def test_references_exist_and_have_no_cycles() -> None:
    manifest = _toml(CORE / "pack.toml")
    questions = {q["id"]: q for q in manifest["profile"]}
    items = {item["id"]: item for item in _raw_items()}
    for item in items.values():
        for key, accepted in item.get("applies_if", {}).items():
            assert key in questions, (item["id"], key)
            question = questions[key]
            if question["kind"] == "yes_no":
                values = {"yes", "no"}
            else:
                values = {o["value"] for o in question["options"]}
            assert set(_tuple(accepted)) <= values, (item["id"], key, accepted)
        for target in item.get("depends_on", ()):
            assert target in items, (item["id"], target)

    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: tuple[str, ...]) -> None:
        if state.get(node) == 2:
            return
        assert state.get(node) != 1, f"dependency cycle: {' -> '.join((*path, node))}"
        state[node] = 1
        for target in items[node].get("depends_on", ()):
            visit(target, (*path, node))
        state[node] = 2

    for node in items:
        visit(node, ())


_PHONE = re.compile(r"(?:tel:|\+\s?\d)|\d[\d ()./-]{6,}\d")
_EMAIL = re.compile(r"mailto:|[\w.+-]+@[\w-]+\.[\w.-]+")


def test_contacts_are_complete_and_hold_no_phone_numbers_or_emails() -> None:
    contacts = _toml(CORE / "pack.toml").get("contacts", [])
    assert len(contacts) >= 8
    names = [c["name"] for c in contacts]
    assert len(set(names)) == len(names)
    for contact in contacts:
        name = contact.get("name", "")
        assert name and contact.get("offers"), contact
        assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]{2,}(/[\w./-]*)?", contact["website"]), name
        assert isinstance(contact.get("checked"), dt.date), name
        assert contact.get("languages"), name
        for field in ("name", "offers", "website"):
            assert not _PHONE.search(contact[field]), (name, field)
            assert not _EMAIL.search(contact[field]), (name, field)
    must_list = {
        "Access Now Digital Security Helpline",
        "Committee to Protect Journalists",
        "Reporters Without Borders (RSF)",
        "Freedom of the Press Foundation",
        "Front Line Defenders",
        "Digital First Aid Kit",
    }
    assert must_list <= set(names)


def test_no_text_holds_phone_numbers_or_email_addresses() -> None:
    for where, text in _texts():
        assert not _EMAIL.search(text), where
        assert not _PHONE.search(text), where


# Phrases that promise too much: no step makes anyone "safe".
_ABSOLUTE = re.compile(
    r"\b(?:makes? you (?:safe|secure|anonymous|invisible)|keeps? you safe|completely "
    r"(?:safe|secure|anonymous)|totally (?:safe|secure)|fully (?:safe|secure|protected)|"
    r"100 ?%|guarantee[sd]?|undetectable|unhackable|cannot be hacked|impossible to "
    r"(?:hack|trace|track))\b",
    re.IGNORECASE,
)
# Tools that were retired or are known to be unsafe: never recommend them.
_RETIRED = re.compile(r"\b(?:TrueCrypt|Bridgefy|Firefox Send)\b", re.IGNORECASE)


def test_no_absolute_promises_or_retired_tools() -> None:
    for where, text in _texts():
        assert not _ABSOLUTE.search(text), (where, text)
        assert not _RETIRED.search(text), (where, text)


def test_weak_advice_is_never_presented_as_strong() -> None:
    for where, text in _texts():
        lower = text.lower()
        if "https everywhere" in lower:
            assert "retired" in lower, where
        if "incognito" in lower or "private brows" in lower:
            assert re.search(r"\bnot\b", lower), where  # says what it does not hide
        if re.search(r"\bsms\b|text message", lower):
            if re.search(r"\bcodes?\b", lower):  # SMS as a second factor: say it is weak
                assert re.search(r"stolen|weak|only if|remove|instead|\bnot\b", lower), where
            praise = re.search(r"\b(?:strong|secure|safe|best|recommended)\b", lower)
            assert not praise or re.search(r"\bnot\b|weak", lower), where
        if "telegram" in lower and "end-to-end" in lower:
            assert "secret chat" in lower or "not end-to-end" in lower, where


def test_spyware_and_provenance_items_stay_honest() -> None:
    items = {item["id"]: item for item in _raw_items()}
    # Spyware checks need experts: the item names them and promises no detection.
    signs = " ".join(
        [items["incident-spyware-signs"]["why"], *items["incident-spyware-signs"]["steps"]]
    )
    assert "Access Now" in signs and "Mobile Verification Toolkit" in signs
    assert "do not trust" in signs.lower()
    # Content Credentials: missing ones prove nothing, and they can be stripped.
    credentials = items["verify-content-credentials"]
    text = " ".join([credentials["why"], *credentials["steps"]]).lower()
    assert "proves nothing" in text and "removed" in text
    # Circumvention tools are installed and tested before a shutdown, not during one.
    for platform in ("android", "iphone", "computer"):
        item = items[f"shutdown-circumvention-{platform}"]
        assert "now" in item["title"].lower()
        assert any("bridge" in step for step in item["steps"])


def _item_text(item: Mapping[str, Any]) -> str:
    return " ".join([item["title"], item["why"], *item["steps"]])


def test_reviewed_platform_facts_stay_correct() -> None:
    """Facts checked in the 2026-11-28 review (docs/content-review.md) that are easy to
    get wrong again when an item is rewritten."""
    items = {item["id"]: item for item in _raw_items()}
    text = {key: _item_text(item) for key, item in items.items()}
    # Android's device mode is not Google's account programme; its logging is opt-in.
    aapm = text["android-advanced-protection"]
    assert "Android 16" in aapm and "Advanced Protection Program" in aapm
    assert "intrusion logging" in aapm.lower()
    # Lockdown Mode blocks FaceTime calls from unknown people, not ordinary calls.
    assert "FaceTime" in text["iphone-lockdown-mode"]
    # Advanced Data Protection: off by default and not offered everywhere.
    adp = text["apple-advanced-data-protection"].lower()
    assert "off by default" in adp and "not offered in every country" in adp
    # Signal: username, both number settings, and a number is still needed.
    signal = text["signal-username-privacy"]
    assert signal.count("Nobody") >= 2 and "needs a phone number" in signal
    # WhatsApp backups are end-to-end encrypted only when turned on.
    assert "End-to-end encrypted backup" in text["whatsapp-telegram-settings"]
    # Psiphon gets past blocking; it does not hide who you are.
    for platform in ("android", "iphone", "computer"):
        body = text[f"shutdown-circumvention-{platform}"]
        assert "Psiphon" in body and re.search(r"not built (?:to hide|for hiding)", body)
    # Never advise keeping a plain password-manager export as a backup.
    for where, value in _texts():
        assert not re.search(r"password manager'?s? export", value, re.IGNORECASE), where
    # A lost phone: get the new SIM before re-registering messengers on the number.
    steps = items["incident-device-lost"]["steps"]
    sim = next(n for n, step in enumerate(steps) if "SIM" in step)
    signal_step = next(n for n, step in enumerate(steps) if "register Signal" in step)
    assert sim < signal_step


def test_first_hour_steps_cover_the_four_emergencies() -> None:
    incidents = next(data for _, data in _raw_checklists() if data["id"] == "incidents")
    ids = {item["id"] for item in incidents["item"]}
    for required in (
        "incident-log",
        "incident-account-hacked",
        "incident-device-lost",
        "incident-device-seized",
        "incident-doxxing",
        "incident-spyware-signs",
    ):
        assert required in ids
    # Kept for everyone: nobody should have to answer a question to find them.
    for item in incidents["item"]:
        if item["id"] in {"incident-log", "incident-account-hacked", "incident-doxxing"}:
            assert "applies_if" not in item, item["id"]


def test_every_date_is_a_real_review_date() -> None:
    manifest = _toml(CORE / "pack.toml")
    assert isinstance(manifest["reviewed"], dt.date)
    today = dt.date.fromisoformat(TODAY)
    dates = [item["reviewed"] for item in _raw_items()]
    dates += [c["checked"] for c in manifest.get("contacts", ())]
    assert all(d <= today for d in dates)


# ---------------------------------------------------------------------------
# Lint


def test_lint_passes_without_warnings() -> None:
    done = run_cli("pack", "lint", "--today", TODAY, CORE)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output
    assert "warning:" not in output.lower(), output  # lint tags each warning so
    assert "0 errors, 0 warnings" in output, output


def test_lint_warns_once_the_content_is_a_year_old() -> None:
    # The other side of the dating rule: a year and a day later, every item is stale.
    done = run_cli("pack", "lint", "--today", "2027-11-29", CORE)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    warned = set(re.findall(r"item '([a-z0-9-]+)' was last reviewed", output))
    assert warned == {item["id"] for item in _raw_items()}, output[-2000:]
