"""The command line: a thin layer over the library, one module per group of commands."""

from kamervragen.cli import _parse, _search, _store  # noqa: F401  (they register their commands)
from kamervragen.cli._app import app

__all__ = ["app"]
