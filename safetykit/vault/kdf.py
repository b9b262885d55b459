"""Passphrase key derivation: Argon2id (scrypt where Argon2id is missing), hard limits,
and calibration to about 0.5–1 s on the machine that creates the vault.

The parameters live in the vault header, which an attacker can edit. ``check_limits``
refuses anything past the hard limits *before* a derivation runs, so a hostile header
cannot make us allocate gigabytes or spin for minutes.

``TEST_PARAMS`` is the test strength. It is reachable only as the ``kdf_params=``
keyword of the core API: the command line and the app never pass it, and nothing here
reads an environment variable.
"""

from __future__ import annotations

import math
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeAlias

from safetykit.vault.errors import KdfUnavailable, VaultDamaged

KEY_BYTES = 32
SALT_BYTES = 16


@dataclass(frozen=True)
class Argon2Params:
    iterations: int
    memory_kib: int
    lanes: int


@dataclass(frozen=True)
class ScryptParams:
    log2_n: int
    r: int
    p: int


KdfParams: TypeAlias = Argon2Params | ScryptParams

# Hard limits, checked before any derivation. Calibration stays well inside them, so
# only a damaged or hostile header reaches them.
ARGON2_MAX_ITERATIONS = 32
ARGON2_MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
ARGON2_MAX_LANES = 8
# memory × passes: what calibration can reach (256 MiB × 16), about 10–20 s on a 2026
# laptop. It bounds how long a hostile header can keep us busy.
ARGON2_MAX_WORK_KIB = 256 * 1024 * 16
SCRYPT_MAX_LOG2_N = 20
SCRYPT_MAX_R = 16
SCRYPT_MAX_P = 4
SCRYPT_MAX_MEMORY = 1024 * 1024 * 1024  # 128 * r * n bytes

# Test strength: real Argon2id/scrypt, tiny cost. Tests only (see module docstring).
TEST_PARAMS: KdfParams = Argon2Params(iterations=1, memory_kib=8, lanes=1)
TEST_SCRYPT_PARAMS: KdfParams = ScryptParams(log2_n=4, r=1, p=1)

# Calibration bounds: at least OWASP's 19 MiB; at most 256 MiB so a modest laptop
# with little free memory still unlocks; time is added with iterations beyond that.
CALIBRATION_TARGET = (0.5, 1.0)
_CALIB_MEMORY_FLOOR_KIB = 19 * 1024
_CALIB_MEMORY_CAP_KIB = 256 * 1024
_CALIB_MAX_ITERATIONS = 16
_CALIB_LANES = 4
_SCRYPT_CALIB_MAX_LOG2_N = 20


def normalize_passphrase(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on macOS (often NFD) and Linux gives one key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def check_limits(params: KdfParams) -> None:
    """Refuse parameters past the hard limits, or malformed ones (VaultDamaged)."""
    if isinstance(params, Argon2Params):
        ok = (
            1 <= params.iterations <= ARGON2_MAX_ITERATIONS
            and 1 <= params.lanes <= ARGON2_MAX_LANES
            and 8 * params.lanes <= params.memory_kib <= ARGON2_MAX_MEMORY_KIB
            and params.memory_kib * params.iterations <= ARGON2_MAX_WORK_KIB
        )
    else:
        ok = (
            1 <= params.log2_n <= SCRYPT_MAX_LOG2_N
            and 1 <= params.r <= SCRYPT_MAX_R
            and 1 <= params.p <= SCRYPT_MAX_P
            and 128 * params.r * (1 << params.log2_n) <= SCRYPT_MAX_MEMORY
        )
    if not ok:
        raise VaultDamaged("vault.damaged.kdf_limits")


def derive(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    """Derive a 256-bit key. Checks the limits first, always."""
    # cryptography loads here, not with the module: reading a header needs none of it.
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    check_limits(params)
    if isinstance(params, Argon2Params):
        try:
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
        except ImportError:  # cryptography older than 44
            raise KdfUnavailable("vault.kdf_unavailable") from None
        try:
            kdf = Argon2id(
                salt=salt,
                length=KEY_BYTES,
                iterations=params.iterations,
                lanes=params.lanes,
                memory_cost=params.memory_kib,
            )
            return kdf.derive(secret)
        except UnsupportedAlgorithm:
            raise KdfUnavailable("vault.kdf_unavailable") from None
    scrypt = Scrypt(salt=salt, length=KEY_BYTES, n=1 << params.log2_n, r=params.r, p=params.p)
    return scrypt.derive(secret)


@cache
def argon2_available() -> bool:
    try:
        derive(b"probe", b"\0" * SALT_BYTES, TEST_PARAMS)
    except KdfUnavailable:
        return False
    return True


Clock = Callable[[], float]
Measure = Callable[[KdfParams], None]


def _real_measure(params: KdfParams) -> None:
    derive(b"calibration", b"\0" * SALT_BYTES, params)


def calibrate(
    *,
    clock: Clock = time.perf_counter,
    measure: Measure | None = None,
    scrypt: bool | None = None,
    target: tuple[float, float] = CALIBRATION_TARGET,
    max_rounds: int = 6,
) -> KdfParams:
    """Parameters whose derivation takes ``target`` seconds on this machine.

    Time is taken as proportional to memory × iterations: each round measures one
    derivation and rescales toward the middle of the target. ``clock`` and ``measure``
    are injectable so the arithmetic is tested without a stopwatch.
    """
    run = measure or _real_measure
    use_scrypt = (not argon2_available()) if scrypt is None else scrypt
    params: KdfParams = (
        ScryptParams(log2_n=15, r=8, p=1)
        if use_scrypt
        else Argon2Params(iterations=2, memory_kib=64 * 1024, lanes=_CALIB_LANES)
    )
    low, high = target
    middle = (low + high) / 2
    for _ in range(max_rounds):
        start = clock()
        run(params)
        took = max(clock() - start, 1e-6)
        if low <= took <= high:
            break
        scaled = _rescale(params, middle / took)
        if scaled == params:  # at a bound: nothing more to gain
            break
        params = scaled
    check_limits(params)
    return params


def _rescale(params: KdfParams, factor: float) -> KdfParams:
    if isinstance(params, ScryptParams):
        # n doubles per step: pick the power of two nearest the wanted work.
        wanted = params.log2_n + math.log2(factor)
        log2_n = min(max(round(wanted), 10), _SCRYPT_CALIB_MAX_LOG2_N)
        return ScryptParams(log2_n=log2_n, r=params.r, p=params.p)
    work = params.memory_kib * params.iterations * factor
    iterations = 2
    memory = work / iterations
    if memory > _CALIB_MEMORY_CAP_KIB:
        memory = _CALIB_MEMORY_CAP_KIB
        iterations = min(max(round(work / memory), 2), _CALIB_MAX_ITERATIONS)
    elif memory < _CALIB_MEMORY_FLOOR_KIB:
        # A slow machine: keep the memory floor and do one pass, even if it takes longer.
        memory = _CALIB_MEMORY_FLOOR_KIB
        iterations = 1 if work < 2 * _CALIB_MEMORY_FLOOR_KIB else 2
    memory_kib = max(int(memory) // 1024 * 1024, _CALIB_MEMORY_FLOOR_KIB)
    return Argon2Params(iterations=iterations, memory_kib=memory_kib, lanes=params.lanes)
