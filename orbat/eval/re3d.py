"""re3d (Dstl): entities by span overlap, IsSynonymOf alias pairs, group relations.

Choices (also returned as ``notes``):
- an entity span's type is its highest-confidence row; spans under ``MIN_CONFIDENCE`` are not gold;
- Organisation -> ORG_ARMED or ORG_OTHER, Person -> PERSON, Location -> LOCATION; a gold span nested
  in a longer gold span of the same type is dropped; system mentions that overlap only spans of
  other types or low-confidence spans are ignored (neither right nor wrong);
- re3d also annotates pronouns and common-noun mentions ("he", "we", "the regime", "the town"); the
  ``entities`` score counts only names (a span with a capitalised word that is not a pronoun or
  determiner) and ignores system mentions on the others; ``entities_all_mentions`` counts them all;
- matching is one-to-one, first overlapping type-compatible span;
- alias pairs: IsSynonymOf rows whose two ends are gold entity spans and names, closed transitively
  per document, compared as pairs of normalised names with the system's alias groups;
- relations (both ends names) are compared as distinct (normalised source, predicate, normalised target) per document;
  a system end matches when its canonical or one of its surfaces equals or contains the gold text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from orbat.eval.dev import alias_pairs, groups_from_entities
from orbat.eval.external import (
    SpanMention,
    loosely_equal,
    mentions_of,
    names_for,
    read_ndjson,
    system_records,
    take,
)
from orbat.eval.matching import norm
from orbat.eval.metrics import PRF, total_prf
from orbat.eval.records import system_from_dict
from orbat.lexicon import Lexicon, load_lexicon
from orbat.model import Article
from orbat.settings import Settings

MIN_CONFIDENCE = 0.5
TYPES = {"Organisation": {"ORG_ARMED", "ORG_OTHER"}, "Person": {"PERSON"}, "Location": {"LOCATION"}}
PREDICATES = {"FightingAgainst": "rival_of/fights", "AlliesOf": "allied_with", "BelongsTo": "member_of",
              "InChargeOf": "leader_of"}
SYMMETRIC = {"rival_of/fights", "allied_with"}
NOTES = (
    f"entity gold = highest-confidence type per span with confidence >= {MIN_CONFIDENCE}",
    "Organisation -> ORG_ARMED|ORG_OTHER, Person -> PERSON, Location -> LOCATION; overlap, one-to-one",
    "system mentions overlapping only other-type or low-confidence spans are ignored",
    "entities = names only (pronoun and common-noun mentions ignored); entities_all_mentions = every mention",
    "alias pairs = IsSynonymOf between gold entity spans, transitively closed per document",
    "relations and alias pairs need names at both ends; relations: FightingAgainst~rival_of/fights, AlliesOf~allied_with, BelongsTo~member_of, InChargeOf~leader_of",
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    text: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def is_name(text: str, pronouns: frozenset[str]) -> bool:
    """A span with a capitalised word that is not a pronoun or determiner (the lexicon's ``pronouns``)."""
    return any(w[:1].isupper() and w.casefold() not in pronouns for w in text.split())


@dataclass
class Re3dDoc:
    article: Article
    gold: list[Span]  # names of the scored types
    other: list[Span]  # spans of unscored types or low confidence
    nominal: list[Span]  # pronoun and common-noun mentions of the scored types
    synonyms: list[tuple[str, str]]
    relations: set[tuple[str, str, str]]


def _best_rows(rows: Iterable[dict[str, Any]]) -> dict[tuple[int, int], dict[str, Any]]:
    best: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        key = (int(row["begin"]), int(row["end"]))
        if key not in best or row["confidence"] > best[key]["confidence"]:
            best[key] = row
    return best


def _split_spans(rows: list[dict[str, Any]], text: str) -> tuple[list[Span], list[Span]]:
    gold: list[Span] = []
    other: list[Span] = []
    for (start, end), row in sorted(_best_rows(rows).items()):
        span = Span(start, end, row["type"], text[start:end])
        keep = row["type"] in TYPES and row["confidence"] >= MIN_CONFIDENCE
        (gold if keep else other).append(span)
    outer = [s for s in gold if not any(o != s and o.type == s.type and o.start <= s.start and s.end <= o.end
                                        for o in gold)]
    return outer, other


def _relation_key(source: str, predicate: str, target: str) -> tuple[str, str, str]:
    a, b = norm(source), norm(target)
    if predicate in SYMMETRIC and b < a:
        a, b = b, a
    return a, predicate, b


def load_re3d(root: Path, lexicon: Lexicon) -> list[Re3dDoc]:
    docs: list[Re3dDoc] = []

    def named(text: str) -> bool:
        return is_name(text, lexicon.pronouns)

    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        entities = read_ndjson(folder / "entities.json")
        relations = read_ndjson(folder / "relations.json")
        for d in read_ndjson(folder / "documents.json"):
            doc_id, text = d["_id"], d["text"]
            mentions, other = _split_spans([e for e in entities if e["documentId"] == doc_id], text)
            gold = [m for m in mentions if named(m.text)]
            nominal = [m for m in mentions if not named(m.text)]
            spans = {(s.start, s.end) for s in mentions}
            rels = [r for r in relations if r["documentId"] == doc_id and r["confidence"] >= MIN_CONFIDENCE]
            synonyms = [(text[r["sourceBegin"]:r["sourceEnd"]], text[r["targetBegin"]:r["targetEnd"]])
                        for r in rels if r["type"] == "IsSynonymOf" and named(r["source"]) and named(r["target"])
                        and (r["sourceBegin"], r["sourceEnd"]) in spans and (r["targetBegin"], r["targetEnd"]) in spans]
            triples = {_relation_key(r["source"], PREDICATES[r["type"]], r["target"])
                       for r in rels if r["type"] in PREDICATES and named(r["source"]) and named(r["target"])}
            article = Article(id=doc_id, text=text, title=d.get("title"), url=d.get("sourceUrl"), language="en")
            docs.append(Re3dDoc(article, gold, other, nominal, synonyms, triples))
    return docs


def _entities(gold: list[Span], ignored: list[Span], system: list[SpanMention]) -> PRF:
    used: set[int] = set()
    counted = 0
    for m in sorted(system, key=lambda m: (m.start, m.end)):
        hit = next((i for i, s in enumerate(gold) if i not in used and s.overlaps(m.start, m.end)
                    and m.type in TYPES[s.type]), None)
        if hit is not None:
            used.add(hit)
            counted += 1
        elif not any(s.overlaps(m.start, m.end) for s in gold) and any(
                s.overlaps(m.start, m.end) for s in ignored):
            continue  # ignored
        else:
            counted += 1
    return PRF(len(used), counted, len(gold))


def _closure(pairs: list[tuple[str, str]]) -> set[frozenset[str]]:
    groups: list[set[str]] = []
    for a, b in pairs:
        merged = {norm(a), norm(b)}
        for g in [g for g in groups if g & merged]:
            merged |= g
            groups.remove(g)
        groups.append(merged)
    return {frozenset(p) for g in groups for p in combinations(sorted(g), 2)}


def _aliases(doc: Re3dDoc, record: dict[str, Any]) -> PRF:
    gold = _closure(doc.synonyms)
    sys_article = system_from_dict(record)
    groups = sys_article.aliases if sys_article.aliases is not None else groups_from_entities(sys_article.entities)
    system = alias_pairs(groups, doc.article.text)
    return PRF(len(gold & system), len(system), len(gold))


def _relations(doc: Re3dDoc, record: dict[str, Any]) -> PRF:
    system = {(r["subject"], r["predicate"], r["object"]) for r in record.get("relations", [])
              if r.get("predicate") in PREDICATES.values()}
    used: set[tuple[str, str, str]] = set()
    tp = 0
    for gs, gp, go in sorted(doc.relations):
        for subj, pred, obj in sorted(system - used):
            if pred != gp:
                continue
            s_names, o_names = names_for(record, subj), names_for(record, obj)
            direct = any(loosely_equal(n, gs) for n in s_names) and any(loosely_equal(n, go) for n in o_names)
            swapped = gp in SYMMETRIC and any(loosely_equal(n, go) for n in s_names) and any(
                loosely_equal(n, gs) for n in o_names)
            if direct or swapped:
                used.add((subj, pred, obj))
                tp += 1
                break
    return PRF(tp, len(system), len(doc.relations))


def evaluate_re3d(
    root: Path, settings: Settings, limit: int | None, system: Path | None, save_system: Path | None
) -> dict[str, Any]:
    docs = take(load_re3d(root, load_lexicon()), limit)
    records = system_records([d.article for d in docs], settings, system, save_system)
    empty: dict[str, Any] = {"entities": [], "relations": [], "aliases": None}
    scores: dict[str, list[PRF]] = {"entities": [], "entities_all_mentions": [], "aliases": [], "relations": []}
    for doc in docs:
        record = records.get(doc.article.id, {**empty, "id": doc.article.id})
        mentions = mentions_of(record)
        scores["entities"].append(_entities(doc.gold, doc.other + doc.nominal, mentions))
        scores["entities_all_mentions"].append(_entities(doc.gold + doc.nominal, doc.other, mentions))
        scores["aliases"].append(_aliases(doc, record))
        scores["relations"].append(_relations(doc, record))
    out: dict[str, Any] = {"dataset": "re3d", "documents": len(docs)}
    out.update({k: total_prf(v).as_dict() for k, v in scores.items()})
    out["notes"] = list(NOTES)
    return out
