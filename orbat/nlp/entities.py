"""Entity typing: the model's labels mapped into orbat's four types (baseline).

PERSON -> PERSON; GPE/LOC/FAC -> LOCATION; ORG -> ORG_ARMED when the name looks like an
armed group, else ORG_OTHER; NORP and the rest are dropped.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

_ARMED = re.compile(
    r"\b(army|forces?|brigades?|battalions?|division|legion|front|militias?|jihad|taliban|"
    r"state|qaeda|shabaab|haram|hezbollah|hizballah|movement|jaysh|jaish|liwa|kataib|ansar|"
    r"police|guard|military|troops|mujahideen|corps|regiment|units?)\b",
    re.I,
)
_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


@Language.factory("orbat_entities", requires=["doc.ents"], assigns=["doc.ents"])
def make_entities(nlp: Language, name: str) -> EntityTyper:
    return EntityTyper()


class EntityTyper:
    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        for ent in doc.ents:
            label = _LABELS.get(ent.label_)
            if ent.label_ == "ORG":
                label = "ORG_ARMED" if _ARMED.search(ent.text) else "ORG_OTHER"
            if label is None or not ent.text.strip():
                continue
            spans.append(Span(doc, ent.start, ent.end, label=label))
        doc.ents = spans
        return doc
