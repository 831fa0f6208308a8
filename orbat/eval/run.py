"""Run the dev evaluation: read the gold articles, extract (or read precomputed output), score.

The articles folder holds ``<id>.txt`` files (title on line 1, blank line, body); an
``articles.jsonl`` beside the folder adds ``published``, ``url``, ``outlet`` and ``title``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from orbat.errors import DataError
from orbat.eval.dev import score_dev
from orbat.eval.records import SystemArticle, iter_jsonl, load_gold, load_system, system_from_dict
from orbat.eval.report import DevReport
from orbat.model import Article
from orbat.settings import Settings

SEED_ID = "seed"


def _metadata(articles_dir: Path) -> dict[str, dict[str, Any]]:
    path = articles_dir.parent / "articles.jsonl"
    if not path.is_file():
        return {}
    return {str(obj["id"]): obj for _, obj in iter_jsonl(path) if "id" in obj}


def _precision(published: str) -> str:
    return {4: "year", 7: "month"}.get(len(published), "day")


def read_article(path: Path, meta: dict[str, Any] | None = None) -> Article:
    """An article as ``orbat extract`` reads a text file, with the id and metadata of the set."""
    from orbat.ingest.text import read_text

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), f"cannot read article: {exc}") from exc
    article = replace(read_text(str(path), text), id=path.stem, language="en")
    meta = meta or {}
    for key in ("title", "url", "outlet"):
        if meta.get(key):
            setattr(article, key, meta[key])
    if meta.get("published"):
        article.published = str(meta["published"])
        article.published_precision = _precision(article.published)  # type: ignore[assignment]
    return article


def load_articles(articles_dir: Path, ids: Iterable[str] | None = None) -> list[Article]:
    """Articles of the folder (sorted by id), marked for boilerplate like ingest does."""
    if not articles_dir.is_dir():
        raise DataError(str(articles_dir), "not a directory of <id>.txt articles")
    meta = _metadata(articles_dir)
    wanted = set(ids) if ids is not None else None
    articles = [
        read_article(p, meta.get(p.stem))
        for p in sorted(articles_dir.glob("*.txt"))
        if wanted is None or p.stem in wanted
    ]
    return [_clean(a) for a in articles]


def _clean(article: Article) -> Article:
    try:
        from orbat.ingest.clean import clean
    except ImportError:  # ingest cleaning not available: score the raw text
        return article
    return clean(article)


def extract_records(articles: list[Article], settings: Settings) -> Iterator[dict[str, Any]]:
    """The ``orbat extract`` records of the articles (loads the spaCy model)."""
    from orbat.pipeline import Pipeline

    for extraction in Pipeline(settings).extract(articles):
        yield extraction.to_dict()


def evaluate_dev(
    gold_path: Path,
    articles_dir: Path,
    settings: Settings,
    system_path: Path | None = None,
    ids: Iterable[str] | None = None,
    save_system: Path | None = None,
) -> DevReport:
    """Score extraction (or a precomputed ``system_path``) on the gold articles in ``ids``."""
    gold = load_gold(gold_path)
    wanted = list(ids) if ids is not None else [g.id for g in gold if g.id != SEED_ID]
    articles = load_articles(articles_dir, wanted)
    texts = {a.id: a.text for a in articles}
    missing = [i for i in wanted if i not in texts]
    if missing:
        raise DataError(str(articles_dir), f"no article text for {', '.join(missing)}")
    system: dict[str, SystemArticle]
    if system_path is not None:
        system = {s.id: s for s in load_system(system_path)}
    else:
        records = list(extract_records(articles, settings))
        if save_system is not None:
            save_system.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        system = {str(r["id"]): system_from_dict(r) for r in records}
    return score_dev(gold, system, texts, wanted)
