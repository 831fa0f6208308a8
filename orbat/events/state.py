"""The state side of an arrest: police, authorities, intelligence or soldiers named by a
common noun become ACLED's "Police Forces of <Country>" / "Military Forces of <Country>"."""

from __future__ import annotations

from spacy.tokens import Token

from orbat.events.arguments import ActorNamer, _prep_objects, _subject, reporter_token


def state_party(token: Token, namer: ActorNamer) -> str | None:
    """The state side a phrase names, for arrests: a named party, else "police / authorities /
    intelligence" -> Police Forces of <Country>, "soldiers / security forces" -> Military Forces
    of <Country> (the country of the phrase, else the article's)."""
    if token.pos_ == "PRON":
        speaker = reporter_token(token, namer.lexicon)
        if speaker is None:
            return None
        token = speaker
    name = namer.name(token)
    if name is not None:
        return name
    country = namer._country_of(token) or namer.country
    words = {token.lemma_.lower(), token.lower_} | {c.lower_ for c in token.children if c.dep_ in {"compound", "amod"}}
    if not country:
        return None
    lex = namer.lexicon
    if words & (lex.police_nouns | lex.arresting_authority_nouns):
        return namer.party("police", country)
    if words & (lex.force_nouns | lex.arresting_force_nouns):
        return namer.party("military", country)
    return None


def arresting_side(trigger: Token, namer: ActorNamer) -> tuple[str | None, Token | None]:
    """(actor1, its token) of an arrest: the subject, or the "by" agent of a passive; never the
    people arrested. None when the text names no one (the caller falls back to the police)."""
    tok: Token | None
    if trigger.pos_ in {"VERB", "AUX"}:
        subj, passive = _subject(trigger)
        agents = _prep_objects(trigger, {"by"})
        tok = (agents[0] if agents else None) if passive else subj
    else:
        mods = [c for c in trigger.children if c.dep_ in {"poss", "compound", "amod", "nmod"}]
        found = _prep_objects(trigger, {"by"}) or mods
        tok = found[0] if found else None
    if tok is None:
        return None, None
    return state_party(tok, namer), tok
