"""Place-in-place relations the patterns cannot see because the place word is inside the name.

"Jamrud, Pakistan" / "KABUL, Afghanistan" (a comma before a country), "Lauder district, Abyan
province" and "Jamrud tehsil of Khyber district" (a comma, "of" or "in" before an admin area, or
after a settlement), "Largu (Djugu)" (a place in brackets after a place). Never inside a list ("Syria, Iraq and Yemen", "Idlib, Aleppo and Hama").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

import pycountry
from spacy.tokens import Doc

from orbat.keys import alias_key
from orbat.lexicon import Lexicon
from orbat.relations.units import Candidate, Unit, doc_text

_FIGHTING = frozenset({"fights", "rival_of"})
_MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})  # "Somalia's militants": not a belligerent
_LIST_AFTER = re.compile(r"^\s*(?:,|and\b|or\b)", re.I)


@cache
def _pycountry_keys() -> frozenset[str]:
    keys: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                keys.add(alias_key(value))
    return frozenset(keys)


def state_forces(doc: Doc, subj: Unit, obj: Unit, predicate: str, lex: Lexicon) -> tuple[Unit, Unit]:
    """A country fighting ("the war between Israel and Hamas") stands for its military forces."""
    if predicate not in _FIGHTING:
        return subj, obj
    return _military(doc, subj, lex), _military(doc, obj, lex)


def _military(doc: Doc, unit: Unit, lex: Lexicon) -> Unit:
    if unit.type != "LOCATION" or not is_country(unit, doc, lex) or doc[unit.root].dep_ in _MODIFIER_DEPS:
        return unit
    name = lex.template("military", country=country_name(unit.canonical, lex))
    known = next((m.entity_id for m in doc._.mentions if m.canonical == name), None)
    return replace(unit, type="ORG_ARMED", canonical=name, entity_id=known)


def country_name(name: str, lex: Lexicon) -> str:
    """ACLED-style country name: "US" -> "the United States", "Iraq" -> "Iraq"."""
    key = alias_key(re.sub(r"^the\s+", "", name, flags=re.I))
    full = lex.mapping("country_short_names").get(key, re.sub(r"^the\s+", "", name, flags=re.I))
    return lex.country_phrase(full)


def is_country(unit: Unit, doc: Doc, lex: Lexicon) -> bool:
    def known(key: str) -> bool:
        return key in _pycountry_keys() or key in lex.extra_country_keys

    return known(alias_key(unit.canonical)) or known(alias_key(doc_text(doc)[unit.start:unit.end]))


_ADMIN_END = re.compile(
    r"\b(?:province|district|governorate|region|state|county|prefecture|department|municipality|tehsil|"
    r"oblast|emirate|territory|countryside)$", re.I)
_SETTLEMENT_END = re.compile(
    r"\b(?:village|town|city|district|tehsil|sub-?district|camp|neighbou?rhood|area|base|prison|airport)$", re.I)
_SEPARATOR = re.compile(r"^(?:,|of|in|of the|in the|, in the|, in|\()$", re.I)


_NEXT_WORD = re.compile(r"^\s*([A-Za-z-]+)")
_COUNTRY_POSSESSIVE = re.compile(r"^\s?['\u2019]s?$")


def _with_next_word(doc: Doc, unit: Unit) -> str:
    """The unit's text and the word after it: "Soum" + "province" when the name left it out."""
    text = doc_text(doc)
    found = _NEXT_WORD.match(text[unit.end:unit.end + 30])
    return text[unit.start:unit.end] + (" " + found.group(1) if found else "")


def _place_pairs(doc: Doc, units: list[Unit], lex: Lexicon) -> Iterator[tuple[Unit, str, Unit]]:
    """Neighbouring places with the words between them; "A, in Cameroon's B region" also pairs A with B."""
    text = doc_text(doc)
    for k, (left, right) in enumerate(zip(units, units[1:], strict=False)):
        sep = " ".join(text[left.end:right.start].split())
        yield left, sep, right
        after = units[k + 2] if k + 2 < len(units) else None
        if (after is not None and is_country(right, doc, lex)
                and _COUNTRY_POSSESSIVE.match(text[right.end:after.start].strip() or "-")):
            yield left, sep, after


def place_candidates(doc: Doc, units: list[Unit], lex: Lexicon) -> Iterator[Candidate]:
    for left, sep, right in _place_pairs(doc, units, lex):
        if left.type != "LOCATION" or right.type != "LOCATION":
            continue
        if not _SEPARATOR.match(sep) or _LIST_AFTER.match(doc_text(doc)[right.end:right.end + 6]):
            continue
        left_text, right_text = doc_text(doc)[left.start:left.end], doc_text(doc)[right.start:right.end]
        admin = _ADMIN_END.search(right_text) or _ADMIN_END.search(_with_next_word(doc, right))
        if sep == "," and is_country(right, doc, lex) and not is_country(left, doc, lex):
            yield Candidate(left, "located_in", right, "pattern:place_comma_country")
        elif admin or (_SETTLEMENT_END.search(left_text) and sep == ",") or sep == "(":
            yield Candidate(left, "located_in", right, "pattern:place_of_admin_area")
