"""Nothing carved from the disk opens after a wipe, nor with an old passphrase (issue 12 #1).

Two ways to look at what the data folder ever held: a portable one that keeps a hard
link to every file right before anything is replaced or deleted (a link sees exactly
what the freed blocks held, because the key slots are overwritten in place), and, as
root, a real ext4 image on a loop device whose every block is scanned for vault headers
after the file system is unmounted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from safetykit.vault import Vault, VaultError, slots, storage
from safetykit.vault import format as fmt
from safetykit.vault.kdf import TEST_PARAMS
from safetykit.vault.wipe import wipe
from tests.helpers import in_ci, make_vault, require_tool

OLD = "carving test passphrase"
NEW = "the passphrase after the change"
SAVES = 12


def opens(blob: bytes, passphrase: str) -> bool:
    """Whether ``blob`` (a file, or a run of disk blocks) unwraps a key with ``passphrase``."""
    try:
        header = fmt.parse_header(blob)
        slots.unlock_with_passphrase(header, passphrase)
    except VaultError:
        return False
    return True


class Keeper:
    """Hard-links every file the data folder holds, before every replace and unlink."""

    def __init__(self, folder: Path, hold: Path) -> None:
        self.folder, self.hold = folder, hold
        hold.mkdir()
        self.seen: set[tuple[int, int]] = set()

    def keep(self) -> None:
        for path in self.folder.iterdir():
            info = path.lstat()
            if not path.is_file() or path.is_symlink():
                continue
            ident = (info.st_dev, info.st_ino)
            if ident in self.seen:
                continue
            self.seen.add(ident)
            os.link(path, self.hold / f"{len(self.seen):04d}-{path.name}")

    def held(self) -> list[Path]:
        return sorted(self.hold.iterdir())


@pytest.fixture
def keeper(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Keeper]:
    keep = Keeper(data_dir, tmp_path / "held")

    def watch(original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            keep.keep()
            return original(*args, **kwargs)

        return wrapped

    for name in ("replace", "rename", "unlink", "remove"):
        monkeypatch.setattr(os, name, watch(getattr(os, name)))
    yield keep


def many_saves(folder: Path, passphrase: str) -> Vault:
    vault = make_vault(folder, passphrase)
    for n in range(SAVES):
        vault.data["settings"][f"n{n}"] = "x" * 200
        vault.save()
    return vault


def test_after_wipe_no_file_ever_held_opens(data_dir: Path, keeper: Keeper) -> None:
    vault = many_saves(data_dir, OLD)
    vault.lock()
    report = wipe(data_dir)
    assert report.problems == []
    keeper.keep()
    held = keeper.held()
    assert len(held) > SAVES  # every generation was seen
    opening = [p.name for p in held if opens(p.read_bytes(), OLD)]
    assert opening == [], f"{len(opening)} of {len(held)} files still open: {opening[:3]}"


def test_after_passwd_no_file_ever_held_opens_with_the_old(data_dir: Path, keeper: Keeper) -> None:
    vault = many_saves(data_dir, OLD)
    vault.change_passphrase(NEW, kdf_params=TEST_PARAMS)
    vault.lock()
    keeper.keep()
    held = keeper.held()
    opening = [p.name for p in held if opens(p.read_bytes(), OLD)]
    assert opening == [], f"{len(opening)} of {len(held)} files open with the old passphrase"
    assert Vault.open(data_dir, NEW).data["settings"]["n0"] == "x" * 200


def test_a_failed_save_leaves_no_key_slots(
    data_dir: Path, keeper: Keeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = many_saves(data_dir, OLD)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(storage, "_replace", fail)
        with pytest.raises(VaultError):
            vault.save()
    vault.lock()
    wipe(data_dir)
    keeper.keep()
    assert [p.name for p in keeper.held() if opens(p.read_bytes(), OLD)] == []


def test_without_hard_links_the_replaced_file_is_overwritten(
    data_dir: Path, keeper: Keeper, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy fallback (FAT, some SMB shares): the old vault.skv is overwritten too."""
    vault = make_vault(data_dir, OLD)
    vault.save()
    real_link = os.link

    def no_link(source: Any, target: Any, **kw: Any) -> None:
        if Path(target).parent == data_dir:
            raise OSError(1, "Operation not permitted")
        real_link(source, target, **kw)

    monkeypatch.setattr(os, "link", no_link)
    for n in range(4):
        vault.data["settings"][f"n{n}"] = n
        vault.save()
    vault.lock()
    wipe(data_dir)
    keeper.keep()
    assert [p.name for p in keeper.held() if opens(p.read_bytes(), OLD)] == []


def test_leftovers_cleaned_at_open_are_overwritten(data_dir: Path, tmp_path: Path) -> None:
    vault = many_saves(data_dir, OLD)
    vault.lock()
    leftover = data_dir / f"{storage.TMP_PREFIX}killed-save"
    leftover.write_bytes(storage.vault_path(data_dir).read_bytes())
    held = tmp_path / "held-leftover"
    os.link(leftover, held)
    Vault.open(data_dir, OLD).lock()
    assert not leftover.exists()
    assert not opens(held.read_bytes(), OLD)
    assert Vault.open(data_dir, OLD).generation == SAVES + 1  # the vault itself is intact


# --- a real ext4 file system on a loop device (root only) ---


def _root_or_skip() -> None:
    if os.name != "posix" or os.geteuid() != 0:
        message = "the ext4 carving test needs root (losetup, mount)"
        if in_ci():
            pytest.fail(f"{message}; CI=true runs it as root")
        pytest.skip(message)
    for tool in ("losetup", "mkfs.ext4", "mount", "umount"):
        require_tool(tool)


@contextlib.contextmanager
def ext4_mount(image: Path, mount: Path) -> Iterator[Path]:
    subprocess.run(["truncate", "-s", "24M", str(image)], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-E", "nodiscard", str(image)], check=True)
    device = subprocess.run(
        ["losetup", "-f", "--show", str(image)], check=True, capture_output=True, text=True
    ).stdout.strip()
    mounted = False
    try:
        mount.mkdir()
        subprocess.run(["mount", "-t", "ext4", device, str(mount)], check=True)
        mounted = True
        folder = mount / "data"
        folder.mkdir(mode=0o700)
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)
        subprocess.run(["losetup", "-d", device], check=False)


def carve(image: Path, passphrase: str) -> tuple[int, int]:
    """(vault headers found, headers that open) anywhere in the image's blocks."""
    data = image.read_bytes()
    found = opened = 0
    start = data.find(fmt.MAGIC)
    while start != -1:
        found += 1
        # A header and a body tag are all a key slot needs: 238 + 16 bytes suffice.
        opened += opens(data[start : start + 4096], passphrase)
        start = data.find(fmt.MAGIC, start + 1)
    return found, opened


@pytest.mark.slow
@pytest.mark.parametrize("finish", ["wipe", "passwd"])
def test_ext4_blocks_carved_after_wipe_or_passwd_open_nothing(tmp_path: Path, finish: str) -> None:
    _root_or_skip()
    image = tmp_path / "ext4.img"
    with ext4_mount(image, tmp_path / "mnt") as folder:
        vault = many_saves(folder, OLD)
        vault.lock()
        before = storage.vault_path(folder).read_bytes()
        if finish == "wipe":
            assert wipe(folder).problems == []
        else:
            vault = Vault.open(folder, OLD)
            vault.change_passphrase(NEW, kdf_params=TEST_PARAMS)
            vault.lock()
        os.sync()
    assert opens(before, OLD)  # the check itself works
    found, opened = carve(image, OLD)
    assert opened == 0, f"{opened} of {found} vault headers carved from ext4 open with {OLD!r}"
    if finish == "passwd":
        assert found >= 1  # the current vault is on the disk, and only it opens, with NEW
        assert carve(image, NEW)[1] >= 1
    shutil.rmtree(tmp_path / "mnt", ignore_errors=True)


def test_the_overwritten_length_covers_the_largest_header() -> None:
    assert storage.MAX_HEADER_BYTES == fmt.FIXED_BYTES + 2 * fmt.SLOT_BYTES
