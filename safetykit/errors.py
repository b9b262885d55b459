"""The project's own error types.

Every failure the user can cause (bad input, wrong passphrase, damaged files) is a
``SafetyKitError``; the command line prints its message as one line and exits 1.
Anything else is a bug and is allowed to show a traceback.
"""


class SafetyKitError(Exception):
    """A failure to report to the user as one clear line (exit status 1)."""

    exit_code = 1


class UsageError(SafetyKitError):
    """The command was called the wrong way (exit status 2)."""

    exit_code = 2
