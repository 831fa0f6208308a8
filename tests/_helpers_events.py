"""Shared helpers for event tests: a parsed Doc whose entities are given by hand, run through
the date and event stages only, with a stand-in gazetteer, so event rules are tested apart from
entity typing, resolution and the real gazetteer."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import spacy
from _helpers_docs import mark_entities
from _helpers_resources import resources_with
from spacy.language import Language
from spacy.tokens import Doc

from orbat.events.component import EventExtractor
from orbat.geo.demonyms import demonym_country
from orbat.geo.place import Place
from orbat.model import Article, Event
from orbat.nlp.dates import DateTagger
from orbat.nlp.extensions import register_extensions
from orbat.nlp.normalize import normalize_for_nlp
from orbat.settings import Settings


def StubPlace(*args: object, source: str = "stub", **kwargs: object) -> Place:  # noqa: N802
    """A gazetteer answer made in a test (the real Place type, marked as a stub)."""
    return Place(*args, source=source, **kwargs)  # type: ignore[arg-type]


_TOWN = {"country": "Syria", "iso2": "SY", "iso3": "SYR", "admin1": "Idlib", "admin2": None}
PLACES = {
    "syria": StubPlace("Syria", "country", "Syria", "SY", "SYR", None, None, None, None, 3),
    "somalia": StubPlace("Somalia", "country", "Somalia", "SO", "SOM", None, None, None, None, 3),
    "idlib province": StubPlace("Idlib Governorate", "admin1", "Syria", "SY", "SYR", "Idlib", None,
                                35.8, 36.6, 3),
    "leego": StubPlace("Leego", "town", "Somalia", "SO", "SOM", "Bay", None, 2.9, 44.3, 1),
    "yemen": StubPlace("Yemen", "country", "Yemen", "YE", "YEM", None, None, None, None, 3),
    "gulf of aden": StubPlace("Gulf of Aden", "water", None, None, None, None, None, 12.0, 48.0, 3),
    **{k.lower(): StubPlace(k, "village", **_TOWN, latitude=36.0, longitude=36.6, geo_precision=1)  # type: ignore[arg-type]
       for k in ("Kafr Lusin", "Qah", "Deir Hassan", "Sarmada", "Barisha", "Atmeh")},
}


class StubGazetteer:
    """Answers from PLACES only (demonyms from ``demonyms``, else the real table): the stand-in
    for orbat.geo's gazetteer in these tests."""

    def __init__(self, demonyms: dict[str, str] | None = None) -> None:
        self.demonyms = demonyms

    def geocode(self, name: str, context: Sequence[str] = ()) -> StubPlace | None:
        return PLACES.get(name.lower())

    def demonym_country(self, word: str) -> str | None:
        if self.demonyms is not None:
            return self.demonyms.get(word.lower())
        return demonym_country(word)


class Setup:
    """What ``run_events`` hands the event stage: a test module's fixture may replace these."""

    gazetteer: Any = None  # None: the real gazetteer
    kb: Any = "real"  # "real": the packaged KB


@cache
def parser() -> Language:
    register_extensions()
    return spacy.load(Settings().spacy_model)


def run_events(text: str, ents: list[tuple[str, str]], published: str | None = "2023-06-15") -> Doc:
    """Parse ``text`` with the given (surface, label) entities and run orbat_dates + orbat_events."""
    nlp = parser()
    doc = nlp(normalize_for_nlp(text))
    mark_entities(doc, ents)
    doc._.article = Article(id="t", text=text, published=published)
    DateTagger()(doc)
    fields: dict[str, Any] = {}
    if Setup.gazetteer is not None:
        fields["gazetteer"] = Setup.gazetteer
    if Setup.kb != "real":
        fields["kb"] = Setup.kb
    return EventExtractor(nlp, resources_with(models=None, **fields))(doc)  # the rules alone



def events_of(text: str, ents: list[tuple[str, str]], published: str | None = "2023-06-15") -> list[Event]:
    return list(run_events(text, ents, published)._.events)
