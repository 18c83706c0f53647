"""The stored commitments: written at ingest, backfilled, judged on a day, selected and
counted; both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kamervragen.commitments import CommitmentStatus, status_on

DEV = Path(__file__).parent.parent / "data" / "commitments" / "dev"
# Two commitments due 2024-04-30 and 2024-06-30 (answer of 2024-04-11, BZK, JenV, VWS).
WITH_TWO = DEV / "ah-tk-20232024-1481__1b650dd7-71d6-4b8f-8625-36c000046742.pdfminer.txt"
# One commitment due 2024-06-30 (answer of 2024-04-05, LVVN).
WITH_ONE = DEV / "ah-tk-20232024-1433.pypdf.txt"
WITH_NONE = DEV / "ah-tk-20232024-1108.pypdf.txt"


def _ingest(db_url: str, *paths: Path) -> None:
    from kamervragen.ingest import ingest
    from kamervragen.storage import open_store

    with open_store(db_url) as store:
        ingest(store, list(paths))


def _load(db_url: str, day: dt.date) -> list:
    from kamervragen.deadlines.commitments import load_commitments
    from kamervragen.storage import open_store

    with open_store(db_url) as store:
        return load_commitments(store, day)


def test_a_status_follows_the_due_date() -> None:
    day = dt.date(2024, 6, 1)
    assert status_on(None, day) is CommitmentStatus.no_date
    assert status_on(dt.date(2024, 5, 31), day) is CommitmentStatus.overdue
    assert status_on(day, day) is CommitmentStatus.due_soon  # due today is not late yet
    assert status_on(dt.date(2024, 7, 1), day) is CommitmentStatus.due_soon
    assert status_on(dt.date(2024, 7, 2), day) is CommitmentStatus.open


def test_ingest_stores_each_commitment_with_its_answer_and_ministries(db_url: str) -> None:
    from kamervragen import parse_file
    from kamervragen.commitments import extract_commitments

    _ingest(db_url, WITH_TWO, WITH_ONE, WITH_NONE)
    stored = _load(db_url, dt.date(2024, 5, 15))
    expected = [c.text for p in (WITH_TWO, WITH_ONE) for c in extract_commitments(parse_file(p))]
    assert sorted(c.text for c in stored) == sorted(expected)
    by_text = {c.text: c for c in stored}
    april = next(c for c in stored if c.due == dt.date(2024, 4, 30))
    assert april.official_id == "ah-tk-20232024-1481"
    assert april.answered == dt.date(2024, 4, 11)
    assert april.status is CommitmentStatus.overdue and april.days_overdue == 15
    assert "Justitie en Veiligheid" in april.ministries
    assert april.case is not None and april.questions == ("1",)
    one = [c for c in by_text.values() if c.official_id == "ah-tk-20232024-1433"]
    assert [c.due for c in one] == [dt.date(2024, 6, 30)]
    assert one[0].status is CommitmentStatus.open  # 46 days ahead on 2024-05-15
    assert one[0].ministers == ("Minister Van der Wal-Zeggelink",)


def test_select_filters_and_puts_the_overdue_first(db_url: str) -> None:
    from kamervragen.deadlines.commitments import figures, per_ministry, select

    _ingest(db_url, WITH_TWO, WITH_ONE)
    stored = _load(db_url, dt.date(2024, 7, 15))
    ordered = select(stored)
    statuses = [c.status for c in ordered]
    assert statuses[: statuses.count(CommitmentStatus.overdue)] == [
        CommitmentStatus.overdue
    ] * statuses.count(CommitmentStatus.overdue)
    assert ordered[0].due == dt.date(2024, 4, 30)  # the longest overdue first
    lvvn = select(stored, ministry="landbouw, visserij, voedselzekerheid en natuur")
    assert [c.official_id for c in lvvn] == ["ah-tk-20232024-1433"]
    assert select(stored, minister="Van der Wal-Zeggelink") == lvvn
    assert select(stored, year=2023) == []
    assert all(c.due is None for c in select(stored, status="no_date"))
    total = figures(stored)
    assert total.count == len(stored)
    assert total.dated == sum(c.due is not None for c in stored)
    assert total.overdue == len(select(stored, status=CommitmentStatus.overdue)) == 3
    jenv = next(r for r in per_ministry(stored) if r.group == "Justitie en Veiligheid")
    assert (jenv.count, jenv.overdue) == (2, 2)


def test_backfill_finds_what_is_missing_and_skips_what_is_done(db_url: str) -> None:
    from kamervragen.deadlines.commitments import backfill, pending_documents
    from kamervragen.storage import open_store

    _ingest(db_url, WITH_TWO, WITH_ONE, WITH_NONE)
    before = sorted(c.text for c in _load(db_url, dt.date(2024, 5, 1)))
    with open_store(db_url) as store:
        assert pending_documents(store) == []
        assert backfill(store).documents == 0  # all done at ingest
        with store.transaction():  # as a store from before the commitments: nothing done
            store.execute("DELETE FROM commitments")
            store.execute("DELETE FROM commitment_runs")
        assert len(pending_documents(store)) == 3
        steps: list[int] = []
        result = backfill(store, progress=steps.append, batch=2)
        assert (result.documents, result.commitments) == (3, len(before))
        assert steps == [2, 1]
        assert pending_documents(store) == []
        # An older version of the rules: done again.
        store.execute("UPDATE commitment_runs SET version = 'old'")
        assert len(pending_documents(store)) == 3
    assert sorted(c.text for c in _load(db_url, dt.date(2024, 5, 1))) == before


@pytest.mark.parametrize("status", list(CommitmentStatus))
def test_every_status_has_an_order(status: CommitmentStatus) -> None:
    from kamervragen.commitments.status import STATUS_ORDER

    assert status in STATUS_ORDER
