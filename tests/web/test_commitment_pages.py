"""``/toezeggingen`` (HTML, JSON, Atom), ``/bewindspersoon/{naam}``, and the commitments on
the case and ministry pages, over the bundled samples (three commitments: one overdue on
the tests' day, one due later, one without a date)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"
MINISTER = "Minister Van der Wal-Zeggelink"  # signed the sample with the overdue one


def test_the_json_twin_lists_them_overdue_first_on_each_backend(client: TestClient) -> None:
    data = client.get("/toezeggingen.json").json()
    assert data["as_of"] == "2025-01-15"
    assert data["count"] == 3 and data["overdue"] == 1
    assert "kamervragen die kent" in data["note"]
    statuses = [c["status"] for c in data["commitments"]]
    assert statuses == ["overdue", "open", "no_date"]
    first = data["commitments"][0]
    assert first["due"] == "2024-06-30" and first["days_overdue"] == 199
    assert first["status_label"] == "over datum"
    assert first["path"].startswith("/zaak/") and first["path"].endswith(f"#{first['anchor']}")
    assert first["ministers"] == [MINISTER]
    assert data["figures"]["all"] == {
        "group": "alle", "count": 3, "dated": 2, "overdue": 1,
        "dated_share": 2 / 3, "overdue_share": 1 / 3,
    }  # fmt: skip


def test_filters_by_status_year_ministry_and_minister(sqlite_client: TestClient) -> None:
    def get(query: str) -> dict:
        response = sqlite_client.get("/toezeggingen.json?" + query)
        assert response.status_code == 200, response.text
        return response.json()

    assert [c["status"] for c in get("status=overdue")["commitments"]] == ["overdue"]
    assert get("jaar=2017")["count"] == 1
    assert get("jaar=2016")["count"] == 0
    ministry = get("status=overdue")["commitments"][0]["ministries"][0]
    assert get(f"ministerie={ministry}")["count"] >= 1
    assert get("minister=van der wal-zeggelink")["count"] == 1
    # On another day the same commitment is still to come.
    assert get("peildatum=2024-06-15")["commitments"][0]["status"] == "due_soon"
    assert sqlite_client.get("/toezeggingen.json?status=later").status_code == 400
    assert sqlite_client.get("/toezeggingen.json?jaar=twee").status_code == 400


def test_the_page_says_what_overdue_means_and_links_each_sentence(
    sqlite_client: TestClient,
) -> None:
    html = sqlite_client.get("/toezeggingen").text
    assert "<h1>Toezeggingen in antwoorden</h1>" in html
    assert "over datum" in html and "kan bestaan zonder dat kamervragen die kent" in html
    assert 'href="/toezeggingen.atom"' in html
    assert '<select name="status">' in html and '<select name="ministerie">' in html
    assert "Per ministerie en jaar" in html
    data = sqlite_client.get("/toezeggingen.json").json()
    for c in data["commitments"]:
        assert f'href="{c["path"]}"' in html


def test_the_case_page_highlights_the_sentence(sqlite_client: TestClient) -> None:
    first = sqlite_client.get("/toezeggingen.json").json()["commitments"][0]
    path, anchor = first["path"].split("#")
    html = sqlite_client.get(path).text
    assert f'<mark class="toezegging" id="{anchor}"' in html
    marked = html.split(f'id="{anchor}"', 1)[1].split("</mark>", 1)[0]
    assert first["text"][-40:] in marked.replace("&#39;", "'")
    assert "Toezeggingen in deze zaak" in html
    view = sqlite_client.get(path + ".json").json()
    assert [c["id"] for c in view["commitments"]] == [first["id"]]
    assert view["commitments"][0]["marked"] is True


def test_the_feed_has_one_entry_a_commitment(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/toezeggingen.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.text)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    newest = entries[0]
    assert newest.findtext(f"{ATOM}updated") == "2024-11-14T00:00:00Z"
    link = newest.find(f"{ATOM}link")
    assert link is not None and "#toezegging-" in link.get("href", "")
    assert "uiterlijk 2025-03-31" in (newest.findtext(f"{ATOM}summary") or "")


def test_minister_and_ministry_pages_count_the_overdue(sqlite_client: TestClient) -> None:
    data = sqlite_client.get(f"/bewindspersoon/{MINISTER}.json").json()
    assert (data["count"], data["overdue"]) == (1, 1)
    html = sqlite_client.get(f"/bewindspersoon/{MINISTER}").text
    assert "over datum" in html and "<strong>1</strong> over datum" in html
    assert sqlite_client.get("/bewindspersoon/Niemand.json").status_code == 404
    ministry = data["commitments"][0]["ministries"][0]
    page = sqlite_client.get(f"/ministerie/{ministry}.json").json()
    assert page["commitments"]["count"] == 1 and page["commitments"]["overdue"] == 1
    assert [c["status"] for c in page["commitments"]["urgent"]] == ["overdue"]
    html = sqlite_client.get(f"/ministerie/{ministry}").text
    assert "<h2>Toezeggingen</h2>" in html and "<strong>1</strong> over datum" in html


def test_the_navigation_links_the_page(sqlite_client: TestClient) -> None:
    assert '<a href="/toezeggingen">Toezeggingen</a>' in sqlite_client.get("/").text
