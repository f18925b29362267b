"""The session's contributions in memory, by id, by step, by phone and by the phone's own id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from kerne_tui.workshop.model import Contribution

ClientKey = tuple[str, str, str]
"""What makes a retried submit the same one: phone, step and the phone's own id."""


def client_key(contribution: Contribution) -> ClientKey:
    """The key under which a retry of *contribution* finds it."""
    return (contribution.device, contribution.step_id, contribution.client_id)


class ContributionIndex:
    """Every contribution by id in arrival order, with the lookups a submit needs.

    A phone's own contributions per step are kept apart: caps are checked on every submit,
    and scanning the whole step instead cost most of the server's time in a burst
    (benchmarks/).
    """

    def __init__(self) -> None:
        self._by_id: dict[str, Contribution] = {}
        self._by_step: dict[str, list[str]] = defaultdict(list)
        self._by_device: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_client: dict[ClientKey, str] = {}
        self.changes = 0
        """Grows with every change, so what is built from the contributions is built once."""

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, contribution_id: object) -> bool:
        return contribution_id in self._by_id

    def __iter__(self) -> Iterator[Contribution]:
        return iter(self._by_id.values())

    def get(self, contribution_id: str) -> Contribution | None:
        """The contribution with *contribution_id*, if any."""
        return self._by_id.get(contribution_id)

    def add(self, contribution: Contribution) -> None:
        """Remember a new contribution (or one read from the session file)."""
        self.changes += 1
        self._by_id[contribution.id] = contribution
        self._by_step[contribution.step_id].append(contribution.id)
        self._by_device[(contribution.step_id, contribution.device)].append(contribution.id)
        if contribution.client_id and not contribution.retracted:
            self._by_client[client_key(contribution)] = contribution.id

    def remove(self, contribution: Contribution) -> None:
        """Forget a contribution whose write failed."""
        self.changes += 1
        self._by_id.pop(contribution.id, None)
        ids = self._by_step.get(contribution.step_id, [])
        if contribution.id in ids:
            ids.remove(contribution.id)
        own = self._by_device.get((contribution.step_id, contribution.device), [])
        if contribution.id in own:
            own.remove(contribution.id)
        self._by_client.pop(client_key(contribution), None)

    def replace(self, updated: Contribution) -> None:
        """Put a changed copy (hidden, merged, retracted) in place of the stored one."""
        self.changes += 1
        self._by_id[updated.id] = updated

    def release_client(self, contribution: Contribution) -> None:
        """A retracted contribution no longer answers a retry of its client id."""
        self._by_client.pop(client_key(contribution), None)

    def claim_client(self, contribution: Contribution) -> None:
        """Let a retry of *contribution*'s client id find it again (a retract was undone)."""
        if contribution.client_id:
            self._by_client[client_key(contribution)] = contribution.id

    def by_client(self, device: str, step_id: str, client_id: str) -> str | None:
        """The id of the contribution a phone sent before under *client_id*, if any."""
        return self._by_client.get((device, step_id, client_id))

    def of_step(self, step_id: str) -> list[Contribution]:
        """A step's contributions in arrival order, including invisible ones."""
        return [self._by_id[cid] for cid in self._by_step.get(step_id, [])]

    def own(self, step_id: str, device: str) -> list[Contribution]:
        """A device's contributions to a step that it has not taken back."""
        found = (self._by_id[cid] for cid in self._by_device.get((step_id, device), []))
        return [c for c in found if not c.retracted]
