"""Every error ficmeld raises. Each message names the file and says how to fix it."""
from __future__ import annotations


class FicmeldError(Exception):
    """Base class: the CLI prints these as one line and exits with status 2."""

    def __init__(self, message: str, *, path: str | None = None, fix: str | None = None):
        self.path = path
        self.fix = fix
        text = f"{path}: {message}" if path else message
        if fix:
            text = f"{text} ({fix})"
        super().__init__(text)


class InputError(FicmeldError):
    """The input cannot be read as a work: missing, empty, binary, undecodable."""


class FormatError(FicmeldError):
    """The input is of a known kind but broken or not a story (a truncated EPUB, HTML with no text)."""


class ModelError(FicmeldError):
    """The spaCy pipeline or a shipped model cannot be loaded."""


class PipelineError(FicmeldError):
    """Stages were asked to run in an order that leaves one without what it reads."""


class QueryError(FicmeldError):
    """A corpus query failed: no database there, or the SQL is wrong."""
