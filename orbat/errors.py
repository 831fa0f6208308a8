"""One exception tree. Library code raises; the CLI and the API translate."""

from __future__ import annotations


class OrbatError(Exception):
    """Base class of every error orbat raises on purpose."""


class InputError(OrbatError):
    """An input item (file, line, URL, feed entry) cannot be read or is invalid.

    ``item`` names the item so a batch can report it in one line and go on.
    """

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class DataError(OrbatError):
    """A data file (knowledge base, ontology, gazetteer) is invalid.

    The message names the file and, where known, the line.
    """

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class StoreError(OrbatError):
    """The knowledge-base database cannot be opened, migrated or written."""


class DatabaseMissingError(StoreError):
    """The knowledge-base file does not exist where it must not be created (``orbat serve``)."""


class NotFoundError(OrbatError):
    """A named entity, article or event does not exist in the store."""


class ModelError(OrbatError):
    """The spaCy model cannot be loaded."""


class ReviewError(OrbatError):
    """A review action is refused (types differ, a merge would make self-loops, nothing to undo)."""
