"""Where the trained sentence classifier decides the event type (``Settings.learned``).

- ``rules``: the trigger lexicon alone (no model is loaded).
- ``both`` (default): the rules find the trigger; the model re-types it when it is confident
  of another sub-type (p >= the card's ``retype_threshold``, else ``RETYPE``), and proposes an
  event for a sentence where no trigger matched when it is confident that the sentence reports
  one (p >= ``propose_threshold``, else ``PROPOSE``). The rules keep what they are precise at:
  arguments, places, dates, claims.
- ``learned``: the model's label decides for every sentence (``none`` drops the rule's event).

Each decision the model makes is written into the event's ``rule``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Span

from orbat.events.detect import Candidate
from orbat.learned.models import Models
from orbat.learned.textcat import NONE, TypeGuess
from orbat.ontology.events import EventOntology, Trigger

RETYPE = 0.55
PROPOSE = 0.70
_VERBS = {"VERB", "AUX"}


class LearnedTypes:
    """Combines rule candidates with the classifier's guess for each sentence."""

    def __init__(self, models: Models | None, ontology: EventOntology) -> None:
        self.model = models.event_type if models is not None and models.active() else None
        card = getattr(self.model, "card", None) or {}
        self.retype = float(card.get("retype_threshold") or RETYPE)  # chosen on the corpus dev split by make train
        self.propose = float(card.get("propose_threshold") or PROPOSE)
        self.mode = models.mode if models is not None else "rules"
        self.ontology = ontology

    @property
    def active(self) -> bool:
        return self.model is not None

    def guesses(self, sents: Sequence[Span]) -> list[TypeGuess | None]:
        if self.model is None:
            return [None] * len(sents)
        return list(self.model.predict([s.text for s in sents]))

    def decide(self, picked: list[Candidate], guess: TypeGuess | None, sent: Span,
               body_start: int = 0) -> list[Candidate]:
        if guess is None or sent.start_char < body_start:
            return picked
        label, p = guess.label, guess.probability
        if label == NONE:
            return [] if self.mode == "learned" and p >= self.retype else picked
        etype = self.ontology.types.get(label)
        if etype is None:
            return picked
        note = f" [learned: {label} p={p:.2f}]"
        if picked:
            best = max(range(len(picked)), key=lambda i: picked[i].score)
            cand = picked[best]
            if cand.etype.name == label or (p < self.retype and self.mode == "both"):
                return picked
            retyped = dataclasses.replace(cand, etype=etype, note=f" [learned: {cand.etype.name} -> {label} p={p:.2f}]",
                                          rule_type=cand.etype.name)
            return [*picked[:best], retyped, *picked[best + 1:]]
        if p < self.propose and self.mode == "both":
            return []
        anchor = _anchor(sent)
        if anchor is None:
            return []
        trigger = Trigger(lemma=anchor.lemma_.lower() or anchor.lower_, pos=(anchor.pos_,))
        return [Candidate(etype, trigger, anchor, sent.doc[anchor.i:anchor.i + 1], note, rule_type=NONE)]


def _anchor(sent: Span):  # type: ignore[no-untyped-def]
    """The token an event proposed by the model hangs on: the sentence's main verb."""
    root = sent.root
    if root.pos_ in _VERBS:
        return root
    return next((t for t in sent if t.pos_ in _VERBS), root)
