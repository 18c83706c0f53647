"""The OData client and the HTTP layer under it: paging, retries, backoff, rate."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from kamervragen.sources import FetchError, Http, OData, Retry
from kamervragen.sources.odata import stamp
from kamervragen.sources.replay import ReplayServer
from syncdata import cases


class Clock:
    """A clock that only moves when slept on: waits are recorded, not waited."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def scripted(*answers: int | type[Exception]) -> Callable[[httpx.Request], httpx.Response]:
    """A transport handler giving these statuses (or raising these errors) in turn."""
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0)
        if isinstance(answer, type):
            raise answer("scripted", request=request)
        body = {"value": [{"Id": "1", "ApiGewijzigdOp": "2024-02-19T10:00:52.0685474Z"}]}
        return httpx.Response(answer, json=body, headers={"Retry-After": "7"})

    return handle


def http(handler: Callable[[httpx.Request], httpx.Response], clock: Clock, **kw: object) -> Http:
    return Http(transport=httpx.MockTransport(handler), clock=clock, sleep=clock.sleep, **kw)  # type: ignore[arg-type]


def test_pages_follow_the_next_link_to_the_end(replay: ReplayServer) -> None:
    api = OData(replay.odata_url, Http(rate=None))
    pages = list(api.pages(api.url("Zaak", filter="Soort eq 'Schriftelijke vragen'", count=True)))
    assert [len(p.records) for p in pages] == [3, 3, 3, 2]
    assert all(p.count == 11 for p in pages)
    assert [r["Id"] for p in pages for r in p.records] == [
        r["Id"] for r in sorted(cases(), key=lambda r: stamp(r["ApiGewijzigdOp"]))
    ]
    assert "$skip=9" in pages[-2].next_link and pages[-1].next_link is None


def test_the_filter_is_sent_with_its_spaces_and_quotes_intact() -> None:
    url = OData("https://example.org/OData/v4/2.0/").url(
        "Zaak", filter="Soort eq 'Schriftelijke vragen'", expand="ZaakActor", count=True
    )
    assert url == (
        "https://example.org/OData/v4/2.0/Zaak?$filter=Soort%20eq%20'Schriftelijke%20vragen'"
        "&$expand=ZaakActor&$count=true"
    )


def test_stamps_sort_as_strings_once_padded() -> None:
    assert stamp("2025-06-12T10:55:35.201988Z") == "2025-06-12T10:55:35.2019880Z"
    assert stamp("2025-06-12T10:55:35Z") == "2025-06-12T10:55:35.0000000Z"
    assert stamp("2025-06-12T10:55:35.201988Z") < stamp("2025-06-12T10:55:35.2514873Z")
    with pytest.raises(ValueError):
        stamp("2025-06-12T12:55:28.783+02:00")


def test_5xx_and_timeouts_are_retried_with_a_doubling_wait() -> None:
    clock = Clock()
    client = http(scripted(500, httpx.ReadTimeout, 502, 200), clock, rate=None)
    api = OData("https://example.org/odata", client)
    page = api.page("https://example.org/odata/Zaak")
    assert page.records[0]["Id"] == "1"
    assert clock.slept == [1.0, 2.0, 4.0]


def test_a_429_waits_as_long_as_retry_after_asks() -> None:
    clock = Clock()
    client = http(scripted(429, 200), clock, rate=None)
    assert client.get("https://example.org/odata/Zaak").status_code == 200
    assert clock.slept == [7.0]


def test_when_every_try_fails_the_error_says_why_and_how_often() -> None:
    clock = Clock()
    client = http(scripted(*[httpx.ConnectTimeout] * 3), clock, rate=None, retry=Retry(attempts=3))
    with pytest.raises(FetchError, match=r"timed out \(3 tries\)"):
        client.get("https://example.org/odata/Zaak")
    assert clock.slept == [1.0, 2.0]


def test_a_404_is_not_retried_and_a_missing_file_is_none() -> None:
    clock = Clock()
    api = OData("https://example.org/odata", http(scripted(404), clock, rate=None))
    assert api.resource("00000000-0000-4000-d000-000000000001") is None
    assert clock.slept == []


def test_an_answer_that_is_not_an_odata_page_is_an_error() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>onderhoud</html>")

    api = OData("https://example.org/odata", http(handle, Clock(), rate=None))
    with pytest.raises(FetchError, match="not JSON"):
        api.page("https://example.org/odata/Zaak")


def test_requests_are_spaced_to_the_rate() -> None:
    clock = Clock()
    client = http(scripted(200, 200, 200), clock, rate=4.0)
    for _ in range(3):
        client.get("https://example.org/odata/Zaak")
    assert clock.slept == [0.25, 0.25]


def test_a_relative_next_link_is_read_against_the_page() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        body: dict[str, object] = {"value": []}
        if "skip" not in str(request.url):
            body["@odata.nextLink"] = "Zaak?$skip=250"
        return httpx.Response(200, content=json.dumps(body).encode())

    api = OData("https://example.org/odata", http(handle, Clock(), rate=None))
    links = [p.url for p in api.pages(api.url("Zaak"))]
    assert links == ["https://example.org/odata/Zaak", "https://example.org/odata/Zaak?$skip=250"]
