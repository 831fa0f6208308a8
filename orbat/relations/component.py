"""The ``orbat_relations`` spaCy component: Doc -> ``Doc._.relations`` (list[Relation]).

Per sentence it collects entity units (names, bracketed aliases, anaphors such as "the group"),
applies the surface patterns (data/patterns.yaml) and the dependency triggers
(data/triggers.yaml), dates and qualifies each candidate from its sentence, adds the fighting
implied by the article's events (from_events.py), and keeps the first evidence of each (subject,
predicate, object) in the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from itertools import chain
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from orbat.errors import ModelError
from orbat.keys import alias_key
from orbat.lexicon import Lexicon
from orbat.model import Evidence, Relation
from orbat.ontology.predicates import Predicate
from orbat.relations.deps import trigger_candidates
from orbat.relations.from_events import event_relations
from orbat.relations.learned import PairClassifier
from orbat.relations.linear import pattern_candidates
from orbat.relations.places import place_candidates
from orbat.relations.qualify import relation_certainty, relation_date, relation_status
from orbat.relations.units import Candidate, Unit, doc_text, segments, sentence_units
from orbat.resources import Resources


@Language.factory(
    "orbat_relations",
    requires=["doc.ents", "doc.sents"],
    assigns=["doc._.relations"],
)
def make_relations(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor()


class RelationExtractor:
    """Fills ``Doc._.relations``; its patterns and triggers come from ``initialize`` (the
    pipeline's ``Resources``) or the constructor (tests)."""

    def __init__(self, resources: Resources | None = None) -> None:
        self.pair_model: PairClassifier | None = None
        self._ready = False
        if resources is not None:
            self.initialize(resources=resources)

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   resources: Resources) -> None:
        self.patterns, self.triggers = resources.relation_patterns, resources.relation_triggers
        models = resources.models
        self.pair_model = models.relations if models is not None and models.mode != "rules" else None
        self.lexicon: Lexicon = resources.lexicon
        self.predicates: Mapping[str, Predicate] = resources.predicates
        self._ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            raise ModelError("orbat_relations has no resources: build the pipeline with orbat.pipeline.build_nlp")
        try:
            found = dedupe(chain(self.relations(doc), event_relations(doc, self.lexicon, self.predicates)),
                           self.predicates)
            doc._.relations.extend(as_reported(rel, self.predicates) for rel in found)
        finally:
            doc.user_data.pop("orbat_relations_text", None)
        return doc

    def relations(self, doc: Doc) -> Iterator[Relation]:
        article = doc._.article
        text = article.text if article is not None else doc_text(doc)
        for sent in segments(doc):
            units = sentence_units(doc, sent, self.lexicon)
            if len(units) < 2:
                continue
            candidates = [
                *pattern_candidates(doc, units, self.patterns, sent.start_char, sent.end_char, self.lexicon,
                                    self.predicates),
                *trigger_candidates(doc, sent, units, self.triggers, self.lexicon, self.predicates),
                *place_candidates(doc, units, self.lexicon),
                *descriptor_candidates(units),
            ]
            if self.pair_model is not None:
                known = {(c.subject.key(), c.object.key()) for c in candidates}
                candidates += self.pair_model.candidates(doc, sent, units, known, self.predicates)
            for cand in candidates:
                yield to_relation(doc, sent, cand, text, self.lexicon)


def descriptor_candidates(units: list[Unit]) -> Iterator[Candidate]:
    """"the al-Qaeda group" (said of an earlier group) -> that group affiliate_of al-Qaeda."""
    for unit in units:
        parent = unit.described_by
        if parent is not None and parent.key() != unit.key() and unit.type.startswith("ORG"):
            yield Candidate(unit, "affiliate_of", parent, "pattern:descriptor_group")


def to_relation(doc: Doc, sent: Span, cand: Candidate, text: str, lex: Lexicon) -> Relation:
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return Relation(
        subject=cand.subject.canonical,
        predicate=cand.predicate,
        object=cand.object.canonical,
        evidence=Evidence(start, end, text[start:end]),
        date=relation_date(doc, sent, cand.subject, cand.object),
        status=relation_status(doc, sent, cand.subject, cand.object, cand.predicate, cand.status),
        certainty=relation_certainty(doc, sent, cand.subject, cand.object, lex),
        subject_id=cand.subject.entity_id,
        object_id=cand.object.entity_id,
        rule=cand.rule + "".join(f" [{text[u.start:u.end]} -> {u.canonical}: {u.coref}]"
                                 for u in (cand.subject, cand.object) if u.coref),
    )


def relation_key(rel: Relation, predicates: Mapping[str, Predicate]) -> tuple[str, str, str]:
    """(subject, predicate family, object) by name, either way round for symmetric predicates."""
    subj, obj = alias_key(rel.subject), alias_key(rel.object)
    pred = predicates.get(rel.predicate)
    label = pred.label if pred is not None else rel.predicate
    if pred is not None and pred.symmetric and obj < subj:
        subj, obj = obj, subj
    return subj, label, obj


def as_reported(rel: Relation, predicates: Mapping[str, Predicate]) -> Relation:
    """The contract names a predicate by its ontology label ("fights" -> "rival_of/fights");
    the fine-grained predicate stays readable in ``rule``."""
    pred = predicates.get(rel.predicate)
    if pred is None or pred.label == rel.predicate:
        return rel
    rel.rule = f"{rel.rule} [{rel.predicate}]".strip()
    rel.predicate = pred.label
    return rel


def dedupe(relations: Iterator[Relation], predicates: Mapping[str, Predicate]) -> list[Relation]:
    """One relation per (subject, predicate, object) in an article, the first evidence kept."""
    seen: dict[tuple[str, str, str], Relation] = {}
    for rel in relations:
        seen.setdefault(relation_key(rel, predicates), rel)
    return list(seen.values())
