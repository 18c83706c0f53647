"""Which files an ingest reads: the files named, and every file under the folders named."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from kamervragen.errors import ParseError


def _skipped(path: Path) -> bool:
    # Hidden files (".DS_Store", editors' swap files) and JSON records beside documents.
    return path.name.startswith(".") or path.suffix == ".json"


def find_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every document file under ``paths``, in a stable order (sorted within each path).

    A path that does not exist raises :class:`ParseError` naming it, before anything
    is read.
    """
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not _skipped(p.relative_to(path))
            )
        elif path.is_file():
            found.append(path)
        else:
            raise ParseError(f"{given}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in found:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique


def file_hash(path: Path) -> str:
    """The content hash of the file at ``path``, read a block at a time: a huge file that
    will be refused is not read into memory to be named."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
