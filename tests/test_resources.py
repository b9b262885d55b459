"""Data folders are found through safetykit.resources from a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from safetykit import resources
from tests.helpers import REPO


def test_data_folders_found_in_checkout() -> None:
    for name in resources.DATA_FOLDERS:
        assert resources.data_dir(name) == REPO / name


def test_unknown_folder_is_refused() -> None:
    with pytest.raises(ValueError):
        resources.data_dir("secrets")


def test_frozen_bundle_layout_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle_ui = tmp_path / "safetykit" / "_data" / "ui"
    bundle_ui.mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.ui_dir() == bundle_ui


def test_missing_folder_raises_resource_not_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_candidates", lambda name: [Path("/nonexistent") / name])
    with pytest.raises(resources.ResourceNotFound):
        resources.checklists_dir()
