"""The case as a timeline with its official publications, a title when the subject is
missing, tags for sharing; the home page's new, due and overdue questions."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from kamervragen.web import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_a_postponed_case_runs_from_submission_to_today(sqlite_client: TestClient) -> None:
    line = sqlite_client.get("/zaak/2024Z17538.json").json()["timeline"]
    assert [(e["kind"], e["date"], e["days"]) for e in line] == [
        ("submitted", "2024-11-06", 0),
        ("postponement", "2024-11-20", 14),
        ("due", "2024-11-27", 21),
        ("due", "2024-12-18", 42),
        ("today", "2025-01-15", 70),
    ]
    assert line[1]["note"] == "nieuwe termijn 18 december 2024"
    assert line[2]["label"] == "Oorspronkelijke termijn"
    assert line[-1]["note"] == "nog open, 28 dagen te laat"


def test_an_answered_case_counts_the_days_to_its_answer(sqlite_client: TestClient) -> None:
    line = sqlite_client.get("/zaak/8.json").json()["timeline"]
    answer = line[-1]
    assert (answer["kind"], answer["date"], answer["days"]) == ("answer", "2017-10-10", 25)
    assert answer["note"].startswith("4 dagen te laat")
    page = sqlite_client.get("/zaak/8").text
    assert '<ol class="timeline">' in page and "dag 25" in page


def test_official_publications_are_linked(sqlite_client: TestClient) -> None:
    links = sqlite_client.get("/zaak/2024Z18794.json").json()["official_links"]
    urls = [link["url"] for link in links]
    assert "https://zoek.officielebekendmakingen.nl/kv-tk-2024Z18794" in urls
    assert "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2024Z18794" in urls
    found = sqlite_client.get("/zoeken.json", params={"q": "transportcapaciteit"}).json()
    case = sqlite_client.get(found["hits"][0]["path"].split("#")[0] + ".json").json()
    assert "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1108" in [
        link["url"] for link in case["official_links"]
    ]


def test_a_case_without_subject_or_askers_still_says_what_it_is(
    sqlite_client: TestClient,
) -> None:
    page = sqlite_client.get("/zaak/2024Z14815").text
    title = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert title is not None and title.group(1).startswith("Kamervragen 2024Z14815: Bent u")
    assert "vragensteller staat niet in de documenten" in page


def test_a_case_page_has_sharing_tags_and_a_print_stylesheet(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zaak/2024Z18794").text
    assert '<meta property="og:title" content="het werken met ambtenaren">' in page
    assert 'name="twitter:card"' in page
    assert '<link rel="stylesheet" href="/static/print.css" media="print">' in page
    assert "header.site" in sqlite_client.get("/static/print.css").text


def test_home_lists_the_longest_overdue_first(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/.json").json()
    assert [e["zaak"] for e in data["overdue_longest"]] == ["2024Z18794", "2024Z17538"]
    assert [e["days_late"] for e in data["overdue_longest"]] == [36, 28]


def test_home_shows_new_due_and_overdue_questions(samples_db: str) -> None:
    from fastapi.testclient import TestClient

    # On 5 December 2024 the set of 19 November (due 10 December) is due this week.
    app = create_app(samples_db, today=lambda: dt.date(2024, 12, 5))
    with TestClient(app) as client:
        data = client.get("/.json").json()
        page = client.get("/").text
    assert [c["zaak"] for c in data["due_this_week"]] == ["2024Z18794"]
    new = [c["submitted"] for c in data["new_questions"] if c["submitted"]]
    assert new == sorted(new, reverse=True) and new[0] == "2024-11-19"
    # The set of 6 November was postponed to 18 December: not yet late that day.
    assert data["overdue_longest"] == []
    for heading in ("Nieuwe vragen", "Deze week verwacht", "Het langst te laat"):
        assert f"<h2>{heading}</h2>" in page


def test_askers_are_persons_where_one_person_fits(sqlite_client: TestClient) -> None:
    case = sqlite_client.get("/zaak/2024Z18794.json").json()
    person = case["askers"][0]["person"]
    assert person["name"] == "Michiel van Nispen"
    assert person["url"].startswith("https://www.tweedekamer.nl/kamerleden_en_commissies/")
    page = sqlite_client.get("/zaak/2024Z18794").text
    assert f'href="/lid/Van%20Nispen?persoon={person["id"]}"' in page
    assert ">Michiel van Nispen</a>" in page
    member = sqlite_client.get("/lid/Van%20Nispen.json").json()
    assert [p["name"] for p in member["persons"]] == ["Michiel van Nispen"]
    assert "pagina op tweedekamer.nl" in sqlite_client.get("/lid/Van%20Nispen").text
    # Two members called Teunissen and nothing in the records to tell them apart:
    # shown as written, not taken for either.
    assert sqlite_client.get("/lid/Teunissen.json").json()["persons"] == []
