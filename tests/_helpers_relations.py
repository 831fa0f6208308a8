"""Shared helpers for relation tests: a parsed Doc whose entities are given by hand, so the
relation rules are tested apart from entity typing and resolution."""

from __future__ import annotations

from functools import cache

import spacy
from _helpers_docs import mark_entities
from _helpers_resources import resources_with
from spacy.language import Language
from spacy.tokens import Doc

from orbat.model import Relation
from orbat.nlp.extensions import register_extensions
from orbat.nlp.normalize import normalize_for_nlp
from orbat.relations.component import RelationExtractor
from orbat.settings import Settings


@cache
def parser() -> Language:
    register_extensions()
    return spacy.load(Settings().spacy_model)


def doc_with(text: str, ents: list[tuple[str, str]]) -> Doc:
    """Parse ``text``; mark each (surface, label) at every whole-token occurrence as an entity."""
    doc = parser()(normalize_for_nlp(text))
    mark_entities(doc, ents)
    return doc


def extract(text: str, ents: list[tuple[str, str]]) -> list[Relation]:
    doc = doc_with(text, ents)
    RelationExtractor(resources_with(models=None))(doc)  # the rules alone, without the pair model
    return list(doc._.relations)


def triples(relations: list[Relation]) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in relations}
