"""The one error hierarchy of articlekg.

Every error the library raises on purpose derives from :class:`ArticleKGError`; it knows
the exit code the command line gives and the one-line message a person reads. The CLI is
the only place that turns these into output, so library callers get exceptions, not prints.
"""

from __future__ import annotations


class ArticleKGError(Exception):
    """Base class: a failure with a one-line message and an exit code."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ArticleKGError):
    """An input file is missing, unreadable, empty or of an unknown kind."""

    exit_code = 2


class ValidationFailed(ArticleKGError):
    """A graph does not conform to the shapes; carries the violations as data."""

    exit_code = 3

    def __init__(self, message: str, violations: list[object] | None = None) -> None:
        super().__init__(message)
        self.violations = violations or []

    def __reduce__(self) -> tuple[type[ValidationFailed], tuple[str, list[object]]]:
        # Worker processes send errors back pickled; keep the violations with the message.
        return (type(self), (self.message, self.violations))


class QueryError(ArticleKGError):
    """A SPARQL query is unknown, malformed or refused."""

    exit_code = 4


class UnsafeQueryError(QueryError):
    """A query, load or parse would reach the network or a file it was not given."""

    exit_code = 4


class QueryTimeout(QueryError):
    """A query ran longer than its timeout and was stopped."""

    exit_code = 4


class ExportError(ArticleKGError):
    """An exporter cannot write what it was given."""

    exit_code = 5


class StoreError(ArticleKGError):
    """The embedded store cannot be opened, loaded or queried."""

    exit_code = 6


class RemoteError(ArticleKGError):
    """A remote endpoint refused or failed a request."""

    exit_code = 7


class IRIError(ArticleKGError):
    """A minted IRI is not a valid absolute IRI."""

    exit_code = 5


class SetupError(ArticleKGError):
    """Something articlekg needs is not installed, such as the English language model."""

    exit_code = 8


class OutputError(ExportError):
    """The output folder cannot be used: a file stands where it should be, or it is not
    writable."""

    exit_code = 5


class InternalError(ArticleKGError):
    """articlekg itself failed on an input it should have read or refused: a bug. The
    message names the input and the underlying error, so a report can say which."""

    exit_code = 70  # EX_SOFTWARE in sysexits.h: an internal software error


class BuildInterrupted(ArticleKGError):
    """SIGINT or SIGTERM stopped a build; the exit code is the shell's 128 + signal number."""

    exit_code = 130

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def __reduce__(self) -> tuple[type[BuildInterrupted], tuple[str, int]]:
        return (type(self), (self.message, self.exit_code))
