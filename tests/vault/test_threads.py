"""The vault driven from several threads at once, as the desktop app does (DESIGN §12):
a UI thread edits, workers save, and a lock can come at any moment."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest

from safetykit.vault import Vault, VaultLocked
from safetykit.vault.kdf import Argon2Params, KdfParams, ScryptParams, derive
from tests.helpers import make_vault, run_cli

PASS = "correct horse battery staple"


def _round(data_dir: Path, seed: int) -> None:
    vault = make_vault(data_dir, PASS)
    rng = random.Random(seed)
    edits: list[int] = []  # counters whose edit returned, in order
    saved_at_least: list[int] = []  # per successful save: edits made before it started
    errors: list[BaseException] = []
    stop = threading.Event()

    def editor() -> None:
        n = 0
        while not stop.is_set():
            try:
                with vault.changing() as body:
                    answers = body["settings"].setdefault("answers", [])
                    answers.append(n)
                    body["settings"]["last"] = n
            except VaultLocked:
                return
            except BaseException as error:  # anything else is a failure of the test
                errors.append(error)
                return
            edits.append(n)
            n += 1

    def saver() -> None:
        while not stop.is_set():
            before = len(edits)
            try:
                vault.save()
            except VaultLocked:
                return
            except BaseException as error:  # anything else is a failure of the test
                errors.append(error)
                return
            saved_at_least.append(before)

    def locker() -> None:
        time.sleep(rng.uniform(0.005, 0.05))
        vault.lock()

    threads = [threading.Thread(target=t) for t in (editor, saver, saver, locker)]
    for thread in threads:
        thread.start()
    threads[-1].join()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors

    reopened = Vault.open(data_dir, PASS)
    try:
        answers = reopened.data["settings"].get("answers", [])
        # Never corrupt: exactly the edits 0..k-1, in order, each whole.
        assert answers == list(range(len(answers)))
        if answers:
            assert reopened.data["settings"]["last"] == answers[-1]
        # Never lost: every edit made before a save began is in the file.
        if saved_at_least:
            assert len(answers) >= max(saved_at_least)
        # A lock racing a save never writes an emptied body over real answers.
        if max(saved_at_least, default=0) > 0:
            assert answers
    finally:
        reopened.lock()


@pytest.mark.parametrize("seed", range(12))
def test_edits_saves_and_a_lock_from_four_threads(tmp_path: Path, seed: int) -> None:
    for n in range(5):
        _round(tmp_path / f"round-{n}", seed * 10 + n)


def test_a_kept_reference_is_empty_after_lock(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, PASS)
    with vault.changing() as body:
        body["profile"]["org.example/role"] = "reporter"
        body["assessments"].append({"id": "a1", "answers": {"x/y": {"note": "secret"}}})
    vault.save()
    kept_body = vault.data
    kept_profile = vault.data["profile"]
    kept_assessment = vault.data["assessments"][0]
    kept_answers = kept_assessment["answers"]
    vault.lock()
    assert kept_profile == {}
    assert kept_assessment == {}
    assert kept_answers == {}
    assert kept_body == {}
    with pytest.raises(VaultLocked), vault.changing():
        pass
    with pytest.raises(VaultLocked):
        vault.save()


def test_lock_waits_for_a_save_under_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lock that arrives while a save is writing lets it finish with the real body."""
    from safetykit.vault import storage

    vault = make_vault(tmp_path, PASS)
    with vault.changing() as body:
        body["settings"]["mark"] = "kept"
    writing = threading.Event()
    release = threading.Event()
    real_write = storage.write_file

    def slow_write(*args: object, **kwargs: object) -> None:
        writing.set()
        assert release.wait(10)
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "write_file", slow_write)
    saver = threading.Thread(target=vault.save)
    saver.start()
    assert writing.wait(10)
    locker = threading.Thread(target=vault.lock)
    locker.start()
    locker.join(timeout=0.2)
    assert locker.is_alive(), "lock() must wait for the save under way"
    release.set()
    saver.join(10)
    locker.join(10)
    monkeypatch.setattr(storage, "write_file", real_write)
    reopened = Vault.open(tmp_path, PASS)
    assert reopened.data["settings"]["mark"] == "kept"
    assert reopened.generation == 2
    reopened.lock()


def test_an_edit_does_not_wait_for_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a save is writing (a slow disk), the UI thread can still change the body."""
    from safetykit.vault import storage

    vault = make_vault(tmp_path, PASS)
    writing = threading.Event()
    release = threading.Event()
    real_write = storage.write_file

    def slow_write(*args: object, **kwargs: object) -> None:
        writing.set()
        assert release.wait(10)
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage, "write_file", slow_write)
    saver = threading.Thread(target=vault.save)
    saver.start()
    assert writing.wait(10)
    done = threading.Event()

    def edit() -> None:
        with vault.changing() as body:
            body["settings"]["typed"] = "while saving"
        done.set()

    editor = threading.Thread(target=edit)
    editor.start()
    assert done.wait(5), "an edit waited for the disk"
    release.set()
    saver.join(10)
    editor.join(10)
    vault.lock()


@pytest.mark.parametrize(
    "params",
    [
        Argon2Params(iterations=3, memory_kib=64 * 1024, lanes=4),
        ScryptParams(log2_n=16, r=8, p=1),
    ],
    ids=["argon2id", "scrypt"],
)
def test_derivation_leaves_the_calling_thread_free(params: KdfParams) -> None:
    """cryptography >= 50 releases the GIL during Argon2id and scrypt: a thread deriving
    a key never freezes the main thread (a UI thread keeps painting)."""
    worker = threading.Thread(target=derive, args=(b"passphrase", b"\0" * 16, params))
    gaps: list[float] = []
    started = time.perf_counter()
    worker.start()
    last = time.perf_counter()
    while worker.is_alive():
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    worker.join()
    took = time.perf_counter() - started
    assert took > 0.05, "the derivation was too quick to tell anything"
    assert len(gaps) > 10
    assert max(gaps) < 0.1, f"main thread stalled {max(gaps) * 1000:.0f} ms during {took:.2f} s"


def test_the_app_holds_the_writer_lock_from_unlock_to_lock(tmp_path: Path) -> None:
    """hold_writer_lock(): a command that would write is told "in use" at once, while
    reading commands keep working; after lock() the command can write again."""
    make_vault(tmp_path, PASS).lock()
    app_vault = Vault.open(tmp_path, PASS)
    app_vault.hold_writer_lock()
    assert app_vault.holds_writer_lock
    export = tmp_path / "export.json"
    done = run_cli("vault", "export", "--data-dir", tmp_path, "-o", str(export), input=PASS + "\n")
    assert done.returncode == 0, done.stderr  # reading works
    written = run_cli(
        "vault", "import", "--data-dir", tmp_path, str(export), "--replace", input=PASS + "\n"
    )
    assert written.returncode == 1
    assert "in use" in written.stderr
    before = app_vault.generation
    app_vault.save()  # the holder itself still saves
    assert app_vault.generation == before + 1
    app_vault.lock()
    assert not app_vault.holds_writer_lock
    again = run_cli(
        "vault", "import", "--data-dir", tmp_path, str(export), "--replace", input=PASS + "\n"
    )
    assert again.returncode == 0, again.stderr


def test_verify_passphrase(tmp_path: Path) -> None:
    vault = make_vault(tmp_path, PASS)
    assert vault.verify_passphrase(PASS)
    assert not vault.verify_passphrase(PASS + "!")
    vault.lock()
    with pytest.raises(VaultLocked):
        vault.verify_passphrase(PASS)
