"""Recorded answers of the Gegevensmagazijn and KOOP, served on a loopback port.

For tests and benchmarks (and for trying a sync without the network): put records and
files in, start it, and point a sync at :attr:`ReplayServer.odata_url` and
:attr:`ReplayServer.koop_url`::

    with ReplayServer(page_size=250) as server:
        server.add("Zaak", records)
        server.add_file("/koop/ah-tk-20172018-1547.xml", xml)
        sync(store, OData(server.odata_url), Koop(server.koop_url))

The entity sets answer in the service's envelope (``@odata.context``, ``value``,
``@odata.count`` when asked, ``@odata.nextLink`` with ``$skip``). Of a ``$filter`` the
server understands what a sync's window and increments need: ``ApiGewijzigdOp ge/gt
STAMP`` and ``date(Field) ge/le/lt/gt DATE`` on a record's own fields (a deleted record
passes the latter, as ``or Verwijderd eq true`` asks); every other condition is taken to
hold, since the recorded records are the answer to it. ``$orderby=ApiGewijzigdOp``
sorts, ``$expand`` is ignored: records are recorded expanded. :meth:`fail` makes
requests fail (a status, or an answer too late for the client's timeout); :attr:`log`
lists every request.
"""

from __future__ import annotations

import json
import re
import threading
import time
from bisect import bisect_left
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from kamervragen.sources.odata import query_string, stamp

_CLAUSE_STAMP = re.compile(r"ApiGewijzigdOp (ge|gt) (\S+?)\)*(?:\s|$)")
_CLAUSE_DATE = re.compile(r"date\((\w+)\) (ge|le|lt|gt) (\d{4}-\d{2}-\d{2})")
_COMPARE = {
    "ge": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "le": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
}


@dataclass
class _Fault:
    match: str
    times: int
    status: int | None
    stall: float
    retry_after: str | None


class ReplayServer:
    """A threaded HTTP server on 127.0.0.1 answering from recorded records and files."""

    def __init__(self, *, page_size: int = 250, delay: float = 0.0) -> None:
        self.page_size = page_size
        self.delay = delay
        self.log: list[str] = []
        self._entities: dict[str, list[dict[str, Any]]] = {}
        self._sorted: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
        self._files: dict[str, tuple[bytes, str]] = {}
        self._faults: list[_Fault] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- what it serves ---------------------------------------------------------------

    def add(self, entity: str, records: list[dict[str, Any]]) -> None:
        """Records of an entity set; a record with an Id already there replaces it."""
        with self._lock:
            current = {r["Id"]: r for r in self._entities.get(entity, [])}
            for record in records:
                current.pop(record["Id"], None)
                current[record["Id"]] = record
            self._entities[entity] = list(current.values())
            self._sorted.pop(entity, None)

    def records(self, entity: str) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entities.get(entity, []))

    def add_file(self, path: str, body: bytes, content_type: str = "application/xml") -> None:
        """A file at ``path`` ("/koop/ah-tk-….xml", "/odata/Document(…)/resource")."""
        with self._lock:
            self._files[path] = (body, content_type)

    def fail(
        self,
        match: str,
        *,
        times: int = 1,
        status: int | None = 500,
        stall: float = 0.0,
        retry_after: str | None = None,
    ) -> None:
        """The next ``times`` requests whose path and query contain ``match`` fail: they
        wait ``stall`` seconds, then answer ``status`` (None: the right answer, late)."""
        with self._lock:
            self._faults.append(_Fault(match, times, status, stall, retry_after))

    # --- running ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the replay server is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def odata_url(self) -> str:
        return f"{self.base_url}/odata"

    @property
    def koop_url(self) -> str:
        return f"{self.base_url}/koop"

    def start(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart

            def do_GET(self) -> None:
                try:
                    status, body, kind, headers = replay._answer(self.path)
                    self.send_response(status)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting: what a stall is for

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that hung up on a stalled answer is no news

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- answering --------------------------------------------------------------------

    def _answer(self, target: str) -> tuple[int, bytes, str, dict[str, str]]:
        with self._lock:
            self.log.append(target)
            fault = next((f for f in self._faults if f.times > 0 and f.match in target), None)
            if fault:
                fault.times -= 1
        if self.delay:
            time.sleep(self.delay)
        if fault:
            if fault.stall:
                time.sleep(fault.stall)
            if fault.status is not None:
                headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                return fault.status, b'{"error": "replayed fault"}', "application/json", headers
        parts = urlsplit(target)
        path = parts.path
        with self._lock:
            file = self._files.get(path)
        if file is not None:
            return 200, file[0], file[1], {}
        if path.startswith("/odata/") and "/" not in path[len("/odata/") :]:
            entity = path[len("/odata/") :]
            if entity in self._entities:
                return self._page(entity, dict(parse_qsl(parts.query)))
        return 404, b"not found", "text/plain", {}

    def _page(self, entity: str, params: dict[str, str]) -> tuple[int, bytes, str, dict[str, str]]:
        stamps, records = self._ordered(entity)
        selection = params.get("$filter", "")
        lower = _CLAUSE_STAMP.search(selection)
        if lower and params.get("$orderby", "").startswith("ApiGewijzigdOp"):
            op, value = lower.groups()
            start = bisect_left(stamps, stamp(value))
            if op == "gt":
                while start < len(stamps) and stamps[start] == stamp(value):
                    start += 1
            records = records[start:]
        elif lower:
            op, value = lower.groups()
            bound = stamp(value)
            records = [r for r in records if _COMPARE[op](stamp(r["ApiGewijzigdOp"]), bound)]
        for name, op, day in _CLAUSE_DATE.findall(selection):
            records = [
                r
                for r in records
                if r.get("Verwijderd") or (r.get(name) and _COMPARE[op](str(r[name])[:10], day))
            ]
        skip = int(params.get("$skip", "0"))
        top = int(params.get("$top", str(self.page_size)))
        size = min(top, self.page_size)
        body: dict[str, Any] = {"@odata.context": f"{self.odata_url}/$metadata#{entity}"}
        if params.get("$count") == "true":
            body["@odata.count"] = len(records)
        body["value"] = records[skip : skip + size]
        if skip + size < len(records) and "$top" not in params:
            following = dict(params, **{"$skip": str(skip + size)})
            body["@odata.nextLink"] = f"{self.odata_url}/{entity}?{query_string(following)}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return 200, data, "application/json; odata.metadata=minimal; charset=utf-8", {}

    def _ordered(self, entity: str) -> tuple[list[str], list[dict[str, Any]]]:
        with self._lock:
            cached = self._sorted.get(entity)
            if cached is None:
                records = self._entities[entity]
                pairs = sorted(
                    ((stamp(r["ApiGewijzigdOp"]), i, r) for i, r in enumerate(records)),
                    key=lambda p: (p[0], p[1]),
                )
                cached = ([p[0] for p in pairs], [p[2] for p in pairs])
                self._sorted[entity] = cached
            return cached
