"""The answering rule as data: the bundled Tweede Kamer rule and rules of one's own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kamervragen.deadlines.rules import Rule, load_rule, load_rules
from kamervragen.errors import KamervragenError


def test_the_tweede_kamer_rule_is_three_weeks_or_six_after_a_postponement() -> None:
    rule = load_rule()
    assert (rule.name, rule.answer_days, rule.postponed_days) == ("tweede-kamer", 21, 42)
    assert rule.due(dt.date(2017, 9, 15)) == dt.date(2017, 10, 6)
    assert rule.postponed_due(dt.date(2017, 9, 15)) == dt.date(2017, 10, 27)
    assert "Reglement van Orde" in rule.source


def test_weekends_and_holidays_are_not_skipped_by_the_tweede_kamer_rule() -> None:
    rule = load_rule()
    # Submitted on a Saturday: due three weeks later, a Saturday too, and Christmas day
    # does not move a due date either.
    assert rule.due(dt.date(2024, 11, 30)) == dt.date(2024, 12, 21)
    assert rule.due(dt.date(2024, 12, 4)) == dt.date(2024, 12, 25)


def test_a_notice_on_the_due_day_counts_and_one_after_it_does_not() -> None:
    rule = load_rule()
    submitted = dt.date(2024, 11, 6)
    assert rule.notice_in_time(submitted, dt.date(2024, 11, 27))
    assert not rule.notice_in_time(submitted, dt.date(2024, 11, 28))
    strict = Rule("strict", 21, 42, notice_on_due_day=False)
    assert not strict.notice_in_time(submitted, dt.date(2024, 11, 27))


def test_a_rule_of_ones_own_is_one_more_entry_in_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps(
            {
                "gemeenteraad-voorbeeld": {
                    "answer_days": 30,
                    "postponed_days": 60,
                    "due_on_working_day": True,
                    "source": "an example council's rules of order",
                }
            }
        )
    )
    rules = load_rules(path)
    assert set(rules) == {"tweede-kamer", "gemeenteraad-voorbeeld"}
    council = load_rule("gemeenteraad-voorbeeld", path)
    # 2024-11-01 + 30 days is Sunday 1 December: due on Monday 2 December.
    assert council.due(dt.date(2024, 11, 1)) == dt.date(2024, 12, 2)
    assert council.postponed_due(dt.date(2024, 11, 1)) == dt.date(2024, 12, 31)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"answer_days": 42, "postponed_days": 21}, "answer_days <= postponed_days"),
        ({"answer_days": 21, "postponed_days": 42, "weeks": 3}, "unknown fields weeks"),
        ({"answer_days": 21}, "postponed_days"),
    ],
)
def test_a_bad_rule_is_refused_with_the_reason(
    tmp_path: Path, fields: dict[str, object], reason: str
) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"slecht": fields}))
    with pytest.raises(KamervragenError, match=reason):
        load_rules(path)


def test_an_unknown_rule_names_the_known_ones() -> None:
    with pytest.raises(KamervragenError, match="known: tweede-kamer"):
        load_rule("eerste-kamer")
