"""Organisation bundles (issue 16, point 5): the bundle file is checked with
``file:line`` problems, packs are verified against the bundle's own keys, and the
branded app, made by laying the organisation's data over the one frozen build,
shows the organisation's name in About, lists its packs as the organisation's,
accepts an update signed by the organisation's key and refuses one signed by another
key and an older version.

The branded-app test uses the frozen app that CI's "frozen app" phase built
(build/pyinstaller/dist/safetykit, by packaging/build-linux.sh); elsewhere it is
skipped when that folder is missing, and fails under CI=true.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from safetykit import bundle, i18n, org, resources
from safetykit.packs import catalog
from safetykit.packs.errors import PackError
from safetykit.packs.minisign import SecretKey
from tests.helpers import REPO, in_ci
from tests.packs.factory import base_files, fixed_key, other_key, signed_archive

EXAMPLE = REPO / "packaging" / "bundle.example.toml"
FROZEN = REPO / "build" / "pyinstaller" / "dist" / "safetykit"
PACK_ID = "org.example.test"  # the factory's pack


def pack_files(version: int) -> dict[str, str]:
    files = base_files()
    files["pack.toml"] = files["pack.toml"].replace("version = 2", f"version = {version}")
    return files


def archive(version: int, key: SecretKey) -> bytes:
    return signed_archive(pack_files(version), key)


def example_bundle(folder: Path) -> Path:
    """packaging/bundle.example.toml with the key and the pack it names: the org's key
    (the tests' fixed key) and version 2 of the factory's pack, signed with it."""
    (folder / "keys").mkdir(parents=True)
    (folder / "packs").mkdir()
    (folder / "keys" / "example-network.pub").write_text(fixed_key().public.to_file())
    (folder / "packs" / "example-network-basics.skpack").write_bytes(archive(2, fixed_key()))
    file = folder / "our-bundle.toml"
    shutil.copyfile(EXAMPLE, file)
    return file


def test_the_example_bundle_checks_out(tmp_path: Path) -> None:
    checked = bundle.check(example_bundle(tmp_path))
    assert checked.organisation.name == "Example Press Freedom Network"
    assert checked.organisation.default_language == "es"
    assert checked.organisation.auto_lock_minutes == 10
    assert [h.contact for h in checked.organisation.helplines] == [
        "+1 555 0100 (Signal or WhatsApp)",
        "legal@example.org",
    ]
    assert [(p.id, p.version, p.signer) for p in checked.packs] == [
        (PACK_ID, 2, fixed_key().public.hex_id)
    ]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_every_problem_is_reported_at_its_line(tmp_path: Path) -> None:
    file = example_bundle(tmp_path)
    (tmp_path / "packs" / "stranger.skpack").write_bytes(archive(3, other_key()))
    text = file.read_text()
    text = text.replace(
        'packs = ["packs/example-network-basics.skpack"]',
        'packs = ["packs/example-network-basics.skpack", "packs/stranger.skpack"]',
    )
    text = text.replace("auto_lock_minutes = 10", "auto_lock_minutes = 7")
    text = text.replace('default_language = "es"', 'default_language = "de"')
    text = text.replace('contact = "legal@example.org"', 'contact = "legal@example.org"\nfax = 1')
    file.write_text(text)
    with pytest.raises(bundle.BundleError) as caught:
        bundle.check(file)
    found = {(p.line, p.message.split(" ")[0]) for p in caught.value.problems}
    assert len(caught.value.problems) == 4, caught.value.problems
    assert (line_of(text, "auto_lock_minutes = 7"), "'auto_lock_minutes'") in found
    assert (line_of(text, 'default_language = "de"'), "default_language") in found
    assert (line_of(text, "fax = 1"), "unknown") in found
    assert (line_of(text, "stranger.skpack"), "stranger.skpack") in found
    stranger = next(p for p in caught.value.problems if "stranger" in p.message)
    assert "not a trusted key" in stranger.message
    assert str(caught.value) == (
        "The bundle file has 4 problems (listed above). Nothing was built."
    )


def test_a_missing_key_or_pack_file_and_bad_toml_are_reported(tmp_path: Path) -> None:
    file = example_bundle(tmp_path)
    (tmp_path / "keys" / "example-network.pub").unlink()
    with pytest.raises(bundle.BundleError) as caught:
        bundle.check(file)
    # Without the key, the pack cannot be verified either: both are said.
    messages = [str(p) for p in caught.value.problems]
    assert any("keys/example-network.pub: no such file" in m for m in messages), messages
    assert any("not a trusted key" in m for m in messages), messages
    file.write_text("format = 1\n[organisation\n")
    with pytest.raises(bundle.BundleError) as caught:
        bundle.check(file)
    assert caught.value.problems[0].line == 2


def org_folder(tmp_path: Path) -> Path:
    """An installed org folder (what `bundle build` lays into the app), as checked."""
    checked = bundle.check(example_bundle(tmp_path / "src"))
    app = tmp_path / "app"
    (app / "_internal" / "safetykit" / "_data" / "checklists").mkdir(parents=True)
    (app / "safetykit").write_text("")
    built = bundle.build(checked, app, tmp_path / "branded")
    return built / bundle.ORG_IN_APP


def test_build_lays_the_org_data_over_the_app_and_refuses_to_overwrite(tmp_path: Path) -> None:
    folder = org_folder(tmp_path)
    assert sorted(p.name for p in (folder / "keys").iterdir()) == [
        f"01-{fixed_key().public.hex_id}.pub"
    ]
    assert (folder / "packs" / f"{PACK_ID}.skpack").is_file()
    loaded = org.load(folder)
    assert loaded is not None and loaded.name == "Example Press Freedom Network"
    assert [p.id for p in catalog.org_packs(org=folder)] == [PACK_ID]
    checked = bundle.check(tmp_path / "src" / "our-bundle.toml")
    with pytest.raises(Exception) as caught:
        bundle.build(checked, tmp_path / "app", tmp_path / "branded")
    assert getattr(caught.value, "code", "") == "bundle.output_exists"
    with pytest.raises(Exception) as caught:
        bundle.build(checked, tmp_path / "branded", tmp_path / "again")
    assert getattr(caught.value, "code", "") == "bundle.app_has_org"


@pytest.fixture
def installed_org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = org_folder(tmp_path)
    monkeypatch.setattr(resources, "org_dir", lambda: folder)
    org.current.cache_clear()
    yield folder
    org.current.cache_clear()


def test_org_pack_updates_by_the_org_key_only_and_never_older(installed_org: Path) -> None:
    body: dict[str, object] = {}
    with pytest.raises(PackError) as caught:
        catalog.import_pack(body, archive(3, other_key()), label="other.skpack")
    assert caught.value.code == "pack.untrusted_key" or "trusted" in str(caught.value)
    with pytest.raises(PackError) as caught:
        catalog.import_pack(body, archive(1, fixed_key()), label="old.skpack")
    assert caught.value.code == "pack.older_version"
    assert body.get("packs", {}) == {}  # refused: nothing recorded
    result = catalog.import_pack(body, archive(3, fixed_key()), label="new.skpack")
    assert (result.pack.id, result.pack.version) == (PACK_ID, 3)

    class Held:
        data = body

    shown = [p for p in catalog.all_packs(Held()) if p.id == PACK_ID]
    assert [(p.version, p.origin) for p in shown] == [(3, "imported")]


def test_an_org_pack_id_signed_by_a_user_trusted_key_is_refused(installed_org: Path) -> None:
    from safetykit.packs import store

    body: dict[str, object] = {}
    store.add_key(body, other_key().public)  # the person trusts another trainer
    with pytest.raises(PackError) as caught:
        catalog.import_pack(body, archive(4, other_key()), label="takeover.skpack")
    assert caught.value.code == "pack.org_update_key"


def test_the_organisation_sets_the_first_language_and_the_defaults(installed_org: Path) -> None:
    from safetykit.views import preferences

    assert i18n.system_languages()[0] == "es"
    chosen = preferences.read({})
    assert (chosen.auto_lock_minutes, chosen.quick_exit_shortcut) == (10, "Ctrl+Shift+Q")


def test_the_plan_lists_the_organisation_s_helplines(installed_org: Path) -> None:
    from safetykit.plan.content import PlanOptions
    from safetykit.plan.demo import demo_plan
    from safetykit.plan.render import render_html

    html = render_html(demo_plan(PlanOptions(demo=True)))
    assert "Helplines of Example Press Freedom Network" in html
    # The number's groups are held left to right with LRM marks (plan/text.py).
    assert "+1 555 0100 (Signal or WhatsApp)" in html.replace("\u200e", "")
    assert "\u200e+1\u200e \u200e555\u200e \u200e0100\u200e" in html
    assert html.index("legal@example.org") < html.index("Where to get help") + 2000


# --- the branded frozen app ---


def frozen_app() -> Path:
    if not (FROZEN / "safetykit").is_file():
        if in_ci():
            pytest.fail("CI's frozen app phase should have built build/pyinstaller/dist/safetykit")
        pytest.skip("no frozen app: run packaging/build-linux.sh first")
    return FROZEN


def run(app: Path, *args: str, input: str = "", home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), LANG="C.UTF-8")
    env.pop("SAFETYKIT_DATA_DIR", None)
    return subprocess.run(
        [str(app / "safetykit"), *args],
        input=input,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.timeout(300)
def test_the_branded_frozen_app(tmp_path: Path) -> None:
    app = frozen_app()
    checked = bundle.check(example_bundle(tmp_path / "src"))
    branded = bundle.build(checked, app, tmp_path / "branded")
    data = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()

    about = run(branded, "self-test", "--probe", "about", home=home)
    assert about.returncode == 0, about.stderr
    assert "prepared by Example Press Freedom Network" in about.stdout

    listed = run(branded, "pack", "list", "--data-dir", str(data), home=home)
    assert listed.returncode == 0, listed.stderr
    line = next(x for x in listed.stdout.splitlines() if x.startswith(PACK_ID))
    # In the organisation's language (Spanish), which comes first for its build.
    in_spanish = i18n.translations("es").gettext
    assert in_spanish("version %(version)s") % {"version": 2} in line
    assert in_spanish("organisation bundle") in line and in_spanish("organisation bundle") != (
        "organisation bundle"
    )

    created = run(
        branded, "vault", "create", "--data-dir", str(data), input="org test pass\n", home=home
    )
    assert created.returncode == 0, created.stderr
    for name, version, key in (
        ("new", 3, fixed_key()),
        ("other", 4, other_key()),
        ("old", 1, fixed_key()),
    ):
        (tmp_path / f"{name}.skpack").write_bytes(archive(version, key))

    def import_(name: str, *lang: str) -> subprocess.CompletedProcess[str]:
        path = str(tmp_path / f"{name}.skpack")
        return run(
            branded,
            *lang,
            "pack",
            "import",
            path,
            "--data-dir",
            str(data),
            input="org test pass\n",
            home=home,
        )

    accepted = import_("new", "--lang", "en")
    assert accepted.returncode == 0, accepted.stderr
    assert f"Imported {PACK_ID} version 3" in accepted.stdout
    assert "the organisation bundle" in accepted.stdout  # trusted because of the org key
    other = import_("other", "--lang", "en")
    assert other.returncode == 1 and "not a trusted key" in other.stderr, other.stderr
    # Without --lang the organisation's default language (Spanish) speaks.
    spanish = import_("other")
    assert "no es una clave de confianza" in spanish.stderr, spanish.stderr
    old = import_("old", "--lang", "en")
    assert old.returncode == 1 and "older than version 3" in old.stderr, old.stderr
    # The plain build is untouched: it has no organisation.
    plain = run(app, "self-test", "--probe", "about", home=home)
    assert "prepared by" not in plain.stdout
