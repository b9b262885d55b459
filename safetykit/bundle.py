"""Organisation bundles: a press-freedom group's own build of SafetyKit (issue 16).

A bundle file (``packaging/bundle.example.toml``) names the organisation, its default
language, the quick-exit and auto-lock defaults, its helplines, the public keys it
trusts and the packs it preloads. ``check`` reads it and reports every problem as
``file:line: message`` (a ``.skpack`` must be signed by one of the bundle's own
keys; a pack folder must pass the same validation as ``pack lint``). ``build`` lays
the organisation's data over one already built app (packaging/safetykit.spec): a
copy of the app folder with ``org/`` added where safetykit/resources.py looks
(``_internal/safetykit/_data/org``: ``organisation.toml``, ``keys/*.pub``,
``packs/``). The program files are the same bytes as the plain build's, so one
build serves every organisation (docs/packaging.md says what that means for signed
macOS and Windows builds).
"""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safetykit import org
from safetykit.errors import Param, SafetyKitError
from safetykit.packs.errors import PackError, Problem
from safetykit.packs.minisign import PublicKey
from safetykit.text import N_, Text, os_reason

FORMAT = 1
TOP_KEYS = ("format", "keys", "packs", "organisation", "defaults", "helpline")
# Where the organisation's data goes inside a PyInstaller one-folder app.
ORG_IN_APP = Path("_internal") / "safetykit" / "_data" / "org"
PROGRAMS = ("safetykit", "safetykit.exe")


@dataclass(frozen=True)
class BundlePack:
    source: Path
    id: str
    version: int
    name: str
    signer: str | None  # key id of the bundle key that signed it; None for a folder


@dataclass
class Bundle:
    file: Path
    organisation: org.Organisation
    keys: list[tuple[Path, PublicKey]] = field(default_factory=list)
    packs: list[BundlePack] = field(default_factory=list)


class BundleError(SafetyKitError):
    """The bundle cannot be built; ``problems`` has every ``file:line`` finding."""

    default_code = "bundle.invalid"

    def __init__(self, problems: list[Problem] | str | None = None, /, **params: Param) -> None:
        if problems is None or isinstance(problems, str):  # a code, as for any error
            super().__init__(problems, **params)
            self.problems: list[Problem] = []
            return
        super().__init__("bundle.invalid", count=len(problems))
        self.problems = list(problems)


def check(file: Path) -> Bundle:
    """Read and check the bundle ``file``; BundleError lists every problem."""
    label = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        said = Text.of(N_("cannot read it: %(reason)s"), reason=reason)
        raise BundleError([Problem(label, 0, said)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BundleError([org.toml_error(label, error)]) from None
    report = org._Report(label, text)
    for key in data:
        if key not in TOP_KEYS:
            report.error(
                (key,),
                N_("unknown key '%(key)s' (allowed: %(allowed)s)"),
                key=key,
                allowed=", ".join(TOP_KEYS),
            )
    if data.get("format") != FORMAT:
        report.error(("format",), N_("'format' must be %(format)s"), format=FORMAT)
    organisation = org.parse_data(data, report, org.launch_languages())
    base = file.parent
    keys = _keys(report, data, base)
    packs = _packs(report, data, base, [key for _, key in keys])
    if report.problems or organisation is None:
        raise BundleError(report.problems)
    return Bundle(file, organisation, keys, packs)


def _paths(
    report: org._Report, data: Mapping[str, Any], key: str, base: Path
) -> list[tuple[int, Path]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        report.error(
            (key,), N_("'%(key)s' must be a list of paths (relative to this file)"), key=key
        )
        return []
    found = []
    for index, text in enumerate(value):
        path = (base / text).resolve()
        if not path.exists():
            report.error((key, index), N_("%(text)s: no such file or folder"), text=text)
        else:
            found.append((index, path))
    return found


def _keys(report: org._Report, data: Mapping[str, Any], base: Path) -> list[tuple[Path, PublicKey]]:
    from safetykit.packs.trust import read_public_key_file

    keys = []
    for index, path in _paths(report, data, "keys", base):
        try:
            keys.append((path, read_public_key_file(path)))
        except PackError as error:
            report.error(
                ("keys", index),
                N_("%(name)s: not a minisign public key (%(problem)s)"),
                name=path.name,
                problem=error,
            )
    ids = [key.hex_id for _, key in keys]
    for index, key_id in enumerate(ids):
        if key_id in ids[:index]:
            report.error(("keys", index), N_("key %(key_id)s is listed twice"), key_id=key_id)
    return keys


def _packs(
    report: org._Report, data: Mapping[str, Any], base: Path, keys: list[PublicKey]
) -> list[BundlePack]:
    from safetykit.packs.catalog import builtin_packs
    from safetykit.packs.files import read_archive_file
    from safetykit.packs.loader import load_pack_dir
    from safetykit.packs.model import Origin
    from safetykit.packs.signing import load_verified, verify_archive
    from safetykit.packs.trust import TrustedKey

    trusted = [TrustedKey(key, "this bundle") for key in keys]
    builtin = {pack.id for pack in builtin_packs()}
    packs: list[BundlePack] = []
    for index, path in _paths(report, data, "packs", base):
        where = ("packs", index)
        try:
            if path.is_dir():
                pack = load_pack_dir(path, origin=Origin.ORG)
                signer = None
            elif path.suffix == ".skpack":
                verified = verify_archive(read_archive_file(path), trusted)
                if not verified.status.trusted:
                    report.error(
                        where,
                        N_(
                            "%(name)s is %(status)s: a bundle preloads only packs signed by one "
                            "of its own keys (add the signer's .pub to 'keys')"
                        ),
                        name=path.name,
                        status=verified.status.text(),
                    )
                    continue
                pack = load_verified(verified, label=str(path), origin=Origin.ORG)
                signer = verified.status.key_id
            else:
                report.error(
                    where, N_("%(name)s: a pack is a .skpack file or a pack folder"), name=path.name
                )
                continue
        except PackError as error:
            report.error(
                where,
                N_("%(name)s is refused: %(details)s"),
                name=path.name,
                details=_details(error),
            )
            continue
        if pack.id in builtin:
            report.error(
                where, N_("%(pack)s is the id of a pack built into SafetyKit"), pack=pack.id
            )
        elif any(other.id == pack.id for other in packs):
            report.error(where, N_("%(pack)s is listed twice"), pack=pack.id)
        else:
            packs.append(BundlePack(path, pack.id, pack.version, pack.name, signer))
    return packs


def organisation_toml(organisation: org.Organisation) -> str:
    """The installed ``organisation.toml``: the same tables, checked values only."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string

    lines = [
        "# Written by 'safetykit bundle build'; read by safetykit/org.py.",
        "[organisation]",
        f"id = {q(organisation.id)}",
        f"name = {q(organisation.name)}",
    ]
    if organisation.default_language:
        lines.append(f"default_language = {q(organisation.default_language)}")
    lines += ["", "[defaults]"]
    if organisation.auto_lock_minutes is not None:
        lines.append(f"auto_lock_minutes = {organisation.auto_lock_minutes}")
    if organisation.quick_exit_shortcut:
        lines.append(f"quick_exit_shortcut = {q(organisation.quick_exit_shortcut)}")
    for helpline in organisation.helplines:
        lines += [
            "",
            "[[helpline]]",
            f"name = {q(helpline.name)}",
            f"contact = {q(helpline.contact)}",
        ]
        if helpline.hours:
            lines.append(f"hours = {q(helpline.hours)}")
        if helpline.languages:
            lines.append(f"languages = [{', '.join(q(code) for code in helpline.languages)}]")
        if helpline.website:
            lines.append(f"website = {q(helpline.website)}")
    return "\n".join(lines) + "\n"


def find_app(app: Path) -> Path:
    """``app`` if it is a one-folder build of SafetyKit without an organisation yet."""
    if (
        not any((app / name).is_file() for name in PROGRAMS)
        or not (app / "_internal" / "safetykit" / "_data" / "checklists").is_dir()
    ):
        raise SafetyKitError("bundle.not_an_app", folder=app)
    if (app / ORG_IN_APP).exists():
        raise SafetyKitError("bundle.app_has_org", folder=app)
    return app


def build(bundle: Bundle, app: Path, output: Path) -> Path:
    """Copy ``app`` to ``output`` with the organisation's data laid over it.

    ``output`` must not exist; the copy is made beside it and renamed into place only
    when complete, so an interrupted build leaves no half-branded app.
    """
    find_app(app)
    if output.exists():
        raise SafetyKitError("bundle.output_exists", folder=output)
    partial = output.with_name(output.name + ".part")
    if partial.exists():
        shutil.rmtree(partial)
    shutil.copytree(app, partial, symlinks=True)
    target = partial / ORG_IN_APP
    (target / "keys").mkdir(parents=True)
    (target / "packs").mkdir()
    (target / org.FILE_NAME).write_text(organisation_toml(bundle.organisation), encoding="utf-8")
    for index, (path, key) in enumerate(bundle.keys):
        shutil.copyfile(path, target / "keys" / f"{index + 1:02d}-{key.hex_id}.pub")
    for pack in bundle.packs:
        destination = target / "packs" / (pack.id + (".skpack" if pack.signer else ""))
        if pack.signer:
            shutil.copyfile(pack.source, destination)
        else:
            shutil.copytree(pack.source, destination)
    for folder, dirs, files in os.walk(target):  # readable by every account, like the app
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)  # noqa: S103 - program files
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    os.chmod(target, 0o755)  # noqa: S103 - program files, not user data
    partial.rename(output)
    return output


@dataclass(frozen=True)
class _Joined:
    """A refused pack's problems, each shown in the reader's language."""

    problems: tuple[Problem, ...]

    def render(self, lang: str) -> str:
        return "; ".join(problem.render(lang) for problem in self.problems)

    def __str__(self) -> str:
        return self.render("en")


def _details(error: PackError) -> _Joined | PackError:
    return _Joined(tuple(error.problems)) if error.problems else error
