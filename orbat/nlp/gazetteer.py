"""Gazetteer matching: knowledge-base names found in a Doc, and the place oracle.

``KBMatcher`` compiles every KB surface once per process into two spaCy PhraseMatchers:
- a *loose* one over a normalised copy of the tokens (ASCII, lower case, apostrophes dropped,
  Arabic articles written "al", doubled letters single, final vowel+h dropped, Qa'ida/Qaida ->
  qaeda, hyphen and lone-apostrophe tokens skipped), so "Hay'at Tahrir al-Sham", "Hayat Tahrir
  al Sham" and "Hay`at Tahrir el-Sham" all hit one pattern;
- an *exact* one over ORTH for acronyms and case-sensitive aliases ("IS", "HTS", "KH").
A loose hit needs at least one capitalised token, so lower-case prose never matches.

``PlaceOracle`` wraps orbat.geo (is_place, place_canonical, demonym_country, country_of) and
degrades to "knows nothing" while that package is missing a function.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from anyascii import anyascii
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ENGLISH_ARTICLES = frozenset({"an", "as", "at"})
DESCRIPTOR = re.compile(r"^(?:led|backed|linked|affiliated|aligned|allied|supported|sponsored|funded|"
                         r"controlled|dominated|run|inspired|owned)$")
_SKIP = frozenset({"-", "'", "\u2013", "\u2014", "\u2010", "\u2011", '"'})
_APOS = re.compile(r"['\u2018\u2019\u02bc\u02bf\u02be`\u00b4]")
_DOUBLE = re.compile(r"(\w)\1")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")


class Named(Protocol):
    """What the matcher needs from a KB entity (orbat.kb.schema.KBEntity satisfies it)."""

    id: str
    type: str
    case_sensitive_aliases: list[str]


@lru_cache(maxsize=65536)
def token_norm(text: str, articles: frozenset[str]) -> str:
    """Loose key of one token; "" for tokens the matcher skips (hyphens, lone quotes); an Arabic
    article (the lexicon's ``arabic_articles``) becomes "al"."""
    if text in _SKIP or text in ("'s", "s'"):
        return ""
    s = _APOS.sub("", anyascii(text).lower())
    if not s:
        return ""
    if s in articles:
        return "al"
    if s in ("wal", "wel", "wa'l"):
        return "wa al"
    s = s.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    s = _DOUBLE.sub(r"\1", s)
    s = _FINAL_H.sub("", s)
    return "qaeda" if s in ("qaida", "qaeda", "qeda") else s


@dataclass(frozen=True)
class KBHit:
    """A KB name found at tokens [start, end); ``ids`` has more than one entry if ambiguous."""

    start: int
    end: int
    ids: tuple[str, ...]
    type: str
    exact: bool


def _is_exact_alias(surface: str, case_sensitive: Iterable[str]) -> bool:
    return surface in case_sensitive or bool(_ACRONYM.match(surface.replace(" ", "")))


_KEYS_FORMAT = 1  # bump when the pattern keys below change meaning: cached keys are then rebuilt


def _pattern_keys(tokenize: Callable[[str], Doc], names: Iterable[tuple[str, Named]], rules: Any) -> dict[str, Any]:
    """The matcher's patterns as plain data: loose keys and exact surfaces with their entity ids
    (in first-seen order), entity types, and which loose keys end capitalised in every alias."""
    types: dict[str, str] = {}
    capitalised: dict[str, bool] = {}
    loose: dict[str, list[str]] = {}
    exact: dict[str, list[str]] = {}
    for surface, entity in names:
        types[entity.id] = entity.type
        if _is_exact_alias(surface, entity.case_sensitive_aliases):
            exact.setdefault(surface, []).append(entity.id)
            continue
        for variant in _variants(surface, entity.type):
            words = " ".join(token_norm(t.text, rules.arabic_articles) for t in tokenize(variant)).split()
            if words:
                key = " ".join(words)
                loose.setdefault(key, []).append(entity.id)
                last = variant.split()[-1]
                capitalised[f"L:{key}"] = capitalised.get(f"L:{key}", True) and last[:1].isupper()
    return {"loose": list(loose.items()), "exact": list(exact.items()), "types": types, "capitalised": capitalised}


def _cached_pattern_keys(tokenize: Callable[[str], Doc], names: list[tuple[str, Named]], rules: Any,
                         cache_dir: Path, model: str) -> dict[str, Any]:
    """``_pattern_keys``, kept as JSON in ``cache_dir`` under a digest of everything they are made
    from: the names, ids, types and exact aliases, the Arabic articles, the tokenizer's model and
    this module's code (tokenizing every alias is most of a cold start's matcher build)."""
    digest = hashlib.sha1(f"format {_KEYS_FORMAT}; {model}; anyascii {metadata.version('anyascii')}".encode())
    digest.update(Path(__file__).read_bytes())
    digest.update(json.dumps(sorted(rules.arabic_articles)).encode())
    for surface, entity in names:
        digest.update(json.dumps([surface, entity.id, entity.type, list(entity.case_sensitive_aliases)]).encode())
    path = cache_dir / f"kb-patterns-{digest.hexdigest()[:16]}.json"
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    keys = _pattern_keys(tokenize, names, rules)
    try:  # best effort, atomic: a read-only or shared cache directory only costs the rebuild
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cache_dir, suffix=".tmp", delete=False, encoding="utf-8") as tmp:
            json.dump(keys, tmp, ensure_ascii=False)
        os.replace(tmp.name, path)
    except OSError:
        pass
    return keys


class KBMatcher:
    """Finds KB names in a Doc (built once per process from ``kb.names()``; the pattern keys are
    read from ``cache_dir`` when given and built there before)."""

    def __init__(self, vocab: Vocab, tokenize: Callable[[str], Doc], names: Iterable[tuple[str, Named]],
                 rules: Any, cache_dir: Path | None = None, model: str = "") -> None:
        self.vocab = vocab
        self.rules = rules  # orbat.nlp.names.EntityRules: arabic_articles, group_name_tails
        self._loose = PhraseMatcher(vocab, attr="ORTH")
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._ids: dict[str, list[str]] = {}
        keys = (_cached_pattern_keys(tokenize, list(names), rules, cache_dir, model) if cache_dir is not None
                else _pattern_keys(tokenize, names, rules))
        self._types: dict[str, str] = keys["types"]
        self._capitalised: dict[str, bool] = keys["capitalised"]  # pattern key -> every alias with it ends capitalised
        for key, ids in keys["loose"]:
            self._add(self._loose, f"L:{key}", ids, Doc(vocab, words=key.split(" ")))
        for key, ids in keys["exact"]:
            self._add(self._exact, f"E:{key}", ids, tokenize(key))

    def _add(self, matcher: PhraseMatcher, key: str, ids: list[str], pattern: Doc) -> None:
        self._ids[key] = list(dict.fromkeys(ids))
        matcher.add(key, [pattern])

    def find(self, doc: Doc) -> list[KBHit]:
        """Non-overlapping hits, longest first; a hit grows to include a preceding "al-"."""
        index: list[int] = []
        words: list[str] = []
        for i, t in enumerate(doc):
            norm = token_norm(t.text, self.rules.arabic_articles)
            if t.lower_ in _ENGLISH_ARTICLES and (i + 1 == len(doc) or doc[i + 1].text != "-"):
                norm = t.lower_  # "as", "an", "at" are English unless hyphenated ("ash-Sham")
            for word in norm.split():
                index.append(i)
                words.append(word)
        hits: list[KBHit] = []
        for match_id, s, e in self._loose(Doc(self.vocab, words=words)) if words else []:
            start, end = index[s], index[e - 1] + 1
            if all(t.is_lower or not t.is_alpha for t in doc[start:end]):
                continue
            if doc[end - 2].lower_ in ("'s", "\u2019s") and end - start > 2:
                continue  # "the Islamic State's Sahel branch" names the Islamic State (but "IS's Khorasan Province")
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ == "anti" and e - s > 1:
                continue  # "anti-Assad forces" are not the Assad forces (but "anti-ISIS" names ISIS)
            if self._capitalised.get(self.vocab.strings[match_id]) and doc[end - 1].is_lower:
                continue  # "an Islamic emirate" is not the "Islamic Emirate"
            if doc[start].lower_ == "the" and end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                continue  # "the National Salvation Front" is no "The National", "the Hindu Kush" no "The Hindu"
            hit = self._hit(doc, match_id, start, end, exact=False)
            if any(not t.is_lower and t.is_alpha for t in doc[hit.start:hit.end]):
                hits.append(hit)
        for match_id, start, end in self._exact(doc):
            hits.append(self._hit(doc, match_id, start, end, exact=True))
        return _non_overlapping(hits)

    def _hit(self, doc: Doc, match_id: int, start: int, end: int, exact: bool) -> KBHit:
        ids = tuple(self._ids[self.vocab.strings[match_id]])
        start, end = trim_descriptors(doc, start, end, self.rules.group_name_tails)
        if start >= 1 and not exact and token_norm(doc[start].text, self.rules.arabic_articles) != "al":
            j = start - 1
            if j >= 1 and doc[j].text == "-":
                j -= 1
            if doc[j].lower_ in ("al", "el"):
                start = j
        return KBHit(start, end, ids, self._types[ids[0]], exact)


def trim_descriptors(doc: Doc, start: int, end: int, tails: frozenset[str]) -> tuple[int, int]:
    """Drop "Kurdish-led" / "Iran-backed" in front and lower-case words ("group") at the end."""
    if end - start > 3 and doc[start + 1].text == "-" and DESCRIPTOR.match(doc[start + 2].lower_):
        start += 3
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    while end - start > 1 and doc[end - 1].lower_ in tails:
        end -= 1
    return start, end


def _variants(surface: str, type_: str) -> list[str]:
    """The surface, without a trailing "(qualifier)", and for armed groups and people named
    "al-X ..." the name without its article (not for media: "Al-Monitor" is not "Monitor")."""
    out = [surface]
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", surface)  # "Ahl al-Sunnah wal-Jama'ah (Mozambique)"
    if bare != surface and len(bare) > 3:
        out.append(bare)
    m = re.match(r"^(?:al|el|Al|El|AL)[-\s]+(?=\w)", surface)
    if m and type_ != "ORG_OTHER" and len(surface[m.end():]) > 3:
        out.append(surface[m.end():])
    return out


def _non_overlapping(hits: list[KBHit]) -> list[KBHit]:
    chosen: list[KBHit] = []
    taken: set[int] = set()
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, not h.exact)):
        if taken.isdisjoint(range(hit.start, hit.end)):
            chosen.append(hit)
            taken.update(range(hit.start, hit.end))
    return sorted(chosen, key=lambda h: h.start)


class PlaceOracle:
    """Place knowledge for the entity stages, memoised per component (names repeat a lot).

    ``PlaceOracle.of(gazetteer)`` answers from the pipeline's gazetteer; tests pass a dict of
    stand-in functions. A function that is not given knows nothing.
    """

    def __init__(self, functions: dict[str, Callable[..., Any]]) -> None:
        self._fn = {name: lru_cache(maxsize=50_000)(fn) for name, fn in functions.items()}

    @classmethod
    def of(cls, gazetteer: Any) -> PlaceOracle:
        """The oracle over a ``Gazetteer`` (orbat.geo.gazetteer) or anything with its methods."""
        names = ("is_place", "place_canonical", "demonym_country", "country_of", "iso2_of", "country_hint",
                 "place_kind")
        return cls({name: getattr(gazetteer, name) for name in names if callable(getattr(gazetteer, name, None))})

    def is_place(self, surface: str, strict: bool = False) -> bool:
        """Known place; ``strict`` only counts curated places and countries (not every GeoNames town)."""
        fn = self._fn.get("is_place")
        return bool(fn(surface, strict)) if fn else False

    def canonical(self, surface: str, context: Sequence[str] = ()) -> str | None:
        fn = self._fn.get("place_canonical")
        return fn(surface, tuple(context)) if fn else None

    def demonym_country(self, word: str) -> str | None:
        fn = self._fn.get("demonym_country")
        return fn(word) if fn else None

    def country_named(self, name: str) -> str | None:
        """The country when ``name`` is a country's name or alias ("Syria", "U.S."), else None."""
        fn = self._fn.get("iso2_of")
        if fn is not None:
            return self.country_of(name) if fn(name) else None
        return _pycountry_name(name)

    def iso2(self, name: str) -> str | None:
        """ISO2 code of a country name, alias or code ("Pakistan" -> "PK"); None otherwise."""
        fn = self._fn.get("iso2_of")
        return fn(name) if fn else None

    def place_kind(self, name: str) -> str | None:
        """Kind of the best place for a name ("city", "admin1", ...); None when unknown."""
        fn = self._fn.get("place_kind")
        return fn(name) if fn else None

    def country_hint(self, name: str) -> str | None:
        """ISO2 of a place name that can only be in one country ("Macomia" -> "MZ"); None otherwise."""
        fn = self._fn.get("country_hint")
        return fn(name) if fn else None

    def country_of(self, name: str) -> str | None:
        fn = self._fn.get("country_of")
        return fn(name) if fn else _pycountry_name(name)


def _pycountry_name(name: str) -> str | None:
    """Fallback while orbat.geo has no country_of: exact country names only."""
    import pycountry

    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return str(getattr(country, "common_name", None) or country.name) if len(name) > 3 else None


_SUBNATIONAL = frozenset({"admin1", "admin2", "region"})
# (entity rules list, label, lexicon template, rule)
_FORCE_KIND = (("state_military_phrases", "ORG_ARMED", "military", "state-force"),
               ("state_police_phrases", "ORG_ARMED", "police", "state-force"),
               ("state_government_phrases", "ORG_OTHER", "government", "government"))


class StateForceFinder:
    """"<nationality|country>('s) <army|forces|troops|police|government>" spans, canonical set."""

    def __init__(self, rules: Any, places: PlaceOracle) -> None:
        self.rules = rules
        self.places = places
        self._nouns: list[tuple[tuple[str, ...], str, str, str]] = []
        for key, label, template, rule in _FORCE_KIND:
            for noun in getattr(rules, key):
                self._nouns.append((tuple(noun.split()), label, template, rule))
        self._nouns.sort(key=lambda n: -len(n[0]))
        self._heads = frozenset(n[0][0] for n in self._nouns)

    def find(self, doc: Doc) -> list[Any]:
        from spacy.tokens import Span

        spans = []
        lowers = [t.lower_ for t in doc]
        for j in range(1, len(doc)):
            if lowers[j] not in self._heads:
                continue
            for noun, label, template, rule in self._nouns:
                if tuple(lowers[j:j + len(noun)]) != noun:
                    continue
                found = self._country_before(doc, j, any_place=rule == "government")
                if found is None:
                    continue
                start, country, how = found
                if start > 0 and doc[start - 1].is_title and not doc[start - 1].is_sent_start:
                    break  # "Free Syrian Army": a named group, not a state force
                span = Span(doc, start, j + len(noun), label=label)
                lex = self.rules.lexicon
                span._.canonical = lex.template(template, country=lex.country_phrase(country)) if country else None
                span._.rule = f"{rule}:{how}"
                spans.append(span)
                break
        return spans

    def _country_before(self, doc: Doc, j: int, any_place: bool) -> tuple[int, str, str] | None:
        """The country named just before token j: a demonym, a country name, or (for governments,
        "the Bamako government") any place, by its country."""
        k = j
        if k > 0 and doc[k - 1].text in ("'s", "'"):
            k -= 1
        for width in (3, 2, 1):
            start = k - width
            if start < 0:
                continue
            words = doc[start:k]
            if not words[0].text[:1].isupper():
                continue
            text = words.text
            country = self.places.demonym_country(text)
            if country:
                return start, country, "demonym"
            country = self.places.country_named(text)
            if country:
                return start, country, "country"
            if not any_place or (words[0].ent_type_ != "GPE" and not self.places.is_place(text, True)):
                continue
            if self.places.place_kind(text) in _SUBNATIONAL:
                return start + (words[0].lower_ == "the"), "", "provincial"  # not Pakistan's government
            country = self.places.country_of(text)
            if country:
                return start, country, "capital"
        return None


def untagged_places(doc: Doc, places: PlaceOracle, rules: Any) -> list[Any]:
    """"the towns of Afrin, Jindires and Maabatli": capitalised words the model left untagged
    that the curated gazetteer knows, after a place preposition or inside a list."""
    from spacy.tokens import Span

    spans = []
    for tok in doc[1:]:
        if tok.ent_type_ or not tok.is_title or tok.is_sent_start or doc[tok.i - 1].ent_iob_ == "B":
            continue
        if doc[tok.i - 1].lower_ not in rules.place_prepositions and doc[tok.i - 1].text != ",":
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < 3 and doc[end].is_title and not doc[end].ent_type_:
            end += 1
        for stop in range(end, tok.i, -1):
            span = Span(doc, tok.i, stop, label="LOCATION")
            if span.text.lower() not in rules.non_entities and places.is_place(span.text, True):
                span._.rule = "gazetteer-place"
                spans.append(span)
                break
    return spans


def initials_start(doc: Doc, end: int, acronym: str, minor: frozenset[str]) -> int | None:
    """Start of the capitalised phrase ending before ``end`` whose initials spell ``acronym``."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    i, k = end - 1, len(letters) - 1
    while i >= 0 and k >= 0 and end - i <= 14:
        tok = doc[i]
        if tok.is_title or tok.is_upper:
            if tok.text[0].upper() != letters[k]:
                return None
            k -= 1
            if k < 0:
                return i
        elif tok.lower_ not in minor and tok.text != "-":
            return None
        i -= 1
    return None
