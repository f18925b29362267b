"""Rehearsal: simulated phones that take part in a workshop through the real phone server."""

from kerne_tui.rehearsal.answers import MAX_SKIPPERS, Crowd, answer_delays, plan_answers
from kerne_tui.rehearsal.phones import Acknowledged, SimulatedPhone, simulate_phones

__all__ = [
    "MAX_SKIPPERS",
    "Acknowledged",
    "Crowd",
    "SimulatedPhone",
    "answer_delays",
    "plan_answers",
    "simulate_phones",
]
