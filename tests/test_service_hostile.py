"""No input sinks a batch: hostile items beside the 12 sample articles each end as one named line,
exit 3, and every good article is stored; long texts are extracted in chunks with offsets kept;
an exact copy under another id is reported and recorded as another source."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import REPO
from typer.testing import CliRunner

from orbat.cli import app
from orbat.model import Article
from orbat.pipeline import Pipeline, chunk_spans
from orbat.service import extract
from orbat.settings import Settings

pytestmark = pytest.mark.slow

RAID = "HTS fighters arrested nine suspects in Sarmada, Idlib province, on Monday, the group said."
LONG = RAID + "\n\n" + " " * 1_000_001 + "\n\n" + RAID.replace("nine", "twelve") + "\n"  # > spaCy max_length


def _hostile(root: Path) -> dict[str, str]:
    """Write the hostile items; return {file name: what its error line must say}."""
    (root / "surrogate.jsonl").write_text(json.dumps({"id": "s", "text": RAID + " \ud800"}) + "\n")
    (root / "huge.json").write_text('{"id": ' + "9" * 5000 + ', "text": "' + RAID + '"}')
    (root / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (root / "ids.jsonl").write_text(json.dumps({"id": {"nested": "id"}, "text": RAID}) + "\n")
    (root / "broken.html").write_text("<html><body></body></html>")
    return {"surrogate.jsonl:1": "lone surrogate", "huge.json:[0]": "a 5000-digit number", "deep.json": "nested too deep",
            "ids.jsonl:1": "field 'id' must be a string", "broken.html": "no extractable article text"}


def test_hostile_items_beside_the_samples_fail_alone(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(REPO / "samples", inbox)
    expected = _hostile(inbox)
    (inbox / "long.txt").write_text("Long report\n\n" + LONG)
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(app, ["ingest", str(inbox), "--db", str(db), "--quiet"])
    assert result.exit_code == 3, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("orbat: ")]
    for name, says in expected.items():
        (line,) = [ln for ln in lines if ln.startswith(f"orbat: {inbox / name}")]
        assert says in line
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT source FROM articles")}
    assert len(stored) == 13, "the 12 samples and the long text"
    assert any(s.endswith("long.txt") for s in stored)


def test_text_longer_than_spacys_max_length_is_extracted_in_chunks(pipeline: Pipeline) -> None:
    article = Article(id="long", text=LONG, published="2024-03-11")
    ex = next(iter(extract_articles(pipeline, article)))
    assert ex.status == "ok", ex.errors
    late = [m for m in ex.entities if m.start > 1_000_000]
    assert late and all(LONG[m.start:m.end] == m.text for m in ex.entities)
    assert {e.count for e in ex.events} >= {9, 12}
    assert all(LONG[e.evidence.start:e.evidence.end] == e.evidence.text for e in ex.events)


def extract_articles(pipeline: Pipeline, article: Article) -> list:  # type: ignore[type-arg]
    return list(pipeline.extract([article]))


@pytest.mark.parametrize("size", [40, 100, 1000])
def test_chunks_cover_the_text_and_cut_between_words(size: int) -> None:
    text = (RAID + "\n\n") * 30 + "x" * 2500
    spans = chunk_spans(text, size)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(0 < end - start <= size for start, end in spans)
    assert all(text[end - 1] in " \n" for _, end in spans[:-1] if end <= len(text) - 2500)


def test_exact_copy_under_another_id_is_reported_and_recorded_as_a_source(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": RAID, "outlet": o}) + "\n"
                            for i, o in (("first", "A"), ("second", "B"))))
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    assert (f"orbat: {path}:2: duplicate: duplicate of {path}:1, article first (same text; recorded as another "
            "source)") in result.stderr.splitlines()
    with sqlite3.connect(db) as conn:
        links = dict(conn.execute("SELECT id, duplicate_of FROM articles"))
        sources = conn.execute("SELECT count(DISTINCT article_id) FROM event_sources").fetchone()[0]
    assert links == {"first": None, "second": "first"}
    assert sources == 2, "the copy is a second source of the same events"
    again = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert "2 unchanged" in again.stderr


def test_extract_reports_the_copy_and_emits_its_record(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": RAID}) + "\n" for i in ("first", "second")))
    outcomes = list(extract([str(path)], Settings()))
    assert [(o.status, o.article_id) for o in outcomes] == [("ok", "first"), ("duplicate", "second")]
    assert outcomes[1].extraction is not None and outcomes[1].extraction.events


def test_an_article_failing_in_make_doc_or_a_stage_fails_alone(pipeline: Pipeline,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.make_doc

    def make_doc(article: Article):  # type: ignore[no-untyped-def]
        if article.id == "bad":
            raise ValueError("[E088] Text of length 1000001 exceeds maximum")  # what spaCy raised outside the try
        return real(article)

    monkeypatch.setattr(pipeline, "make_doc", make_doc)
    batch = [Article(id=i, text=RAID) for i in ("a", "bad", "b")]
    results = [(ex.article.id, ex.status) for ex in pipeline.extract(batch)]
    assert results == [("a", "ok"), ("bad", "failed"), ("b", "ok")]
