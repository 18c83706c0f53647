"""Worker processes that parse one document at a time, each within limits of time and memory.

A document that takes too long is stopped (its worker is killed); one that needs too much
memory fails within its worker (the worker's address space is limited); a worker that
dies is replaced. Either way that document is quarantined with the reason and the rest of
the batch goes on: no document can stop or stall an ingest.

The workers are new processes of this Python, started with ``subprocess`` (not forked
copies of this one, which would hold the writer's database connection open), each joined
to this process by a socket that carries pickled jobs and results. A thread here hands
out the documents, a few ahead per worker, and watches the clock; the results come back
in the order of the sources.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from kamervragen.errors import KamervragenError
from kamervragen.ingest._work import Failed, limit_memory, memory_reason

_MB = 1024 * 1024
_WINDOW = 32  # results held for the writer, per worker: memory stays flat
_TICK = 0.05  # s: how often the thread looks at the clock and at the writer's progress
_FALSE_STARTS = 3  # workers that die starting up, one after the other, before giving up

# What a worker makes of one source: an ingest's Result; a benchmark's own findings.
R = TypeVar("R")
Work = Callable[[str, bool], R]


@dataclass(frozen=True)
class Limits:
    """What one document may take in a worker process.

    ``seconds``: wall time; ``memory``: bytes beyond the worker's own size after start-up
    (its address space is limited to that, ``RLIMIT_AS``). None: no limit."""

    seconds: float | None = 30.0
    memory: int | None = 512 * _MB


def _time_reason(limits: Limits) -> str:
    return f"took longer than {limits.seconds:g} s"


class _Worker(Generic[R]):
    """One worker process, the socket to it, and the documents it holds, oldest first."""

    def __init__(self, work: Work[R], limits: Limits, tsvector: bool) -> None:
        here, there = socket.socketpair()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", f"from {__name__} import serve; serve({there.fileno()})"],
            pass_fds=[there.fileno()],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # a dying worker's last words are no file's reason
        )
        there.close()
        self.socket = here
        self.held: deque[tuple[int, str]] = deque()
        self.ready = False  # started up: the clock of the document it holds has started
        self.closed = False  # its end of the socket is closed: it takes no more documents
        self.since = 0.0  # when the oldest document held was started on
        _send(here, (os.getpid(), work, limits.memory, tsvector))

    def stop(self) -> int:
        """Kill the process if it still runs and reap it: its exit code."""
        self.process.kill()  # nothing if it is dead already
        self.process.wait()
        self.socket.close()
        return self.process.returncode

    def close(self) -> None:
        """Ask the worker to leave, and make sure it does."""
        with contextlib.suppress(OSError):
            _send(self.socket, None)
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.socket.close()


class WorkerPool(Generic[R]):
    """``processes`` workers parsing sources with ``work`` within ``limits``.

    ``work`` is a function of a module (a worker imports it by name); what it returns comes
    back, or a Failed for a source over a limit or whose worker died."""

    def __init__(self, processes: int, limits: Limits, work: Work[R], ahead: int = 2) -> None:
        self.processes = processes
        self.limits = limits
        self.work = work
        self.ahead = max(ahead, 1)

    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[R | Failed]:
        """Parse every source; yield the results in the order of ``sources``."""
        run: _Run[R] = _Run(self, sources, tsvector)
        thread = threading.Thread(target=run.manage, name="kamervragen-workers", daemon=True)
        thread.start()
        try:
            for index in range(len(sources)):
                yield run.take(index)
        finally:
            run.stopping = True
            thread.join()


class _Run(Generic[R]):
    """One map over sources: the thread's state, and what the writer takes from it."""

    def __init__(self, pool: WorkerPool[R], sources: Sequence[str], tsvector: bool) -> None:
        self.pool = pool
        self.limits = pool.limits
        self.tsvector = tsvector
        self.todo: deque[tuple[int, str]] = deque(enumerate(sources))
        self.count = min(pool.processes, len(sources))
        self.window = _WINDOW * max(self.count, 1)
        self.results: dict[int, R | Failed] = {}
        self.taken = 0  # the writer has taken every result before this index
        self.changed = threading.Condition()
        self.error: BaseException | None = None
        self.stopping = False
        self.false_starts = 0  # workers in a row that died before they were ready
        self.ready = selectors.DefaultSelector()  # the workers' sockets, to read when ready

    # --- the writer's side ---------------------------------------------------------------

    def take(self, index: int) -> R | Failed:
        with self.changed:
            while index not in self.results and self.error is None:
                self.changed.wait()
            if self.error is not None:
                raise self.error
            self.taken = index + 1
            return self.results.pop(index)

    def _done(self, index: int, result: R | Failed) -> None:
        with self.changed:
            self.results[index] = result
            if index == self.taken:  # the one the writer waits for (a wake-up costs)
                self.changed.notify_all()

    # --- the thread's side ----------------------------------------------------------------

    def manage(self) -> None:
        workers: list[_Worker[R]] = []
        try:
            while not self.stopping and (self.todo or any(w.held for w in workers)):
                while len(workers) < min(self.count, len(self.todo) + len(workers)):
                    worker = _Worker(self.pool.work, self.limits, self.tsvector)
                    workers.append(worker)
                    self.ready.register(worker.socket, selectors.EVENT_READ, worker)
                self._hand_out(workers)
                for key, _ in self.ready.select(timeout=_TICK):
                    if key.data in workers:  # not lost meanwhile
                        self._receive(key.data, workers)
                self._police(workers)
        except BaseException as exc:  # a bug here must reach the writer, not hang it
            with self.changed:
                self.error = exc
                self.changed.notify_all()
        finally:
            for worker in list(workers):
                self._drop(worker, workers)
                worker.close()
            self.ready.close()

    def _drop(self, worker: _Worker[R], workers: list[_Worker[R]]) -> None:
        """No more to do with ``worker``: before its socket is closed."""
        workers.remove(worker)
        self.ready.unregister(worker.socket)

    def _hand_out(self, workers: list[_Worker[R]]) -> None:
        room = self._room()
        for worker in workers:
            while (
                not worker.closed
                and len(worker.held) < self.pool.ahead
                and self.todo
                and self.todo[0][0] < room
            ):
                job = self.todo.popleft()
                try:
                    _send(worker.socket, job)
                except OSError:
                    # It is leaving (or dead): what it sent before is read, then its end.
                    self.todo.appendleft(job)
                    worker.closed = True
                    break
                if not worker.held:
                    worker.since = time.monotonic()
                worker.held.append(job)

    def _room(self) -> int:
        with self.changed:
            return self.taken + self.window

    def _receive(self, worker: _Worker[R], workers: list[_Worker[R]]) -> None:
        try:
            message = _recv(worker.socket)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._lost(worker, workers, None)
            return
        now = time.monotonic()
        if message == "ready":
            worker.ready, worker.since = True, now
            return
        index, result, spent = message
        worker.held.popleft()
        worker.since = now
        self._done(index, result)
        if spent:  # it leaves: the documents it held go to another
            self._drop(worker, workers)
            worker.close()
            self.todo.extendleft(reversed(worker.held))

    def _police(self, workers: list[_Worker[R]]) -> None:
        seconds = self.limits.seconds
        if seconds is None:
            return
        now = time.monotonic()
        for worker in list(workers):
            if worker.ready and worker.held and now - worker.since > seconds:
                self._lost(worker, workers, _time_reason(self.limits))

    def _lost(self, worker: _Worker[R], workers: list[_Worker[R]], reason: str | None) -> None:
        """The worker is dead or is killed now: its document fails, the others go back."""
        self._drop(worker, workers)
        code = worker.stop()
        if not worker.ready:
            # Died starting up: no document's fault. Again and again: none will start.
            self.todo.extendleft(reversed(worker.held))
            self.false_starts += 1
            if self.false_starts >= _FALSE_STARTS:
                raise KamervragenError(
                    f"the parsing processes stop as they start ({self._death_reason(code)})"
                )
            return
        self.false_starts = 0
        if not worker.held:
            return
        if reason is None:
            reason = self._death_reason(code)
        index, source = worker.held.popleft()
        self._done(index, Failed(source, None, reason))
        self.todo.extendleft(reversed(worker.held))

    def _death_reason(self, code: int) -> str:
        # Where an allocation fails, Python raises MemoryError (a result like any other),
        # pdfium and C++ abort the process: under a memory limit a SIGABRT is almost always
        # that. (Its peak memory cannot tell: Linux counts in it what the process held
        # before it became a worker, a copy of this one.)
        if code == -signal.SIGABRT and self.limits.memory is not None:
            return memory_reason(self.limits.memory)
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
        return f"its worker process stopped ({how})"


# --- the worker's side -----------------------------------------------------------------------


def serve(fd: int) -> None:
    """A worker's life: take jobs from the socket ``fd``, send their results back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the ingest to handle
    channel = socket.socket(fileno=fd)
    parent, work, memory, tsvector = _recv(channel)
    _exit_with_parent(parent)
    if memory is not None:
        limit_memory(memory)
    _send(channel, "ready")
    while True:
        try:
            job = _recv(channel)
        except (EOFError, OSError):
            return
        if job is None:
            return
        index, source = job
        try:
            result = work(source, tsvector)
        except MemoryError:
            result = Failed(source, None, memory_reason())
        # A worker that ran out of memory may have left its heap in pieces: it leaves, and
        # a fresh one takes the documents it held.
        spent = isinstance(result, Failed) and result.reason == memory_reason()
        try:
            _send(channel, (index, result, spent))
        except MemoryError:  # the result itself too large to send
            _send(channel, (index, Failed(source, None, memory_reason()), True))
        if spent:
            return


def _exit_with_parent(parent: int) -> None:
    """Leave when the ingest that started this worker is gone (killed, say), even while a
    document is being parsed."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _send(channel: socket.socket, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    channel.sendall(len(data).to_bytes(8, "big") + data)


def _recv(channel: socket.socket) -> object:
    size = int.from_bytes(_read(channel, 8), "big")
    return pickle.loads(_read(channel, size))


def _read(channel: socket.socket, size: int) -> bytes:
    parts = []
    while size:
        part = channel.recv(min(size, 1 << 20))
        if not part:
            raise EOFError("the other side closed the socket")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
