"""The web application and JSON API: a thin layer over the store, search and deadlines.

>>> from kamervragen.web import create_app
>>> app = create_app("kamervragen.db")          # serve with uvicorn, or `kamervragen serve`

Every HTML page has a JSON twin (the same URL with ``.json``, or ``Accept:
application/json``); searches, members, parties, ministries and cases also have an Atom
feed (``.atom``). Read-only unless the operator configures an admin token.
"""

from kamervragen.web.app import create_app

__all__ = ["create_app"]
