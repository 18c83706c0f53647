"""The HTML pages: what a person sees, escaped, with the security headers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kamervragen.web.security import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def radicalisering_case(client: TestClient) -> str:
    hits = client.get("/zoeken.json", params={"q": "radicalisering"}).json()["hits"]
    return hits[0]["path"].split("#")[0]


def test_pages_render_with_security_headers(sqlite_client: TestClient) -> None:
    for page in ("/", "/zoeken?q=gemeenten", "/zaak/2024Z18794", "/te-laat", "/statistiek",
                 "/leden", "/partijen", "/ministeries", "/lid/Tellegen", "/docs"):  # fmt: skip
        response = sqlite_client.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "<script>" not in response.text  # only the htmx file, no inline script
        assert 'src="/static/htmx.min.js"' in response.text


def test_htmx_is_served_from_this_site_with_its_licence(sqlite_client: TestClient) -> None:
    script = sqlite_client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text
    assert "Zero-Clause BSD" in sqlite_client.get("/static/htmx.LICENSE").text


def test_user_input_is_escaped(sqlite_client: TestClient) -> None:
    attack = '<script>alert("x")</script>'
    page = sqlite_client.get("/zoeken", params={"q": attack, "partij": attack})
    assert attack not in page.text
    assert "&lt;script&gt;" in page.text
    missing = sqlite_client.get("/lid/" + "%3Cimg%20src%3Dx%3E")
    assert missing.status_code == 404
    assert "<img src=x>" not in missing.text


def test_search_page_shows_marked_snippets_facets_and_pages(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zoeken", params={"q": "gemeenten", "per_pagina": 2}).text
    assert "<mark>" in page
    assert 'href="/zoeken?q=gemeenten&amp;per_pagina=2&amp;partij=VVD"' in page
    assert 'rel="next" href="/zoeken?q=gemeenten&amp;per_pagina=2&amp;pagina=2"' in page
    assert 'hx-get="/zoeken"' in page
    assert re.search(r'href="/zaak/\w+#vraag-\d+"', page)


def test_malformed_search_shows_the_form_and_the_reason(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zoeken", params={"q": '"open'})
    assert page.status_code == 400
    assert 'role="alert"' in page.text and 'name="q"' in page.text


def test_case_page_side_by_side_with_the_grouped_answer_once(client: TestClient) -> None:
    page = client.get(radicalisering_case(client)).text
    for n in "12345":
        assert f'id="vraag-{n}"' in page and f'href="#vraag-{n}"' in page
    assert page.count('id="antwoord-2-3-4"') == 1
    # The questions one answer covers come together, then that answer: no "see" links.
    block = page[page.index('id="vraag-2"') : page.index('id="vraag-5"')]
    assert block.index('id="vraag-4"') < block.index('id="antwoord-2-3-4"')
    assert "grouped-link" not in page and "Antwoord op de vragen 2, 3, 4" in page
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-29754-430"' in page
    assert 'href="https://nos.nl/artikel/2192834' in page
    assert "te laat beantwoord" in page
    assert "seed__000_316d3c91a035becd.txt" in page
    assert 'href="/lid/Tellegen"' in page and 'href="/partij/VVD"' in page


def test_case_page_links_official_documents(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/zaak/2024Z18794").text
    assert "te laat, nog open" in page
    assert "Nog niet beantwoord." in page
    hits = sqlite_client.get("/zoeken.json", params={"q": "transportcapaciteit"}).json()["hits"]
    case = sqlite_client.get(hits[0]["path"].split("#")[0]).text
    assert 'href="https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1108"' in case


def test_late_list_and_statistics_pages(sqlite_client: TestClient) -> None:
    late = sqlite_client.get("/te-laat").text
    assert late.index("2024Z18794") < late.index("2024Z17538")
    stats = sqlite_client.get("/statistiek", params={"per": "party"}).text
    assert 'src="/statistiek/grafiek.png?per=party"' in stats
    assert 'href="/partij/VVD"' in stats


def test_error_pages_are_html(sqlite_client: TestClient) -> None:
    page = sqlite_client.get("/bestaat-niet")
    assert page.status_code == 404 and "Fout 404" in page.text
