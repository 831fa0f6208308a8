"""orbat.store: the knowledge base (``Store``: SQLite or PostgreSQL), its migrations and writes; reads are in ``orbat.query``."""

from orbat.store.db import Store

__all__ = ["Store"]
