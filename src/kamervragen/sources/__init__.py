"""The official sources: the Tweede Kamer's Gegevensmagazijn and KOOP's publications.

>>> from kamervragen.sources import sync
>>> from kamervragen.storage import open_store
>>> with open_store("kamervragen.db") as store:
...     print(sync(store).line())

:class:`OData` reads the Gegevensmagazijn (OData v4) page by page, :class:`Koop` fetches
an official publication's XML by its id, :func:`sync` keeps a store up to date with
both; :class:`Http` is what they share (retries with backoff, a polite rate), and takes
an ``httpx`` transport so that tests need no network. Point the base URLs at a mirror or
at :class:`~kamervragen.sources.replay.ReplayServer` to sync from recorded answers.
"""

from kamervragen.sources._http import FetchError, Http, Retry
from kamervragen.sources.koop import DEFAULT_KOOP_URL, Koop, Publication
from kamervragen.sources.odata import DEFAULT_ODATA_URL, OData, Page
from kamervragen.sources.sync import SyncSummary, Window, quality_flags, sync

__all__ = [
    "DEFAULT_KOOP_URL",
    "DEFAULT_ODATA_URL",
    "FetchError",
    "Http",
    "Koop",
    "OData",
    "Page",
    "Publication",
    "Retry",
    "SyncSummary",
    "Window",
    "quality_flags",
    "sync",
]
