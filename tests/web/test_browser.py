"""In a real browser (Debian's chromium through Playwright): search, open a case, follow a
grouped answer, read a feed. Skipped when /usr/bin/chromium is absent; ``.ci/run``
installs it. With ``KAMERVRAGEN_SCREENSHOTS=DIR`` the pages are also saved as PNG there.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from webapp import CHROMIUM

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ATOM = "{http://www.w3.org/2005/Atom}"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium: apt-get install -y chromium (bash .ci/run does)",
)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    yield opened
    context.close()
    assert problems == [], problems  # no script errors, nothing the CSP refused


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("KAMERVRAGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def test_search_from_home_then_again_in_place(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    screenshot(page, "home")
    page.fill("input[name=q]", "radicalisering")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/zoeken?q=radicalisering")
    # Five questions of one case: one entry, the other four folded under it.
    assert page.locator("li.hit").count() == 1
    assert "5 vragen in deze zaak" in page.locator("li.hit").inner_text()
    assert page.locator("li.hit mark").count() >= 5
    screenshot(page, "search")
    # htmx: a new search replaces the results in place and puts the query in the URL.
    page.fill("#q", "transportcapaciteit")
    page.press("#q", "Enter")
    page.wait_for_url("**q=transportcapaciteit**")
    page.locator("li.hit").first.wait_for()
    assert "transportcapaciteit" in page.locator("#resultaten").inner_text()
    # A facet narrows the search.
    page.fill("#q", "gemeenten OR elektriciteitsnet")
    page.press("#q", "Enter")
    page.wait_for_url("**elektriciteitsnet**")
    page.locator(".facets a", has_text="VVD").click()
    page.wait_for_url("**partij=VVD**")
    assert "Tellegen (VVD)" in page.locator("li.hit").first.inner_text()


def test_malformed_search_shows_the_reason(browser: Browser, base_url: str) -> None:
    page = browser.new_page()  # the 400 is expected: not the fixture that fails on one
    response = page.goto(base_url + '/zoeken?q="open')
    assert response is not None and response.status == 400
    assert "niet te begrijpen" in page.locator("[role=alert]").inner_text()
    page.close()


def test_open_a_case_and_read_a_grouped_answer(page: Page, base_url: str) -> None:
    page.goto(base_url + "/zoeken?q=radicalisering")
    first = page.locator("li.hit h2 a").first
    first.click()
    page.wait_for_url("**/zaak/**#vraag-*")
    target = page.evaluate("location.hash")
    assert page.locator(f"{target}").is_visible()
    page.goto(page.url.split("#")[0] + "#vraag-3")
    screenshot(page, "case")
    # Questions 2, 3 and 4 share one answer, shown once beside (or below) them.
    answer = page.locator("#vraag-3").locator("xpath=../..").locator("#antwoord-2-3-4")
    assert answer.is_visible()
    assert "Inspectierapport" in answer.inner_text()
    box: Any = answer.bounding_box()
    assert box is not None and box["y"] < 900  # scrolled into view
    official = page.locator("a[href='https://zoek.officielebekendmakingen.nl/kst-29754-430']")
    assert official.count() >= 1


def test_read_a_case_feed(page: Page, base_url: str) -> None:
    page.goto(base_url + "/zaak/2024Z18794")
    href = page.locator("section.deadline a.feed").get_attribute("href")
    assert href == "/zaak/2024Z18794.atom"
    response = page.request.get(base_url + href)
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.body())
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert titles == ["Vragen gesteld: het werken met ambtenaren"]


def test_other_pages_in_the_browser(page: Page, base_url: str) -> None:
    page.goto(base_url + "/te-laat")
    assert page.locator("table.cases tbody tr").count() == 2
    screenshot(page, "late")
    page.goto(base_url + "/statistiek?per=party")
    chart = page.locator("img.chart")
    chart.wait_for()
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 100
    screenshot(page, "statistics")
    page.goto(base_url + "/partij/PvdD")
    assert page.locator("table.cases tbody tr").count() == 2
    screenshot(page, "party")
    page.goto(base_url + "/docs")
    assert page.locator("section.operation").count() >= 10
    screenshot(page, "api-docs")


@pytest.mark.parametrize("width", [390, 1280])
def test_earlier_questions_on_a_phone_and_a_desk(
    browser: Browser, base_url: str, width: int
) -> None:
    """Paste a numbered set on /eerder, and open "Eerder gevraagd" under a question of a
    case: readable at 390 and 1280 px, nothing scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/eerder")
    page.fill(
        "textarea#tekst", "1. Hoeveel zwembaden zijn er nog?\n2. Wat doet u tegen radicalisering?"
    )
    page.click("form.earlier-form button[type=submit]")
    page.wait_for_selector("section.earlier-question-block")
    assert page.locator("section.earlier-question-block").count() == 2
    assert page.locator("ol.earlier-hits li").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"earlier-{width}")
    page.goto(base_url + "/zaak/2024Z18794")
    details = page.locator("details.earlier").first
    details.locator("summary").click()
    assert details.locator("ol.earlier-hits li").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"case-earlier-{width}")
    context.close()


PAGES = [
    "/",
    "/zoeken?q=gemeenten",
    "/zaak/2024Z18794",
    "/eerder?tekst=zwembaden",
    "/leden",
    "/lid/Tellegen",
    "/partijen",
    "/partij/VVD",
    "/ministeries",
    "/te-laat",
    "/toezeggingen",
    "/bewindspersoon/Minister%20Van%20der%20Wal-Zeggelink",
    "/statistiek?per=party",
    "/docs",
]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser: Browser, base_url: str, width: int) -> None:
    """Every page fits the screen's width: a wide table scrolls inside its own box."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    wide = {}
    for path in PAGES:
        page.goto(base_url + path)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    assert wide == {}


@pytest.mark.parametrize("width", [390, 1280])
def test_filter_the_commitments_and_open_the_sentence(
    browser: Browser, base_url: str, width: int
) -> None:
    """/toezeggingen: filter by status with the form, then follow a commitment to its case,
    where the sentence is highlighted and in view."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/toezeggingen")
    assert page.locator("ol.toezeggingen > li").count() == 3
    page.select_option("select[name=status]", "overdue")
    page.click("form.filters button")
    page.wait_for_url("**/toezeggingen?*status=overdue*")
    items = page.locator("ol.toezeggingen > li")
    assert items.count() == 1
    assert "over datum" in items.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"toezeggingen-{width}")
    items.first.locator(".toezegging-source a").click()
    page.wait_for_url("**/zaak/**#toezegging-*")
    mark = page.locator("mark.toezegging")
    assert mark.count() == 1 and mark.first.is_visible()
    box = mark.first.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    screenshot(page, f"toezegging-case-{width}")
    context.close()
