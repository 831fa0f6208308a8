"""Lineage chains from KB and text edges; contradictions kept with their sources."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from orbat.kb.loader import load_kb
from orbat.model import Article, Evidence, Extraction, Relation
from orbat.query import relations_at
from orbat.query.lineage import Claim, Edge, chain, dates_disagree, lineage, render_chain
from orbat.store import Store


def edge(s: str, p: str, o: str, date: str | None, origin: str = "kb", source: str = "kb:1") -> Edge:
    return Edge(s, s.upper(), p, o, o.upper(), Claim(date, origin, source))


EDGES = [
    edge("a", "renamed_to", "b", "2016-07"),
    edge("b", "merged_into", "c", "2017-01"),
    edge("d", "merged_into", "c", "2017-01"),
    edge("e", "splinter_of", "c", "2018-02"),
    edge("x", "renamed_to", "y", "2010"),  # unrelated
]


def test_query_lineage_walks_both_ways_from_the_middle() -> None:
    steps = chain(EDGES, "b")
    pairs = {(s.earlier_id, s.later_id, s.direction) for s in steps}
    assert ("a", "b", "predecessor") in pairs
    assert ("b", "c", "successor") in pairs
    assert ("c", "e", "successor") in pairs  # e split from c: c came first
    assert all("x" not in (s.earlier_id, s.later_id) for s in steps)


def test_query_lineage_renders_the_main_line_with_dates() -> None:
    text = render_chain(chain(EDGES, "a"))
    assert text.splitlines()[0] == "A -> B (2016-07) -> C (2017-01)"
    assert "E split from C (2018-02)" in text


def test_query_lineage_keeps_contradicting_claims() -> None:
    edges = [edge("a", "renamed_to", "b", "2016-07-28"), edge("a", "renamed_to", "b", "2016-08", "text", "art-1")]
    [step] = chain(edges, "a")
    assert step.contradicted
    assert step.date == "2016-07-28"  # the curated date is preferred
    assert {c.origin for c in step.claims} == {"kb", "text"}


@pytest.mark.parametrize(("dates", "disagree"), [
    (["2016-07", "2016-07-28"], False),
    (["2016-07", "2016-08"], True),
    (["2016", None], False),
    ([None, None], False),
])
def test_query_lineage_dates_disagree_at_common_precision(dates: list[str | None], disagree: bool) -> None:
    assert dates_disagree(dates) is disagree


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "kb.db")
    s.sync_kb(load_kb())
    text = "The Nusra Front renamed itself Jabhat Fath al-Sham in August 2016."
    rel = Relation("Jabhat al-Nusra", "renamed_to", "Jabhat Fath al-Sham", Evidence(0, len(text), text),
                   date="2016-08", subject_id="kb:jabhat-al-nusra", object_id="kb:jabhat-fath-al-sham",
                   rule="pattern:rebranded_as")
    s.save_extraction(Extraction(Article("art-1", text), relations=[rel]), "hash-1")
    yield s
    s.close()


def test_query_lineage_from_store_merges_kb_and_text(store: Store) -> None:
    steps = lineage(store, "Jabhat al-Nusra")
    step = next(s for s in steps if s.predicate == "renamed_to" and s.earlier_id == "kb:jabhat-al-nusra")
    assert step.contradicted
    assert {(c.origin, c.date) for c in step.claims} >= {("text", "2016-08")}
    assert any(s.later == "Hay'at Tahrir al-Sham" for s in steps)


def test_relations_at_marks_conflicts_and_filters_by_date(store: Store) -> None:
    rows = relations_at(store, "Jabhat al-Nusra", predicate="renamed_to")
    assert {r.row.origin for r in rows} == {"kb", "text"}
    assert all(r.conflict for r in rows)
    assert relations_at(store, "Jabhat al-Nusra", at="2015", predicate="renamed_to") == []
