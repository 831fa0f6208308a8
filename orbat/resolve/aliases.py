"""In-document alias discovery: which entity spans of one article name the same thing.

Each finding is an ``AliasLink(a, b, rule)`` between indices of ``doc.ents``:
- "acronym-definition": "Long Name (LN)", "Long Name (... or LN)";
- "acronym-initials": an acronym whose letters are the initials of a named group in the article;
- "gloss": a translation in quotes or parentheses right after a name (the recogniser types it);
- "also-known-as": "also known as", "aka", "known as", "or simply", "better known as";
- "short-name": "Muhaysini" / "Baghdadi" -> the full personal name in the same article;
- "short-org-name": "Amaq" / "the Brotherhood" -> "Amaq News Agency" / "Muslim Brotherhood": the first
  or last words of a longer organisation name of the article, when the short form is no KB entity
  ("Islamic State" is not "Islamic State West Africa Province"; the resolver applies this one).
Renamings ("rebranded itself as", "formerly known as", "renamed", "changed its name to") are
NOT aliases: they are returned as ``Renaming(old, new, phrase)`` for the relations stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from orbat.keys import alias_key
from orbat.lexicon import Lexicon

_SAME = re.compile(r"^(?:,|\()?\s*(?:also|better|otherwise|commonly|previously known)?\s*"
                   r"(?:known as|called|aka|a\.k\.a\.?|or simply|or|meaning|which means|translated as)\s*"
                   r"(?:the\s*)?[\"']?$")
_RENAMED = re.compile(r"^(?:,|\()?\s*(?:which|who|that)?\s*(?:formerly known as|formerly called|formerly|"
                      r"previously|then called|(?:has |had |later |then |subsequently )?"
                      r"(?:rebranded|renamed)(?: itself)?(?: as| to)?|"
                      r"(?:has |had |later |then )?changed its name to|became)\s*(?:the\s*)?[\"']?$")
_FORMERLY = re.compile(r"formerly|previously|then called")


@dataclass(frozen=True)
class AliasLink:
    a: int
    b: int
    rule: str


@dataclass(frozen=True)
class Renaming:
    """``old`` was renamed ``new`` (indices into doc.ents); ``phrase`` is the cue in the text."""

    old: int
    new: int
    phrase: str


def _between(doc: Doc, a: Span, b: Span) -> str:
    return " ".join(doc[a.end:b.start].text.split()).lower()


def _acronym_of(long: Span, minor: frozenset[str]) -> set[str]:
    words = [t.text for t in long if t.is_alpha]
    major = [w for w in words if w.lower() not in minor]
    with_al = [w for w in words if w.lower() not in minor - {"al"}]
    out = {"".join(w[0] for w in major).upper(), "".join(w[0] for w in with_al).upper()}
    return {a for a in out if len(a) >= 2}


def _is_acronym(span: Span) -> bool:
    text = span.text.replace(".", "")
    return len(span) == 1 and 2 <= len(text) <= 8 and text[:1].isupper() and sum(c.isupper() for c in text) >= 2


def find_links(doc: Doc, lex: Lexicon) -> tuple[list[AliasLink], list[Renaming]]:
    ents = list(doc.ents)
    links: list[AliasLink] = []
    renamings: list[Renaming] = []
    for i, a in enumerate(ents):
        for j in range(i + 1, min(i + 3, len(ents))):
            b = ents[j]
            if b.start - a.end > 8 or a.label_ == "LOCATION" or b.label_ == "LOCATION":
                break
            gap = _between(doc, a, b)
            if _RENAMED.match(gap):
                old, new = (j, i) if _FORMERLY.search(gap) else (i, j)
                renamings.append(Renaming(old, new, gap.strip(" ,(\"'")))
            elif gap.startswith("(") and _is_acronym(b) and (gap == "(" or doc[b.end:b.end + 1].text == ")"):
                links.append(AliasLink(i, j, "acronym-definition"))
            elif b._.rule == "gloss" and j == i + 1:
                links.append(AliasLink(i, j, "gloss"))
            elif _SAME.match(gap) and gap not in ("", "or", ", or") and a.label_ == b.label_:
                links.append(AliasLink(i, j, "also-known-as"))
    links += _initials(ents, lex) + _short_names(ents)
    return links, renamings


def _initials(ents: list[Span], lex: Lexicon) -> list[AliasLink]:
    minor = lex.minor_words | lex.alias_particles
    longs = [(i, _acronym_of(e, minor)) for i, e in enumerate(ents) if e.label_.startswith("ORG") and len(e) >= 3]
    out = []
    for j, e in enumerate(ents):
        if not (e.label_.startswith("ORG") and _is_acronym(e)):
            continue
        key = e.text.replace(".", "").upper()
        for i, acronyms in longs:
            if key in acronyms:
                out.append(AliasLink(i, j, "acronym-initials"))
                break
    return out


def _name_tail(span: Span) -> str:
    last = span[-1].text
    return alias_key(last)


def _short_names(ents: list[Span]) -> list[AliasLink]:
    """A one-word PERSON (or "al-X") that is the last name or nisba of a longer PERSON."""
    full = [(i, e) for i, e in enumerate(ents) if e.label_ == "PERSON" and len([t for t in e if t.is_alpha]) >= 2]
    out = []
    for j, e in enumerate(ents):
        words = [t for t in e if t.is_alpha and t.lower_ not in ("al", "el")]
        if len(words) != 1:
            continue
        key = alias_key(words[0].text)
        matches = [i for i, f in full if i != j and _name_tail(f) == key and len(key) > 3]
        before = [i for i in matches if i < j]
        if matches:
            out.append(AliasLink(before[-1] if before else matches[0], j, "short-name"))
    return out


_APPOSITION_DETS = frozenset({"a", "an", "the"})


def apposition(ent: Span) -> dict[str, str]:
    """", an al-Qaeda-linked Saudi cleric," after a PERSON: kept as ``{"apposition": ...}``."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.end + 2 >= len(doc) or doc[ent.end].text != ",":
        return {}
    if doc[ent.end + 1].lower_ not in _APPOSITION_DETS:
        return {}
    end = ent.end + 2
    while end < len(doc) and end - ent.end <= 14 and doc[end].text not in (",", ".", ";", "\n") \
            and not (doc[end].pos_ in ("VERB", "AUX") and doc[end].tag_ != "VBN"):
        end += 1
    if end - ent.end > 14 or end >= len(doc):
        return {}
    if doc[end].text == "," and end + 1 < len(doc) and doc[end + 1].pos_ == "ADJ":  # "an X-linked, Saudi cleric"
        end += 2
        while end < len(doc) and end - ent.end <= 14 and doc[end].text not in (",", ".", ";"):
            end += 1
    text = doc[ent.end + 1:end].text.strip()
    return {"apposition": text} if len(text.split()) >= 2 else {}


def short_org_names(ents: list[Span], in_kb: list[bool]) -> list[AliasLink]:
    """An organisation mention whose words begin or end a longer organisation name of the article
    names that organisation, unless the KB knows the short form as an entity of its own."""
    names = [[t.text for t in e if not t.is_punct and t.lower_ != "the"] for e in ents]
    out = []
    for j, short in enumerate(ents):
        words = names[j]
        if not short.label_.startswith("ORG") or in_kb[j] or not words or not words[0][:1].isupper():
            continue
        for i, long in enumerate(ents):
            other = names[i]
            if i == j or not long.label_.startswith("ORG") or len(other) <= len(words):
                continue
            if other[:len(words)] == words or other[-len(words):] == words:
                out.append(AliasLink(i, j, "short-org-name"))
                break
    return out
