"""Arabic personal names and the word lists the entity recogniser uses.

An Arabic name is read left to right into its parts: titles/honorifics ("Sheikh", "Dr.",
"emir"; attributes, never part of the name), kunya ("Abu Sulayman", "Umm Hassan"), ism,
nasab ("bin Laden", "ibn Taymiyyah"), nisba ("al-Rusi" -> origin Russia) and laqab (any
other "al-X" epithet). ``arabic_canonical`` writes the article as "al-" ("Abu Sulayman al
Rusi" -> "Abu Sulayman al-Rusi").

``EntityRules`` is the lexicon (its entity_rules.yaml and names.yaml lists) plus nisbas.yaml,
built once with the pipeline's resources (``load_rules``).

Context cues for names the gazetteer does not know: ``person_context`` ("led by X", "X said"),
``place_context`` ("in X", "the town of X"), ``list_places`` ("in A, X and B"), ``spaced_dash``
(datelines), and ``glosses`` (a quoted translation after a group name takes its type).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii
from spacy.attrs import IS_TITLE
from spacy.tokens import Doc, Span, Token

from orbat.datafile import key_line, read_data
from orbat.errors import DataError
from orbat.lexicon import Lexicon, load_lexicon

DATA_DIR = Path(__file__).parent / "data"
_LIST_KEYS = (
    "group_keywords", "other_keywords", "non_entities", "state_military_phrases", "state_police_phrases",
    "state_government_phrases",
    "place_qualifiers", "place_qualifier_adjectives", "facility_words", "strong_other_keywords",
    "generic_units", "institution_heads", "role_words", "group_heads", "honorifics", "kunya_heads", "nasab_particles",
    "arabic_articles",
)


@dataclass(frozen=True)
class EntityRules:
    """The lexicon's word sets as the entity recogniser reads them (``rules.honorifics``), plus
    nisba -> origin (nisbas.yaml)."""

    lexicon: Lexicon
    nisbas: dict[str, str]

    def __getattr__(self, name: str) -> frozenset[str]:
        return getattr(self.__dict__["lexicon"], name)  # type: ignore[no-any-return]


def parse_rules(lexicon: Lexicon, nisbas_path: Path) -> EntityRules:
    """The entity rules over ``lexicon``; DataError names a missing list or a bad nisba line."""
    for key in _LIST_KEYS:
        if key not in lexicon.words:
            raise DataError("lexicon", f"entity rules need the word list {key!r}")
    nisbas = read_data(nisbas_path)
    if not isinstance(nisbas, dict):
        raise DataError(str(nisbas_path), "expected a mapping of nisba -> origin", 1)
    for key, value in nisbas.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise DataError(str(nisbas_path), f"{key}: expected 'nisba: origin' strings", key_line(nisbas_path, str(key)))
    return EntityRules(lexicon, {k.lower(): v for k, v in nisbas.items()})


def load_rules(lexicon: Lexicon | None = None) -> EntityRules:
    """The packaged rules (uncached: ``orbat.resources.load_resources`` holds the one copy)."""
    return parse_rules(lexicon if lexicon is not None else load_lexicon(), DATA_DIR / "nisbas.yaml")


@dataclass
class ArabicName:
    """The parts of a personal name; ``origin`` comes from a known nisba."""

    titles: list[str] = field(default_factory=list)
    kunya: str | None = None
    ism: str | None = None
    nasab: str | None = None
    nisba: str | None = None
    origin: str | None = None
    laqab: str | None = None

    def attrs(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {k: v for k, v in vars(self).items() if v and k != "titles"}
        if self.titles:
            out["titles"] = list(self.titles)
        return out


_SPLIT = re.compile(r"[\s]+")


def _fold(word: str) -> str:
    return anyascii(word).lower().replace("'", "").strip(".,")


def _article_word(rules: EntityRules) -> re.Pattern[str]:
    """An article glued to its noun by a hyphen or a space ("al-", "ash "); ``re`` caches the pattern."""
    return re.compile(r"^(?:" + "|".join(sorted(rules.arabic_articles)) + r")[-\s]+(?=\w)", re.I)


def _words(surface: str, rules: EntityRules) -> list[str]:
    """Words with the article glued to its noun: "al Rusi" / "al-Rusi" -> "al-Rusi"."""
    raw = [w for w in _SPLIT.split(surface.strip()) if w]
    out: list[str] = []
    i = 0
    while i < len(raw):
        w = raw[i]
        if _fold(w) in rules.arabic_articles and i + 1 < len(raw):
            out.append(f"al-{raw[i + 1]}")
            i += 2
            continue
        m = _article_word(rules).match(w)
        out.append(f"al-{w[m.end():]}" if m and "-" in w[: m.end()] else w)
        i += 1
    return out


def parse_arabic_name(surface: str, rules: EntityRules) -> ArabicName:
    """Split a name into titles, kunya, ism, nasab, nisba (with origin) and laqab."""
    words = _words(surface, rules)
    name = ArabicName()
    while words and _fold(words[0]) in rules.honorifics and len(words) > 1:
        name.titles.append(words.pop(0))
    i = 0
    if len(words) > i + 1 and _fold(words[i]) in rules.kunya_heads:
        name.kunya = f"{words[i]} {words[i + 1]}"
        i += 2
    rest: list[str] = []
    while i < len(words):
        w = words[i]
        if _fold(w) in rules.nasab_particles and i + 1 < len(words):
            name.nasab = f"{w} {words[i + 1]}"
            i += 2
            continue
        if w.lower().startswith("al-"):
            key = _fold(w[3:])
            if key in rules.nisbas and name.nisba is None:
                name.nisba, name.origin = w, rules.nisbas[key]
            elif name.laqab is None:
                name.laqab = w
            else:
                rest.append(w)
        else:
            rest.append(w)
        i += 1
    if rest:
        name.ism = " ".join(rest)
    return name


def arabic_canonical(surface: str, rules: EntityRules) -> str:
    """The name with titles dropped and the article written "al-": "Sheikh X al Y" -> "X al-Y"."""
    words = _words(surface, rules)
    while len(words) > 1 and _fold(words[0]) in rules.honorifics:
        if len(words) == 2 and _fold(words[0]) in rules.nom_de_guerre_titles:
            break  # "Qari Zubair", "Mullah Omar": the title is part of a one-word name
        words.pop(0)
    return " ".join(words)


def leading_titles(words: list[str], rules: EntityRules) -> int:
    """How many of the first words are titles/honorifics (never all of them)."""
    n = 0
    while n < len(words) - 1 and _fold(words[n]) in rules.honorifics:
        n += 1
    return n


def title_tokens(doc: Doc, start: int = 0) -> list[Token]:
    """The title-case tokens from ``start`` on, in order: one array read instead of a Token object
    made for every token of the Doc by the loops that only look at capitalised words."""
    flags = doc.to_array(IS_TITLE)
    return [doc[i] for i in range(start, len(doc)) if flags[i]]


def is_kunya_head(word: str, rules: EntityRules) -> bool:
    return _fold(word) in rules.kunya_heads


def _take_nisba(doc: Doc, end: int) -> int:
    """Extend a name over a following "al-Nisba" / "al Nisba"."""
    j = end
    if j < len(doc) and doc[j].lower_ in ("al", "el"):
        j += 1
        if j < len(doc) and doc[j].text == "-":
            j += 1
        if j < len(doc) and doc[j].is_title:
            return j + 1
    return end


def kunya_spans(doc: Doc, rules: EntityRules, is_place: Callable[[str], bool]) -> list[Span]:
    """PERSON spans for "Abu/Umm X (Y) (al-Nisba)", joined to an adjacent PERSON entity, titles cut
    off into ``span._.attrs["titles"]``. Place names ("Abu Dhabi", "Abu Kamal") are skipped."""
    spans = []
    for tok in title_tokens(doc):
        if not is_kunya_head(tok.text, rules):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 2 and doc[end].is_title and doc[end].is_alpha:
            end += 1
        if end == tok.i + 1:
            continue
        end = _take_nisba(doc, end)
        start = tok.i
        if is_place(doc[start:end].text):
            continue
        for ent in doc.ents:
            if ent.label_ == "PERSON" and (ent.start < tok.i < ent.end or ent.end == tok.i):
                start, end = min(ent.start, tok.i), max(ent.end, end)
        n = leading_titles([t.text for t in doc[start:end]], rules)
        while start + n < end and doc[start + n].text in ("'", '"', "the", "The"):
            n += 1
        span = Span(doc, start + n, end, label="PERSON")
        span._.attrs = {"titles": [t.text for t in doc[start:start + n] if t.is_alpha]} if n else None
        span._.rule = "kunya-pattern"
        spans.append(span)
    return spans


def group_name_spans(doc: Doc, rules: EntityRules) -> list[Span]:
    """ORG_ARMED spans for Arabic-style group names the model misses: a capitalised group head
    ("Liwa", "Jaysh", "Harakat", "Tehrik") followed by capitalised words and articles ("al-Quds")."""
    spans = []
    for tok in title_tokens(doc):
        if _fold(tok.text) not in rules.group_heads:
            continue
        end, last_title = tok.i + 1, None
        while end < len(doc) and end - tok.i <= 8:
            word = doc[end]
            if word.is_title or word.is_upper and len(word) > 1:
                last_title = end
            elif not (word.text == "-" or _fold(word.text) in rules.arabic_articles | {"wa", "wal", "i", "e"}):
                break
            end += 1
        if last_title is not None:
            span = Span(doc, tok.i, last_title + 1, label="ORG_ARMED")
            span._.rule = "group-name-pattern"
            spans.append(span)
    return spans


def person_context(span: Span, rules: EntityRules) -> bool:
    """"led by Jafar Dicko", "Jafar Dicko said": a two-word name the text treats as a person."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after == ",":
        after = doc[span.end + 1].lower_ if span.end + 1 < len(doc) else ""
    return len(span) >= 2 and all(t.is_title for t in span) and (
        before in rules.person_words_before or before in rules.honorifics or after in rules.person_words_after)


def place_context(span: Span, rules: EntityRules, strict: bool = False) -> bool:
    """"in Komanda", "near Ras Isa", "the town of Daynile": an unknown name the text treats as a place
    (not "in Hassan's view", nor a name followed by another capitalised word); ``strict`` (ORG names)
    leaves out "in"/"inside" ("a rift in Hamas")."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.text in ("'s", "'", "\u2019s") or after.is_title):
        return False
    if before == "of" and span.start >= 2 and doc[span.start - 2].lower_ in rules.place_name_nouns:
        return True
    near = rules.place_words_before
    return before in (near - {"in", "inside"} if strict else near) and len(span) <= 2


def spaced_dash(tok: Token) -> bool:
    """A dash with spaces on both sides ("NIGERIA - Fighters"): a dateline or aside, never inside a name."""
    return tok.text in ("-", "\u2013", "\u2014") and bool(tok.whitespace_) and tok.i > 0 \
        and bool(tok.doc[tok.i - 1].whitespace_)


def glosses(doc: Doc, spans: list[Span], rules: EntityRules) -> list[Span]:
    """A quoted or parenthesised capitalised phrase right after a group name is its gloss, same type."""
    out = list(spans)
    starts = {s.start: k for k, s in enumerate(spans)}
    for s in spans:
        if not s.label_.startswith("ORG"):
            continue
        i = s.end
        while i < len(doc) and i - s.end < 4 and (doc[i].lower_ in rules.gloss_words or doc[i].text in (",", "(")):
            i += 1
        if i >= len(doc) or doc[i].text not in ('"', "("):
            continue
        closer = '"' if doc[i].text == '"' else ")"
        j = i + 1
        while j < len(doc) and j - i <= 12 and doc[j].text != closer and doc[j].text != "\n":
            j += 1
        end = j - 1 if doc[j - 1].text in (",", ".") else j
        if j >= len(doc) or doc[j].text != closer or end - (i + 1) < 2 or not doc[i + 1].is_title:
            continue
        major = [t for t in doc[i + 1:end] if t.lower_ not in rules.minor_words]
        if sum(t.is_title or t.is_upper for t in major) < len(major) * 0.6:
            continue
        gloss = Span(doc, i + 1, end, label=s.label_)
        gloss._.rule = "gloss"
        k = starts.get(i + 1)
        if k is not None:
            out[k] = gloss
        elif all(o.end <= gloss.start or o.start >= gloss.end for o in out):
            out.append(gloss)
    return sorted(out, key=lambda x: x.start)


def list_places(spans: list[Span], rules: EntityRules) -> list[Span]:
    """"ports in Hodeidah, Ras Isa and Salif": a model PERSON (no title, no KB link) listed right
    after a place, in a list that starts after a place preposition, is a place too."""
    out = list(spans)
    for k in range(1, len(out)):
        s, prev = out[k], out[k - 1]
        doc = s.doc
        if s.label_ != "PERSON" or not (s._.rule or "").startswith("model:") or (s._.attrs or {}):
            continue
        if prev.label_ != "LOCATION" or s.start - prev.end != 1 or doc[prev.end].lower_ not in (",", "and", "or"):
            continue
        first = next((out[j] for j in range(k - 1, -1, -1) if j == 0 or out[j].start - out[j - 1].end != 1
                      or doc[out[j - 1].end].lower_ not in (",", "and", "or")), prev)
        if first.start and doc[first.start - 1].lower_ in rules.place_prepositions - {"and", "to", "of", "from"}:
            place = Span(doc, s.start, s.end, label="LOCATION")
            place._.rule = "model:listed-place"
            out[k] = place
    return out
