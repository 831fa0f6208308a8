"""Who claims an event across sentences: a reporting source is not a claimant; an arrest
announced by the arresting side is claimed by it; a group's statement after an attack claims it;
a later blame ("police blamed X for the attack") makes it alleged."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from orbat.events.arguments import ActorNamer
from orbat.events.attribution import Attribution, governs
from orbat.events.places import Located
from orbat.events.state import state_party
from orbat.lexicon import Lexicon
from orbat.model import Event

GUESSED = " (actor1 from context)"


def source_is_not_claimant(said: Attribution, actor1: str | None, actor2: str | None) -> Attribution:
    """A report keeps its source as claimant only when the source is the actor or an armed group
    other than the target ("the group said its fighters ..."); a monitor, a rights group, a news
    agency, officials or the attacked side only report it."""
    if said.certainty != "reported" or said.claimed_by is None:
        return said
    if said.claimed_by == actor1 or (said.armed_source and said.claimed_by != actor2):
        return said
    return Attribution("reported", None, said.denied, said.rule + " (a source, not a claimant)")


def arrest_claim(token: Token, sent: Span, actor1: str | None, namer: ActorNamer) -> Attribution | None:
    """An arrest announced by the arresting side or a state body ("the ministry said it had
    arrested ...") is claimed by that announcer; a monitor or rights group only reports it."""
    for verb in sent:
        if verb.i == token.i or verb.lemma_.lower() not in namer.lexicon.speech_verbs or not governs(verb, token):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        words = {t.lemma_.lower() for t in subj.subtree}
        name = state_party(subj, namer)
        if name is not None and (name == actor1 or words & namer.lexicon.state_speakers):
            return Attribution("claimed", name, False, f"claimed: the arresting side {verb.text}")
        return None
    return None


def claim_of(old: Event, said: Attribution, lex: Lexicon, blamed: str | None = None) -> None:
    """A later claim for an event already reported ("X claimed the attack") makes it claimed by X;
    X becomes actor1 when none was found. A later blame ("police blamed X for the attack") makes
    it alleged by the accuser, with X as actor1 when none was found."""
    if said.certainty == "alleged" and not said.denied and old.certainty in {"asserted", "reported"}:
        old.certainty, old.claimed_by = "alleged", named(said.claimed_by, lex)
        if blamed is not None and (old.actor1 is None or _unidentified(old.actor1, lex) or GUESSED in old.rule):
            old.actor1 = blamed
        return
    if said.certainty != "claimed" or said.claimed_by is None:
        return
    old.certainty, old.claimed_by = "claimed", said.claimed_by
    if old.actor1 is None or _unidentified(old.actor1, lex) or GUESSED in old.rule:
        old.actor1 = said.claimed_by


def blamed(token: Token, namer: ActorNamer) -> str | None:
    """The party blamed or accused for the event noun ``token`` ("blamed X for the attack",
    "blamed the attack on X", "accused X of the attack")."""
    verb = next((a for a in token.ancestors if a.lemma_.lower() in namer.lexicon.blame_verbs), None)
    if verb is None:
        return None
    objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"} and c.i != token.i and token not in c.subtree]
    objs += [o for head in (verb, token) for prep in head.children if prep.dep_ == "prep"
             and prep.lower_ in {"on", "to"} for o in prep.children if o.dep_ == "pobj"]
    for obj in objs:
        name = namer.name(obj)
        if name is not None:
            return name
    return None


def group_statement(token: Token, sent: Span, namer: ActorNamer) -> str | None:
    """The armed group whose statement the trigger's clause is ("X said through its radio that its
    fighters had ...", "the group said in a statement ..."), else None."""
    for verb in sent:
        if verb.i == token.i or verb.lemma_.lower() not in namer.lexicon.speech_verbs or not governs(verb, token):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        span = namer.span_of(subj)
        name = None
        if span is not None and span.label_ == "ORG_ARMED":
            name = namer.name(subj)
        elif span is None and subj.lemma_.lower() in {"group", "militant", "jihadist", "insurgent"}:
            name = namer.antecedent(subj)
        return name if name is not None and not set(name.lower().split()) & namer.lexicon.state_speakers else None
    return None


def claimed_event(events: list[Event], sent: Span, claimant: str, places: Sequence[Located],
                  lex: Lexicon) -> Event | None:
    """The event a group's statement right after it refers to: a recent event that is the
    group's own act or has no known perpetrator, at the statement's place when it has one."""
    recent = [e for e in events if _follows(e, sent) and _own_act(e, claimant, lex)]
    here = [e for e in recent if places and e.location == places[0].name]
    if places and places[0].precision < 3 and not here:
        return None
    pool = here or recent
    return pool[-1] if pool else None


def _own_act(old: Event, claimant: str, lex: Lexicon) -> bool:
    """A group's statement is a claim on the previous event when that event is the group's own
    act or its perpetrator is not known (unnamed, guessed); not on another party's act."""
    if claimant == old.actor2 or old.certainty == "alleged":
        return False  # the target reporting the attack on it; a blame already made
    return old.actor1 in (None, claimant) or _unidentified(old.actor1, lex) or GUESSED in old.rule


def _follows(old: Event, sent: Span) -> bool:
    """``sent`` comes soon after the evidence of ``old`` (the same or the next short paragraph)."""
    return 0 <= sent.start_char - old.evidence.end < 600


def named(party: str | None, lex: Lexicon) -> str | None:
    """A claimant is a named party: "residents said" names no one."""
    return None if party is None or party.startswith(lex.prefixes("civilians", "unidentified")) else party


def _unidentified(actor: str, lex: Lexicon) -> bool:
    return actor.startswith(lex.prefix("unidentified"))
