"""Who says so: certainty, the claimant, and denials, from the sentence around a trigger.

- claimed: the actor's own statement ("HTS says", "announced", "IS claimed", "claimed
  responsibility", "said in a statement"), or any armed group speaking about the event;
- alleged: third-party blame ("accused", "allegedly", "supposedly", "blamed"); a denial gives
  modality "denied" and certainty alleged;
- reported: attributed to others ("officials said", "according to", "reported", "told");
- asserted: the author states it.
``claimed_by`` is the speaker (canonical) when one is named.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from orbat.events.spans import doc_ents
from orbat.lexicon import Lexicon
from orbat.resolve.coref import antecedent

_ARMED = "ORG_ARMED"


@dataclass(frozen=True)
class Attribution:
    certainty: str  # asserted | claimed | alleged | reported
    claimed_by: str | None = None
    denied: bool = False
    rule: str = "asserted: stated by the author"
    armed_source: bool = False  # the source of a report is an armed group (a party, not a monitor)


def _speaker(verb: Token, name_of: Callable[[Token], str | None], lex: Lexicon) -> tuple[str | None, Span | None]:
    """The canonical name and span of a speech verb's subject ("claimed by X": X)."""
    for child in verb.children:
        if child.dep_ == "agent":
            for g in child.children:
                return name_of(g), _ent_in(g)
    for child in verb.children:
        if child.dep_ == "nsubj":
            name = name_of(child)
            if name is None:  # "the group said": the named group the description refers to
                described = antecedent(child.doc, child.doc[child.left_edge.i:child.i + 1], lex)
                if described is not None:
                    return described.canonical, None
            return name, _ent_in(child)
    return None, None


def _ent_in(token: Token) -> Span | None:
    doc = token.doc
    for ent in doc_ents(doc):
        if token.left_edge.i <= ent.root.i <= token.right_edge.i:
            return ent
    return None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ in {"nsubj", "nsubjpass"} and any(d.lower_ in {"no", "none"} for d in c.subtree)
        for c in verb.children)


def _according_to(sentence: Span, name_of: Callable[[Token], str | None]) -> tuple[bool, str | None]:
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for pobj in tok.doc[tok.i + 1].children:
                return True, name_of(pobj)
            return True, None
    return False, None


def governs(verb: Token, trigger: Token) -> bool:
    """The verb governs the trigger's clause ("X said [the attack ...]"), or hangs off it
    as a parenthetical ("[the attack ...], police said")."""
    ancestors = set(trigger.ancestors)
    if verb in ancestors:
        return True
    return verb.dep_ in {"parataxis", "advcl", "conj"} and (verb.head.i == trigger.i or verb.head in ancestors)


def attribute(trigger: Token, sentence: Span, actor1: str | None,
              name_of: Callable[[Token], str | None], lex: Lexicon) -> Attribution:
    """The certainty of the event triggered by ``trigger`` in ``sentence``."""
    lowers = {t.lower_ for t in sentence}
    verbs = [t for t in sentence if t.pos_ in {"VERB", "AUX"} and t.i != trigger.i and governs(t, trigger)]
    for v in verbs:
        if v.lemma_.lower() in lex.deny_verbs:
            name, _ = _speaker(v, name_of, lex)
            return Attribution("alleged", name, True, f"alleged: denial ({v.text})")
    if lowers & lex.allege_adverbs:
        return Attribution("alleged", None, False, "alleged: adverb")
    for v in verbs:
        if v.lemma_.lower() in lex.allege_verbs:
            name, _ = _speaker(v, name_of, lex)
            return Attribution("alleged", name, False, f"alleged: third-party blame ({v.text})")
    claim = next((t for t in sentence if t.lemma_.lower() == "claim"), None)
    if claim is not None and _negated(claim):
        claim = None  # "no group has claimed responsibility"
    if "responsibility" in lowers and claim is not None:
        name = _speaker(claim, name_of, lex)[0] if claim is not None else None
        return Attribution("claimed", name or actor1, False, "claimed: claimed responsibility")
    for v in verbs:
        if v.lemma_.lower() not in lex.speech_verbs:
            continue
        name, span = _speaker(v, name_of, lex)
        own = name is not None and actor1 is not None and name == actor1
        armed = span is not None and span.label_ == _ARMED
        if v.lemma_.lower() in lex.claim_verbs and (own or armed or name is None):
            return Attribution("claimed", name or actor1, False, f"claimed: {v.text} by the actor")
        if own or (armed and v.lemma_.lower() in lex.claim_verbs):
            return Attribution("claimed", name, False, f"claimed: the actor {v.text}")
        if v.i != trigger.i:
            return Attribution("reported", name, False, f"reported: {v.text} by a source", armed)
    found, source = _according_to(sentence, name_of)
    if found:
        return Attribution("reported", source, False, "reported: according to")
    if lowers & lex.report_adverbs:
        return Attribution("reported", None, False, "reported: reportedly")
    return Attribution("asserted")
