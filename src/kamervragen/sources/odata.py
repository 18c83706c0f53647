"""The Tweede Kamer's Gegevensmagazijn (OData v4): entity sets page by page, document files.

    >>> from kamervragen.sources import OData
    >>> with OData() as api:
    ...     query = api.url("Zaak", filter="Soort eq 'Schriftelijke vragen'", count=True)
    ...     for page in api.pages(query):
    ...         print(page.count, len(page.records))

The service answers at most 250 records a request and names the next page in
``@odata.nextLink``; :meth:`OData.pages` follows it. Changes are found by
``ApiGewijzigdOp`` (when the service last changed a record, UTC, to a tenth of a
microsecond); a deleted record stays, with ``Verwijderd`` true and its other fields empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from kamervragen.sources._http import FetchError, Http

DEFAULT_ODATA_URL = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"
Record = dict[str, Any]

_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z$")


def stamp(value: str) -> str:
    """An ``ApiGewijzigdOp`` with seven decimals, so that stamps sort as strings.

    The service writes as many decimals as the value needs ("…35.201988Z",
    "…35.2514873Z"); padded, string order is time order.
    """
    found = _STAMP.match(value)
    if not found:
        raise ValueError(f"not an ApiGewijzigdOp: {value!r}")
    return f"{found.group(1)}.{(found.group(2) or '').ljust(7, '0')}Z"


@dataclass(frozen=True)
class Page:
    """One answer of the service: its records, the next page's URL and (if asked) the count."""

    url: str
    records: list[Record]
    next_link: str | None
    count: int | None = None


def query_string(params: dict[str, str]) -> str:
    """The query of an OData URL, as the service and the replay server read it."""
    # Spaces as %20 and quotes kept: the service reads $filter literally.
    return "&".join(f"{k}={quote(v, safe=chr(39) + '(),/:;=$@*')}" for k, v in params.items())


class OData:
    """A client of one OData service (the Gegevensmagazijn, a mirror or a replay server)."""

    def __init__(self, base_url: str = DEFAULT_ODATA_URL, http: Http | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http or Http()

    def url(
        self,
        entity: str,
        *,
        filter: str | None = None,
        expand: str | None = None,
        orderby: str | None = None,
        select: str | None = None,
        count: bool = False,
    ) -> str:
        """The URL of a query on an entity set."""
        params: dict[str, str] = {}
        if filter:
            params["$filter"] = filter
        if expand:
            params["$expand"] = expand
        if orderby:
            params["$orderby"] = orderby
        if select:
            params["$select"] = select
        if count:
            params["$count"] = "true"
        query = query_string(params)
        return f"{self.base_url}/{entity}" + (f"?{query}" if query else "")

    def page(self, url: str) -> Page:
        """One page; :class:`FetchError` if the service refuses or answers something else."""
        response = self.http.get(url, headers={"Accept": "application/json"})
        if response.status_code != 200:
            raise FetchError(url, f"HTTP {response.status_code}", response.status_code)
        try:
            body = json.loads(response.content)
        except ValueError:
            raise FetchError(url, "the answer is not JSON") from None
        if not isinstance(body, dict) or not isinstance(body.get("value"), list):
            raise FetchError(url, "the answer has no 'value' list")
        link = body.get("@odata.nextLink")
        if link is not None:
            link = str(httpx.URL(url).join(link))
        count = body.get("@odata.count")
        return Page(url, body["value"], link, int(count) if count is not None else None)

    def pages(self, url: str) -> Iterator[Page]:
        """Every page from ``url`` (see :meth:`url`) on, following ``@odata.nextLink``."""
        next_url: str | None = url
        while next_url:
            page = self.page(next_url)
            yield page
            next_url = page.next_link

    def resource(self, document_id: str) -> tuple[str, bytes] | None:
        """A document's file (PDF, Word) as the service holds it, with its URL; None if none."""
        url = f"{self.base_url}/Document({document_id})/resource"
        response = self.http.get(url)
        if response.status_code in (204, 404, 410):
            return None
        if response.status_code != 200:
            raise FetchError(url, f"HTTP {response.status_code}", response.status_code)
        return url, response.content

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> OData:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
