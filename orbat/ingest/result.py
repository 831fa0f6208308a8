"""One outcome per input item: an article, or the error that names the item."""

from __future__ import annotations

from dataclasses import dataclass

from orbat.errors import InputError
from orbat.model import Article


@dataclass
class ReadResult:
    item: str  # path, "path:LINE", feed entry link, URL or "-:LINE"
    article: Article | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def failed(error: InputError) -> ReadResult:
    return ReadResult(item=error.item, error=error)
