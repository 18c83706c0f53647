"""The pages, one module per group; each page answers in HTML, JSON and sometimes Atom."""

from kamervragen.web.routes import (
    admin,
    cases,
    commitments,
    deadlines,
    docs,
    earlier,
    groups,
    home,
    search,
)

ROUTERS = [
    home.router,
    search.router,
    cases.router,
    earlier.router,
    groups.router,
    deadlines.router,
    commitments.router,
    docs.router,
    admin.router,
]

__all__ = ["ROUTERS"]
