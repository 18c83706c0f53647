"""Statistics and the late list, from the dev corpus stored on each backend."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kamervragen.deadlines import (
    AnswerEvent,
    CaseTimeline,
    Member,
    Status,
    assess_all,
    case_timelines,
    group_stats,
    late_list,
    load_rule,
    overall,
)
from kamervragen.deadlines.plot import plot_stats
from kamervragen.deadlines.stats import percentile
from kamervragen.errors import KamervragenError
from kamervragen.ingest import ingest
from kamervragen.storage import open_store

DEV = Path(__file__).parent.parent / "data" / "dev"
RULE = load_rule()
AS_OF = dt.date(2025, 1, 1)


@pytest.fixture
def dev_statuses(db_url: str) -> list:
    with open_store(db_url) as store:
        summary = ingest(store, [DEV])
        assert summary.line().startswith("18 files: 18 added")
        timelines = case_timelines(store)
    return assess_all(timelines, RULE, AS_OF)


def _by_zaak_or_subject(statuses: list, text: str):
    return next(s for s in statuses if s.case.zaak == text or text in (s.case.subject or ""))


def test_the_seed_case_from_the_store_is_four_days_late(dev_statuses: list) -> None:
    seed = _by_zaak_or_subject(dev_statuses, "radicalisering")
    assert (seed.status, seed.case.submitted, seed.answered) == (
        Status.ANSWERED_LATE,
        dt.date(2017, 9, 15),
        dt.date(2017, 10, 10),
    )
    assert (seed.days, seed.days_late) == (25, 4)
    # Questions to SZW and Veiligheid en Justitie, answered by SZW on behalf of both.
    assert {m.ministry for m in seed.by_ministry} == {
        "Sociale Zaken en Werkgelegenheid",
        "Justitie en Veiligheid",
    }
    assert seed.case.askers == (Member("Tellegen", "VVD"),)


def test_the_postponement_notice_in_the_store_moves_the_deadline(dev_statuses: list) -> None:
    # Submitted 6 November 2024, notice received 20 November: due 18 December.
    s = _by_zaak_or_subject(dev_statuses, "2024Z17538")
    assert s.case.postponements == (dt.date(2024, 11, 20),)
    assert (s.postponed, s.due, s.status) == (True, dt.date(2024, 12, 18), Status.OPEN_OVERDUE)
    on_the_day = assess_all([s.case], RULE, dt.date(2024, 12, 18))[0]
    assert on_the_day.status is Status.POSTPONED


def test_statistics_per_ministry_from_the_dev_corpus(dev_statuses: list) -> None:
    rows = {r.group: r for r in group_stats(dev_statuses, "ministry", RULE)}
    vws = rows["Volksgezondheid, Welzijn en Sport"]
    # Days of its six answers: 15, 35, 43, 48, 54, 59.
    assert (vws.sets, vws.answered, vws.open) == (6, 6, 0)
    assert vws.median_days == 45.5 and vws.p90_days == 56.5
    assert vws.on_time_share == pytest.approx(1 / 6)
    assert vws.over_six_weeks_share == pytest.approx(4 / 6)
    assert rows["Asiel en Migratie"].overdue == 1
    assert rows["Economische Zaken"].on_time_share == 1.0  # Jetten, 21 days: the due day


def test_statistics_per_party_member_minister_and_year(dev_statuses: list) -> None:
    parties = {r.group: r for r in group_stats(dev_statuses, "party", RULE)}
    assert parties["GroenLinks-PvdA"].sets == 5 and parties["VVD"].median_days == 25
    members = {r.group: r for r in group_stats(dev_statuses, "member", RULE)}
    assert members["Dobbe"].sets == 2 and members["Van Nispen"].overdue == 1
    ministers = {r.group: r for r in group_stats(dev_statuses, "minister", RULE)}
    assert ministers["Staatssecretaris Karremans"].answered == 2
    assert "Minister Asscher" in ministers
    years = [r.group for r in group_stats(dev_statuses, "year", RULE)]
    assert years == ["2014", "2017", "2024"]
    months = {r.group: r.sets for r in group_stats(dev_statuses, "month", RULE)}
    assert list(months)[:3] == ["2014-10", "2017-09", "2024-01"] and months["2024-11"] == 3
    total = overall(dev_statuses, RULE)
    assert (total.sets, total.answered, total.overdue) == (16, 13, 3)


def test_the_late_list_names_the_open_sets_past_their_due_date(dev_statuses: list) -> None:
    late = late_list(dev_statuses)
    assert [e.status.case.zaak for e in late] == ["2024Z18794", "2024Z18890", "2024Z17538"]
    assert [e.status.days_late for e in late] == [22, 21, 14]
    week_later = late_list(assess_all([e.status.case for e in late], RULE, dt.date(2024, 12, 15)))
    assert [(e.status.case.zaak, e.new_this_week) for e in week_later] == [
        ("2024Z18794", True),
        ("2024Z18890", True),
    ]


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([], 90) is None
    assert percentile([7], 90) == 7
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile(list(range(1, 11)), 90) == pytest.approx(9.1)


def test_a_set_of_two_members_counts_for_both() -> None:
    two = CaseTimeline(
        key="1",
        submitted=dt.date(2025, 1, 6),
        answers=(AnswerEvent(dt.date(2025, 1, 20), ("Defensie",), ("Minister Brekelmans",)),),
        askers=(Member("Dassen", "Volt"), Member("Boswijk", "CDA")),
    )
    statuses = assess_all([two], RULE, AS_OF.replace(year=2026))
    assert [r.group for r in group_stats(statuses, "member", RULE)] == ["Boswijk", "Dassen"]
    assert [r.on_time_share for r in group_stats(statuses, "party", RULE)] == [1.0, 1.0]
    # A case submitted after the day asked is not counted at all.
    assert assess_all([two], RULE, dt.date(2025, 1, 1)) == []


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_plot_is_written(dev_statuses: list, tmp_path: Path, suffix: str) -> None:
    rows = group_stats(dev_statuses, "ministry", RULE)
    out = plot_stats(rows, RULE, tmp_path / f"chart{suffix}", "dev corpus")
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]
    assert len(data) > 5000


def test_a_plot_to_another_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KamervragenError, match=r"only plot to \.png or \.svg"):
        plot_stats([], RULE, tmp_path / "chart.jpg", "x")
    with pytest.raises(KamervragenError, match="nothing to plot"):
        plot_stats([], RULE, tmp_path / "chart.png", "x")
