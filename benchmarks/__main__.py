"""``python -m benchmarks``: every scenario, kerne beside the naive server and the ceiling."""

import sys

from benchmarks.suite import main

sys.exit(main())
