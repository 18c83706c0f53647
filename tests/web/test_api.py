"""The JSON API: every page's JSON twin, validation, errors, and the admin endpoint."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from webapp import ADMIN_TOKEN, SAMPLES, TODAY, make_client

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PAGES = [
    "/",
    "/zoeken?q=radicalisering",
    "/zaak/2024Z18794",
    "/leden",
    "/lid/Tellegen",
    "/partijen",
    "/partij/VVD",
    "/ministeries",
    "/te-laat",
    "/toezeggingen?status=overdue",
    "/statistiek?per=party",
    "/docs",
    "/eerder",
    "/eerder?tekst=Wat+doet+u+tegen+radicalisering+in+gemeenten%3F",
]


def twin_url(page: str) -> str:
    path, _, query = page.partition("?")
    path = "/.json" if path == "/" else path + ".json"
    return path + (f"?{query}" if query else "")


def test_every_page_has_a_json_twin_by_suffix_and_by_accept(client: TestClient) -> None:
    for page in PAGES:
        by_suffix = client.get(twin_url(page))
        by_accept = client.get(page, headers={"Accept": "application/json"})
        html = client.get(page, headers={"Accept": "text/html"})
        assert by_suffix.status_code == 200, page
        assert by_suffix.headers["content-type"].startswith("application/json"), page
        assert by_suffix.json() == by_accept.json(), page
        assert html.headers["content-type"].startswith("text/html"), page


def test_home_counts_open_and_overdue_and_lists_recent_answers(client: TestClient) -> None:
    data = client.get("/.json").json()
    assert data["as_of"] == TODAY.isoformat()
    assert data["overdue"] == 2  # 2024Z18794 and 2024Z17538, both open past their due date
    assert data["open"] == 2
    assert data["counts"]["cases"] == 8
    received = [a["received"] for a in data["recent_answers"]]
    assert received == sorted(received, reverse=True)
    assert all(a["path"].startswith("/zaak/") for a in data["recent_answers"])


def test_search_gives_hits_facets_marked_snippets_and_pages(client: TestClient) -> None:
    data = client.get("/zoeken.json", params={"q": "gemeenten", "per_pagina": 2}).json()
    assert data["total"] >= 3
    assert len(data["hits"]) == 2
    assert data["pages"] == -(-data["total"] // 2)
    assert "<mark>" in data["hits"][0]["snippet"]
    assert sum(data["facets"]["party"].values()) == data["total"]
    assert data["facets"]["party"]["VVD"] == 5
    assert data["hits"][0]["path"].startswith("/zaak/")
    assert "#vraag-" in data["hits"][0]["path"]
    second = client.get("/zoeken.json", params={"q": "gemeenten", "per_pagina": 2, "pagina": 2})
    first_ids = {h["pair"] for h in data["hits"]}
    assert first_ids.isdisjoint(h["pair"] for h in second.json()["hits"])


def test_search_filters(client: TestClient) -> None:
    everything = client.get("/zoeken.json", params={"q": "vragen OR gemeenten"}).json()
    vvd = client.get("/zoeken.json", params={"q": "vragen OR gemeenten", "partij": "VVD"}).json()
    in_2017 = client.get("/zoeken.json", params={"q": "vragen OR gemeenten", "jaar": 2017}).json()
    assert 0 < vvd["total"] < everything["total"]
    assert all(h["askers"] == "Tellegen (VVD)" for h in vvd["hits"])
    assert in_2017["total"] == vvd["total"]
    assert in_2017["filters"]["van"] == "2017-01-01"


def test_malformed_search_is_400_with_a_message(client: TestClient) -> None:
    response = client.get("/zoeken.json", params={"q": '"unclosed'})
    assert response.status_code == 400
    assert "zoekvraag" in response.json()["error"]
    html = client.get("/zoeken", params={"q": "-"})
    assert html.status_code == 400
    assert "niet te begrijpen" in html.text


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x", "pagina": "0"},
        {"q": "x", "pagina": "twee"},
        {"q": "x", "van": "2024-13-01"},
        {"q": "x", "soort": "brief"},
        {"q": "x", "status": "overdue"},
        {"q": "x" * 501},
        {"q": "x", "per_pagina": "1000"},
    ],
)
def test_invalid_input_is_400_with_a_message(sqlite_client: TestClient, query: dict) -> None:
    response = sqlite_client.get("/zoeken.json", params=query)
    assert response.status_code == 400
    assert response.json()["error"].startswith("ongeldige invoer")


def test_search_offers_the_filters_of_the_cli(sqlite_client: TestClient) -> None:
    """The web's search takes the answered dates and the year as the CLI does."""
    every = sqlite_client.get("/zoeken.json", params={"q": "minister", "per_pagina": 100}).json()
    answered = sqlite_client.get(
        "/zoeken.json",
        params={"q": "minister", "per_pagina": 100, "beantwoord_van": "2024-01-01"},
    ).json()
    assert 0 < answered["total"] < every["total"]
    assert all(h["received"] >= "2024-01-01" for h in answered["hits"])
    assert answered["filters"]["beantwoord_van"] == "2024-01-01"
    year = sqlite_client.get(
        "/zoeken.json", params={"q": "minister", "per_pagina": 100, "jaar": 2024}
    ).json()
    assert 0 < year["total"] < every["total"]
    assert all(h["submitted"].startswith("2024") for h in year["hits"])
    assert (year["filters"]["van"], year["filters"]["tot"]) == ("2024-01-01", "2024-12-31")


def test_empty_search_lists_every_case_newest_first(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/zoeken.json").json()
    assert data["mode"] == "browse" and data["hits"] == []
    assert data["total"] == 8 == len(data["cases"])
    dated = [c["submitted"] for c in data["cases"] if c["submitted"]]
    assert dated == sorted(dated, reverse=True)


def test_empty_form_fields_are_no_filter(sqlite_client: TestClient) -> None:
    form = "/zoeken.json?q=gemeenten&partij=&lid=&ministerie=&minister=&van=&tot=&soort=&status="
    response = sqlite_client.get(form)
    assert response.status_code == 200
    assert response.json()["total"] == sqlite_client.get("/zoeken.json?q=gemeenten").json()["total"]


def test_case_pairs_with_a_grouped_answer_once(client: TestClient) -> None:
    path = client.get("/zoeken.json", params={"q": "radicalisering"}).json()["hits"][0]["path"]
    case = client.get(path.split("#")[0] + ".json").json()
    pairs = {p["number"]: p for p in case["pairs"]}
    assert [p["anchor"] for p in case["pairs"]] == [f"vraag-{n}" for n in "12345"]
    grouped = [pairs[n]["answer"] for n in "234"]
    assert {a["anchor"] for a in grouped} == {"antwoord-2-3-4"}
    assert [a["shown_here"] for a in grouped] == [True, False, False]
    assert pairs["1"]["answer"]["grouped"] is False
    assert case["status"]["status"] == "answered_late"
    assert case["references"][1] == {
        "kind": "kamerstuk",
        "text": "Kamerstuk 29 754, nr. 430",
        "target": "kst-29754-430",
        "url": "https://zoek.officielebekendmakingen.nl/kst-29754-430",
    }
    assert case["references"][0]["url"].startswith("https://nos.nl/")
    assert case["documents"][0]["file"] == "seed__000_316d3c91a035becd.txt"


def test_case_by_zaak_with_open_status(client: TestClient) -> None:
    case = client.get("/zaak/2024Z18794.json").json()
    assert case["zaak"] == "2024Z18794"
    assert case["status"]["status"] == "open_overdue"
    assert case["status"]["due"] == "2024-12-10"
    assert all(p["answer"] is None for p in case["pairs"])
    assert case["documents"][0]["official_id"] == "kv-tk-2024Z18794"


def test_unknown_things_are_404(sqlite_client: TestClient) -> None:
    for path in ("/zaak/2099Z00001.json", "/lid/Niemand.json", "/bestaat-niet.json"):
        response = sqlite_client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]
    assert sqlite_client.get("/zaak/%3Cscript%3E.json").status_code == 400


def test_late_list_and_statistics(client: TestClient) -> None:
    late = client.get("/te-laat.json").json()
    assert [e["zaak"] for e in late["late"]] == ["2024Z18794", "2024Z17538"]
    assert late["late"][0]["days_late"] == (TODAY - __import__("datetime").date(2024, 12, 10)).days
    stats = client.get("/statistiek.json", params={"per": "party"}).json()
    assert {g["group"] for g in stats["groups"]} >= {"VVD", "PvdD"}
    assert stats["overall"]["sets"] >= 6
    assert client.get("/statistiek.json", params={"per": "planeet"}).status_code == 400
    chart = client.get("/statistiek/grafiek.png", params={"per": "year"})
    assert chart.status_code == 200 and chart.content.startswith(b"\x89PNG")


def test_member_party_ministry_pages(client: TestClient) -> None:
    member = client.get("/lid/Tellegen.json").json()
    assert member["figures"]["sets"] == 1
    assert member["cases"][0]["status"] == "answered_late"
    party = client.get("/partij/PvdD.json").json()
    assert len(party["cases"]) == 2
    # A set without a submission date has no status, so it is not in the figures.
    assert [c["status"] for c in party["cases"]] == ["answered_late", "unknown"]
    assert party["figures"]["sets"] == 1
    assert [m["path"] for m in party["members"]] == ["/lid/Kosti%C4%87"]
    ministries = client.get("/ministeries.json").json()["groups"]
    first = ministries[0]
    ministry = client.get(first["path"] + ".json").json()
    assert ministry["figures"]["sets"] == first["sets"]


def test_openapi_documents_the_api(sqlite_client: TestClient) -> None:
    schema = sqlite_client.get("/openapi.json").json()
    assert {"/zoeken", "/zaak/{ref}", "/te-laat", "/lid/{naam}"} <= set(schema["paths"])
    docs = sqlite_client.get("/docs")
    assert docs.status_code == 200 and "/zaak/{ref}" in docs.text


def test_read_only_without_an_admin_token(sqlite_client: TestClient) -> None:
    body = (SAMPLES / "seed__000_316d3c91a035becd.txt").read_bytes()
    response = sqlite_client.post("/beheer/documenten", content=body)
    assert response.status_code == 403
    assert "alleen-lezen" in response.json()["error"]
    assert sqlite_client.delete("/zaak/2024Z18794").status_code == 405
    assert sqlite_client.post("/zoeken").status_code == 405


def test_admin_token_allows_adding_a_document(db_url: str) -> None:
    body = b"".join((SAMPLES / "seed__000_316d3c91a035becd.txt").read_bytes().split(b"\r"))
    with make_client(db_url, admin_token=ADMIN_TOKEN) as admin:
        wrong = admin.post(
            "/beheer/documenten", content=body, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 401
        good = admin.post(
            "/beheer/documenten?naam=vragen.txt",
            content=body,
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert good.status_code == 201, good.text
        assert good.json()["outcome"] == "added"
        again = admin.post(
            "/beheer/documenten",
            content=body,
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert again.json()["outcome"] == "unchanged"
        case = admin.get(f"/zaak/{good.json()['case']}.json").json()
        assert len(case["pairs"]) == 5
        bad = admin.post(
            "/beheer/documenten",
            content=b"recept: meel, water, zout",
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert bad.status_code == 422


def test_search_by_status(client: TestClient) -> None:
    every = client.get("/zoeken.json", params={"q": "minister"}).json()
    open_ = client.get("/zoeken.json", params={"q": "minister", "status": "open"}).json()
    answered = client.get("/zoeken.json", params={"q": "minister", "status": "answered"}).json()
    assert 0 < open_["total"] < every["total"] and 0 < answered["total"] < every["total"]
    assert {h["kind"] for h in open_["hits"]} == {"questions"}
    assert {h["kind"] for h in answered["hits"]} == {"answer"}
    assert open_["filters"]["status"] == "open"
    page = client.get("/zoeken", params={"q": "minister", "status": "late"})
    assert page.status_code == 200 and '<option value="late" selected>' in page.text


def test_a_case_shows_earlier_questions_of_other_cases(client: TestClient) -> None:
    data = client.get("/zaak/2024Z18794.json").json()
    earlier = data["earlier"]
    numbers = [p["number"] for p in data["pairs"]]
    assert set(earlier) <= set(numbers) and earlier
    for found in earlier.values():
        assert len(found["hits"]) <= 3
        for hit in found["hits"]:
            assert hit["zaak"] != "2024Z18794" and hit["path"].startswith("/zaak/")
            # Earlier: submitted before this case (2024-10-08).
            assert hit["submitted"] is None or hit["submitted"] < data["submitted"]
    html = client.get("/zaak/2024Z18794", headers={"Accept": "text/html"}).text
    assert "Eerder gevraagd" in html


def test_the_earlier_page_answers_a_numbered_set_per_question(client: TestClient) -> None:
    text = "1. Hoeveel zwembaden zijn nog in publieke handen?\n2) Wat doet u tegen radicalisering?"
    data = client.get("/eerder.json", params={"tekst": text, "aantal": 2}).json()
    assert [q["number"] for q in data["questions"]] == ["1", "2"]
    first, second = data["questions"]
    assert first["hits"][0]["document"] == "ah-tk-20242025-559"  # the zwembaden answer
    assert "radicalisering" in second["hits"][0]["question_text"].lower()
    assert all(len(q["hits"]) <= 2 for q in data["questions"])
    assert first["method"] == "words only" and "kamervragen embed" in first["note"]
    page = client.get("/eerder", params={"tekst": text}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Vraag 2" in page.text


def test_the_earlier_page_refuses_too_long_a_text(sqlite_client: TestClient) -> None:
    response = sqlite_client.get("/eerder.json", params={"tekst": "x" * 20_001})
    assert response.status_code == 400
