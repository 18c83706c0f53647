"""Every page in a real browser at a phone's and a desk's width: nothing scrolls sideways,
form fields and the question/answer labels are visible, and axe-core finds no serious or
critical accessibility violation. axe-core (MPL-2.0) is vendored in ``tests/web/axe/``
so the tests need no network; Playwright runs it inside the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import pytest
from test_browser import screenshot
from webapp import CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).parent / "axe" / "axe.min.js"
WIDTHS = [390, 1280]
SERIOUS = {"serious", "critical"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium")

# Every page of the site, each kind of page once (a list with filters, one with words).
EVERY_PAGE = [
    "/",
    "/zoeken",
    "/zoeken?q=gemeenten",
    "/zoeken?q=%22open",
    "/zoeken?status=late",
    "/zoeken?partij=PvdD&per_pagina=1",
    "/zaak/2024Z18794",
    "/zaak/8",
    "/zaak/2024Z14815",
    "/zaak/2024Z17538",
    "/eerder",
    "/eerder?tekst=zwembaden",
    "/leden",
    "/lid/Tellegen",
    "/lid/Van%20Nispen",
    "/partijen",
    "/partij/VVD",
    "/partij/PvdD?per_pagina=1",
    "/ministeries",
    "/ministerie/Landbouw%2C%20Visserij%2C%20Voedselzekerheid%20en%20Natuur",
    "/te-laat",
    "/toezeggingen",
    "/toezeggingen?status=overdue",
    "/bewindspersoon/Minister%20Van%20der%20Wal-Zeggelink",
    "/statistiek",
    "/statistiek?per=party",
    "/docs",
    "/bestaat-niet",
]


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, int]]:
    width: int = request.param
    context = browser.new_context(viewport={"width": width, "height": 900})
    yield context.new_page(), width
    context.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated over CDP: the site's CSP allows no inline script tag.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


def unlabelled_fields(page: Page) -> list[str]:
    """Form fields without a visible label (a placeholder or aria-label is not seen by
    all). Folded parts (the search filters) are opened first, as a reader would."""
    return list(
        page.evaluate(
            """() => {
                document.querySelectorAll('details').forEach(d => { d.open = true; });
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                    .filter(f => !(f.labels && f.labels.length && f.labels[0].checkVisibility()
                                   && f.labels[0].innerText.trim()))
                    .map(f => f.name || f.id);
            }"""
        )
    )


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_fits_is_labelled_and_passes_axe(
    sized: tuple[Page, int],
    base_url: str,
    path: str,
) -> None:
    page, width = sized
    response = page.goto(base_url + path)
    assert response is not None and response.status in (200, 400, 404), path
    assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    assert unlabelled_fields(page) == [], path
    assert axe_violations(page) == [], path
    name = re.sub(r"[^0-9A-Za-z]+", "-", unquote(path)).strip("-") or "home"
    screenshot(page, f"{name[:40]}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_question_and_answer_labels_stay_visible(
    browser: Browser,
    base_url: str,
    width: int,
) -> None:
    """On a phone question and answer are stacked: each still says which is which."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/zaak/8")
    for selector, label in ((".pair .question", "Vraag"), (".pair .answer", "Antwoord")):
        first = page.locator(selector).first
        assert first.locator("p.label").is_visible(), (width, selector)
        assert label.lower() in first.locator("p.label").inner_text().lower(), (width, selector)
    context.close()


def test_keyboard_focus_is_visible(browser: Browser, base_url: str) -> None:
    """Tab from the top: the skip link comes first, is shown, and leads to the content."""
    page = browser.new_page()
    page.goto(base_url + "/zaak/2024Z18794")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => { const e = document.activeElement, s = getComputedStyle(e);
                   return {text: e.innerText, href: e.getAttribute('href'),
                           outline: s.outlineStyle, width: e.getBoundingClientRect().width}; }"""
    )
    assert focused["href"] == "#inhoud" and "inhoud" in focused["text"].lower()
    assert focused["outline"] != "none" and focused["width"] > 0
    page.close()


def test_a_shared_search_url_has_no_empty_fields(browser: Browser, base_url: str) -> None:
    """Choose a party in the filters and search: the address to share names that party
    and nothing empty; a chip takes the filter off again."""
    page = browser.new_page()
    page.goto(base_url + "/zoeken")
    page.click("details.filters summary")
    page.select_option("select[name=partij]", "VVD")
    page.fill("#q", "gemeenten")
    page.press("#q", "Enter")
    page.wait_for_url("**partij=VVD**")
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["partij=VVD", "q=gemeenten"]
    page.locator("a.chip", has_text="Partij: VVD").click()
    page.wait_for_url("**/zoeken?q=gemeenten")
    assert page.locator("a.chip").count() == 0
    page.close()


def test_a_statistics_table_sorts_by_a_clicked_column(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "/statistiek?per=party")

    def medians() -> list[str]:
        return page.locator("table.figures tbody tr td:nth-child(6)").all_inner_texts()

    page.click("table.figures th:nth-child(6) button")
    ascending = medians()
    page.click("table.figures th:nth-child(6) button")
    descending = medians()
    assert descending == ascending[::-1] and ascending != descending
    numbers = [float(v.replace(",", ".")) for v in ascending if v != "–"]
    assert numbers == sorted(numbers)
    assert page.get_attribute("table.figures th:nth-child(6)", "aria-sort") == "descending"
    page.close()
