"""Trigger relations read off the dependency parse: "X clashed with Y", "Y was attacked by X",
"X claimed an attack on Y", "clashes between X and Y", "X seized Y". Rules: data/triggers.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from orbat.lexicon import Lexicon
from orbat.ontology.predicates import Predicate
from orbat.relations.places import is_country, state_forces
from orbat.relations.rules import TriggerRule
from orbat.relations.units import Candidate, Unit, doc_text, unit_of_token

_PASS_THROUGH = frozenset({"conj", "appos", "compound", "poss", "nmod", "amod", "pobj", "prep", "cc"})
_MODIFIER = frozenset({"poss", "compound", "nmod", "amod"})
MAX_PATH = 6
_HYPHEN_MODIFIER = re.compile(r"\s?-\s?(?:backed|sponsored|supported|linked|affiliated|aligned|allied|inspired|based)\b",
                              re.I)


def _path_to(token: Token, trigger: Token) -> list[Token] | None:
    """Tokens from ``token`` up to the child of ``trigger`` (inclusive), if ``trigger`` governs it."""
    path = [token]
    while path[-1].head.i != trigger.i:
        head = path[-1].head
        if head.i == path[-1].i or len(path) > MAX_PATH or path[-1].dep_ not in _PASS_THROUGH:
            return None
        path.append(head)
    deps = {t.dep_ for t in path[:-1]}
    if "appos" in deps and deps & {"prep", "poss", "compound"}:
        return None  # "X, a splinter of Y, battled Z" / "X, Y's branch, ...": Y only describes X
    return path


def _where(path: list[Token], unit: Unit, doc: Doc, lex: Lexicon) -> bool:
    """"struck ports in A, B and C": A, B and C say where, not whom. A country after a military
    noun ("army positions in Mali") still stands for its forces."""
    for t in path[1:-1]:
        if t.dep_ == "prep" and t.lower_ in lex.location_prepositions:
            return not (is_country(unit, doc, lex) and t.head.lemma_.lower() in lex.military_presence_nouns)
    return False


def _role(unit: Unit, doc: Doc, trigger: Token, rule: TriggerRule, units: list[Unit], lex: Lexicon) -> str | None:
    path = _path_to(doc[unit.root], trigger)
    if path is None or _where(path, unit, doc, lex) or _HYPHEN_MODIFIER.match(doc_text(doc)[unit.end:unit.end + 14]):
        return None  # "the Islamic State-affiliated ISSP": the sponsor is not a party
    if path[0].dep_ == "poss" and len(path) > 1 and unit_of_token(units, path[1]) not in (None, unit):
        return None  # "the STC's Security Belt Forces": the possessed group is the argument
    top = path[-1]
    dep = top.dep_
    if dep == "prep" and len(path) >= 2 and path[-2].dep_ == "pobj":
        prep = top.lower_
        if prep == "by":
            return "subject"
        if prep == "between":
            return "pair"
        return "object" if prep in rule.object_preps else None
    if dep in ("nsubj", "agent"):
        return "subject"
    if dep == "nsubjpass" or (dep == "dobj" and rule.direct_object):
        return "object"
    if rule.pos == "NOUN" and dep in _MODIFIER and unit.tok_end <= trigger.i:
        return "subject"
    return None


def _verb_subjects(doc: Doc, units: list[Unit], verb: Token) -> list[Unit]:
    found = []
    for unit in units:
        path = _path_to(doc[unit.root], verb)
        if path is not None and path[-1].dep_ in ("nsubj", "agent"):
            found.append(unit)
    return found


_CLIMB = frozenset({"xcomp", "conj", "advcl", "dobj", "pobj", "prep", "pcomp", "attr", "ccomp", "nsubjpass"})


def _inherited_subjects(doc: Doc, units: list[Unit], trigger: Token, lex: Lexicon) -> list[Unit]:
    """Subject of a relative clause's head, or of the verb that governs a noun or an xcomp/conj verb."""
    head = trigger
    verbs_seen = 0
    for _ in range(6):
        if head.dep_ in ("relcl", "acl") and head.pos_ in ("VERB", "AUX"):
            owners = [head.head, *(c for c in head.head.children if c.dep_ == "poss")]  # "its forces based in"
            found = [u for u in (unit_of_token(units, t) for t in owners) if u is not None]
            return found[:1]
        if head.head.i == head.i or head.dep_ not in _CLIMB:
            return []
        below, head = head, head.head
        if head.pos_ in ("VERB", "AUX"):
            if below.dep_ == "prep" and below.lower_ in ("of", "for"):
                accused = _verb_objects(doc, units, head)  # "accused X of attacking Y"
                if accused:
                    return accused
            if trigger.pos_ == "NOUN" and not verbs_seen and head.lemma_.lower() not in lex.carrier_verbs:
                return []
            verbs_seen += 1
            subjects = _verb_subjects(doc, units, head)
            if head.lemma_.lower() in lex.statement_verbs:  # "its spokesman claimed to have killed ...": not the agent
                subjects = [u for u in subjects if u.type.startswith("ORG")]
            if subjects:
                return subjects
    return []


def _verb_objects(doc: Doc, units: list[Unit], verb: Token) -> list[Unit]:
    found = []
    for unit in units:
        path = _path_to(doc[unit.root], verb)
        if path is not None and path[-1].dep_ == "dobj":
            found.append(unit)
    return found


def _reciprocal(trigger: Token, lex: Lexicon) -> bool:
    """"X and Y clashed" relates X and Y; "X and Y fought together" does not."""
    return (trigger.pos_ == "VERB" and trigger.lemma_.lower() in lex.reciprocal_verbs
            and not any(t.lower_ in lex.joint_adverbs for t in trigger.subtree))


def _two_sides(units: list[Unit], trigger: Token, lex: Lexicon) -> list[tuple[Unit, Unit]]:
    """"the two sides have battled": the last two groups named before the trigger, when its subject
    is a pair noun ("sides", "groups") counted by "two" or "both"."""
    if not _reciprocal(trigger, lex):
        return []
    subject = next((t for t in trigger.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in lex.pair_nouns:
        return []
    if not any(t.lower_ in lex.pair_quantifiers for t in subject.children):
        return []
    groups: list[Unit] = []
    for unit in reversed([u for u in units if u.end <= subject.idx and u.type.startswith("ORG")]):
        if all(unit.key() != g.key() for g in groups):
            groups.append(unit)
    return [(groups[1], groups[0])] if len(groups) >= 2 else []


def trigger_candidates(doc: Doc, sent: Span, units: list[Unit],
                       rules: tuple[TriggerRule, ...], lex: Lexicon,
                       predicates: Mapping[str, Predicate]) -> Iterator[Candidate]:
    for token in sent:
        for rule in rules:
            if token.pos_ != rule.pos and not (rule.pos == "VERB" and token.pos_ == "AUX"):
                continue
            if token.lemma_.lower() not in rule.lemmas:
                continue
            yield from _relate(doc, units, token, rule, lex, predicates)


def _relate(doc: Doc, units: list[Unit], trigger: Token, rule: TriggerRule, lex: Lexicon,
            predicates: Mapping[str, Predicate]) -> Iterator[Candidate]:
    roles: dict[str, list[Unit]] = {"subject": [], "object": [], "pair": []}
    for unit in units:
        role = _role(unit, doc, trigger, rule, units, lex)
        if role is not None:
            roles[role].append(unit)
    # "X ... Y, (but) the two sides have battled one another": the pair noun is the subject
    two = _two_sides(units, trigger, lex) if not roles["object"] and not roles["subject"] else []
    subjects = roles["subject"] or ([] if two else _inherited_subjects(doc, units, trigger, lex))
    pairs = [(s, o) for s in subjects for o in roles["object"]] + two
    if not roles["object"] and len(subjects) >= 2 and _reciprocal(trigger, lex):
        pairs += [(subjects[0], other) for other in subjects[1:]]  # "X and Y clashed"
    if len(roles["pair"]) >= 2:
        first = roles["pair"][0]
        pairs += [(first, other) for other in roles["pair"][1:]]
    for subj, obj in pairs:
        subj, obj = state_forces(doc, subj, obj, rule.predicate, lex)
        predicate = rule.predicate_for(subj.type, obj.type, predicates)
        if predicate is not None and subj.key() != obj.key():
            yield Candidate(subj, predicate, obj, f"trigger:{rule.name}:{trigger.lemma_.lower()}", rule.status)
