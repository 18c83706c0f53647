"""The one error type the library raises for bad input."""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType


class KamervragenError(Exception):
    """Base class for every error kamervragen reports about its input."""


class ParseError(KamervragenError):
    """A document could not be read or is not a Kamervragen document.

    ``str(error)`` is one line naming the reason; callers add the file name.
    """

    #: The exception a reader or the parser raised where no check of theirs foresaw the
    #: input (a bug to report, with the file), or None for a refusal they made on purpose.
    unexpected: Exception | None = None

    def __str__(self) -> str:
        # One line whatever a library's message held (libxml2 ends its with "\n, line 3").
        return " ".join(super().__str__().split())


_MAX_REASON = 200  # characters of an unexpected exception's message kept in the reason


def one_document() -> AbstractContextManager[None]:
    """Within it, any failure to read or parse a document becomes a :class:`ParseError`.

    Whatever the official sources publish is read, and one bad file must not stop a
    batch: every exception (but those that stop the program, such as KeyboardInterrupt)
    is that file's error, on one line, with the original in ``unexpected``.
    """
    return _OneDocument()


class _OneDocument(AbstractContextManager[None]):
    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if exc is None or isinstance(exc, ParseError) or not isinstance(exc, Exception):
            return False
        error = ParseError(_reason(exc))
        error.unexpected = exc
        raise error from exc


def _reason(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "too deeply nested to read"
    if isinstance(exc, MemoryError):
        return "ran out of memory"
    message = " ".join(str(exc).split())
    if len(message) > _MAX_REASON:
        message = message[: _MAX_REASON - 1] + "…"
    return f"could not be read ({type(exc).__name__}{': ' if message else ''}{message})"
