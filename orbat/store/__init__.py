"""orbat.store: the SQLite knowledge base (``Store``) and its read queries (``orbat.store.queries``)."""

from orbat.store.db import Store

__all__ = ["Store"]
