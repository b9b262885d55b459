"""The frozen app's entry point (packaging/safetykit.spec): the ``safetykit`` command."""

import sys

from safetykit.cli import main

if __name__ == "__main__":
    sys.exit(main())
