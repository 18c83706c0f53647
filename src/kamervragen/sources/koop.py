"""Official publications by id from KOOP (officielebekendmakingen.nl): the XML and its metadata.

    >>> from kamervragen.sources import Koop
    >>> with Koop() as koop:
    ...     found = koop.fetch("ah-tk-20172018-1547")

A publication is at ``{base}/{id}.xml`` and its metadata at ``{base}/{id}/metadata.xml``
(as zoek.officielebekendmakingen.nl serves them); a mirror or replay server gives the
same paths under its own base URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from kamervragen.sources._http import FetchError, Http

DEFAULT_KOOP_URL = "https://zoek.officielebekendmakingen.nl"
# ah-tk-20172018-1547, kv-tk-2024Z18794, the older kv-2008Z01234, ah-ek-…
PUBLICATION_ID = re.compile(r"^(?:ah|kv)-(?:(?:tk|ek)-)?[0-9][0-9A-Za-z-]*$")


@dataclass(frozen=True)
class Publication:
    """An official publication as fetched: where from, its XML and its metadata (if any)."""

    id: str
    url: str
    xml: bytes
    metadata: bytes | None


class Koop:
    """Fetches publications by their official id."""

    def __init__(self, base_url: str = DEFAULT_KOOP_URL, http: Http | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = http or Http()

    def fetch(self, publication_id: str) -> Publication | None:
        """The publication, or None if there is none under that id (yet).

        Raises :class:`FetchError` when the service cannot be reached or keeps failing.
        A missing metadata file is no error: the publication carries its own metadata.
        """
        if not PUBLICATION_ID.match(publication_id):
            raise ValueError(f"not an official publication id: {publication_id!r}")
        name = quote(publication_id)
        url = f"{self.base_url}/{name}.xml"
        xml = self._get(url)
        if xml is None:
            return None
        metadata = self._get(f"{self.base_url}/{name}/metadata.xml")
        return Publication(publication_id, url, xml, metadata)

    def _get(self, url: str) -> bytes | None:
        response = self.http.get(url, headers={"Accept": "application/xml, text/xml"})
        if response.status_code in (404, 410):
            return None
        if response.status_code != 200:
            raise FetchError(url, f"HTTP {response.status_code}", response.status_code)
        if "html" in response.headers.get("Content-Type", ""):
            return None  # an error page in place of the file: the site's way of "not found"
        return response.content

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Koop:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
