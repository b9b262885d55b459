"""No crash dumps of a process that may hold the passphrase, the key or answers.

``no_crash_dumps()`` is called before anything is unlocked: by every command that reads
a passphrase or opens a vault, and by ``safetykit/cli.py`` before the desktop app
starts. Qt-free and idempotent. What each platform allows (docs/security-model.md,
"Crash dumps"):

- Linux: the core-file size limit (soft and hard) goes to 0, and ``PR_SET_DUMPABLE``
  to 0, which also stops a pipe-to-program ``core_pattern`` (systemd-coredump, apport)
  and ptrace by other processes of the same user.
- macOS and other POSIX systems: the core-file size limit goes to 0.
- Windows: the "stopped working" dialog is turned off (SetErrorMode); Windows Error
  Reporting may still keep a dump if an administrator enabled LocalDumps.
"""

from __future__ import annotations

import contextlib
import os
import sys

PR_SET_DUMPABLE = 4


def no_crash_dumps() -> None:
    """Forbid core dumps of this process from now on (never raises)."""
    if os.name == "posix":
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if sys.platform.startswith("linux"):
            _linux_not_dumpable()
    elif os.name == "nt":
        _windows_no_error_dialog()


def _linux_not_dumpable() -> None:
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def _windows_no_error_dialog() -> None:
    import ctypes

    SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX = 0x0001, 0x0002
    with contextlib.suppress(OSError, AttributeError):
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
