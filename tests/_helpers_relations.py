"""Shared helpers for relation tests: a parsed Doc whose entities are given by hand, so the
relation rules are tested apart from entity typing and resolution."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from orbat.model import Relation
from orbat.nlp.extensions import register_extensions
from orbat.nlp.normalize import normalize_for_nlp
from orbat.relations.component import RelationExtractor
from orbat.relations.rules import default_rules
from orbat.settings import Settings


@cache
def parser() -> Language:
    register_extensions()
    return spacy.load(Settings().spacy_model)


def doc_with(text: str, ents: list[tuple[str, str]]) -> Doc:
    """Parse ``text``; mark each (surface, label) at every whole-token occurrence as an entity."""
    doc = parser()(normalize_for_nlp(text))
    spans: list[Span] = []
    for surface, label in ents:
        start = 0
        while (pos := doc.text.find(surface, start)) >= 0:
            span = doc.char_span(pos, pos + len(surface), label=label)
            if span is not None and not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
            start = pos + 1
    doc.ents = sorted(spans, key=lambda s: s.start)
    return doc


def extract(text: str, ents: list[tuple[str, str]]) -> list[Relation]:
    doc = doc_with(text, ents)
    patterns, triggers = default_rules()
    RelationExtractor(patterns, triggers)(doc)
    return list(doc._.relations)


def triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in relations}
