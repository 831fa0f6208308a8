"""Follow-up sentences of one incident: "At least seven civilians were killed", "The attackers
looted shops" after an attack add to that attack instead of becoming events of their own."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from orbat.events.places import Located
from orbat.lexicon import Lexicon
from orbat.model import Event

_NEAR = 600  # characters between the event's sentence and the follow-up (the same or the next paragraph)


def _attack_like(type_: str) -> bool:
    return type_.startswith(("Battles/", "Explosions/", "Violence against civilians/",
                             "Strategic developments/Looting"))


def _agentless_passive(token: Token) -> bool:
    """"were killed" with no "by" agent."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children)
    agent = any(c.dep_ == "agent" for c in token.children)
    return token.pos_ == "VERB" and passive and not agent


def _anaphoric_agent(token: Token, lex: Lexicon) -> bool:
    """The subject is "the attackers", "they", "the insurgents": the party of the last attack."""
    verb = token
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children) and verb.head.i != verb.i:
        verb = verb.head  # "looted shops and burned homes": the subject of the first verb
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.ent_type_:
        return False
    if subj.lower_ == "they":
        return True
    return subj.lemma_.lower() in lex.follow_up_agents and any(
        c.dep_ == "det" and c.lower_ in lex.definite_determiners for c in subj.children)


def follow_up(token: Token, sent: Span, last: Event, local: Sequence[Located], lex: Lexicon) -> bool:
    """The trigger's sentence tells more of ``last`` (an attack just reported): an agentless
    passive or an anaphoric agent, no date of its own (the caller checks), nothing marking a new
    incident, and no other specific place in the trigger's clause."""
    if not _attack_like(last.type) or not 0 <= sent.start_char - last.evidence.end < _NEAR:
        return False
    if not (_agentless_passive(token) or _anaphoric_agent(token, lex)):
        return False
    if {t.lower_ for t in sent} & lex.new_incident_words:
        return False
    own = _own_clause(token)
    return not any(p.precision < 3 and p.span is not None and p.span.root.i in own
                   and p.name != last.location for p in local)


def _own_clause(token: Token) -> set[int]:
    """Token ids of the trigger's clause, without coordinated clauses that have their own
    subject ("..., and residents fled to X")."""
    other = {t.i for c in token.children if c.dep_ == "conj" and any(g.dep_.startswith("nsubj") for g in c.children)
             for t in c.subtree}
    return {t.i for t in token.subtree} - other
