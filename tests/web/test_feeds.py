"""Atom feeds: a search, a member, a party, a ministry and a single case."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client: TestClient, url: str, **params: str) -> list[ET.Element]:
    response = client.get(url, params=params)
    assert response.status_code == 200, url
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated"):
        assert feed.find(ATOM + tag) is not None
    found = feed.findall(f"{ATOM}entry")
    for entry in found:
        for tag in ("title", "id", "updated", "link"):
            assert entry.find(ATOM + tag) is not None, tag
    updated = [e.findtext(f"{ATOM}updated") for e in found]
    assert updated == sorted(updated, reverse=True)
    return found


def test_search_feed(client: TestClient) -> None:
    found = entries(client, "/zoeken.atom", q="radicalisering")
    assert len(found) == 5
    link = found[0].find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert link.startswith("http://testserver/zaak/") and "#vraag-" in link


def test_case_feed_has_an_entry_per_document(client: TestClient) -> None:
    found = entries(client, "/zaak/2024Z18794.atom")
    assert [e.findtext(f"{ATOM}title") for e in found] == [
        "Vragen gesteld: het werken met ambtenaren"
    ]
    answered = client.get("/zoeken.json", params={"q": "radicalisering"}).json()["hits"][0]
    titles = [
        e.findtext(f"{ATOM}title")
        for e in entries(client, answered["path"].split("#")[0] + ".atom")
    ]
    assert titles[0].startswith("Antwoord ontvangen")


def test_member_party_and_ministry_feeds(client: TestClient) -> None:
    assert len(entries(client, "/lid/Tellegen.atom")) == 1
    assert len(entries(client, "/partij/PvdD.atom")) == 2
    ministry = client.get("/ministeries.json").json()["groups"][0]
    cases = client.get(ministry["path"] + ".json").json()["cases"]
    assert len(entries(client, ministry["path"] + ".atom")) == len(cases) >= ministry["sets"]


def test_feed_by_accept_header_and_pages_without_a_feed(sqlite_client: TestClient) -> None:
    by_accept = sqlite_client.get("/lid/Tellegen", headers={"Accept": "application/atom+xml"})
    assert by_accept.headers["content-type"].startswith("application/atom+xml")
    assert sqlite_client.get("/te-laat.atom").status_code == 404
    page = sqlite_client.get("/zaak/2024Z18794").text
    assert 'type="application/atom+xml"' in page and 'href="/zaak/2024Z18794.atom"' in page


def test_feed_text_is_escaped(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/zoeken.atom", params={"q": "gemeenten <b>&"})
    ET.fromstring(response.content)  # well-formed whatever the query
