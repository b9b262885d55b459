"""Every error's words: one table from error code to a translatable message (DESIGN §12).

A ``SafetyKitError`` carries a ``code`` and plain ``params``; ``message_for(error,
lang)`` looks the code up here, translates the template through the language's gettext
catalog and fills in the parameters. ``str(error)`` is the English of the same table
with the command-line hint, so the wording lives in one place.

Each entry says what happened (and that nothing was lost, when true). ``cli`` is the
next step in command-line words ("run 'safetykit vault restore-backup'"): the command
line appends it, the app offers its own button instead and leaves it out.

Qt-free: the command line and the app use it alike. A new code needs an entry here, its
msgid in ``translations/safetykit.pot`` and a translation in every launch language
(docs/translating.md); tests fail until it has them.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from safetykit import i18n

if TYPE_CHECKING:
    from safetykit.errors import SafetyKitError


def _(message: str) -> str:
    """Mark a message for extraction (Babel's ``_`` keyword); translated when shown."""
    return message


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with plural forms for extraction; translated when shown."""
    return singular, plural


@dataclass(frozen=True)
class Message:
    """One error's English template (``%(name)s`` placeholders) and its CLI hint.

    ``text`` is a (singular, plural) pair when the sentence depends on the number in
    the parameter named by ``count``.
    """

    text: str | tuple[str, str]
    cli: str | None = None
    count: str | None = None

    @property
    def msgids(self) -> tuple[str, ...]:
        """The catalog entries (msgids) this message uses."""
        texts = self.text if isinstance(self.text, tuple) else (self.text,)
        return texts + ((self.cli,) if self.cli else ())


_RESTORE = _("Run 'safetykit vault restore-backup' to restore it.")
_REZIPPED = _("Hand out the .skpack file that 'safetykit pack build' wrote, unchanged, as a file.")

MESSAGES: Mapping[str, Message] = {
    # Generic: only reached if a raise names no code (tests keep that from happening).
    "error": Message(_("Something went wrong.")),
    "usage": Message(_("The command was not called the right way.")),
    # Passphrases and confirmations typed at the command line.
    "passphrase.missing": Message(_("No passphrase was given.")),
    "passphrase.stdin_closed": Message(_("No passphrase was given: standard input is closed.")),
    "passphrase.stdin_empty": Message(_("No passphrase was given on standard input.")),
    "passphrase.mismatch": Message(
        _("The two passphrases differ, so nothing was changed. Try again.")
    ),
    "data_dir.foreign_owner": Message(
        _(
            "The data folder %(folder)s belongs to another account (uid %(uid)s). "
            "SafetyKit only uses a folder you own."
        )
    ),
    "vault.not_a_vault.not_a_file": Message(
        _(
            "%(file)s is a link, a FIFO or a device, not a SafetyKit vault: SafetyKit "
            "does not follow links in its data folder."
        )
    ),
    "vault.not_a_vault.foreign_backup": Message(
        _(
            "The backup belongs to another vault, so it was not restored. Move it away "
            "if it is not yours."
        )
    ),
    "vault.copy.missing": Message(_("%(file)s is not there any more.")),
    "vault.copy.foreign": Message(
        _(
            "%(file)s is a copy of another vault (a different vault id), so it is not "
            "restored into this one."
        )
    ),
    "vault.wrong_passphrase.old_in_effect": Message(
        _(
            "Wrong passphrase. A passphrase change was interrupted before it took effect: "
            "the OLD passphrase still opens the vault."
        )
    ),
    "vault.wrong_passphrase.new_in_effect": Message(
        _(
            "Wrong passphrase. A passphrase change was interrupted after it took effect: "
            "the NEW passphrase opens the vault, the old one opens nothing."
        )
    ),
    "vault.rekey_needs_passphrase": Message(
        _("Re-keying needs the passphrase: the vault was unlocked with the OS keychain.")
    ),
    "export.too_many_assessments": Message(_("The export has more than %(limit)s assessments.")),
    "record.profile.too_many": Message(_("The profile has more than %(limit)s answers.")),
    "record.profile.answer_limits": Message(
        _(
            "The profile's answer to %(key)s must be text or a list of at most "
            "%(choices)s texts, each of 1 to %(chars)s characters without control characters."
        )
    ),
    "passphrase.key_mismatch": Message(
        _("The two passphrases differ, so no key was written. Try again.")
    ),
    "wipe.not_confirmed": Message(_("Nothing was wiped: WIPE was not typed.")),
    # Files the user asked for (plan, export, keys, packs).
    "file.write_failed": Message(_("Cannot write %(file)s (%(reason)s).")),
    "file.write_failed.disk_full": Message(
        _("Cannot write %(file)s: the disk is full. Free some space and try again.")
    ),
    "file.folder_missing": Message(
        _("Cannot write %(file)s: the folder %(folder)s does not exist.")
    ),
    "file.folder_not_writable": Message(
        _("Cannot write %(file)s: the folder %(folder)s is not writable.")
    ),
    "file.exists": Message(_("%(file)s exists already, so it was not overwritten.")),
    "plan.pdf_unavailable": Message(
        _("Cannot write a PDF here (Qt is not available: %(reason)s). Write .html instead.")
    ),
    "usage.pubkey_needs_signature": Message(
        _("--pubkey goes with --signature: it names the key the signature must be by.")
    ),
    "usage.bad_date": Message(_("--today wants a date like 2026-11-28, not '%(value)s'.")),
    "usage.plan_suffix": Message(_("The plan file must end in .html or .pdf, not '%(name)s'.")),
    "usage.plan_is_folder": Message(
        _("%(path)s is a folder. Give a file name ending in .html or .pdf.")
    ),
    # The vault (DESIGN §5).
    "vault.failed": Message(_("The vault could not be used.")),
    "vault.passphrase_empty": Message(_("The passphrase must not be empty.")),
    "vault.wrong_passphrase": Message(
        _(
            "That passphrase does not open this vault (or its key slot is damaged). "
            "Nothing was changed; try again."
        )
    ),
    "vault.damaged": Message(_("The vault is damaged.")),
    "vault.damaged.too_large": Message(_("%(file)s is far too large to be a SafetyKit vault.")),
    "vault.damaged.truncated": Message(_("The vault is damaged: the file is cut short.")),
    "vault.damaged.header": Message(_("The vault is damaged: its header is not valid.")),
    "vault.damaged.key_slot": Message(_("The vault is damaged: its key slot is not valid.")),
    "vault.damaged.integrity": Message(
        _("The vault is damaged: its contents fail the integrity check.")
    ),
    "vault.damaged.unreadable": Message(_("The vault is damaged: its contents are not readable.")),
    "vault.damaged.shape": Message(_("The vault is damaged: its contents have the wrong shape.")),
    "vault.damaged.section": Message(
        _("The vault is damaged: its '%(section)s' section has the wrong shape.")
    ),
    "vault.damaged.kdf_limits": Message(
        _(
            "The vault's key derivation settings are out of bounds: the file is damaged "
            "or was tampered with."
        )
    ),
    "vault.damaged.only_backup": Message(
        _("The vault file is missing, but its backup is there."), cli=_RESTORE
    ),
    "vault.damaged.backup_opens": Message(
        _("The vault is damaged, but its backup (generation %(generation)s) opens."),
        cli=_RESTORE,
    ),
    "vault.key_slot_damaged.backup_opens": Message(
        _(
            "The vault's key slot is damaged, but its backup (generation "
            "%(generation)s) opens with this passphrase."
        ),
        cli=_RESTORE,
    ),
    "vault.not_a_vault": Message(_("This is not a SafetyKit vault.")),
    "vault.not_a_vault.folder": Message(_("%(path)s is a folder, not a SafetyKit vault.")),
    "vault.too_new": Message(
        _(
            "This vault was made by a newer version of SafetyKit (format %(format)s). "
            "Nothing was changed; update SafetyKit to open it."
        )
    ),
    "vault.in_use": Message(
        _(
            "The vault is in use by another SafetyKit process (the app, or a command "
            "that is saving). Close it and try again."
        )
    ),
    "vault.changed_on_disk": Message(
        _(
            "The vault file changed on disk since it was opened (by another SafetyKit "
            "process?). Nothing was saved; open it again."
        )
    ),
    "vault.locked": Message(_("The vault is locked. Unlock it again to go on.")),
    "vault.missing": Message(
        _("There is no vault in %(folder)s."),
        cli=_("Create one with 'safetykit vault create'."),
    ),
    "vault.gone": Message(_("The vault file is gone (was it wiped?). Nothing was saved.")),
    "vault.no_backup": Message(_("There is no backup to restore in %(folder)s.")),
    "vault.exists": Message(
        _("A vault already exists in %(folder)s. Wipe it first to make a new one.")
    ),
    "vault.read_failed": Message(_("Could not read the vault (%(reason)s). Nothing was changed.")),
    "vault.lock_failed": Message(_("Could not lock the vault (%(reason)s). Nothing was changed.")),
    "vault.save_failed": Message(
        _("Could not save the vault (%(reason)s). The previous version is kept.")
    ),
    "vault.save_failed.disk_full": Message(
        _(
            "Could not save the vault: the disk is full. The previous version is kept; "
            "free some space and try again."
        )
    ),
    "vault.save_failed.unverified": Message(
        _("The sealed vault did not verify, so nothing was written. The previous version is kept.")
    ),
    "vault.save_failed.after_commit": Message(
        _(
            "The vault was saved, but the backup or the folder could not be updated on "
            "disk (%(reason)s)."
        )
    ),
    "vault.save_failed.backup_not_rewritten": Message(
        _(
            "The passphrase was changed, but the backup could not be rewritten "
            "(%(reason)s). It opens with the old passphrase until the next save."
        )
    ),
    "vault.kdf_unavailable": Message(
        _(
            "This vault uses Argon2id, which this system's cryptography library does not "
            "offer. Open it with a SafetyKit build that has it."
        )
    ),
    # The OS keychain ("unlock without passphrase on this device").
    "keychain.unavailable": Message(_("The OS keychain is not available.")),
    "keychain.none": Message(
        _(
            "No OS keychain is available (no Secret Service, KWallet, macOS Keychain or "
            "Windows Credential Locker)."
        )
    ),
    "keychain.not_remembered": Message(_("This vault is not remembered by the OS keychain.")),
    "keychain.entry_mismatch": Message(_("The OS keychain's entry does not fit this vault.")),
    "keychain.no_entry": Message(_("The OS keychain has no entry for this vault.")),
    "keychain.entry_invalid": Message(_("The OS keychain's entry for this vault is not valid.")),
    "keychain.timeout": Message(_("The OS keychain did not answer within %(seconds)s s.")),
    "keychain.changed": Message(
        _("The OS keychain changed: the vault was remembered in %(was)s, now %(now)s is in use.")
    ),
    "keychain.locked": Message(_("The OS keychain is locked (%(error)s).")),
    "keychain.cannot_open": Message(_("The OS keychain could not be opened (%(error)s).")),
    "keychain.no_service": Message(_("The Secret Service is not running (%(error)s).")),
    "keychain.prompt_dismissed": Message(
        _("The OS keychain's unlock prompt was dismissed (%(error)s).")
    ),
    "keychain.failed": Message(_("The OS keychain failed (%(error)s).")),
    # Records: answers, assessments and profiles read from an export file or the vault.
    "record.invalid": Message(_("The saved answers are not well-formed.")),
    "record.answer.not_object": Message(_("The answer to %(item)s must be an object.")),
    "record.answer.unknown_field": Message(
        _("The answer to %(item)s has an unknown field '%(field)s'.")
    ),
    "record.answer.unknown_status": Message(
        _("The answer to %(item)s has an unknown status '%(status)s'.")
    ),
    "record.answer.note_too_long": Message(
        _("The note on %(item)s must be text of at most %(limit)s characters.")
    ),
    "record.answer.bad_due": Message(_("The due date of %(item)s must be a date like 2026-11-28.")),
    "record.assessment.not_object": Message(_("An assessment must be an object.")),
    "record.assessment.unknown_field": Message(
        _("An assessment has an unknown field '%(field)s'.")
    ),
    "record.assessment.bad_id": Message(
        _("An assessment's id must be 1 to 64 letters, digits, '-' or '_'.")
    ),
    "record.assessment.bad_started": Message(
        _("The start of assessment %(assessment)s must be a date and time.")
    ),
    "record.assessment.answers_not_object": Message(
        _("The answers of assessment %(assessment)s must be an object.")
    ),
    "record.assessment.too_many_answers": Message(
        _("Assessment %(assessment)s has too many answers.")
    ),
    "record.assessment.bad_item_id": Message(
        _("Assessment %(assessment)s answers '%(key)s', which is not a '<pack id>/<item id>' id.")
    ),
    "record.assessments.not_list": Message(_("The vault's 'assessments' must be a list.")),
    "record.profile.not_object": Message(_("The profile must be an object.")),
    "record.profile.bad_key": Message(
        _("The profile answers '%(key)s', which is not a '<pack id>/<question id>' id.")
    ),
    "record.profile.bad_answer": Message(
        _("The profile's answer to %(key)s must be text or a list of text.")
    ),
    # The JSON export (vault export / vault import).
    "export.invalid": Message(_("The file is not a valid SafetyKit export. Nothing was imported.")),
    "export.vault_damaged": Message(_("The vault's assessments have the wrong shape.")),
    "export.read_failed": Message(_("Cannot read %(file)s (%(reason)s).")),
    "export.too_large": Message(_("The file is too large to be a SafetyKit export.")),
    "export.not_json": Message(_("The file is not a SafetyKit export (it is not valid JSON).")),
    "export.not_object": Message(
        _("The file is not a SafetyKit export (it is not a JSON object).")
    ),
    "export.not_export": Message(
        _("The file is not a SafetyKit export (its format is not '%(format)s').")
    ),
    "export.format_unsupported": Message(
        _("This export's format '%(format)s' is not supported by this version of SafetyKit.")
    ),
    "export.unknown_field": Message(_("The export has an unknown field '%(field)s'.")),
    "export.assessments_not_list": Message(_("The export's 'assessments' must be a list.")),
    "export.duplicate_id": Message(_("The export lists the same assessment id twice.")),
    "export.clashes": Message(
        ngettext(
            "%(count)s assessment in the file is already in the vault (%(example)s). "
            "Nothing was imported.",
            "%(count)s assessments in the file are already in the vault (for example "
            "%(example)s). Nothing was imported.",
        ),
        cli=_("Use --replace to replace them."),
        count="count",
    ),
    # Packs: lint and format problems stay the trainer's English detail ("file:line:
    # message"); what a user can meet when importing or opening a pack has its own code.
    "pack.refused": Message(_("The pack was refused.")),
    "pack.invalid": Message(_("%(problem)s")),
    "pack.invalid.more": Message(
        ngettext(
            "%(problem)s (and %(more)s more problem)", "%(problem)s (and %(more)s more problems)"
        ),
        count="more",
    ),
    "pack.read_failed": Message(_("Cannot read %(file)s (%(reason)s).")),
    "pack.folder_not_empty": Message(_("%(folder)s already exists and is not empty.")),
    "pack.key_file_too_large": Message(_("%(file)s is too large for a key or signature file.")),
    "pack.unsigned": Message(
        _("This pack is not signed, so no one vouches for it. Nothing was imported."),
        cli=_("To import it anyway, marked unverified, use --allow-unverified."),
    ),
    "pack.signature.unknown_signer": Message(
        _(
            "This pack is signed by key %(key_id)s, which is not a trusted key. "
            "Nothing was imported."
        ),
        cli=_(
            "Compare the signer's key with the trainer and add it with 'safetykit pack "
            "trust add', or import it anyway, marked unverified, with --allow-unverified."
        ),
    ),
    "pack.signer_changed": Message(
        _(
            "'%(pack)s' was first accepted signed by key %(bound_key_id)s (fingerprint "
            "%(bound_fingerprint)s). This file is signed by a different key, "
            "%(signer_key_id)s (fingerprint %(signer_fingerprint)s). Both keys are trusted, "
            "but a pack keeps the publisher who first signed it. Nothing was imported."
        ),
        cli=_(
            "If the publisher told you, in person or by a call, that they moved to the new "
            "key and read you its fingerprint, import again with --rebind."
        ),
    ),
    "pack.unverified_over_verified": Message(
        _(
            "'%(pack)s' is installed from a verified copy; an unverified file never "
            "replaces it. Nothing was imported."
        )
    ),
    "pack.version_content_changed": Message(
        _(
            "'%(pack)s' version %(version)s was already accepted with different content. "
            "A publisher who changes a pack gives it a new version number, so this file "
            "is not what they published. Nothing was imported."
        )
    ),
    "pack.needs_newer_app": Message(
        _(
            "'%(pack)s' needs SafetyKit %(needed)s or later; this is SafetyKit %(running)s. "
            "Update SafetyKit, then add the pack again."
        )
    ),
    "pack.signature.not_by_trusted_key": Message(
        _(
            "This pack's signature names key %(key_id)s, the id of a trusted key "
            "(fingerprint %(fingerprint)s), but that key did not make it: the pack was "
            "changed after signing, or signed by another key that took the same id."
        )
    ),
    "pack.key.id_taken": Message(
        _(
            "You already trust another key with the id %(key_id)s (fingerprint "
            "%(trusted_fingerprint)s). This key has fingerprint %(fingerprint)s. Two keys "
            "with one id are a sign of an impostor, so it was not added."
        ),
        cli=_(
            "If the trainer confirms the new fingerprint, remove the old key with "
            "'safetykit pack trust remove' first."
        ),
    ),
    "pack.confirm.no_terminal": Message(
        _("This needs your confirmation on a terminal; add --yes to confirm in a script.")
    ),
    "pack.confirm.declined": Message(_("Nothing was changed: you did not confirm.")),
    "pack.verify.unsigned": Message(
        _("%(file)s is not signed."),
        cli=_("Sign it with 'safetykit pack sign FILE --key KEY', or build it with --key."),
    ),
    "pack.sheet.refused": Message(
        _("Row %(row)s, column %(column)s of the sheet: %(problem)s. Nothing was changed.")
    ),
    "pack.sheet.cannot_edit": Message(
        _(
            "'%(key)s' cannot be changed in place in %(file)s (it is written in an unusual "
            "way there). Nothing was changed."
        ),
        cli=_('Change it in the file by hand, or write it as key = "text" on one line.'),
    ),
    "pack.preview.no_translation": Message(
        _("%(pack)s has no translation into '%(lang)s' (it has: %(have)s).")
    ),
    "pack.verify.other_key": Message(
        _("%(file)s is signed by key %(key_id)s, not by key %(given)s of %(pubkey)s.")
    ),
    "pack.build.signer_not_given": Message(
        _(
            "The signature is by key %(key_id)s, which is not a trusted key here, so it "
            "cannot be checked. Nothing was written."
        ),
        cli=_("Give the signer's public key with --pubkey KEY.pub."),
    ),
    "pack.build.signature_stale": Message(
        _(
            "The signature does not match the MANIFEST of %(folder)s as it is now: a file "
            "changed after that MANIFEST was signed. Nothing was written."
        ),
        cli=_("Run 'safetykit pack manifest' again, sign the new MANIFEST and build again."),
    ),
    "pack.verify.untrusted": Message(
        _("%(file)s is signed by key %(key_id)s, which is not a trusted key.")
    ),
    "pack.reserved_id": Message(
        _("'%(pack)s' is the id of a pack shipped with SafetyKit, so it was not imported.")
    ),
    "pack.older_version": Message(
        _(
            "'%(pack)s' version %(version)s is older than version %(highest)s, which was "
            "already accepted (an old version may lack fixes). Nothing was imported."
        )
    ),
    "pack.org_update_key": Message(
        _(
            "'%(pack)s' comes with this organisation's build, and only the organisation's "
            "own keys may sign an update of it. This file is not signed by one of them, so "
            "nothing was imported."
        )
    ),
    "bundle.invalid": Message(
        ngettext(
            "The bundle file has %(count)s problem (listed above). Nothing was built.",
            "The bundle file has %(count)s problems (listed above). Nothing was built.",
        ),
        count="count",
    ),
    "bundle.not_an_app": Message(
        _(
            "%(folder)s is not a built SafetyKit app folder. Build it first with "
            "packaging/build-linux.sh, or name it with --app."
        )
    ),
    "bundle.app_has_org": Message(
        _(
            "%(folder)s already carries an organisation's data. Start from the plain "
            "build (build/pyinstaller/dist/safetykit)."
        )
    ),
    "bundle.output_exists": Message(
        _("%(folder)s exists already. Name a new folder, or move that one away first.")
    ),
    "pack.not_imported": Message(
        _("There is no imported pack '%(pack)s'."),
        cli=_("See 'safetykit pack list'."),
    ),
    "pack.key_not_trusted": Message(
        _("Key %(key_id)s is not among your trusted keys."),
        cli=_("See 'safetykit pack trust list'."),
    ),
    "pack.store.damaged": Message(_("The vault's packs section is damaged.")),
    "pack.store.section_damaged": Message(_("The vault's packs section is damaged (%(section)s).")),
    "pack.store.versions_damaged": Message(_("The vault's pack version records are damaged.")),
    "pack.store.keys_damaged": Message(_("The vault's trusted keys are damaged.")),
    "pack.store.copy_damaged": Message(_("The vault's copy of '%(pack)s' is damaged.")),
    "pack.not_installed": Message(
        _("There is no installed pack '%(pack)s'."),
        cli=_("See 'safetykit pack list'."),
    ),
    "pack.not_installed_choose": Message(
        _("There is no installed pack '%(pack)s'. The installed packs are: %(installed)s.")
    ),
    "pack.none_chosen": Message(_("No pack was named: name at least one pack id.")),
    "pack.last_in_use": Message(
        _(
            "'%(pack)s' is the last pack in use, and an assessment needs at least one. "
            "Turn another pack on first."
        )
    ),
    # Pack archives (.skpack): structure and exact form, checked before anything is read.
    "pack.archive.not_pack": Message(
        _("This is not a pack archive (no zip end record where pack build puts it).")
    ),
    "pack.archive.not_exact": Message(
        _(
            "This archive was not built by 'safetykit pack build': it was re-zipped, "
            "changed or made by another tool."
        ),
        cli=_REZIPPED,
    ),
    "pack.archive.rezipped": Message(
        _(
            "This archive was not built by 'safetykit pack build': it holds a folder "
            "entry '%(entry)s', as zip tools write when a pack is unpacked and re-zipped."
        ),
        cli=_REZIPPED,
    ),
    "pack.archive.too_large": Message(_("The archive is larger than %(limit)s bytes.")),
    "pack.archive.damaged": Message(_("The archive is damaged (%(reason)s).")),
    "pack.archive.unreadable": Message(_("The archive cannot be read (%(reason)s).")),
    "pack.archive.too_many_entries": Message(_("The archive has more than %(limit)s entries.")),
    "pack.archive.content_too_large": Message(
        _("The archive content is larger than %(limit)s bytes.")
    ),
    "pack.archive.entry.link": Message(_("Archive entry '%(entry)s' is a link.")),
    "pack.archive.entry.not_file": Message(_("Archive entry '%(entry)s' is not a regular file.")),
    "pack.archive.entry.twice": Message(_("Archive entry '%(entry)s' appears twice.")),
    "pack.archive.entry.encrypted": Message(_("Archive entry '%(entry)s' is encrypted.")),
    "pack.archive.entry.too_large": Message(
        _("Archive entry '%(entry)s' is larger than %(limit)s bytes.")
    ),
    "pack.archive.entry.ratio": Message(
        _("Archive entry '%(entry)s' has a suspicious compression ratio.")
    ),
    "pack.archive.entry.compressed": Message(
        _(
            "Archive entry '%(entry)s' is compressed, so the archive was not built by "
            "'safetykit pack build' (it stores entries): it was re-zipped or made by "
            "another tool."
        ),
        cli=_REZIPPED,
    ),
    "pack.archive.entry.sizes": Message(_("Archive entry '%(entry)s' has inconsistent sizes.")),
    "pack.archive.entry.unknown": Message(
        _("Archive entry '%(entry)s' is not part of the pack format.")
    ),
    "pack.archive.entry.backslash": Message(_("Archive entry '%(entry)s' uses a backslash.")),
    "pack.archive.entry.absolute": Message(_("Archive entry '%(entry)s' has an absolute path.")),
    "pack.archive.entry.parent": Message(
        _("Archive entry '%(entry)s' escapes the pack folder ('..').")
    ),
    "pack.archive.entry.malformed": Message(_("Archive entry '%(entry)s' has a malformed name.")),
    "pack.archive.entry.control": Message(
        _("Archive entry '%(entry)s' has control characters in its name.")
    ),
    "pack.archive.entry.larger_than_declared": Message(
        _("Archive entry '%(entry)s' is larger than declared.")
    ),
    # MANIFEST: the signed list of every file's hash.
    "pack.manifest.missing": Message(_("The archive has no MANIFEST.")),
    "pack.manifest.not_ascii": Message(_("MANIFEST is not plain ASCII text.")),
    "pack.manifest.no_newline": Message(_("MANIFEST must end with a newline.")),
    "pack.manifest.bad_line": Message(_("MANIFEST line %(line)s is not a 'sha256  path' line.")),
    "pack.manifest.listed_twice": Message(
        _("MANIFEST line %(line)s lists '%(entry)s' a second time.")
    ),
    "pack.manifest.unsorted": Message(_("MANIFEST lines are not sorted by path.")),
    "pack.manifest.unlisted": Message(_("'%(entry)s' is not listed in MANIFEST.")),
    "pack.manifest.missing_file": Message(_("MANIFEST lists '%(entry)s', which is missing.")),
    "pack.manifest.hash_mismatch": Message(
        _("'%(entry)s' does not match its hash in MANIFEST (it was changed after signing).")
    ),
    "pack.manifest.not_canonical": Message(
        _("MANIFEST is not in the form 'safetykit pack manifest' prints.")
    ),
    # Signatures and keys (minisign).
    "pack.signature.too_large": Message(_("The signature file is too large.")),
    "pack.signature.not_minisign": Message(_("This is not a minisign signature.")),
    "pack.signature.wrong_length": Message(_("This is not a minisign signature (wrong length).")),
    "pack.signature.bad_base64": Message(_("The signature is malformed (bad base64).")),
    "pack.signature.not_text": Message(_("The signature is malformed (not UTF-8 text).")),
    "pack.signature.legacy": Message(
        _(
            "Legacy minisign signature (not prehashed) refused: sign again with a current "
            "minisign (without -l), or with safetykit pack sign."
        )
    ),
    "pack.signature.unknown_algorithm": Message(_("Unknown minisign signature algorithm.")),
    "pack.signature.other_key": Message(
        _("The signature is by key %(signer)s, not by %(key_id)s.")
    ),
    "pack.signature.mismatch": Message(
        _("The signature does not match MANIFEST: the pack was changed after signing.")
    ),
    "pack.signature.comment_changed": Message(
        _("The signature's trusted comment was changed after signing.")
    ),
    "pack.signature.not_canonical": Message(
        _("The signature file is not in the form pack build writes.")
    ),
    "pack.signature.comment_form": Message(
        _(
            "The signature's trusted comment is '%(comment)s', not '%(expected)s' "
            '(sign with minisign -t "%(expected)s").'
        )
    ),
    "pack.signature.comment_mismatch": Message(
        _(
            "The signature's trusted comment '%(comment)s' does not match pack.toml "
            "('%(expected)s')."
        )
    ),
    "pack.signature.comment_multiline": Message(_("A trusted comment must be one line.")),
    "pack.key.not_public_key": Message(_("This is not a minisign public key.")),
    "pack.key.not_public_key_file": Message(_("This is not a minisign public key file.")),
    "pack.key.bad_base64": Message(_("The public key is malformed (bad base64).")),
    "pack.key.not_text": Message(_("The public key file is malformed (not UTF-8 text).")),
    "pack.key.bad_file": Message(_("%(file)s is not a minisign public key file.")),
    "pack.secret_key.not_file": Message(_("This is not a minisign secret key file.")),
    "pack.secret_key.wrong_length": Message(
        _("This is not a minisign secret key file (wrong length).")
    ),
    "pack.secret_key.bad_base64": Message(_("The secret key file is malformed (bad base64).")),
    "pack.secret_key.not_text": Message(_("The secret key file is malformed (not UTF-8 text).")),
    "pack.secret_key.unsupported": Message(
        _("Unsupported minisign secret key (algorithm or checksum).")
    ),
    "pack.secret_key.unsupported_kdf": Message(
        _("Unsupported minisign secret key (key derivation).")
    ),
    "pack.secret_key.wrong_passphrase": Message(
        _("That passphrase does not open the secret key (or the key file is damaged).")
    ),
    "pack.secret_key.damaged_checksum": Message(
        _("The secret key file is damaged (its checksum does not match).")
    ),
    "pack.secret_key.damaged_public": Message(
        _("The secret key file is damaged (its public half does not match).")
    ),
    "pack.secret_key.kdf_too_large": Message(
        _("The secret key asks for more key-derivation memory than allowed.")
    ),
    "pack.secret_key.kdf_failed": Message(
        _("Cannot derive the secret key's encryption key (%(reason)s).")
    ),
}

#: Numbers shown with the language's digit grouping ("1,000 bytes").
_GROUPED = frozenset({"limit"})


class _Params(dict[str, object]):
    """The parameters as a format mapping; a missing one shows as an ellipsis."""

    def __missing__(self, key: str) -> str:
        return "…"


def message_for(error: SafetyKitError, lang: str | None = None, *, cli: bool = False) -> str:
    """``error``'s message in ``lang`` (default: the system's language).

    With ``cli``, the command-line hint follows ("Use --replace to replace them."); the
    app leaves it out and offers the action itself. An unknown code (a bug a test
    catches) shows as the code itself, never as an exception.
    """
    if lang is None:
        lang = i18n.negotiate(i18n.system_languages())
    entry = MESSAGES.get(error.code)
    if entry is None:
        return error.code
    catalog = i18n.translations(lang)
    params = _Params({k: _show(k, v, lang) for k, v in error.params.items()})
    text = _fill(_translate(entry, catalog, error.params), params)
    if cli and entry.cli:
        text = f"{text} {_fill(catalog.gettext(entry.cli), params)}"
    return text


def _translate(
    entry: Message, catalog: _gettext.NullTranslations, params: Mapping[str, object]
) -> str:
    if isinstance(entry.text, tuple):
        count = params.get(entry.count or "", 0)
        return catalog.ngettext(*entry.text, count if isinstance(count, int) else 0)
    return catalog.gettext(entry.text)


def _fill(template: str, params: _Params) -> str:
    try:
        return template % params
    except (TypeError, ValueError):  # a broken translation must not hide the error
        return template


def _show(name: str, value: object, lang: str) -> object:
    from safetykit.text import render

    if name in _GROUPED and isinstance(value, int):
        if lang == i18n.SOURCE_LANGUAGE:
            return f"{value:,}"
        from babel.numbers import format_decimal

        return format_decimal(value, locale=lang)
    return render(value, lang)
