"""Custom attributes on spaCy objects: where each stage leaves its typed results.

Set once per process by ``register_extensions()`` (called by the pipeline builder, never
at import time).

Doc._.article     orbat.model.Article the Doc was made from (published date, regions, ...)
Doc._.mentions    list[Mention]      every entity mention, typed and resolved (orbat_resolver)
Doc._.aliases     list[list[str]]    [canonical, surface, ...] groups found in the document
Doc._.dates       list[DateMention]  resolved date expressions (orbat_dates)
Doc._.events      list[Event]        (orbat_events)
Doc._.relations   list[Relation]     (orbat_relations)
Doc._.countries   list[str]          ISO2 country context of the article, most frequent first
Doc._.coref       list[CorefLink]    group descriptions ("the group") and the entity each names (orbat_resolver)
Span._.canonical  str | None         canonical name of an entity span in doc.ents
Span._.entity_id  str | None         its entity id ("kb:<id>" or "new:<type>:<slug>")
Span._.rule       str | None         why it has that type/link
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC_LIST_ATTRS = ("mentions", "aliases", "dates", "events", "relations", "countries", "coref")


def register_extensions() -> None:
    if not Doc.has_extension("article"):
        Doc.set_extension("article", default=None)
    for name in _DOC_LIST_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, getter=_list_getter(name))
            Doc.set_extension(f"_{name}_store", default=None)
    for name in ("canonical", "entity_id", "rule"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("attrs"):
        Span.set_extension("attrs", default=None)


def _list_getter(name: str):  # type: ignore[no-untyped-def]
    """A list attribute created on first access, so components can append to it."""

    def get(doc: Doc) -> list:  # type: ignore[type-arg]
        store = doc._.get(f"_{name}_store")
        if store is None:
            store = []
            doc._.set(f"_{name}_store", store)
        return store

    return get
