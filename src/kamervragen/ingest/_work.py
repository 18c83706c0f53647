"""The unit of work: one file read, hashed and parsed; run by any runner, anywhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kamervragen.errors import ParseError, one_document
from kamervragen.indexing import analyse_record
from kamervragen.ingest._files import file_hash
from kamervragen.parsing import parse_extract
from kamervragen.readers import MAX_INPUT_BYTES, read_bytes
from kamervragen.storage import Parsed, Quarantined

# A file that could not be read or parsed, and why: what the quarantine holds.
Failed = Quarantined


def content_hash(data: bytes) -> str:
    """What the store knows a document's content by: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


def parse_path(source: str, tsvector: bool = False) -> Parsed | Failed:
    """Read and parse one file. Never raises for bad input: a bad file is a result.

    ``tsvector``: prepare the search index's PostgreSQL tsvectors too (a PostgreSQL store)."""
    path = Path(source)
    try:
        with path.open("rb") as file:
            data = file.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            return Failed(source, file_hash(path), f"larger than {MAX_INPUT_BYTES // 2**20} MB")
    except OSError as exc:
        return Failed(source, None, f"cannot read: {exc.strerror or exc}")
    return parse_data(source, data, tsvector)


def parse_data(source: str, data: bytes, tsvector: bool = False) -> Parsed | Failed:
    """Parse a document already in memory (an upload, say), named ``source``."""
    digest = content_hash(data)
    try:
        with one_document():
            extract = read_bytes(data)
            record = parse_extract(extract)
            # The search analysis and the record's JSON are CPU work too: done here, in the
            # worker, not by the one writer.
            analysed = analyse_record(record, tsvector)
            record_json = record.to_json()
    except ParseError as exc:
        return Failed(source, digest, str(exc))
    return Parsed(source, digest, extract.format, record, analysed, record_json)


def parse_paths(sources: list[str], tsvector: bool = False) -> list[Parsed | Failed]:
    """A batch, so that a distributed scheduler handles fewer, larger tasks."""
    return [parse_path(s, tsvector) for s in sources]
