"""Session plans: the TOML format, its checks and the built-in plans."""

from kerne_tui.plan.builtin import (
    builtin_plans,
    find_plan,
    is_builtin,
    name_problem,
    own_plans,
    own_plans_folder,
    plan_name,
    plans_folder,
)
from kerne_tui.plan.loader import PlanError, PlanProblem, load_plan, plan_from_data
from kerne_tui.plan.model import (
    LOWEST_MIN_ANSWERS,
    MIN_ANSWERS,
    Module,
    Option,
    Plan,
    Show,
    Step,
    StepKind,
)

__all__ = [
    "LOWEST_MIN_ANSWERS",
    "MIN_ANSWERS",
    "Module",
    "Option",
    "Plan",
    "PlanError",
    "PlanProblem",
    "Show",
    "Step",
    "StepKind",
    "builtin_plans",
    "find_plan",
    "is_builtin",
    "load_plan",
    "name_problem",
    "own_plans",
    "own_plans_folder",
    "plan_from_data",
    "plan_name",
    "plans_folder",
]
