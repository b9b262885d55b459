"""Help › Helplines and About in a plain build and in an organisation's build
(issue 16, point 5): the organisation's name, then its helplines before the packs'."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from safetykit import bundle, org, resources
from safetykit.app.about_dialog import AboutDialog
from safetykit.app.dialogs.helpline_dialog import HelplineDialog
from safetykit.app.language import LanguageController
from tests.packaging.test_bundle import example_bundle


@pytest.fixture
def organisation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    checked = bundle.check(example_bundle(tmp_path / "src"))
    app = tmp_path / "app"
    (app / "_internal" / "safetykit" / "_data" / "checklists").mkdir(parents=True)
    (app / "safetykit").write_text("")
    folder = bundle.build(checked, app, tmp_path / "branded") / bundle.ORG_IN_APP
    monkeypatch.setattr(resources, "org_dir", lambda: folder)
    org.current.cache_clear()
    yield folder
    org.current.cache_clear()


def test_plain_build_lists_the_packs_help_organisations(
    qtbot: QtBot, language: LanguageController
) -> None:
    org.current.cache_clear()
    dialog = HelplineDialog()
    qtbot.addWidget(dialog)
    text = dialog.list.toPlainText()
    assert "Organisations that can help" in text
    assert "Helplines of" not in text
    about = AboutDialog()
    qtbot.addWidget(about)
    assert about.findChild(QLabel, "aboutOrganisation") is None


def test_organisation_build_shows_its_name_and_helplines_first(
    qtbot: QtBot, language: LanguageController, organisation: Path
) -> None:
    dialog = HelplineDialog()
    qtbot.addWidget(dialog)
    text = dialog.list.toPlainText()
    assert text.index("Helplines of Example Press Freedom Network") < text.index(
        "Organisations that can help"
    )
    assert "+1 555 0100 (Signal or WhatsApp)" in text
    assert "Languages: es, en" in text
    intro = dialog.findChild(QLabel, "helplineIntro")
    assert intro is not None and "Example Press Freedom Network" in intro.text()
    about = AboutDialog()
    qtbot.addWidget(about)
    label = about.findChild(QLabel, "aboutOrganisation")
    assert label is not None
    assert label.text() == "This copy of SafetyKit was prepared by Example Press Freedom Network."
    language.set_language("fr")
    about_fr = AboutDialog()
    qtbot.addWidget(about_fr)
    french = about_fr.findChild(QLabel, "aboutOrganisation")
    assert french is not None and "préparée par Example Press Freedom Network" in french.text()
