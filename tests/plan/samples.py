"""Packs built in Python for plan tests: the model is plain data, so no loader needed.

The Arabic pack stands in for translated content until the built-in catalogs exist.
"""

from __future__ import annotations

import datetime as dt

from safetykit.packs.model import (
    Checklist,
    Contact,
    Effort,
    Item,
    Option,
    Origin,
    Pack,
    Question,
    QuestionKind,
    Risk,
)

DAY = dt.date(2026, 11, 20)


def item(
    ident: str,
    title: str,
    risk: Risk = Risk.HIGH,
    effort: Effort = Effort.HOURS,
    depends_on: tuple[str, ...] = (),
    steps: tuple[str, ...] = ("Do the first thing.", "Then the second."),
    why: str = "Because it prevents harm.",
    applies_if: dict[str, tuple[str, ...]] | None = None,
) -> Item:
    return Item(
        id=ident,
        title=title,
        why=why,
        steps=steps,
        risk=risk,
        effort=effort,
        reviewed=DAY,
        applies_if=applies_if or {},
        depends_on=depends_on,
    )


def pack(
    checklists: tuple[Checklist, ...],
    ident: str = "org.example.test",
    name: str = "Test pack",
    contacts: tuple[Contact, ...] = (),
    questions: tuple[Question, ...] = (),
    verified: bool = True,
    origin: Origin = Origin.BUILTIN,
    locale: str = "en",
) -> Pack:
    return Pack(
        id=ident,
        version=3,
        source_locale=locale,
        name=name,
        publisher="Example publisher",
        license="CC-BY-SA-4.0",
        reviewed=DAY,
        min_app="0.1.0",
        questions=questions,
        checklists=checklists,
        contacts=contacts,
        origin=origin,
        verified=verified,
        signer=None if verified else "0123456789abcdef",
        locale=locale,
    )


def english_pack() -> Pack:
    accounts = Checklist(
        id="accounts",
        title="Accounts and passwords",
        summary="Keep accounts safe.",
        items=(
            item("password-manager", "Use a password manager", Risk.CRITICAL, Effort.HOURS),
            item(
                "unique-passphrases",
                "Change reused passwords",
                Risk.HIGH,
                Effort.HOURS,
                depends_on=("password-manager",),
            ),
            item("two-step-login", "Turn on two-step login", Risk.CRITICAL, Effort.MINUTES),
            item(
                "recovery-codes",
                "Store recovery codes offline",
                Risk.LOW,
                Effort.MINUTES,
                depends_on=("two-step-login",),
            ),
        ),
    )
    devices = Checklist(
        id="devices",
        title="Devices",
        summary="Keep devices updated.",
        items=(
            item("updates", "Install updates", Risk.HIGH, Effort.MINUTES),
            item("disk-encryption", "Encrypt the disk", Risk.MEDIUM, Effort.HOURS),
            item(
                "android-lock",
                "Set a long screen lock on Android",
                Risk.HIGH,
                Effort.MINUTES,
                applies_if={"devices": ("android",)},
            ),
        ),
    )
    questions = (
        Question(
            id="devices",
            text="Which devices do you use?",
            kind=QuestionKind.MULTI,
            options=(Option("android", "Android phone"), Option("windows", "Windows PC")),
        ),
        Question(id="travel", text="Do you travel?", kind=QuestionKind.YES_NO),
    )
    contacts = (
        Contact(
            name="Example Helpline",
            offers="Free digital security help.",
            website="https://helpline.example.org",
            languages=("en", "ar"),
            checked=DAY,
        ),
    )
    return pack((accounts, devices), contacts=contacts, questions=questions)


def arabic_pack() -> Pack:
    """Modern unvocalised Arabic, as most Arabic guides are written (see test_pdf)."""
    accounts = Checklist(
        id="accounts",
        title="الحسابات وكلمات المرور",
        summary="حافظ على أمان حساباتك.",
        items=(
            item(
                "password-manager",
                "استخدم مدير كلمات المرور",
                Risk.CRITICAL,
                Effort.HOURS,
                steps=("ثبت مدير كلمات مرور موثوقا.", "انقل كلمات المرور إليه."),
                why="كلمات المرور المكررة تفتح كل حساباتك.",
            ),
            item(
                "two-step-login",
                "فعل التحقق بخطوتين",
                Risk.CRITICAL,
                Effort.MINUTES,
                steps=("افتح إعدادات الحساب.", "اختر التحقق بخطوتين."),
                why="كلمة المرور وحدها لا تكفي.",
            ),
            item(
                "recovery-codes",
                "احفظ رموز الاسترداد بعيدا عن الإنترنت",
                Risk.HIGH,
                Effort.MINUTES,
                depends_on=("two-step-login",),
                steps=("اطبع رموز الاسترداد.", "ضعها في مكان آمن."),
                why="إذا فقدت هاتفك تحتاج إليها.",
            ),
        ),
    )
    devices = Checklist(
        id="devices",
        title="الأجهزة",
        summary="حدث أجهزتك.",
        items=(
            item(
                "updates",
                "ثبت التحديثات",
                Risk.HIGH,
                Effort.MINUTES,
                steps=("افتح الإعدادات.", "ثبت كل التحديثات المتاحة."),
                why="التحديثات تسد الثغرات.",
            ),
            item(
                "disk-encryption",
                "شفر القرص",
                Risk.MEDIUM,
                Effort.HOURS,
                steps=("فعل التشفير الكامل للقرص.",),
                why="يحمي بياناتك إذا سرق الجهاز.",
            ),
        ),
    )
    contacts = (
        Contact(
            name="خط المساعدة",
            offers="مساعدة مجانية في الأمان الرقمي.",
            website="https://helpline.example.org",
            languages=("ar", "en"),
            checked=DAY,
        ),
    )
    return pack(
        (accounts, devices),
        ident="org.example.arabic",
        name="حزمة تجريبية",
        contacts=contacts,
        locale="ar",
    )
