"""Who did what to whom: actor1 (agent) and actor2 (target) of a trigger, from the parse.

actor1: the subject (or the "by" agent of a passive), a possessor or a modifier of a trigger
noun ("IS's attack", "an ISIS attack"), the subject of the verb governing a trigger noun
("AQAP launched an attack"), the left side of "clashes between X and Y"; a pronoun or "the
group" resolves to its antecedent. actor2: the object, or the object of "against / on /
targeting", or the right side of "between". Unnamed parties get ACLED-style names.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from orbat.events.fill import group_of_person
from orbat.events.spans import doc_ents, line_of
from orbat.lexicon import Lexicon
from orbat.resolve import coref

_ARMED_LABELS = ("ORG_ARMED", "ORG_OTHER")
_GENERIC = ("military", "police", "civilians", "unidentified")  # templates of parties that are no antecedent


@dataclass
class Actors:
    actor1: str | None
    actor2: str | None
    actor1_span: Span | None
    actor2_span: Span | None
    rule: str


def canonical(span: Span) -> str:
    return span._.canonical or " ".join(span.text.split())


def _hyphen_modifier(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in {"-", "–"}


def _in_clause(token: Token, head: Token) -> bool:
    """``token`` sits in a relative/participial clause or parenthesis hanging off ``head``'s phrase."""
    t = token
    while t.i != head.i and t.head.i != t.i:
        if t.dep_ in {"relcl", "acl", "advcl", "parataxis"}:
            return True
        t = t.head
    return False


def ent_in(token: Token, labels: Sequence[str] = _ARMED_LABELS) -> Span | None:
    """The best entity inside the phrase headed by ``token``: the head itself, then its
    apposition ("the group (JNIM)"), then the first other one; armed groups first. Names in
    hyphenated modifiers ("Al-Qaeda-linked") and in relative clauses do not count."""
    lo, hi = token.left_edge.i, token.right_edge.i
    line_lo, line_hi = line_of(token.doc, token.i, token.i + 1)
    lo, hi = max(lo, line_lo), min(hi, line_hi - 1)  # a parse that runs across a line break stops at it
    inside = [e for e in doc_ents(token.doc) if lo <= e.root.i <= hi and e.label_ in labels
              and not _hyphen_modifier(e) and not _in_clause(e.root, token)]
    if not inside:
        return None

    def rank(e: Span) -> tuple[int, int, int]:
        covers = e.start <= token.i < e.end
        appos = e.root.dep_ == "appos" and lo <= e.root.head.i <= hi  # "the Group for ... (JNIM)"
        possessor = e.root.dep_ == "poss"
        return 0 if covers else 1 if appos else 2 + possessor, labels.index(e.label_), e.start

    return min(inside, key=rank)


def armed_alias(span: Span) -> Span | None:
    """An armed group given in apposition to a span ("the Group for ... (JNIM)")."""
    for e in doc_ents(span.doc):
        if e.label_ == "ORG_ARMED" and e.root.dep_ == "appos" and span.start <= e.root.head.i < span.end + 1:
            return e
    return None


def acled_country(lexicon: Lexicon, name: str) -> str:
    """Country name as ACLED actor names use it after "of": "the United States", "Syria"."""
    return lexicon.country_phrase(name)


def party_name(lexicon: Lexicon, template: str, country: str) -> str:
    """The ACLED name of an unnamed party ("military", "Nigeria" -> "Military Forces of Nigeria"),
    with "the" where the country follows "of" ("Military Forces of the United States")."""
    of = lexicon.templates.get(template, "").endswith(" of {country}")
    return lexicon.template(template, country=acled_country(lexicon, country) if of else country)


class ActorNamer:
    """Names the party a token refers to, for one Doc and its country context."""

    def __init__(self, doc: Doc, country: str | None, lexicon: Lexicon, events: list[Any] | None = None, *,
                 geo: Any = None, kb: Any = None) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.country = country
        self.events = events if events is not None else []  # the events found so far (discourse topic)
        self.geo = geo  # the pipeline's gazetteer (orbat.geo.gazetteer.Gazetteer), None in bare tests
        self.kb = kb

    def demonym(self, word: str) -> str | None:
        """The country a demonym names ("Nigerian" -> "Nigeria"), from the gazetteer."""
        return self.geo.demonym_country(word) if self.geo is not None else None

    def span_of(self, token: Token) -> Span | None:
        return ent_in(token)

    def name(self, token: Token) -> str | None:
        """Canonical name of the party the phrase headed by ``token`` denotes, or None."""
        person = ent_in(token, ("PERSON",))
        if person is not None and person.start <= token.i < person.end:
            article = self.doc._.article
            return group_of_person(self.kb, canonical(person), article.published if article is not None else None)
        ent = ent_in(token)
        if ent is not None and (ent.root.i == token.i or not self._is_head_word_party(token)):
            return canonical(ent)
        return self._generic(token) or (canonical(ent) if ent is not None else None)

    def _is_head_word_party(self, token: Token) -> bool:
        lex = self.lexicon
        return token.lemma_.lower() in lex.force_nouns | lex.police_nouns | lex.civilian_nouns

    def party(self, template: str, country: str) -> str:
        """The ACLED name of an unnamed party of ``country`` ("military" -> "Military Forces of ...")."""
        return party_name(self.lexicon, template, country)

    def _generic(self, token: Token) -> str | None:
        lex = self.lexicon
        lemma = token.lemma_.lower()
        country = self._country_of(token) or self.country
        if _unidentified(token, lex) and country:
            return self.party("unidentified", country)
        if lemma in lex.force_nouns or token.lower_ in lex.force_nouns:
            state = self._country_of(token) or _bare_state_force(token, lex)
            return self.party("military", country) if country and state else None
        if lemma in lex.police_nouns or token.lower_ in lex.police_nouns:
            return self.party("police", country) if country else None
        if lemma in lex.civilian_nouns:
            return self.party("civilians", country) if country else None
        loc = ent_in(token, ("LOCATION",))
        if loc is not None and loc.root.i == token.i and self._is_country(loc):
            return self.party("military", self._country_name(loc))
        return None

    def _country_of(self, token: Token) -> str | None:
        for child in token.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"}:
                name = self.demonym(child.text)
                if name:
                    return name
                loc = ent_in(child, ("LOCATION",))
                if loc is not None and self._is_country(loc):
                    return self._country_name(loc)
        return None

    def _is_country(self, span: Span) -> bool:
        from orbat.events.places import country_place
        return country_place(canonical(span)) is not None

    def _country_name(self, span: Span) -> str:
        from orbat.events.places import country_place
        place = country_place(canonical(span))
        return place.name if place is not None else canonical(span)

    def antecedent(self, token: Token) -> str | None:
        """The armed group a pronoun or "the group" refers to."""
        mention = coref.antecedent(self.doc, self.doc[token.i:token.i + 1], self.lexicon)
        if mention is not None:
            return str(mention.canonical)
        generic = self.lexicon.prefixes(*_GENERIC)
        agents = [e.actor1 for e in self.events if e.actor1 and not e.actor1.startswith(generic)]
        if agents:
            return str(agents[-1])
        before = [e for e in doc_ents(self.doc) if e.label_ == "ORG_ARMED" and e.end <= token.i
                  and not _hyphen_modifier(e) and not in_verbless_line(e)]
        topics = [e for e in before if _is_clause_subject(e)]
        pool = topics or before
        return canonical(pool[-1]) if pool else None


def in_verbless_line(ent: Span) -> bool:
    """The entity sits on a line without a verb: a dateline, byline, caption or credit."""
    start, end = line_of(ent.doc, ent.start, ent.end)
    return not any(t.pos_ in {"VERB", "AUX"} for t in ent.doc[start:end])


def _is_clause_subject(ent: Span) -> bool:
    """The entity heads the subject of a main or coordinated clause ("HTS (...) announced")."""
    root = ent.root
    while root.dep_ in {"appos", "compound", "conj"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ in {"ROOT", "conj", "ccomp"}


def is_speaker(ent: Span, lexicon: Lexicon) -> bool:
    """The entity is the subject of a speech verb ("the army said"): a source, not a party."""
    root = ent.root
    while root.dep_ in {"appos", "compound", "poss", "nmod"} and root.head.i != root.i:
        root = root.head
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in lexicon.speech_verbs - lexicon.claim_verbs


def _bare_state_force(token: Token, lex: Lexicon) -> bool:
    """"the army", "troops", "regime forces", "security forces": a state force of the article's
    country, not a named party's fighters ("HTS forces", "forces loyal to X", "its troops")."""
    if token.lemma_.lower() in {"guard", "militia", "fighter"} or token.ent_type_ \
            or any(t.ent_type_ for t in token.subtree if t.i != token.i and t.dep_ != "prep"):
        return False  # guards and militias belong to whoever they guard or serve
    for child in token.children:
        if child.dep_ in {"poss", "nmod"}:
            return False
        if child.dep_ in {"compound", "amod", "det"} and child.lower_ not in lex.state_force_modifiers:
            return False
        if child.dep_ in {"acl", "prep"} and child.lower_ in {"loyal", "of", "from", "affiliated", "backed"}:
            return False
    return True


def _unidentified(token: Token, lex: Lexicon) -> bool:
    """"Unknown gunmen", "unidentified assailants", bare "gunmen": no group is named."""
    if token.lemma_.lower() not in lex.assailant_nouns and token.lower_ not in lex.assailant_nouns:
        return False
    mods = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
    definite = any(c.dep_ in {"det", "poss"} and c.lower_ in lex.definite_determiners for c in token.children)
    return bool(mods & lex.unknown_modifiers) or (token.lower_ == "gunmen" and not definite)


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: AbstractSet[str]) -> list[Token]:
    out = []
    for prep in token.children:
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in preps:
            out.extend(_children(prep, {"pobj"}))
    return out


def party_of(namer: ActorNamer, token: Token) -> str | None:
    """The party a phrase names, or the antecedent of a pronoun or "the group" standing for one."""
    name = namer.name(token) or _earlier_mention(token, namer.lexicon)
    if name is None and (token.lemma_.lower() in namer.lexicon.group_anaphors or token.pos_ == "PRON"):
        return _reporter(namer, token) or namer.antecedent(token)
    return name


def _reporter(namer: ActorNamer, token: Token) -> str | None:
    """"The army said it had killed ...": a pronoun subject of reported speech is the speaker."""
    if token.pos_ != "PRON":
        return None
    speaker = reporter_token(token, namer.lexicon)
    return namer.name(speaker) if speaker is not None else None


def reporter_token(token: Token, lexicon: Lexicon) -> Token | None:
    """The speaker of "X said it/they had ..." for a pronoun subject."""
    clause = token.head
    while clause.dep_ in {"conj", "xcomp"} and clause.head.i != clause.i:
        clause = clause.head
    speech = clause.head
    if clause.dep_ != "ccomp" or speech.lemma_.lower() not in lexicon.reporting_verbs | {"claim", "announce", "admit"}:
        return None
    subj = [c for c in speech.children if c.dep_ == "nsubj"]
    return subj[0] if subj else None


def _relative_antecedent(head: Token) -> Token:
    """What "which/who" stands for: the noun the clause hangs off, or, when that is a place
    ("sent to Gwoza, which regained control"), the subject of the clause it sits in."""
    if head.ent_type_ not in {"LOCATION", "GPE", "LOC", "FAC"}:
        return head
    clause = next((a for a in head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    subj = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}] if clause is not None else []
    return subj[0] if subj else head


def _subject(trigger: Token) -> tuple[Token | None, bool]:
    """(subject token, passive) of a verb trigger, climbing conj/xcomp/relcl heads."""
    verb = trigger
    for _ in range(3):
        subj = _children(verb, {"nsubj", "csubj"})
        if subj and subj[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
            return _relative_antecedent(verb.head), False
        if subj:
            return subj[0], False
        passive = _children(verb, {"nsubjpass"})
        if passive:  # the subject of a passive head clause is the agent of a clause hanging off it
            return passive[0], verb.i == trigger.i
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head, False
        if verb.dep_ in {"conj", "xcomp", "advcl", "acl", "relcl"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        break
    return None, False


def actors(trigger: Token, namer: ActorNamer) -> Actors:
    """actor1/actor2 for a trigger token."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return _verb_actors(trigger, namer)
    return _noun_actors(trigger, namer)


def _verb_actors(trigger: Token, namer: ActorNamer) -> Actors:
    subj, passive = _subject(trigger)
    agents = _prep_objects(trigger, {"by"})
    preps = namer.lexicon.target_prepositions
    objs = _children(trigger, {"dobj", "obj"}) + _prep_objects(trigger, preps)
    if passive:
        a1_tok, a2_tok = (agents[0] if agents else None), subj
    else:
        a1_tok, a2_tok = subj, (objs[0] if objs else None)
    if a1_tok is not None and a1_tok.lemma_.lower() in namer.lexicon.weapons:  # "hit by missiles fired by X": X
        a1_tok = next((o for v in a1_tok.children if v.dep_ == "acl"
                       for o in _prep_objects(v, {"by"})), a1_tok)
    a1 = party_of(namer, a1_tok) if a1_tok is not None else None
    a2 = namer.name(a2_tok) if a2_tok is not None else None
    if a2 is None and not passive and trigger.tag_ == "VBG" and trigger.dep_ in {"advcl", "xcomp"}:
        head_objs = _children(trigger.head, {"dobj", "obj"}) + _prep_objects(trigger.head, preps)
        if head_objs and namer.name(head_objs[0]) is not None:  # "attacked an HTS post, killing four guards"
            a2_tok = head_objs[0]
            a2 = namer.name(a2_tok)
    return Actors(a1, a2, namer.span_of(a1_tok) if a1_tok is not None else None,
                  namer.span_of(a2_tok) if a2_tok is not None else None,
                  "verb: passive agent" if passive else "verb: subject")


def _noun_actors(trigger: Token, namer: ActorNamer) -> Actors:
    a1 = a2 = None
    rule = "noun"
    mods = [c for c in trigger.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
    for m in mods:
        a1 = a1 or namer.name(m)
    if a1 is None:  # "a U.S. raid", "a Turkish drone strike": the country's forces
        a1 = _state_modifier(namer, mods)
    by = _prep_objects(trigger, {"by"})
    if a1 is None and by:
        a1, rule = party_of(namer, by[0]), "noun: by agent"
    between = _prep_objects(trigger, {"between"})
    if between:
        first = between[0]
        a1 = a1 or namer.name(first)
        conj = [c for c in first.subtree if c.dep_ == "conj"]
        a2 = namer.name(conj[0]) if conj else None
        rule = "noun: between X and Y"
    targets = _prep_objects(trigger, namer.lexicon.target_prepositions)
    if a2 is None and targets:
        a2 = namer.name(targets[0])
    if a2 is None:
        a2 = _victim(namer, trigger)
    if a1 is None:
        head = trigger.head
        for _ in range(3):
            if head.pos_ in {"VERB", "AUX"}:
                if head.lemma_.lower() in namer.lexicon.reporting_verbs | {"be"}:
                    break  # "the police said the bomber ...", "X was the attack ...": no agent here
                subj, passive = _subject(head)
                if subj is not None and not passive and subj.i != trigger.i:
                    a1, rule = party_of(namer, subj), f"noun: subject of {head.lemma_}"
                break
            if head.head.i == head.i:
                break
            head = head.head
    return Actors(a1, a2, None, None, rule)



def _state_modifier(namer: ActorNamer, mods: list[Token]) -> str | None:
    """A foreign country or demonym modifying an event noun, or its modifier ("a U.S. special
    forces raid", "a Russian air strike"): ``Military Forces of <Country>``. The article's own
    country is left out: "a Nigerian attack" may describe the place or a local group."""
    for m in mods:
        for tok in [m, *(c for c in m.children if c.dep_ in {"compound", "amod", "nmod"})]:
            country = namer.demonym(tok.text)
            loc = ent_in(tok, ("LOCATION",))
            if country is None and loc is not None and loc.start <= tok.i < loc.end and namer._is_country(loc):
                country = namer._country_name(loc)
            if country and country != namer.country:
                return namer.party("military", country)
    return None


def _victim(namer: ActorNamer, trigger: Token) -> str | None:
    """"X was killed in a raid": the subject of the passive verb the event noun hangs off is the
    target; a person stands for the group he led or belonged to ("X, the IS leader")."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in {"in", "during"}:
        return None
    subj = _children(prep.head, {"nsubjpass"})
    if not subj:
        return None
    name = namer.name(subj[0])
    if name is None and ent_in(subj[0], ("PERSON",)) is not None:
        group = ent_in(subj[0])
        name = canonical(group) if group is not None else None
    return name


def _earlier_mention(token: Token, lexicon: Lexicon, reach: int = 80) -> str | None:
    """"the cell" / "the militants" naming no group: the armed group of an earlier phrase with
    the same head noun earlier in the paragraph ("an Islamic State cell ... the cell")."""
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in lexicon.definite_determiners for c in token.children):
        return None
    lemma = token.lemma_.lower()
    for t in reversed(token.doc[max(0, token.i - reach):token.i]):
        if t.is_space and "\n" in t.text:
            return None  # the same paragraph only
        if t.lemma_.lower() == lemma:
            ent = ent_in(t, ("ORG_ARMED",)) or next(  # "an IS-linked cell": the group's cell
                (e for e in doc_ents(t.doc) if e.label_ == "ORG_ARMED" and t.left_edge.i <= e.start
                 and e.end < t.i and _hyphen_modifier(e)), None)
            if ent is not None and ent.end <= token.i:
                return canonical(ent)
    return None
