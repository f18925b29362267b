"""What the tests share: one clock, the test plans in ``tests/data/``, workshops on a folder.

Import it as ``from support import FakeClock, load_test_plan, open_workshop``; pytest puts
``tests/`` on the import path (the fixtures in ``conftest.py`` are built from these).
"""

from .clock import START, FakeClock
from .forms import form_token
from .plans import DATA, copy_plan, load_test_plan, plan_file, plan_named_as, plan_text
from .terminals import close_tmux
from .workshops import JOIN_CODE, data_folder, new_workshop, open_workshop

__all__ = [
    "DATA",
    "JOIN_CODE",
    "START",
    "FakeClock",
    "close_tmux",
    "copy_plan",
    "data_folder",
    "form_token",
    "load_test_plan",
    "new_workshop",
    "open_workshop",
    "plan_file",
    "plan_named_as",
    "plan_text",
]
