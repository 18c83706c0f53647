"""The command line: a thin layer over the library, one module per group of commands."""

from kamervragen.cli import (  # noqa: F401  (they register their commands)
    _alerts,
    _check,
    _commitments,
    _deadlines,
    _parse,
    _search,
    _similar,
    _store,
    _sync,
    _web,
)
from kamervragen.cli._app import app

__all__ = ["app"]
