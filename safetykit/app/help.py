"""Short offline help for each screen (Help › Help for this screen, F1)."""

from __future__ import annotations

from safetykit.app.language import tr


def help_text(page: str) -> str:
    texts = {
        "onboardingPage": tr(
            "This is the first run. Choose your language, read what SafetyKit does, and "
            "create a passphrase. Then, if a trainer gave you a checklist pack, add it, "
            "and answer a few questions about your situation. Your vault is created at "
            "the end; nothing about you is saved before that."
        ),
        "unlockPage": tr(
            "Type your passphrase and press Enter. If the vault is remembered on this "
            "device, you can use the system keychain instead. If you forgot the "
            "passphrase, nobody can recover it: you can only wipe the vault and start "
            "again."
        ),
        "dashboardPage": tr(
            "The dashboard shows your overall score, the score of each category, what "
            "changed since your previous assessment, and the next things to do. Click "
            "an item to open it. A new assessment starts from your current answers, so "
            "you only change what moved."
        ),
        "checklistPage": tr(
            "Read the item, then answer with the buttons or the keys 1 to 4: Done, "
            "Partly, Not yet, Does not apply. Page Down and Page Up move to the next and "
            "previous item; Ctrl+Z takes back the last answer. Notes and due dates are "
            "optional and stay encrypted. Answers are saved by themselves."
        ),
        "planPage": tr(
            "The plan lists what to do first, with steps to tick off. Choose the one-page "
            "action list or the full plan, then print it or save it as PDF or HTML. "
            "Saved and printed plans are not encrypted; notes and profile answers are "
            "left out unless you include them."
        ),
        "profilePage": tr(
            "These answers decide which checklist items you see. Skipping a question "
            "shows every item it could apply to. Answers of items that no longer apply "
            "are kept."
        ),
        "historyPage": tr(
            "Every assessment you made, newest first, with its overall score. Open one "
            "to see its scores as they were; select two to compare them category by "
            "category. Deleting one removes it from the vault; its backup copy and old "
            "disk blocks may keep it, encrypted, for a while."
        ),
        "settingsPage": tr(
            "Settings are kept in the encrypted vault, except the language. Auto-lock "
            "locks SafetyKit after the minutes you choose without use, and when the "
            "system locks the screen. The quick-exit shortcut hides, locks and closes "
            "SafetyKit at once; it works only while SafetyKit has the keyboard focus."
        ),
        "lockedPage": tr(
            "SafetyKit is locked and shows nothing of yours. Open it again with your passphrase."
        ),
    }
    return texts.get(page, texts["dashboardPage"])
