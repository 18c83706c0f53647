"""Recorded answers of the Gegevensmagazijn and KOOP, served on a loopback port.

For tests and benchmarks (and for trying a sync without the network): put records and
files in, start it, and point a sync at :attr:`ReplayServer.odata_url` and
:attr:`ReplayServer.koop_url`::

    with ReplayServer(page_size=250) as server:
        server.add("Zaak", records)
        server.add_file("/koop/ah-tk-20172018-1547.xml", xml)
        sync(store, OData(server.odata_url), Koop(server.koop_url))

The entity sets answer in the service's envelope (``@odata.context``, ``value``,
``@odata.count`` when asked, ``@odata.nextLink`` with ``$skip``), evaluated anew at every
request, as the service does: a record changed between two pages moves in the order.
``$filter`` is read as OData: ``and``, ``or``, ``not``, parentheses, ``eq ne gt ge lt
le`` on a record's own fields (strings, ``true``/``false``/``null``, stamps, guids) and on
``date(Field)``; a condition on a field the record does not hold (``Zaak/Soort`` of a
ZaakActor, ``Zaak/any(…)`` of an unexpanded Document) is taken to hold, since the recorded
records are the answer to it. ``$orderby`` sorts by ``ApiGewijzigdOp`` and then ``Id``,
``$select`` keeps the fields named, ``$expand`` is ignored: records are recorded expanded.
:meth:`fail` makes requests fail (a status, or an answer too late for the client's
timeout); :attr:`log` lists every request. Records added while a client pages (from
another thread) change the answers from the next request on.
"""

from __future__ import annotations

import json
import re
import threading
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from kamervragen.sources.odata import query_string, stamp

_TOKEN = re.compile(r"'(?:[^']|'')*'|[()]|[^\s()]+")
_COMPARE = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "ge": lambda a, b: a is not None and b is not None and a >= b,
    "gt": lambda a, b: a is not None and b is not None and a > b,
    "le": lambda a, b: a is not None and b is not None and a <= b,
    "lt": lambda a, b: a is not None and b is not None and a < b,
}
_UNKNOWN = object()  # a field the record does not hold
Condition = Callable[[dict[str, Any]], bool]


def _literal(token: str) -> Any:
    if token.startswith("'"):
        return token[1:-1].replace("''", "'")
    return {"true": True, "false": False, "null": None}.get(token, token)


def _value(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("/"):
        if not isinstance(value, dict) or part not in value:
            return _UNKNOWN
        value = value[part]
    return value


def _comparable(field: str, value: Any) -> Any:
    """Values as the service compares them: stamps by time, ids and days as text."""
    if value is None or isinstance(value, bool):
        return value
    if field.endswith("ApiGewijzigdOp"):
        return stamp(str(value))
    return str(value).lower() if field.endswith("Id") else value


class _Parser:
    """A ``$filter`` as a function of a record (the part of OData a sync asks for)."""

    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        self.at = 0

    def parse(self) -> Condition:
        if not self.tokens:
            return lambda r: True
        condition = self._or()
        if self.at != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.at]!r} in $filter")
        return condition

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(f"expected {expected or 'more'} in $filter")
        self.at += 1
        return token

    def _or(self) -> Condition:
        parts = [self._and()]
        while self._peek() == "or":
            self._take()
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else lambda r: any(p(r) for p in parts)

    def _and(self) -> Condition:
        parts = [self._unary()]
        while self._peek() == "and":
            self._take()
            parts.append(self._unary())
        return parts[0] if len(parts) == 1 else lambda r: all(p(r) for p in parts)

    def _unary(self) -> Condition:
        if self._peek() == "not":
            self._take()
            inner = self._unary()
            return lambda r: not inner(r)
        if self._peek() == "(":
            self._take()
            inner = self._or()
            self._take(")")
            return inner
        return self._comparison()

    def _comparison(self) -> Condition:
        left = self._take()
        if left.endswith("/any"):  # a lambda over a collection: Zaak/any(z: z/Soort eq …)
            self._take("(")
            variable = self._take().rstrip(":")
            inner = self._or()
            self._take(")")
            path = left[: -len("/any")]

            def any_of(record: dict[str, Any]) -> bool:
                items = _value(record, path)
                if not isinstance(items, list):
                    return True  # not expanded: the recorded records answer it
                return any(inner({variable: item}) for item in items)

            return any_of
        day = left == "date"
        if day:
            self._take("(")
            left = self._take()
            self._take(")")
        op = self._take()
        if op not in _COMPARE:
            raise ValueError(f"unknown operator {op!r} in $filter")
        right = _literal(self._take())
        field, compare = left, _COMPARE[op]
        wanted = right if day else _comparable(field, right)

        def comparison(record: dict[str, Any]) -> bool:
            value = _value(record, field)
            if value is _UNKNOWN:
                return True
            if day:
                return compare(str(value)[:10] if value else None, wanted)
            return compare(_comparable(field, value), wanted)

        return comparison


def _lower_bound(selection: str) -> str | None:
    """The stamp no record of ``selection`` is older than, if a top-level ``and`` says."""
    depth, start, bounds = 0, 0, []
    tokens = _TOKEN.findall(selection)
    for i, token in enumerate([*tokens, "and"]):
        depth += token == "("
        depth -= token == ")"
        if depth == 0 and token == "and":
            part = tokens[start:i]
            start = i + 1
            while part[:1] == ["("] and part[-1:] == [")"]:
                part = part[1:-1]
            if "or" in part:
                continue  # a bound only where nothing else can hold instead
            if len(part) >= 3 and part[0] == "ApiGewijzigdOp" and part[1] in ("ge", "gt"):
                bounds.append(stamp(part[2]))
    return max(bounds, default=None)


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
        self._sorted: dict[str, tuple[list[tuple[str, str]], list[dict[str, Any]]]] = {}
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
        keys, records = self._ordered(entity)
        selection = params.get("$filter", "")
        try:
            condition = _Parser(selection).parse()
        except ValueError as exc:
            return 400, json.dumps({"error": str(exc)}).encode(), "application/json", {}
        bound = _lower_bound(selection)
        first = bisect_left(keys, (bound, "")) if bound else 0
        skip = int(params.get("$skip", "0"))
        top = int(params.get("$top", str(self.page_size)))
        size = min(top, self.page_size)
        counting = params.get("$count") == "true"
        found: list[dict[str, Any]] = []
        total = 0
        for record in records[first:]:
            if condition(record):
                total += 1
                if len(found) < skip + size + 1:
                    found.append(record)
                elif not counting:
                    break
        body: dict[str, Any] = {"@odata.context": f"{self.odata_url}/$metadata#{entity}"}
        if counting:
            body["@odata.count"] = total
        chosen = found[skip : skip + size]
        if "$select" in params:
            names = params["$select"].split(",")
            chosen = [{k: r.get(k) for k in names} for r in chosen]
        body["value"] = chosen
        if len(found) > skip + size and "$top" not in params:
            following = dict(params, **{"$skip": str(skip + size)})
            body["@odata.nextLink"] = f"{self.odata_url}/{entity}?{query_string(following)}"
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        return 200, data, "application/json; odata.metadata=minimal; charset=utf-8", {}

    def _ordered(self, entity: str) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
        """The records in ``ApiGewijzigdOp, Id`` order, with those keys (for bisecting)."""
        with self._lock:
            cached = self._sorted.get(entity)
            if cached is None:
                pairs = sorted(
                    ((stamp(r["ApiGewijzigdOp"]), str(r["Id"]).lower()), r)
                    for r in self._entities[entity]
                )
                cached = ([p[0] for p in pairs], [p[1] for p in pairs])
                self._sorted[entity] = cached
            return cached
