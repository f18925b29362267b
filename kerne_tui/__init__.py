"""kerne: a workshop facilitator for Danish workplaces."""

__version__ = "0.1.0"
