"""The rule on the edge cases: due day, postponements, nader antwoord, withdrawal, two
ministries, and any day's picture ("as of")."""

from __future__ import annotations

import datetime as dt

import pytest

from kamervragen.deadlines import AnswerEvent, CaseTimeline, Status, assess, load_rule

RULE = load_rule()
SUBMITTED = dt.date(2024, 11, 6)  # due 27 November, or 18 December after a postponement
DUE = dt.date(2024, 11, 27)
POSTPONED_DUE = dt.date(2024, 12, 18)
LATER = dt.date(2025, 3, 1)


def day(offset: int) -> dt.date:
    return SUBMITTED + dt.timedelta(days=offset)


def case(**events: object) -> CaseTimeline:
    return CaseTimeline(key="1", submitted=SUBMITTED, **events)  # type: ignore[arg-type]


def answer(offset: int, *ministries: str, further: bool = False) -> AnswerEvent:
    return AnswerEvent(day(offset), tuple(ministries) or ("Financiën",), further=further)


def test_the_seed_document_was_answered_four_days_late() -> None:
    seed = CaseTimeline(
        key="seed",
        submitted=dt.date(2017, 9, 15),
        answers=(AnswerEvent(dt.date(2017, 10, 10), ("Sociale Zaken en Werkgelegenheid",)),),
    )
    s = assess(seed, RULE, LATER)
    assert s.status is Status.ANSWERED_LATE
    assert (s.due, s.days, s.days_late, s.postponed) == (dt.date(2017, 10, 6), 25, 4, False)


def test_an_answer_on_the_due_day_is_on_time_and_one_a_day_later_is_late() -> None:
    assert assess(case(answers=(answer(21),)), RULE, LATER).status is Status.ANSWERED_ON_TIME
    late = assess(case(answers=(answer(22),)), RULE, LATER)
    assert (late.status, late.days_late) == (Status.ANSWERED_LATE, 1)


def test_a_postponement_on_the_due_day_moves_the_deadline_to_six_weeks() -> None:
    c = case(postponements=(DUE,), answers=(answer(40),))
    s = assess(c, RULE, LATER)
    assert (s.status, s.due, s.postponed, s.late_notices) == (
        Status.ANSWERED_ON_TIME,
        POSTPONED_DUE,
        True,
        0,
    )
    assert assess(c, RULE, day(30)).status is Status.POSTPONED
    assert assess(c, RULE, day(43)).status is Status.ANSWERED_ON_TIME
    unanswered = case(postponements=(DUE,))
    assert assess(unanswered, RULE, POSTPONED_DUE).status is Status.POSTPONED
    assert assess(unanswered, RULE, day(43)).status is Status.OPEN_OVERDUE


def test_a_postponement_after_the_due_day_moves_nothing() -> None:
    c = case(postponements=(day(22),), answers=(answer(40),))
    s = assess(c, RULE, LATER)
    assert (s.status, s.due, s.postponed, s.notices, s.late_notices) == (
        Status.ANSWERED_LATE,
        DUE,
        False,
        1,
        1,
    )
    assert s.days_late == 19
    # Before the late notice came, and after it: overdue both times.
    assert assess(c, RULE, day(22)).status is Status.OPEN_OVERDUE


def test_a_second_postponement_does_not_move_the_deadline_further() -> None:
    c = case(postponements=(day(20), day(41)), answers=(answer(50),))
    s = assess(c, RULE, LATER)
    assert (s.status, s.due, s.notices, s.late_notices) == (
        Status.ANSWERED_LATE,
        POSTPONED_DUE,
        2,
        1,
    )
    assert assess(c, RULE, day(45)).status is Status.OPEN_OVERDUE


def test_a_notice_not_yet_sent_on_the_day_asked_does_not_count_yet() -> None:
    c = case(postponements=(day(20),))
    assert assess(c, RULE, day(19)).status is Status.OPEN
    assert assess(c, RULE, day(20)).status is Status.POSTPONED


def test_an_undated_notice_is_taken_to_have_come_in_time() -> None:
    s = assess(case(postponements=(None,)), RULE, day(30))
    assert (s.status, s.due) == (Status.POSTPONED, POSTPONED_DUE)


def test_a_nader_antwoord_is_kept_apart_and_does_not_change_the_answer_day() -> None:
    c = case(answers=(answer(15, "Financiën"), answer(60, "Financiën")))
    s = assess(c, RULE, LATER)
    assert (s.status, s.answered, s.days) == (Status.ANSWERED_ON_TIME, day(15), 15)
    assert s.further_answers == (day(60),)
    stated = case(answers=(answer(15, "Financiën"), answer(60, "Defensie", further=True)))
    s = assess(stated, RULE, LATER)
    assert s.further_answers == (day(60),) and s.status is Status.ANSWERED_ON_TIME
    assert [m.ministry for m in s.by_ministry] == ["Financiën"]


def test_a_set_answered_by_two_ministries_is_answered_when_the_second_answers() -> None:
    c = case(answers=(answer(20, "Financiën"), answer(30, "Defensie")))
    s = assess(c, RULE, LATER)
    assert (s.status, s.answered, s.days, s.further_answers) == (
        Status.ANSWERED_LATE,
        day(30),
        30,
        (),
    )
    parts = {m.ministry: (m.days, m.on_time) for m in s.by_ministry}
    assert parts == {"Financiën": (20, True), "Defensie": (30, False)}
    # Between the two answers only the first is known.
    between = assess(c, RULE, day(25))
    assert (between.status, between.answered) == (Status.ANSWERED_ON_TIME, day(20))


def test_one_answer_on_behalf_of_two_ministries_counts_for_both() -> None:
    s = assess(case(answers=(answer(18, "Financiën", "Defensie"),)), RULE, LATER)
    assert {m.ministry: m.on_time for m in s.by_ministry} == {"Financiën": True, "Defensie": True}


def test_withdrawn_questions_are_withdrawn_unless_answered_first() -> None:
    s = assess(case(withdrawn=day(5)), RULE, LATER)
    assert (s.status, s.days) == (Status.WITHDRAWN, 5)
    assert assess(case(withdrawn=day(5)), RULE, day(4)).status is Status.OPEN
    # Withdrawn after the due day, unanswered: withdrawn, not overdue.
    assert assess(case(withdrawn=day(30)), RULE, LATER).status is Status.WITHDRAWN
    answered = assess(case(withdrawn=day(30), answers=(answer(25),)), RULE, LATER)
    assert answered.status is Status.ANSWERED_LATE


def test_the_status_as_of_a_day_sees_only_what_happened_by_then() -> None:
    c = case(answers=(answer(30),))
    assert assess(c, RULE, SUBMITTED).status is Status.OPEN
    assert assess(c, RULE, DUE).status is Status.OPEN
    overdue = assess(c, RULE, day(22))
    assert (overdue.status, overdue.days, overdue.days_late) == (Status.OPEN_OVERDUE, 22, 1)
    assert assess(c, RULE, day(30)).status is Status.ANSWERED_LATE


def test_without_a_submission_day_or_answer_day_there_is_no_status() -> None:
    undated = CaseTimeline(key="x", submitted=None, answers=(AnswerEvent(day(3)),))
    assert assess(undated, RULE, LATER).status is Status.UNKNOWN
    settled = case(undated_answer=True)
    s = assess(settled, RULE, LATER)
    assert (s.status, s.due) == (Status.UNKNOWN, DUE)


def test_a_day_before_submission_is_refused() -> None:
    with pytest.raises(ValueError, match="before its submission"):
        assess(case(), RULE, day(-1))


def test_to_dict_gives_the_case_in_json_terms() -> None:
    s = assess(case(postponements=(day(3),), answers=(answer(40),)), RULE, LATER)
    d = s.to_dict()
    assert d["status"] == "answered_on_time" and d["due"] == "2024-12-18"
    assert d["by_ministry"] == [
        {"ministry": "Financiën", "answered": "2024-12-16", "days": 40, "on_time": True}
    ]
