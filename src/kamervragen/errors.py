"""The one error type the library raises for bad input."""


class KamervragenError(Exception):
    """Base class for every error kamervragen reports about its input."""


class ParseError(KamervragenError):
    """A document could not be read or is not a Kamervragen document.

    ``str(error)`` is one line naming the reason; callers add the file name.
    """
