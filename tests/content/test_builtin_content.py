"""The built-in core pack (issues 5 and 13): eight profiles and whole-pack rules.

The profile tests check that each kind of person the brief names gets a plan of a
workable size (40-100 items) that covers every category that matters to them, includes
the items they must see and leaves out the ones that do not fit them (no iPhone steps
for someone who only uses Android, no travel items for someone who does not travel),
and that the first 15 priorities are the golden plan committed in
docs/content-review.md.

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
from safetykit.assessment.priorities import prioritise
from safetykit.packs.catalog import builtin_packs
from safetykit.packs.model import Effort, ItemKind, Pack, ProfileAnswer, Risk
from tests.helpers import REPO, run_cli

CORE = REPO / "checklists" / "core"
PACK_ID = "org.safetykit.core"
TODAY = "2026-12-01"

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
    "legal-protection",
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
# The eight profiles

# Answers every profile starts from: nothing chosen. Each profile names what differs.
NOTHING: dict[str, ProfileAnswer] = {
    "role": "staff",
    "sources": "no",
    "situation": [],
    "travel": "no",
    "harassment": "no",
    "devices": [],
    "support": "no",
    "phone-only": "no",
    "shared-device": "no",
    "exile": [],
    "legal": "no",
    "physical": "no",
}

PROFILES: dict[str, dict[str, ProfileAnswer]] = {
    "photo-conflict": {
        "role": "visual",
        "situation": ["conflict"],
        "travel": "yes",
        "devices": ["android"],
    },
    "investigative": {
        "role": "staff",
        "sources": "yes",
        "devices": ["macos", "iphone"],
        "support": "yes",
    },
    "activist-doxxing": {
        "role": "activist",
        "situation": ["unrest"],
        "harassment": "yes",
        "devices": ["windows", "android"],
    },
    "citizen-shutdown": {"role": "citizen", "situation": ["shutdown"], "devices": ["android"]},
    "editor": {
        "role": "editor",
        "sources": "yes",
        "devices": ["windows", "iphone"],
        "support": "yes",
    },
    "shared-phone": {
        "role": "staff",
        "devices": ["android"],
        "phone-only": "yes",
        "shared-device": "yes",
    },
    "exile": {
        "role": "freelance",
        "sources": "yes",
        "devices": ["macos", "android"],
        "exile": ["exile", "family"],
    },
    "lawsuit-threats": {
        "role": "staff",
        "sources": "yes",
        "devices": ["windows", "iphone"],
        "support": "yes",
        "legal": "yes",
        "physical": "yes",
    },
}

REVIEW = REPO / "docs" / "content-review.md"
_GOLDEN_HEAD = re.compile(r"^### `([a-z0-9-]+)`", re.M)
_GOLDEN_ITEM = re.compile(r"^\d+\. `([a-z0-9-]+)`: \S", re.M)


@functools.cache
def golden_plans() -> dict[str, tuple[list[str], list[str]]]:
    """Profile -> (first 15 item ids in order, must-not ids), as committed in the doc."""
    text = REVIEW.read_text(encoding="utf-8").split("## Golden plans", 1)[1]
    text = text.split("\n## ", 1)[0]
    heads = list(_GOLDEN_HEAD.finditer(text))
    out: dict[str, tuple[list[str], list[str]]] = {}
    for n, head in enumerate(heads):
        body = text[head.end() : heads[n + 1].start() if n + 1 < len(heads) else len(text)]
        first = _GOLDEN_ITEM.findall(body)
        line = next(x for x in body.splitlines() if x.startswith("Must not appear:"))
        out[head.group(1)] = (first, re.findall(r"`([a-z0-9-]+)`", line))
    return out


def _answers(name: str) -> dict[str, ProfileAnswer]:
    return {**NOTHING, **PROFILES[name]}


def _profile(answers: Mapping[str, ProfileAnswer]) -> dict[str, ProfileAnswer]:
    return {f"{PACK_ID}/{key}": answer for key, answer in answers.items()}


def _check_profile(
    name: str,
    *,
    categories: Sequence[str],
    must_see: Sequence[str],
    must_not_see: Sequence[str] = (),
) -> None:
    pack = core_pack()
    answers = _answers(name)
    # Guard the test itself: real questions, real answers, real item ids.
    for key, answer in answers.items():
        values = pack.question(key).values()
        assert set(_tuple(answer)) <= set(values), (key, answer)
    assert {q.id for q in pack.questions} == set(answers), "answer every question"
    first, never = golden_plans()[name]
    known = {item.id for item in pack.items()}
    assert set(must_see) | set(must_not_see) | set(first) | set(never) <= known
    assert set(categories) <= set(CATEGORIES)
    assert len(must_see) >= 5 and len(first) == 15 and len(never) >= 3

    plan = applicable_items([pack], _profile(answers))
    seen = {entry.item.id for entry in plan}
    per_category: dict[str, int] = {}
    for entry in plan:
        per_category[entry.checklist.id] = per_category.get(entry.checklist.id, 0) + 1

    assert 40 <= len(plan) <= 100, (len(plan), per_category)
    assert not set(categories) - set(per_category), per_category
    assert not set(must_see) - seen
    assert not (set(must_not_see) | set(never)) & seen
    # The golden plan: the first 15 priorities, in order, as the doc commits them.
    ranked = [p.entry.item.id for p in prioritise(plan, None)]
    assert ranked[:15] == first, (name, ranked[:15])


def test_freelance_photojournalist_in_a_conflict_zone_on_android() -> None:
    _check_profile(
        "photo-conflict",
        categories=[c for c in CATEGORIES if c != "harassment-doxxing"],
        must_see=[
            "field-risk-assessment",
            "field-hefat",
            "field-protective-gear",
            "field-quick-lock-android",
            "field-freelance-cover",
            "travel-power-off",
            "travel-access-demand-plan",
            "travel-apps-draw-suspicion",
            "protect-field-media",
            "verify-own-provenance",
            "shutdown-circumvention-android",
            "shutdown-check-app-copies",
            "wellbeing-after-assignment",
            "incident-lost-android",
            "incident-device-seized",
        ],
        must_not_see=[
            "incident-lost-iphone",
            "shutdown-circumvention-iphone",
            "shutdown-circumvention-computer",
        ],
    )


def test_staff_investigative_reporter_with_sources_on_mac_and_iphone() -> None:
    _check_profile(
        "investigative",
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
            "legal-protection",
        ],
        must_see=[
            "assess-source-risks",
            "encrypt-macos",
            "mac-lockdown-mode",
            "iphone-lockdown-mode",
            "apple-advanced-data-protection",
            "secure-tip-line",
            "separate-source-contact",
            "open-untrusted-documents",
            "ai-tools-confidential",
            "research-without-traces",
            "legal-find-lawyer",
            "verify-corroborate",
            "incident-spyware-iphone",
            "incident-warn-sources",
            "incident-report-to-newsroom",
        ],
    )


def test_activist_facing_doxxing_on_windows_and_android() -> None:
    _check_profile(
        "activist-doxxing",
        categories=[c for c in CATEGORIES if c != "travel-borders"],
        must_see=[
            "encrypt-windows",
            "windows-10-updates-end",
            "android-strong-screen-lock",
            "group-chat-hygiene",
            "remove-data-broker-listings",
            "document-abuse",
            "location-sharing-check",
            "stalkerware-check",
            "tracking-device-alerts",
            "field-protest-plan",
            "field-quick-lock-android",
            "verify-pause-before-sharing",
            "shutdown-circumvention-computer",
            "wellbeing-share-abuse-load",
            "incident-doxxing",
            "incident-tracker-found",
        ],
    )


def test_citizen_journalist_during_an_internet_shutdown_on_android() -> None:
    _check_profile(
        "citizen-shutdown",
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
            "shutdown-check-app-copies",
            "shutdown-tor-bridges",
            "signal-proxy",
            "verify-pause-before-sharing",
            "verify-own-provenance",
            "incident-account-hacked",
        ],
    )


def test_editor_in_a_newsroom_with_it_support_on_windows_and_iphone() -> None:
    _check_profile(
        "editor",
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "browsing",
            "verification",
            "wellbeing",
            "incidents",
            "legal-protection",
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
            "verify-video-keyframes",
            "verify-escalate-deepfakes",
            "verify-chain-of-custody",
            "wellbeing-team-care",
            "incident-editor-response-plan",
            "legal-prepublication-review",
        ],
    )


def test_reporter_on_a_shared_family_phone_with_no_computer() -> None:
    _check_profile(
        "shared-phone",
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "harassment-doxxing",
            "incidents",
        ],
        must_see=[
            "shared-device-private-space",
            "shared-account-exposure",
            "phone-only-work",
            "phone-backup",
            "signal-screen-lock",
            "location-sharing-check",
            "stalkerware-check",
            "android-strong-screen-lock",
            "incident-tracker-found",
        ],
    )
    # No computer: no computer-only item, and no computer step in mixed items.
    computers = {"windows", "macos", "linux"}
    for entry in applicable_items([core_pack()], _profile(_answers("shared-phone"))):
        devices = set(entry.item.applies_if.get("devices", ()))
        assert not devices or devices - computers, entry.item.id
        for n in entry.step_indexes or ():
            shown = set(entry.item.step_condition(n).get("devices", ()))
            assert not shown or shown - computers, (entry.item.id, n)


def test_exiled_journalist_with_family_at_home() -> None:
    _check_profile(
        "exile",
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "harassment-doxxing",
            "travel-borders",
            "wellbeing",
            "incidents",
            "legal-protection",
        ],
        must_see=[
            "exile-assess-reach",
            "family-questioning-plan",
            "family-safe-channels",
            "family-scam-and-threat-calls",
            "exile-travel-risks",
            "protect-family-information",
            "document-abuse",
            "verify-voice-and-identity",
            "impersonation-watch",
            "wellbeing-exile",
            "incident-family-questioned",
        ],
    )


def test_reporter_facing_a_lawsuit_and_threats_at_home() -> None:
    _check_profile(
        "lawsuit-threats",
        categories=[
            "risks",
            "accounts",
            "device-security",
            "communications",
            "files",
            "harassment-doxxing",
            "field-safety",
            "legal-protection",
            "incidents",
        ],
        must_see=[
            "legal-hold-evidence",
            "legal-find-lawyer",
            "legal-anti-slapp",
            "legal-insurance",
            "home-security",
            "being-followed",
            "tracking-device-alerts",
            "protect-family-information",  # shown without answering "harassed"
            "document-abuse",
            "know-when-to-escalate",
            "incident-legal-threat",
            "incident-followed",
        ],
    )


def test_every_golden_plan_has_a_profile_test() -> None:
    assert set(golden_plans()) == set(PROFILES)


def test_a_profile_that_skips_everything() -> None:
    pack = core_pack()
    everything = applicable_items([pack], {})
    # Skipping shows advice rather than hiding it: every item, with every step.
    assert len(everything) == len(pack.items())
    assert all(entry.steps == entry.item.steps for entry in everything)
    ranked = prioritise(everything, None)
    assert not any(p.situational for p in ranked), "nothing was chosen"
    assert len(ranked) == len([i for i in pack.items() if not i.is_playbook])
    # The app shows what skipping each question means.
    for question in pack.questions:
        assert question.if_skipped.startswith("If you skip this, you "), question.id


def test_situation_questions_are_the_circumstances_not_the_work() -> None:
    marked = {q.id for q in core_pack().questions if q.situation}
    assert marked == {
        "situation",
        "travel",
        "harassment",
        "phone-only",
        "shared-device",
        "exile",
        "legal",
        "physical",
    }


def test_family_and_abuse_items_reach_everyone_who_needs_them() -> None:
    """The first edition showed these only to people who said they were harassed."""
    pack = core_pack()

    def seen(**changes: ProfileAnswer) -> set[str]:
        answers = {**NOTHING, "devices": ["android"], **changes}
        return {e.item.id for e in applicable_items([pack], _profile(answers))}

    for who in ({"physical": "yes"}, {"exile": ["family"]}, {"harassment": "yes"}):
        assert {"protect-family-information", "document-abuse"} <= seen(**who), who
    assert "protect-family-information" not in seen()
    # Researching without traces: every reporter, not only those with sources.
    assert "research-without-traces" in seen(role="freelance")
    assert "research-without-traces" not in seen(role="visual")


# ---------------------------------------------------------------------------
# Whole-pack rules (read from the TOML as written)


def _raw_checklists() -> list[tuple[Path, dict[str, Any]]]:
    return [(path, _toml(path)) for path in _checklist_files()]


def _raw_items() -> list[dict[str, Any]]:
    return [item for _, data in _raw_checklists() for item in data["item"]]


def _step_text(step: str | dict[str, Any]) -> str:
    return step if isinstance(step, str) else str(step["text"])


def _steps(item: Mapping[str, Any]) -> list[str]:
    return [_step_text(step) for step in item["steps"]]


def _texts() -> Iterator[tuple[str, str]]:
    """Every piece of text a reader sees, with a label saying where it is."""
    manifest = _toml(CORE / "pack.toml")
    yield "pack:name", manifest["name"]
    for key in ("description", "credit", "legal_hold"):
        yield f"pack:{key}", manifest[key]
    for q in manifest["profile"]:
        yield f"{q['id']}:text", q["text"]
        for key in ("help", "if_skipped"):
            if key in q:
                yield f"{q['id']}:{key}", q[key]
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
            for n, step in enumerate(_steps(item)):
                yield f"{item['id']}:steps.{n}", step


def test_pack_size_and_categories() -> None:
    items = _raw_items()
    assert 150 <= len(items) <= 190, len(items)
    assert [item.id for item in core_pack().items()] == [item["id"] for item in items]
    checklists = _raw_checklists()
    assert [data["id"] for _, data in checklists] == list(CATEGORIES)
    numbers = [path.name[:2] for path, _ in checklists]
    assert numbers == [f"{n:02d}" for n in range(1, 15)]
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
        # Steps for other devices are hidden, so an item may hold more than six.
        assert 3 <= len(item["steps"]) <= 9, where
        if item.get("kind") == "playbook":
            # Playbooks are not rated: the loader refuses risk and effort on them.
            assert "risk" not in item and "effort" not in item, where
        else:
            assert item["risk"] in risks, where
            assert item["effort"] in efforts, where
        assert isinstance(item.get("reviewed"), dt.date), where
        assert len(item["title"]) <= 120, where
        assert len(item["why"]) <= 600, where
        assert all(len(step) <= 300 for step in _steps(item)), where
        assert sum(isinstance(step, str) for step in item["steps"]) >= 1, where
        sentences = re.split(r"(?<=[.!?])\s+", item["why"].strip())
        assert 2 <= len(sentences) <= 3, (where, len(sentences))


def test_every_reader_sees_three_to_six_steps() -> None:
    """With one phone and at most one computer, each item shows 3 to 6 steps."""
    pack = core_pack()
    readers = [
        [phone, *computer]
        for phone in ("android", "iphone")
        for computer in ([], ["windows"], ["macos"], ["linux"])
    ]
    for devices in readers:
        profile = _profile({"devices": devices})
        for entry in applicable_items([pack], profile):
            assert 3 <= len(entry.steps) <= 6, (entry.item.id, devices, len(entry.steps))


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
        tables = [item.get("applies_if", {}), *item.get("applies_if_any", ())]
        tables += [step["applies_if"] for step in item["steps"] if isinstance(step, dict)]
        conditions = [pair for table in tables for pair in table.items()]
        for key, accepted in conditions:
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
        [items["incident-spyware-signs"]["why"], *_steps(items["incident-spyware-signs"])]
    )
    assert "Access Now" in signs and "Mobile Verification Toolkit" in signs
    assert "do not trust" in signs.lower()
    # Content Credentials: missing ones prove nothing, and they can be stripped.
    credentials = items["verify-content-credentials"]
    text = " ".join([credentials["why"], *_steps(credentials)]).lower()
    assert "proves nothing" in text and "removed" in text
    # Circumvention tools are installed and tested before a shutdown, not during one.
    for platform in ("android", "iphone", "computer"):
        item = items[f"shutdown-circumvention-{platform}"]
        assert "now" in item["title"].lower()
        assert any("bridge" in step for step in _steps(item))


def _item_text(item: Mapping[str, Any]) -> str:
    return " ".join([item["title"], item["why"], *_steps(item)])


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
    steps = _steps(items["incident-device-lost"])
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
            assert "applies_if" not in item and "applies_if_any" not in item, item["id"]
    # The first-hour guides are playbooks, shown in "If something happens".
    playbooks = {i["id"] for i in incidents["item"] if i.get("kind") == "playbook"}
    assert {
        "incident-account-hacked",
        "incident-device-lost",
        "incident-device-seized",
        "incident-doxxing",
        "incident-spyware-iphone",
        "incident-spyware-android",
        "incident-legal-threat",
        "incident-impersonated",
        "incident-followed",
        "incident-family-questioned",
    } <= playbooks
    # Things to set up beforehand stay to-dos.
    assert not {"incident-log", "incident-save-helplines", "incident-spyware-signs"} & playbooks


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
    done = run_cli("pack", "lint", "--verbose", "--today", "2027-12-02", CORE)
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    warned = set(re.findall(r"item '([a-z0-9-]+)' was last reviewed", output))
    assert warned == {item["id"] for item in _raw_items()}, output[-2000:]
    # Without --verbose, one line says how many and which is the oldest.
    done = run_cli("pack", "lint", "--today", "2027-12-02", CORE)
    assert "last reviewed" not in done.stdout
    assert re.search(
        r"warning: \d+ review dates are more than 12 months old; the oldest", done.stdout
    )


# ---------------------------------------------------------------------------
# Second edition rules (issue 13)


def test_ratings_separate_the_items() -> None:
    todo = [i for i in core_pack().items() if i.kind is ItemKind.TODO]
    high = [i for i in todo if i.risk in (Risk.CRITICAL, Risk.HIGH)]
    # No more than about half of the to-dos are high or critical (docs/content-review.md).
    assert len(high) <= len(todo) // 2, (len(high), len(todo))
    for risk in Risk:
        assert sum(i.risk is risk for i in todo) >= 10, risk


def test_the_risk_levels_and_every_rating_change_are_documented() -> None:
    text = REVIEW.read_text(encoding="utf-8")
    levels = text.split("## Risk levels", 1)[1].split("\n## ", 1)[0]
    for risk in Risk:
        assert re.search(rf"^\| {risk.value} \| .+ \| `[a-z0-9-]+`", levels, re.M), risk
    changes = text.split("### Rating changes in the second edition", 1)[1].split("\n### ", 1)[0]
    listed = dict(re.findall(r"^\| `([a-z0-9-]+)` \| ([a-z]+ → [a-z]+) \|", changes, re.M))
    items = {item.id: item for item in core_pack().items()}
    for ident, change in listed.items():
        new = change.split(" → ")[1]
        if new == "removed":
            assert ident not in items, ident
        elif new == "playbook":
            assert items[ident].is_playbook, ident
        else:
            assert items[ident].risk.value == new, (ident, change)


def test_every_item_that_advises_deleting_carries_the_legal_hold_warning() -> None:
    from safetykit.packs.advice import DELETION

    manifest = _toml(CORE / "pack.toml")
    assert "lawsuit" in manifest["legal_hold"] and "delete" in manifest["legal_hold"]
    for item in _raw_items():
        if DELETION.search(_item_text(item)):
            # Lint warns otherwise; here: the decision is written down either way.
            assert "legal_hold" in item, item["id"]
    holds = {item["id"] for item in _raw_items() if item.get("legal_hold") is True}
    assert {
        "disappearing-messages",
        "deletion-is-not-erasure",
        "incident-device-lost",
        "legal-hold-evidence",
        "find-and-erase-device",
    } <= holds


def test_second_edition_facts_stay_correct() -> None:
    """Facts checked in the 2026-12-01 review that are easy to get wrong again."""
    items = {item["id"]: item for item in _raw_items()}
    text = {key: _item_text(item) for key, item in items.items()}
    # Windows 10: consumer extended updates run to October 2027 (stored pages, June 2026).
    assert "12 October 2027" in text["windows-10-updates-end"]
    # The iCloud path differs on a Mac: one step per device, each with its condition.
    adp = [s for s in items["apple-advanced-data-protection"]["steps"] if isinstance(s, dict)]
    assert {s["applies_if"]["devices"] for s in adp} == {"iphone", "macos"}
    assert any("System Settings" in s["text"] for s in adp)
    # Offline messaging on an iPhone: an honest answer, not a promise.
    offline = [s for s in items["shutdown-offline-messaging"]["steps"] if isinstance(s, dict)]
    iphone = next(s["text"] for s in offline if s["applies_if"]["devices"] == "iphone")
    assert "Briar does not exist for iPhone" in iphone
    # Forensic extraction tools named, and why a powered-off phone resists them.
    assert "Cellebrite" in text["travel-power-off"] and "GrayKey" in text["travel-power-off"]
    # Reverse image search engines named, with Yandex's jurisdiction.
    assert "Yandex is a Russian company" in text["verify-reverse-search"]
    # Tor bridges: the real ways to get them, private bridges and WebTunnel.
    bridges = text["shutdown-tor-bridges"]
    for word in ("WebTunnel", "Telegram bot", "private", "bridges website"):
        assert word in bridges, word
    # A shared copy of a circumvention app is checked against its source.
    copies = text["shutdown-check-app-copies"]
    assert "F-Droid" in copies and "signature" in copies
    # Evidence: hashes and a chain of custody, with the practice named.
    custody = text["verify-chain-of-custody"]
    assert "SHA-256" in custody and "Berkeley Protocol" in custody
    # Watermark checks have limits.
    assert "proves nothing" in text["verify-escalate-deepfakes"]
    # Messaging phishing: QR linking and fake support.
    assert "Linked devices" in text["qr-device-linking-phishing"]
    assert "never ask" in text["fake-support-codes"]
    # Confirming through another channel means one you already had.
    assert "you already had" in text["verify-voice-and-identity"]
    # Apps that draw suspicion at borders, and transit countries.
    assert "transit" in text["travel-research-border"]
    assert "Interpol" in text["exile-travel-risks"]


def test_new_contacts_cover_women_journalists_legal_defence_and_exile() -> None:
    names = {c["name"] for c in _toml(CORE / "pack.toml")["contacts"]}
    assert "International Women's Media Foundation (IWMF)" in names
    assert any("Coalition Against Online Violence" in n for n in names)
    assert {"Media Defence", "Coalition Against SLAPPs in Europe (CASE)"} <= names
    assert any("transnational repression" in n for n in names)


def test_the_built_in_plan_keeps_playbooks_out_of_the_to_do_list() -> None:
    from safetykit.plan.content import PlanOptions, build_plan

    pack = core_pack()
    profile = _profile(_answers("lawsuit-threats"))
    plan = build_plan([pack], profile, None, None, PlanOptions(today=dt.date(2026, 12, 1)))
    titles = {b.title for b in plan.playbooks}
    assert pack.item("incident-legal-threat").title in titles
    assert pack.item("incident-followed").title in titles
    assert not titles & {p.title for p in plan.priorities}
    # Items that advise deleting carry the pack's legal warning in the plan.
    hold = next(p for p in plan.priorities if p.title == pack.item("legal-hold-evidence").title)
    assert hold.legal_hold == pack.legal_hold
