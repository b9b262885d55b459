"""Allow ``python -m safetykit``."""

import sys

from safetykit.cli import main

sys.exit(main())
