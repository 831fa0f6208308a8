"""The bundled sample corpus reads cleanly: 12 English articles, each dated and titled."""

from __future__ import annotations

from pathlib import Path

from orbat.ingest import read_inputs
from orbat.settings import Settings

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_samples_read_without_errors() -> None:
    results = list(read_inputs([str(SAMPLES)], Settings()))
    assert [r.error for r in results if r.error] == []
    articles = [r.article for r in results if r.article]
    assert len(articles) == 12
    assert len({a.id for a in articles}) == 12
    for a in articles:
        assert a.title and a.language == "en"
        assert a.published and a.published[:4] in {"2023", "2024", "2025"}, a.source
        assert 250 <= len(a.text[a.body_start :].split()) <= 520, a.source


def test_sample_boilerplate_is_marked() -> None:
    results = list(read_inputs([str(SAMPLES / "syria_hts_idlib_arrests.txt")], Settings()))
    article = results[0].article
    assert article is not None
    kinds = [r.kind for r in article.regions]
    assert kinds.count("navigation") == 3 and "tags" in kinds and "photo_credit" in kinds
    assert article.author == "Lena Marwan"
