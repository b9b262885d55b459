"""Vault performance: unlock cost beyond the KDF, durable save against a raw write,
and the calibrated key-derivation time on this machine.

- Unlock minus KDF: a vault of 20 assessments × 150 answers, opened at test-strength
  KDF; the median derivation time of those parameters is subtracted, leaving reading,
  parsing, unwrapping, decryption and JSON (aim: at most 50 ms).
- Durable save: one changed answer, saved with ``Vault.save`` and timed whole: the
  check that the file on disk is still ours (vault id and generation), change detection
  and canonical JSON, sealing, verifying by decrypting in memory, then the durable
  write path (temp file, write, fsync, backup hard link, ``os.replace``, backup rename,
  folder fsync). The baseline, interleaved in the same run and folder, is a raw write of
  the same number of bytes: open, write, fsync, close, ``os.replace`` — one fsync and no
  folder fsync (aim: the save at most 1.5× that).
- The "of which" rows time the parts separately (same rounds, same data), so the gap
  can be read: the durable write path alone, seal + verify, and the body encoding with
  unchanged assessments reused (against encoding everything). "Required steps" adds
  the path and seal + verify: what a save costs with free encoding, i.e. the lowest
  ratio reachable without dropping a step the design requires.
- Calibrated KDF: what ``kdf.calibrate()`` picks here and how long one derivation takes
  (median of 3, after calibration's own runs).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Result, median_seconds, ms, print_table, ratio
from safetykit.vault import Vault, body, kdf, storage
from safetykit.vault import format as fmt

PASS = "benchmark passphrase"  # noqa: S105 - a throwaway vault in a temp folder
ASSESSMENTS = 20
ANSWERS = 150
ROUNDS = 60


def _fill(vault: Vault) -> None:
    statuses = ("done", "partly", "todo", "na")
    for a in range(ASSESSMENTS):
        answers: dict[str, Any] = {
            f"org.safetykit.core/item-{i:03d}": {
                "status": statuses[(a + i) % 4],
                "note": f"a note of moderate length for item {i} in round {a}" if i % 3 else "",
                "due": "2026-12-31" if i % 5 == 0 else None,
            }
            for i in range(ANSWERS)
        }
        vault.data["assessments"].append(
            {
                "id": f"assessment-{a:02d}",
                "started": f"2026-{1 + a % 12:02d}-01T09:00:00Z",
                "answers": answers,
            }
        )
    vault.data["profile"] = {f"org.safetykit.core/q{i}": "yes" for i in range(30)}


def _raw_write(folder: Path, data: bytes) -> None:
    tmp = folder / "raw.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, folder / "raw.bin")


def results() -> list[Result]:
    rows: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="safetykit-bench-") as root:
        folder = Path(root) / "vault"
        vault = Vault.create(folder, PASS, kdf_params=kdf.TEST_PARAMS)
        _fill(vault)
        vault.save()
        size = vault.path.stat().st_size
        vault.lock()

        salt = os.urandom(kdf.SALT_BYTES)
        kdf_time = median_seconds(
            lambda: kdf.derive(kdf.normalize_passphrase(PASS), salt, kdf.TEST_PARAMS), repeat=25
        )
        unlock = median_seconds(lambda: Vault.open(folder, PASS).lock(), repeat=15)
        rows.append(
            Result(
                f"unlock minus KDF, {ASSESSMENTS}×{ANSWERS} answers ({size // 1024} KiB file)",
                ms(max(unlock - kdf_time, 0.0)),
                baseline=f"unlock {ms(unlock)}, KDF {ms(kdf_time)}",
                aim="<= 50 ms",
            )
        )

        vault = Vault.open(folder, PASS)
        answers = vault.data["assessments"][-1]["answers"]
        blob = vault.path.read_bytes()  # the same number of bytes, made before timing
        saves, raws, paths, encodes, fulls, seals = [], [], [], [], [], []
        key = vault._key
        assert key is not None
        encoder = body.Encoder()
        encoder.encode(vault.data)
        for n in range(ROUNDS):
            answers["org.safetykit.core/item-000"]["note"] = f"changed {n}"
            start = time.perf_counter()
            vault.save()
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            _raw_write(folder, blob)
            raws.append(time.perf_counter() - start)
            start = time.perf_counter()
            storage.write_file(folder, "path-only.skv", blob, keep_backup=True)
            paths.append(time.perf_counter() - start)
            answers["org.safetykit.core/item-001"]["note"] = f"changed {n}"
            start = time.perf_counter()
            plaintext = encoder.encode(vault.data)
            encodes.append(time.perf_counter() - start)
            header = fmt.parse_header(blob)
            start = time.perf_counter()
            sealed = fmt.seal(header, plaintext, key)
            assert fmt.open_body(sealed, fmt.parse_header(sealed), key) == plaintext
            seals.append(time.perf_counter() - start)
            start = time.perf_counter()
            body.encode(vault.data)
            fulls.append(time.perf_counter() - start)
        vault.lock()
        save, raw = statistics.median(saves), statistics.median(raws)
        path, encode = statistics.median(paths), statistics.median(encodes)
        full, seal = statistics.median(fulls), statistics.median(seals)
        rows.append(
            Result(
                f"durable save of one changed answer (median of {ROUNDS})",
                ms(save),
                baseline=f"{ms(raw)} raw write+fsync+replace",
                ratio=ratio(save, raw),
                aim="<= 1.5x",
            )
        )
        rows.append(
            Result(
                "  of which: durable write path (2 fsyncs, link, 2 renames)",
                ms(path),
                baseline=f"{ms(raw)} raw",
                ratio=ratio(path, raw),
            )
        )
        rows.append(
            Result(
                "  of which: seal + verify by decrypting",
                ms(seal),
            )
        )
        rows.append(
            Result(
                "  of which: canonical JSON, unchanged assessments reused",
                ms(encode),
                baseline=f"{ms(full)} encoding it all",
                ratio=ratio(encode, full),
            )
        )
        rows.append(
            Result(
                "  required steps (path + seal + verify), encoding free",
                ms(path + seal),
                baseline=f"{ms(raw)} raw",
                ratio=ratio(path + seal, raw),
            )
        )

    params = kdf.calibrate()
    calibrated = median_seconds(
        lambda: kdf.derive(b"benchmark", os.urandom(kdf.SALT_BYTES), params), repeat=3, warmup=0
    )
    rows.append(
        Result(
            f"calibrated KDF ({_describe(params)})",
            ms(calibrated),
            aim="0.5–1.0 s",
        )
    )
    return rows


def _describe(params: kdf.KdfParams) -> str:
    if isinstance(params, kdf.Argon2Params):
        return (
            f"Argon2id {params.memory_kib // 1024} MiB × {params.iterations}, {params.lanes} lanes"
        )
    return f"scrypt N=2^{params.log2_n} r={params.r} p={params.p}"


if __name__ == "__main__":
    print_table(results())
