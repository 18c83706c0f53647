"""Where a commitment stands on a given day: open, due soon, overdue, or without a date.

"Overdue" means only that the due date has passed: a letter or answer that fulfilled the
promise may exist, but kamervragen does not know the Kamer's letters, so it cannot tell.
Every surface says so.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

SOON_DAYS = 30  # "due within 30 days"


class CommitmentStatus(StrEnum):
    """The state of a commitment on a day."""

    overdue = "overdue"  # the due date has passed
    due_soon = "due_soon"  # due within SOON_DAYS days
    open = "open"  # due later
    no_date = "no_date"  # the answer gave no date ("geen datum")


# The order in which lists show them: what is late first, what has no date last.
STATUS_ORDER = {
    CommitmentStatus.overdue: 0,
    CommitmentStatus.due_soon: 1,
    CommitmentStatus.open: 2,
    CommitmentStatus.no_date: 3,
}


def status_on(due: dt.date | None, as_of: dt.date) -> CommitmentStatus:
    """The status of a commitment due on ``due`` (None: no date given) on ``as_of``.

    On the due day itself a commitment is still due, not overdue."""
    if due is None:
        return CommitmentStatus.no_date
    if due < as_of:
        return CommitmentStatus.overdue
    if (due - as_of).days <= SOON_DAYS:
        return CommitmentStatus.due_soon
    return CommitmentStatus.open
