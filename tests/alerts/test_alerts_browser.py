"""Volgen in a real browser (Debian's chromium through Playwright), at 390 and 1280 px:
fill in the form on a case, confirm from the mail, manage, unsubscribe. Skipped when
/usr/bin/chromium is absent. With ``KAMERVRAGEN_SCREENSHOTS=DIR`` the pages are saved."""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from alertdocs import Mailbox

from kamervragen.ingest import ingest
from kamervragen.storage import open_store
from kamervragen.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = Path(__file__).parents[2] / "src" / "kamervragen" / "samples"
ZAAK = "2024Z18794"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium: apt-get install -y chromium (bash .ci/run does)",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Mailbox]]:
    """The application over the samples (uvicorn on loopback), mailing to a Mailbox."""
    import uvicorn

    db = str(tmp_path_factory.mktemp("volgen") / "kv.db")
    with open_store(db) as store:
        ingest(store, [SAMPLES])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    with Mailbox() as box, pytest.MonkeyPatch.context() as env:
        env.setenv("KAMERVRAGEN_SMTP_HOST", "127.0.0.1")
        env.setenv("KAMERVRAGEN_SMTP_PORT", str(box.port))
        env.setenv("KAMERVRAGEN_SMTP_SECURITY", "none")
        env.delenv("KAMERVRAGEN_SITE_URL", raising=False)  # links to where it is served
        app = create_app(db)
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                pytest.fail("the web server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", box
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


def screenshot(page: Page, name: str) -> None:
    folder = os.environ.get("KAMERVRAGEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_follow_a_case_confirm_manage_unsubscribe(
    browser: Browser, served: tuple[str, Mailbox], width: int
) -> None:
    base, box = served
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    address = f"volger{width}@example.nl"
    before = len(box.messages)

    page.goto(f"{base}/zaak/{ZAAK}")
    form = page.locator("form.volgen")
    assert form.is_visible()
    fits(page, width)
    screenshot(page, f"volgen-zaak-{width}")
    form.get_by_label("Volgen per e-mail").fill(address)
    form.get_by_label("Hoe vaak").select_option("daily")
    form.get_by_role("button", name="Volgen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Controleer uw e-mail"
    assert address in page.locator("main").inner_text()
    fits(page, width)

    deadline = time.monotonic() + 10
    while len(box.messages) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    mail = box.messages[before]
    assert mail["To"] == address
    text = mail.get_body(("plain",)).get_content()
    confirm = re.search(r"http://127\.0\.0\.1:\d+/volgen/bevestigen/[\w-]+", text)
    assert confirm
    page.goto(confirm.group())
    assert "dagelijks overzicht" in page.locator("main").inner_text()
    page.get_by_role("button", name="Ja, bevestigen").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Bevestigd"
    screenshot(page, f"volgen-bevestigd-{width}")
    page.get_by_role("link", name="Uw meldingen beheren").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Uw meldingen"
    assert f"zaak {ZAAK}" in page.locator(".volgen-list").inner_text()
    fits(page, width)
    screenshot(page, f"volgen-beheer-{width}")
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Afgemeld"
    assert len(box.messages) == before + 1  # the confirmation only
    context.close()
    assert problems == [], problems  # no script errors, nothing the CSP refused
