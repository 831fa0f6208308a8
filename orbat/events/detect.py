"""Trigger detection: the ontology's trigger lexicon as a spaCy Matcher, checked against the parse.

A match becomes a ``Candidate`` when its constraints hold (part of speech, context words,
object kind, governed preposition). Generic or habitual statements ("has repeatedly
attacked", "could strike") are dropped unless a date or a place pins them.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from orbat.events.spans import doc_ents
from orbat.lexicon import Lexicon
from orbat.ontology.events import EventOntology, EventType, Trigger

_WINDOW = 8
_NOUN_POS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class Candidate:
    """A trigger match whose constraints hold."""

    etype: EventType
    trigger: Trigger
    token: Token  # the trigger's head token
    span: Span  # the matched words
    note: str = ""  # how the learned layer changed or proposed it ("" for a rule match)
    rule_type: str | None = None  # the trigger rules' own type when the learned layer changed it ("none": proposed)

    @property
    def score(self) -> tuple[int, int]:
        return self.trigger.specificity, self.etype.priority


class TriggerMatcher:
    """The trigger lexicon as two PhraseMatchers, on lemmas and on lower-case forms (hash
    lookups: a token Matcher with IN-lists over ~150 triggers cost more than the parse)."""

    def __init__(self, vocab: Vocab, ontology: EventOntology) -> None:
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        self.keys: dict[str, tuple[str, ...]] = {}
        for words in ontology.by_words:
            key = "trigger:" + " ".join(words)
            self.keys[key] = words
            variants = {words, tuple(w.capitalize() for w in words), tuple(w.upper() for w in words)}
            self.by_lemma.add(key, [Doc(vocab, words=list(v), lemmas=list(v)) for v in variants])
            self.by_lower.add(key, [Doc(vocab, words=list(words))])

    def __call__(self, doc: Doc) -> list[tuple[tuple[str, ...], int, int]]:
        found = {(m, s, e) for m, s, e in self.by_lemma(doc)} | {(m, s, e) for m, s, e in self.by_lower(doc)}
        return sorted((self.keys[doc.vocab.strings[m]], s, e) for m, s, e in found)


def _near(token: Token, sent: Span) -> list[Token]:
    lo, hi = max(sent.start, token.i - _WINDOW), min(sent.end, token.i + _WINDOW + 1)
    return list(token.doc[lo:hi])


def _objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in {"dobj", "obj", "nsubjpass", "attr"}]
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "of"}:  # "in/at X" is where, not what
            objs.extend(c for c in prep.children if c.dep_ == "pobj")
    return objs


def _object_kind(obj: Token, lex: Lexicon) -> set[str]:
    kinds: set[str] = set()
    lo, hi = obj.left_edge.i, obj.right_edge.i
    for ent in doc_ents(obj.doc):
        if lo <= ent.root.i <= hi:
            kinds.add("LOCATION" if ent.label_ == "LOCATION" else "force" if ent.label_ == "ORG_ARMED" else "")
    lemma = obj.lemma_.lower()
    force_objects = lex.force_nouns | lex.police_nouns | lex.force_positions | lex.combatant_nouns
    if lemma in lex.place_nouns:
        kinds.add("LOCATION")
    if lemma in force_objects:
        kinds.add("force")
    if lemma in lex.civilian_nouns or obj.lower_ in lex.civilian_nouns:
        kinds.add("civilian")
    if lemma in lex.detainee_nouns or obj.lower_ in lex.detainee_nouns or (obj.ent_type_ == "PERSON" and obj.i == obj.head.i):
        kinds.add("person")
        kinds.discard("LOCATION")  # "two commanders near X": people, not territory
    if "LOCATION" in kinds and obj.lemma_.lower() in force_objects:
        kinds.discard("LOCATION")  # "an African Union base": a force, not territory
    return kinds


def _holds(trig: Trigger, token: Token, sent: Span, lex: Lexicon) -> bool:
    pos = set(trig.pos) | (_NOUN_POS if "NOUN" in trig.pos else set())
    if len(trig.words) == 1 and token.pos_ not in pos:
        return False
    window = _near(token, sent)
    near = {t.lemma_.lower() for t in window} | {t.lower_ for t in window}
    if trig.context and not near & set(trig.context):
        return False
    if trig.without and near & set(trig.without):
        return False
    if trig.prep and not any(c.dep_ == "prep" and c.lower_ in trig.prep for c in token.children):
        return False
    if trig.object is not None:
        return any(trig.object in _object_kind(o, lex) for o in _objects(token))
    return True


def candidates(doc: Doc, matcher: TriggerMatcher, ontology: EventOntology, lex: Lexicon) -> list[Candidate]:
    """Every trigger match whose constraints hold, in text order."""
    out: list[Candidate] = []
    seen: set[tuple[int, str]] = set()
    for words, start, end in matcher(doc):
        span = doc[start:end]
        token = span.root
        if end < len(doc) and doc[end].text in {"-", "–"}:
            continue  # "battle-hardened": a modifier, not an event
        sent = token.sent
        for etype, trig in ontology.by_words[words]:
            if (token.i, etype.name) in seen or not _holds(trig, token, sent, lex):
                continue
            seen.add((token.i, etype.name))
            out.append(Candidate(etype, trig, token, span))
    return sorted(out, key=lambda c: c.token.i)


def is_anaphoric(token: Token, lex: Lexicon) -> bool:
    """A definite event noun ("the attack", "Thursday's assault", "this raid") that refers back."""
    if token.pos_ not in _NOUN_POS:
        return False
    return any(c.dep_ in {"det", "poss"} and (c.lower_ in lex.definite_determiners or c.ent_type_ == "DATE")
               for c in token.children)


def is_unrealised(token: Token, lex: Lexicon) -> bool:
    """A trigger that is wanted, planned or talked about, not (yet) happened: the complement
    of an intent verb ("plans to attack", "failed to seize") or of an intent noun ("the
    importance of reaching a deal"). Purpose clauses ("joined ... to form X") stay events."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    to_inf = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if to_inf and verb.dep_ in {"xcomp", "ccomp", "acl"}:
        return verb.head.lemma_.lower() in lex.intent_words
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp":
        return verb.head.head.lemma_.lower() in lex.intent_words
    return False


def is_generic(token: Token, pinned: bool, lex: Lexicon) -> bool:
    """A habitual, hypothetical or negated statement that no date or place pins."""
    verb = token if token.pos_ in {"VERB", "AUX"} else token.head
    deps = list(verb.children) + list(token.children)
    noun = token.head if token.dep_ in {"compound", "amod"} and token.head.pos_ in _NOUN_POS else token
    if noun.tag_ == "NNS" and not pinned and not any(c.dep_ in {"det", "nummod", "poss"} for c in noun.children):
        return True  # "a rise in (mortar) attacks": a class of events
    negated = any(c.dep_ == "neg" for c in deps)
    modal = any(c.dep_ == "aux" and c.lower_ in lex.modal_verbs for c in deps)
    habitual = any(c.lower_ in lex.habitual_adverbs for c in deps)
    if negated or modal:
        return True
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in deps)
    if perfect and not pinned:
        return True  # "have been fighting", "has launched attacks": a record, not one event
    if noun.pos_ in _NOUN_POS and any(c.lower_ in lex.other_event_words for c in noun.children):
        return True  # "like other recent attacks": a class of events, not one
    return habitual and not pinned
