"""Browsing and finding on /zoeken: filters without words, sort, cases folded, chips,
selects fed by the store, facets, pages with gaps, canonical ministries."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kamervragen.web.paging import page_numbers as _pages

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_filters_without_words_list_the_matching_cases(sqlite_client: TestClient) -> None:
    vvd = sqlite_client.get("/zoeken.json", params={"partij": "VVD"}).json()
    assert vvd["mode"] == "browse" and vvd["total"] == 1
    assert vvd["cases"][0]["askers"] == [{"name": "Tellegen", "party": "VVD"}]
    late = sqlite_client.get("/zoeken.json", params={"status": "late"}).json()
    assert late["total"] > 0
    assert all(c["status"] in ("open_overdue", "answered_late") for c in late["cases"])
    pvdd = sqlite_client.get("/zoeken.json", params={"partij": "PvdD"}).json()
    pvdd_2024 = sqlite_client.get("/zoeken.json", params={"partij": "PvdD", "jaar": 2024}).json()
    # Two PvdD sets, one without a known date: a year keeps only the dated one.
    assert (pvdd["total"], pvdd_2024["total"]) == (2, 1)
    assert pvdd_2024["cases"][0]["submitted"].startswith("2024")


def test_browse_sorts_newest_or_oldest_first(sqlite_client: TestClient) -> None:
    newest = sqlite_client.get("/zoeken.json").json()["cases"]
    oldest = sqlite_client.get("/zoeken.json", params={"sorteer": "oudste"}).json()["cases"]
    dated = [c["submitted"] for c in oldest if c["submitted"]]
    assert dated == sorted(dated)
    assert newest[0]["case"] == oldest[len(dated) - 1]["case"]


def test_browse_pages(sqlite_client: TestClient) -> None:
    first = sqlite_client.get("/zoeken.json", params={"per_pagina": 3}).json()
    second = sqlite_client.get("/zoeken.json", params={"per_pagina": 3, "pagina": 2}).json()
    assert first["pages"] == 3 and len(first["cases"]) == 3
    assert {c["case"] for c in first["cases"]}.isdisjoint(c["case"] for c in second["cases"])


def test_a_ministry_is_its_canonical_name_in_filters_and_facets(
    sqlite_client: TestClient,
) -> None:
    # The 2017 set was addressed to the Minister "van Veiligheid en Justitie": today's
    # Justitie en Veiligheid, in browsing and in a search alike.
    browsed = sqlite_client.get("/zoeken.json", params={"ministerie": "Justitie en Veiligheid"})
    assert "8" in {c["case"] for c in browsed.json()["cases"]}
    found = sqlite_client.get(
        "/zoeken.json", params={"q": "radicalisering", "ministerie": "Justitie en Veiligheid"}
    ).json()
    assert found["total"] == 5
    facet = sqlite_client.get("/zoeken.json", params={"q": "gemeenten"}).json()["facets"]
    assert "Justitie en Veiligheid" in facet["ministry"]
    assert not any("Veiligheid en Justitie" in name for name in facet["ministry"])
    assert list(facet["year"]) == sorted(facet["year"], reverse=True)


def test_hits_are_folded_per_case(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/zoeken.json", params={"q": "radicalisering"}).json()
    assert len(data["hits"]) == 5 and len(data["groups"]) == 1
    assert [h["question"] for h in data["groups"][0]["hits"]] == [
        h["question"] for h in data["hits"]
    ]
    page = sqlite_client.get("/zoeken", params={"q": "radicalisering"}).text
    assert page.count('<li class="hit">') == 1
    assert "5 vragen in deze zaak" in page


def test_chips_remove_one_filter_and_clear_all(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zoeken", params={"q": "gemeenten", "partij": "VVD", "jaar": 2017})
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)', page.text)
    assert {label.strip() for _, label in chips} == {"Partij: VVD", "Jaar: 2017"}
    hrefs = {label.strip(): href for href, label in chips}
    assert hrefs["Partij: VVD"] == "/zoeken?q=gemeenten&amp;jaar=2017"
    assert '<a class="clear" href="/zoeken?q=gemeenten">wis filters</a>' in page.text


def test_filter_fields_are_fed_by_the_store(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zoeken").text
    parties = re.search(r'<select name="partij">(.*?)</select>', page, re.S)
    assert parties is not None
    assert "<option>VVD</option>" in parties.group(1)
    assert "<option>GroenLinks-PvdA</option>" in parties.group(1)
    assert '<option value="Tellegen">' in page  # the members' autocomplete
    ministries = re.search(r'<select name="ministerie">(.*?)</select>', page, re.S)
    assert ministries is not None and "<option>Justitie en Veiligheid</option>" in ministries.group(
        1
    )


def test_page_numbers_leave_gaps() -> None:
    assert _pages(1, 1) == [1]
    assert _pages(1, 3) == [1, 2, 3]
    assert _pages(10, 40) == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert _pages(2, 40) == [1, 2, 3, 4, None, 40]


def test_a_facet_shows_ten_and_the_rest_under_more(sqlite_client: TestClient) -> None:
    # The samples have few names: the template's cut at ten is checked on "meer" absent,
    # and the years, listed newest first.
    page = sqlite_client.get("/zoeken").text
    assert "meer (" not in page
    years = re.findall(r"jaar=(\d{4})", page.split('aria-label="Verfijnen"')[1])
    assert years == sorted(years, reverse=True)


FILTERS = ("partij", "lid", "ministerie", "minister", "van", "tot", "beantwoord_van",
           "beantwoord_tot", "jaar", "soort", "status")  # fmt: skip


def test_a_long_facet_shows_ten_then_more() -> None:
    from starlette.requests import Request

    from kamervragen.web.browse import Choices
    from kamervragen.web.rendering import Renderer

    request = Request(
        {"type": "http", "method": "GET", "path": "/zoeken", "query_string": b"q=x",
         "headers": [], "scheme": "http", "server": ("test", 80), "root_path": ""}
    )  # fmt: skip
    parties = {f"Partij {n:02d}": 100 - n for n in range(15)}
    context = {
        "query": "x", "mode": "search", "filters": dict.fromkeys(FILTERS), "sort": "relevantie",
        "page": 1, "per_page": 20, "total": 1500, "capped": False, "faceted": 1500, "pages": 75,
        "hits": [], "groups": [], "cases": [], "facets": {"party": parties},
        "page_numbers": [1, 2, 3, None, 75], "error": None, "chips": [],
        "choices": Choices([], [], [], []), "csv_url": None,
    }  # fmt: skip
    page = Renderer().html(request, "search.html", context).body.decode()
    shown, _, more = page.partition('<details class="facet-more"><summary>meer (5)</summary>')
    assert more, "no 'meer' under the facet"
    assert "Partij 09" in shown and "Partij 10" not in shown.split("<h3>Partij</h3>")[1]
    assert "Partij 14" in more
    assert '<span class="gap" aria-hidden="true">…</span>' in page
    assert 'href="/zoeken?q=x&amp;pagina=75">75</a>' in page
