"""Keys and ids for names, below every layer (ingest, nlp, resolve, kb, geo, store, query import it).

``alias_key`` is the key used to compare names across spellings: casefolded, ASCII
(diacritics and Arabic-script transliterated by anyascii), apostrophes dropped, hyphens
and dashes as spaces, the Arabic article written one way ("al"), whitespace collapsed.
``loose_key`` is the fallback key. ``slug`` makes the URL-safe part of an id and
``minted_id`` is the one place an id is made for an entity the KB does not know.
"""

from __future__ import annotations

import re

from anyascii import anyascii

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bf\u02be`\u00b4]")
_DASHES = re.compile(r"[-\u2010-\u2015\u2212_/]")
_ARTICLE = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|at|az|an|adh|ath)\s+(?=\w)")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def alias_key(name: str) -> str:
    """Matching key for a name: "Hay’at Tahrir al-Sham" == "Hayat Tahrir al Sham".

    Assimilated Arabic articles (ash-, ad-, ar-) are written "al"; a leading "the" is dropped.
    """
    s = anyascii(name).casefold()
    s = _APOSTROPHES.sub("", s)
    s = _DASHES.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    s = _ARTICLE.sub("al ", s)
    if s.startswith("the "):
        s = s[4:]
    return s


def loose_key(name: str) -> str:
    """A looser key: also drops the Arabic article and doubled letters and final -h.

    "Al Nusrah Front" -> "nusra front"; "Jabhat al-Nusra" -> "jabhat nusra".
    Used only as a fallback after ``alias_key`` finds nothing.
    """
    s = alias_key(name)
    s = re.sub(r"\bal ", "", s)
    s = re.sub(r"(\w)\1", r"\1", s)
    s = re.sub(r"(?<=[aeiou])h\b", "", s)
    s = s.replace("qaida", "qaeda").replace("qaeda", "qaeda")
    return _SPACES.sub(" ", s).strip()


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """URL-safe slug of a name, via its alias key ("Hay'at Tahrir al-Sham" -> "hayat-tahrir-al-sham")."""
    return _SLUG.sub("-", alias_key(name)).strip("-") or "x"


def minted_id(entity_type: str, name: str) -> str:
    """The id of an entity the KB does not know: "new:<type>:<slug>" ("new:person:abu-sulayman-al-rusi")."""
    return f"new:{entity_type.lower()}:{slug(name)}"
