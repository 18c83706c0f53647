"""The unit of work: one file read, hashed and parsed; run by any runner, anywhere."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from kamervragen.commitments import answer_commitments
from kamervragen.errors import ParseError, one_document
from kamervragen.indexing import analyse_record
from kamervragen.ingest._files import file_hash
from kamervragen.parsing import parse_extract
from kamervragen.readers import read_bytes, read_file
from kamervragen.storage import Parsed, Quarantined

# A file that could not be read or parsed, and why: what the quarantine holds.
Failed = Quarantined
Result = Parsed | Failed

# The memory a document may take in this process, where a worker set it (limit_memory).
_memory: int | None = None


def content_hash(data: bytes) -> str:
    """What the store knows a document's content by: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


def limit_memory(memory: int) -> None:
    """In a worker process: let a document take ``memory`` bytes beyond what the process
    holds now (its address space is limited, RLIMIT_AS), and name that limit in the reason
    of a document that needs more. The readers' libraries are loaded and a sample parsed
    first, so that what every document needs counts as the process's own."""
    global _memory
    import resource

    import kamervragen.readers.docx
    import kamervragen.readers.html
    import kamervragen.readers.pdf
    import kamervragen.readers.xml  # noqa: F401

    for sample in sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))[:1]:
        parse_path(str(sample))
    with open("/proc/self/status", encoding="ascii") as status:
        size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = size + memory if hard == resource.RLIM_INFINITY else min(size + memory, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    _memory = memory


def memory_reason(memory: int | None = None) -> str:
    """Why a document that ran out of memory failed: the limit, where one was set."""
    memory = memory or _memory
    return f"needed more than {memory // 2**20} MB" if memory else "ran out of memory"


def parse_path(source: str, tsvector: bool = False) -> Result:
    """Read and parse one file. Never raises for bad input: a bad file is a result.

    ``tsvector``: prepare the search index's PostgreSQL tsvectors too (a PostgreSQL store)."""
    path = Path(source)
    try:
        data = read_file(path)
    except ParseError as exc:  # too large: named by its hash, read a block at a time
        with contextlib.suppress(OSError):
            return Failed(source, file_hash(path), str(exc))
        return Failed(source, None, str(exc))
    except OSError as exc:
        return Failed(source, None, f"cannot read: {exc.strerror or exc}")
    except MemoryError:
        return Failed(source, None, memory_reason())
    return parse_data(source, data, tsvector)


def parse_data(source: str, data: bytes, tsvector: bool = False) -> Result:
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
            commitments = tuple(answer_commitments(record))
    except ParseError as exc:
        if isinstance(exc.unexpected, MemoryError):
            return Failed(source, digest, memory_reason())
        return Failed(source, digest, str(exc))
    return Parsed(source, digest, extract.format, record, analysed, record_json, commitments)


def parse_paths(sources: list[str], tsvector: bool = False) -> list[Result]:
    """A batch, so that a distributed scheduler handles fewer, larger tasks."""
    return [parse_path(s, tsvector) for s in sources]
