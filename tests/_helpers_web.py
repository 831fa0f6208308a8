"""A small knowledge base and TestClient for the web tests (built from the store test helpers)."""

from __future__ import annotations

import warnings
from pathlib import Path

from _helpers_store import evidence, loaded_store, mention

from orbat.model import Article, Event, Extraction
from orbat.web.app import create_app

with warnings.catch_warnings():  # starlette asks for httpx2; httpx is what the project pins
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-123"
HOSTILE_TITLE = "<script>alert('x')</script> Raid"
HOSTILE_TEXT = "Raid report\n\n<img src=x onerror=alert(1)> HTS fighters entered the town."
STARLETTE_WARNING = "ignore::starlette.exceptions.StarletteDeprecationWarning"


def hostile_extraction() -> Extraction:
    """An article whose title and text carry markup: pages must show it as text."""
    art = Article(id="evil", text=HOSTILE_TEXT, title=HOSTILE_TITLE, published="2024-03-07", outlet="x.example")
    riot = Event(type="Riots/Violent demonstration", evidence=evidence(HOSTILE_TEXT, "HTS fighters entered the town."),
                 location="Aleppo", country="Syria", iso="SY", latitude=36.2, longitude=37.15, geo_precision=1,
                 date="2023-11", time_precision=3)
    hts = mention(HOSTILE_TEXT, "HTS", "ORG_ARMED", "Hay'at Tahrir al-Sham", "kb:hts")
    return Extraction(article=art, entities=[hts], events=[riot], pipeline_version="v1")


def build_db(path: Path | str) -> Path | str:
    """Fake KB (Nusra -> JFS -> HTS), two Syrian articles with events and relations, one hostile article."""
    store = loaded_store(path)
    store.save_extraction(hostile_extraction(), "hash-evil")
    store.close()
    return path


def client(db: Path | str, token: str | None = TOKEN) -> TestClient:
    """A client of the app as served on 127.0.0.1 (the default allowed host)."""
    return TestClient(create_app(db, token), raise_server_exceptions=False, base_url="http://127.0.0.1")
