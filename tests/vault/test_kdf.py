"""Key derivation: calibration with an injected clock, hard limits, test strength."""

from __future__ import annotations

import dataclasses
import struct
from pathlib import Path

import pytest

from safetykit.vault import Vault, VaultDamaged, WrongPassphrase, kdf
from safetykit.vault import format as fmt
from tests.helpers import make_vault


class FakeMachine:
    """A clock plus a 'derivation' that advances it by memory × iterations × speed."""

    def __init__(self, seconds_per_kib_pass: float) -> None:
        self.now = 0.0
        self.speed = seconds_per_kib_pass
        self.runs: list[kdf.KdfParams] = []

    def clock(self) -> float:
        return self.now

    def measure(self, params: kdf.KdfParams) -> None:
        self.runs.append(params)
        self.now += self.cost(params)

    def cost(self, params: kdf.KdfParams) -> float:
        if isinstance(params, kdf.Argon2Params):
            return params.memory_kib * params.iterations * self.speed
        return (1 << params.log2_n) * params.r * self.speed * 8


# 64 MiB × 2 passes takes about 0.12 s on the development machine (~1e-6 s per KiB-pass);
# these span a machine 6x faster to one 16x slower. Faster still is capped (below).
SPEEDS = [1e-6 * f for f in (0.16, 0.25, 0.5, 1, 2, 4, 8, 16)]


@pytest.mark.parametrize("speed", SPEEDS)
def test_calibration_lands_in_half_to_one_second(speed: float) -> None:
    machine = FakeMachine(speed)
    params = kdf.calibrate(clock=machine.clock, measure=machine.measure, scrypt=False)
    assert isinstance(params, kdf.Argon2Params)
    assert 0.5 <= machine.cost(params) <= 1.0, (params, machine.cost(params))
    assert len(machine.runs) <= 4  # a few derivations, not a search
    kdf.check_limits(params)
    assert params.memory_kib >= 19 * 1024  # never below OWASP's minimum


def test_calibration_on_a_very_slow_machine_keeps_the_floor() -> None:
    machine = FakeMachine(1e-4)  # 19 MiB × 1 pass takes 2 s
    params = kdf.calibrate(clock=machine.clock, measure=machine.measure, scrypt=False)
    assert params == kdf.Argon2Params(iterations=1, memory_kib=19 * 1024, lanes=4)


def test_calibration_on_a_very_fast_machine_stays_inside_the_limits() -> None:
    machine = FakeMachine(1e-10)
    params = kdf.calibrate(clock=machine.clock, measure=machine.measure, scrypt=False)
    kdf.check_limits(params)
    assert isinstance(params, kdf.Argon2Params)
    assert params.memory_kib == 256 * 1024 and params.iterations == 16


@pytest.mark.parametrize("speed", [1e-7, 1e-6, 1e-5])
def test_scrypt_calibration(speed: float) -> None:
    machine = FakeMachine(speed / 40)
    params = kdf.calibrate(clock=machine.clock, measure=machine.measure, scrypt=True)
    assert isinstance(params, kdf.ScryptParams)
    kdf.check_limits(params)
    cost = machine.cost(params)
    # scrypt's N moves in powers of two, so the nearest step may sit a little outside.
    assert 0.25 <= cost <= 2.0 or params.log2_n in (10, 20)


def test_scrypt_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kdf, "argon2_available", lambda: False)
    machine = FakeMachine(1e-8)
    params = kdf.calibrate(clock=machine.clock, measure=machine.measure)
    assert isinstance(params, kdf.ScryptParams)


def test_argon2id_is_available_here() -> None:
    # cryptography >= 44 with OpenSSL/Rust Argon2id: the primary KDF must be in use.
    assert kdf.argon2_available()


ARGON_TEST = kdf.Argon2Params(iterations=1, memory_kib=8, lanes=1)
assert kdf.TEST_PARAMS == ARGON_TEST

LIMIT_CASES = [
    ("iterations", kdf.ARGON2_MAX_ITERATIONS + 1, 0),
    ("memory_kib", kdf.ARGON2_MAX_MEMORY_KIB + 1, 0),
    ("lanes", kdf.ARGON2_MAX_LANES + 1, 0),
]


@pytest.mark.parametrize(("field", "too_big", "too_small"), LIMIT_CASES)
def test_one_past_each_limit_is_refused_before_derivation(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, field: str, too_big: int, too_small: int
) -> None:
    make_vault(data_dir, "pw").lock()
    path = data_dir / "vault.skv"
    blob = path.read_bytes()
    header = fmt.parse_header(blob)
    slot = header.slots[0]
    at_limit = dataclasses.replace(ARGON_TEST, **{field: too_big - 1})
    if isinstance(at_limit, kdf.Argon2Params) and at_limit.memory_kib < 8 * at_limit.lanes:
        at_limit = dataclasses.replace(at_limit, memory_kib=8 * at_limit.lanes)
    kdf.check_limits(at_limit)  # the limit itself is allowed
    calls: list[object] = []

    def spy(*args: object) -> bytes:
        calls.append(args)
        return b"\0" * 32

    monkeypatch.setattr(kdf, "derive", spy)
    for value in (too_big, too_small):
        params = dataclasses.replace(ARGON_TEST, **{field: value})
        assert isinstance(params, kdf.Argon2Params)
        new_slot = dataclasses.replace(
            slot, p1=params.iterations, p2=params.memory_kib, p3=params.lanes
        )
        offset = fmt.FIXED_BYTES
        path.write_bytes(blob[:offset] + new_slot.pack() + blob[offset + fmt.SLOT_BYTES :])
        with pytest.raises(VaultDamaged, match="out of bounds"):
            Vault.open(data_dir, "pw")
    assert calls == []  # no derivation ran


def test_one_past_the_work_limit_is_refused() -> None:
    memory = kdf.ARGON2_MAX_WORK_KIB // 16
    kdf.check_limits(kdf.Argon2Params(iterations=16, memory_kib=memory, lanes=4))
    with pytest.raises(VaultDamaged, match="out of bounds"):
        kdf.check_limits(kdf.Argon2Params(iterations=16, memory_kib=memory + 1, lanes=4))


def test_scrypt_limits() -> None:
    ok = kdf.ScryptParams(log2_n=kdf.SCRYPT_MAX_LOG2_N - 3, r=kdf.SCRYPT_MAX_R, p=kdf.SCRYPT_MAX_P)
    kdf.check_limits(ok)
    for bad in (
        kdf.ScryptParams(log2_n=kdf.SCRYPT_MAX_LOG2_N + 1, r=1, p=1),
        kdf.ScryptParams(log2_n=10, r=kdf.SCRYPT_MAX_R + 1, p=1),
        kdf.ScryptParams(log2_n=10, r=1, p=kdf.SCRYPT_MAX_P + 1),
        kdf.ScryptParams(log2_n=20, r=9, p=1),  # 128 × 9 × 2^20 bytes: past 1 GiB
        kdf.ScryptParams(log2_n=0, r=1, p=1),
    ):
        with pytest.raises(VaultDamaged):
            kdf.check_limits(bad)


def test_tampered_params_within_limits_read_as_wrong_passphrase(data_dir: Path) -> None:
    make_vault(data_dir, "pw").lock()
    path = data_dir / "vault.skv"
    blob = bytearray(path.read_bytes())
    struct.pack_into(">I", blob, fmt.FIXED_BYTES + 2, 2)  # iterations 1 → 2
    path.write_bytes(bytes(blob))
    with pytest.raises(WrongPassphrase):
        Vault.open(data_dir, "pw")


def test_nothing_reads_an_environment_variable_for_the_test_strength() -> None:
    root = Path(__file__).resolve().parents[2] / "safetykit" / "vault"
    for source in root.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "os.environ" not in text and "getenv" not in text, source


@pytest.mark.slow
def test_full_strength_vault(data_dir: Path) -> None:
    """A real, calibrated vault: created and opened at full strength (about 2–4 s)."""
    vault = Vault.create(data_dir, "full strength passphrase")
    params = vault.kdf_params
    assert isinstance(params, kdf.Argon2Params)
    assert params.memory_kib >= 19 * 1024
    vault.data["settings"]["x"] = 1
    vault.save()
    vault.lock()
    again = Vault.open(data_dir, "full strength passphrase")
    assert again.data["settings"] == {"x": 1}
    assert again.kdf_params == params


HEADER_CASES = [
    # Argon2id: one past the memory × passes limit, at the pass limit
    (fmt.KDF_ARGON2ID, (16, kdf.ARGON2_MAX_WORK_KIB // 16 + 1, 4)),
    # scrypt: one past each limit, and past the memory limit inside the others
    (fmt.KDF_SCRYPT, (kdf.SCRYPT_MAX_LOG2_N + 1, 1, 1)),
    (fmt.KDF_SCRYPT, (10, kdf.SCRYPT_MAX_R + 1, 1)),
    (fmt.KDF_SCRYPT, (10, 1, kdf.SCRYPT_MAX_P + 1)),
    (fmt.KDF_SCRYPT, (20, 9, 1)),
    (fmt.KDF_SCRYPT, (0, 1, 1)),
]


@pytest.mark.parametrize(("code", "numbers"), HEADER_CASES)
def test_work_and_scrypt_limits_in_a_header_are_refused_before_derivation(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, code: int, numbers: tuple[int, int, int]
) -> None:
    make_vault(data_dir, "pw").lock()
    path = data_dir / "vault.skv"
    blob = path.read_bytes()
    slot = fmt.parse_header(blob).slots[0]
    changed = dataclasses.replace(slot, kdf=code, p1=numbers[0], p2=numbers[1], p3=numbers[2])
    offset = fmt.FIXED_BYTES
    path.write_bytes(blob[:offset] + changed.pack() + blob[offset + fmt.SLOT_BYTES :])
    calls: list[object] = []

    def spy(*args: object) -> bytes:
        calls.append(args)
        return b"\0" * 32

    monkeypatch.setattr(kdf, "derive", spy)
    with pytest.raises(VaultDamaged, match="out of bounds"):
        Vault.open(data_dir, "pw")
    assert calls == []
