"""The answering rule as data: how many days an answer may take, and what a postponement does.

A rule is read from ``data/rules.json`` (the Tweede Kamer's) or from any JSON file of the
same shape, so another assembly (the Eerste Kamer, a provincial council, a municipal
council) is one more entry, not new code:

>>> rule = load_rule("tweede-kamer")
>>> rule.due(dt.date(2017, 9, 15))
datetime.date(2017, 10, 6)
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from kamervragen.errors import KamervragenError

DEFAULT_RULE = "tweede-kamer"


@dataclass(frozen=True)
class Rule:
    """When an answer is due.

    ``answer_days`` after submission the answer is due; a postponement notice that
    arrives in time (on or before that day when ``notice_on_due_day``, else before it)
    moves the due date to ``postponed_days`` after submission. With
    ``due_on_working_day`` a due date on a Saturday or Sunday moves to the Monday after
    (public holidays are not known to the rule).
    """

    name: str
    answer_days: int
    postponed_days: int
    notice_on_due_day: bool = True
    due_on_working_day: bool = False
    title: str = ""
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if not 0 < self.answer_days <= self.postponed_days:
            raise KamervragenError(
                f"rule {self.name}: need 0 < answer_days <= postponed_days,"
                f" got {self.answer_days} and {self.postponed_days}"
            )

    def _day(self, submitted: dt.date, days: int) -> dt.date:
        day = submitted + dt.timedelta(days=days)
        if self.due_on_working_day and day.weekday() >= 5:
            day += dt.timedelta(days=7 - day.weekday())
        return day

    def due(self, submitted: dt.date) -> dt.date:
        """The last day on which an answer is on time, without a postponement."""
        return self._day(submitted, self.answer_days)

    def postponed_due(self, submitted: dt.date) -> dt.date:
        """The last day on which an answer is on time after a postponement notice."""
        return self._day(submitted, self.postponed_days)

    def notice_in_time(self, submitted: dt.date, notice: dt.date) -> bool:
        """Whether a postponement notice of this day moves the due date."""
        due = self.due(submitted)
        return notice <= due if self.notice_on_due_day else notice < due


def _rule(name: str, fields: dict[str, Any]) -> Rule:
    known = {"answer_days", "postponed_days", "notice_on_due_day", "due_on_working_day"}
    known |= {"title", "source", "notes"}
    unknown = set(fields) - known
    if unknown:
        raise KamervragenError(f"rule {name}: unknown fields {', '.join(sorted(unknown))}")
    try:
        return Rule(name=name, **fields)
    except TypeError as exc:
        raise KamervragenError(f"rule {name}: {exc}") from None


def load_rules(path: str | Path | None = None) -> dict[str, Rule]:
    """The bundled rules, and those of ``path`` (a JSON object of rules) over them."""
    text = resources.files("kamervragen.deadlines").joinpath("data/rules.json").read_text("utf-8")
    rules = {name: _rule(name, fields) for name, fields in json.loads(text).items()}
    if path is not None:
        try:
            extra = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KamervragenError(f"{path}: cannot read rules: {exc}") from None
        rules.update({name: _rule(name, fields) for name, fields in extra.items()})
    return rules


def load_rule(name: str = DEFAULT_RULE, path: str | Path | None = None) -> Rule:
    """One rule by name (``tweede-kamer`` unless told otherwise)."""
    rules = load_rules(path)
    if name not in rules:
        raise KamervragenError(f"no rule {name!r}; known: {', '.join(sorted(rules))}")
    return rules[name]
