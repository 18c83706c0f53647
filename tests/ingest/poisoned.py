"""A worker's unit of work that dies, hangs or bloats on files named for it (``dood``,
``slaap``, ``groot``): what a real document may do to a worker, on cue. Module-level, so
that a worker process imports it by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from kamervragen.ingest import parse_path
from kamervragen.ingest._work import Result


def parse_or_die(source: str, tsvector: bool) -> Result:
    name = Path(source).name
    if "dood" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "slaap" in name:
        time.sleep(600)
    if "groot" in name:
        held = b"x" * (100 * 2**20)  # touched, as pdfium's buffers are, then C gives up
        os.abort()
        del held
    return parse_path(source, tsvector)
