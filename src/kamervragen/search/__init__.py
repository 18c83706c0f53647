"""Search in Dutch over question–answer pairs: "has this been asked, and what was answered?"

>>> from kamervragen.search import SearchFilters, search
>>> from kamervragen.storage import open_store
>>> with open_store("kamervragen.db") as store:
...     result = search(
...         store, 'radicalisering "kleine gemeenten" -politie', SearchFilters(party="VVD")
...     )

Words are matched on their Dutch stem without regard to case or accents
(``gemeenten`` finds ``gemeente``), and a longer word also inside compounds
(``radicalisering`` finds ``antiradicaliseringsbeleid``), ranked after the word itself.
See :mod:`.query` for the syntax. A question that its case holds in both the questions
and the answer is found once, in the latest answer. The total counts up to 10,000
matches (``capped`` says there are more), the facets up to 2,000: see
:func:`.engine.search`. The filters are one value, :class:`SearchFilters`, that the
CLI and the web build alike.
"""

from kamervragen.search.engine import Hit, SearchResult, search
from kamervragen.search.filters import KINDS, STATUSES, SearchFilters
from kamervragen.search.query import Query, QueryError, parse

__all__ = [
    "KINDS",
    "STATUSES",
    "Hit",
    "Query",
    "QueryError",
    "SearchFilters",
    "SearchResult",
    "parse",
    "search",
]
