"""Take it away: CSV of the same rows as the JSON twin, pages of a member's or party's
questions, sortable figure tables."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

# (page, the list in its JSON twin that the CSV holds)
TABLES = [
    ("/te-laat", "late"),
    ("/statistiek?per=party", "groups"),
    ("/leden", "groups"),
    ("/partij/PvdD", "cases"),
    ("/lid/Tellegen", "cases"),
    ("/zoeken?status=late", "cases"),
    ("/zoeken?q=gemeenten", "hits"),
]


def _twin(page: str, suffix: str) -> str:
    path, _, query = page.partition("?")
    return path + suffix + (f"?{query}" if query else "")


@pytest.mark.parametrize(("page", "table"), TABLES)
def test_csv_has_the_rows_of_the_json_twin(
    sqlite_client: TestClient, page: str, table: str
) -> None:
    rows = sqlite_client.get(_twin(page, ".json")).json()[table]
    response = sqlite_client.get(_twin(page, ".csv"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    read = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(read) == len(rows) > 0
    key = "group" if table == "groups" else ("pair" if table == "hits" else "case")
    assert [r[key] for r in read] == [str(r[key]) for r in rows]
    html = sqlite_client.get(page).text
    assert f'href="{_twin(page, ".csv").replace("&", "&amp;")}" download' in html


def test_csv_writes_people_and_lists_as_read(sqlite_client: TestClient) -> None:
    text = sqlite_client.get("/te-laat.csv").text
    row = next(
        r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff"))) if r["zaak"] == "2024Z17538"
    )
    assert row["askers"] == "Gabriëls (GroenLinks-PvdA); Bromet (GroenLinks-PvdA)"
    assert row["postponed"] == "ja"


def test_a_page_without_a_table_has_no_csv(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/zaak/2024Z18794.csv")
    assert response.status_code == 404


def test_member_and_party_pages_come_in_pages(sqlite_client: TestClient) -> None:
    first = sqlite_client.get("/partij/PvdD.json", params={"per_pagina": 1}).json()
    second = sqlite_client.get("/partij/PvdD.json", params={"per_pagina": 1, "pagina": 2}).json()
    assert (first["total"], first["pages"], len(first["cases"])) == (2, 2, 1)
    assert first["cases"][0]["case"] != second["cases"][0]["case"]
    page = sqlite_client.get("/partij/PvdD", params={"per_pagina": 1}).text
    assert 'rel="next" href="/partij/PvdD?per_pagina=1&amp;pagina=2"' in page


def test_figure_tables_can_be_sorted(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/statistiek", params={"per": "party"}).text
    assert '<table class="figures sortable">' in page
    assert '<button type="button" title="Sorteer op mediaan dagen">' in page
    assert 'data-sort="43.0"' in page


def test_the_late_list_comes_in_pages(sqlite_client: TestClient) -> None:
    whole = sqlite_client.get("/te-laat.json").json()
    first = sqlite_client.get("/te-laat.json", params={"per_pagina": 1}).json()
    second = sqlite_client.get("/te-laat.json", params={"per_pagina": 1, "pagina": 2}).json()
    assert whole["count"] == first["count"] == 2 and first["pages"] == 2
    assert [e["case"] for e in first["late"] + second["late"]] == [e["case"] for e in whole["late"]]
    page = sqlite_client.get("/te-laat", params={"per_pagina": 1}).text
    assert 'rel="next" href="/te-laat?per_pagina=1&amp;pagina=2"' in page
