"""Writing a file the user asked for (a plan, an export, a key, a pack), safely.

The file is written to a temporary name in the same folder (created 0600 by mkstemp),
fsynced and moved into place, so the target is never half-written and is readable by
the owner only, even if a file with wider rights stood there before.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from safetykit.errors import SafetyKitError
from safetykit.text import os_reason


def _write_failed(path: Path, error: OSError) -> SafetyKitError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SafetyKitError("file.write_failed.disk_full", file=path)
    return SafetyKitError("file.write_failed", file=path, reason=os_reason(error))


def write_private_file(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` atomically, mode 0600; SafetyKitError if it cannot.

    ``mode``: wider rights for a file meant to be shared (a public key, 0644), set
    explicitly because SafetyKit's umask keeps everything else private."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise _write_failed(path, error) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode != 0o600:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise _write_failed(path, error) from None
