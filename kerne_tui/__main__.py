"""Allow ``python -m kerne_tui``."""

import sys

from kerne_tui.cli import main

sys.exit(main())
