"""Entity recognition (orbat_entities): the model's entities repaired and completed.

Candidate spans, most trusted first (a trusted span wins an overlap, then the longer one): KB
names (``KBMatcher``); state forces and governments (``StateForceFinder``: "Kenya's army" ->
"Military Forces of Kenya"); kunya names; acronym long forms and the model's entities, repaired
(trimmed, retyped, titles moved to ``span._.attrs["titles"]``, NORP/demonyms/platforms dropped);
curated places the model missed. Then: acronyms take their long form's type, quoted glosses
after a group take its type, each surface gets one type per document (missed occurrences added),
place qualifiers and group keywords that follow a name join it. See docs/entities.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from orbat.errors import ModelError
from orbat.kb.loader import KnowledgeBase
from orbat.nlp import names
from orbat.nlp.gazetteer import (
    KBMatcher,
    PlaceOracle,
    StateForceFinder,
    initials_start,
    trim_descriptors,
    untagged_places,
)
from orbat.nlp.names import (
    EntityRules,
    glosses,
    is_kunya_head,
    leading_titles,
    list_places,
    load_rules,
    person_context,
    place_context,
    spaced_dash,
)
from orbat.resources import Resources

log = logging.getLogger(__name__)

_MODEL_LABELS = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "ORG", "NORP": "NORP",
                 # the corpus-trained ner (orbat.learned.ner) labels with orbat's own types
                 "ORG_ARMED": "ORG", "ORG_OTHER": "ORG", "LOCATION": "LOCATION"}
_LEARNED_ORG = frozenset({"ORG_ARMED", "ORG_OTHER"})
_TRIM_START = frozenset({'"', "'", "pro", "-", "(", "[", "a", "an"})
_TRIM_END = frozenset({"'s", "'", '"', "s'", ",", ".", ")", "]", "-", ":", ";"})
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ist")
_TRUST = {"kb": 0, "state": 1, "kunya": 2, "acronym": 3, "model": 4, "propagated": 5}


@Language.factory("orbat_entities", requires=["doc.ents"], assigns=["doc.ents"])
def make_entities(nlp: Language, name: str) -> EntityRecognizer:
    return EntityRecognizer(nlp)


class EntityRecognizer:
    """The orbat_entities component; its KB, places and rules come from ``initialize`` (the
    pipeline's ``Resources``) or ``configure`` (tests)."""

    def __init__(self, nlp: Language, resources: Resources | None = None) -> None:
        self.nlp = nlp
        self._ready = False
        self.cache_dir: Path | None = None  # where the KB pattern keys are kept (None: built every time)
        if resources is not None:
            self.initialize(resources=resources)

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   resources: Resources) -> None:
        self.rules = resources.entity_rules
        self.cache_dir = resources.cache_dir
        self.configure(resources.kb, PlaceOracle.of(resources.gazetteer))

    def configure(self, kb: KnowledgeBase | None, places: PlaceOracle, rules: EntityRules | None = None) -> None:
        """Use this knowledge base (None: none), place oracle and rules; patterns are rebuilt on next use."""
        if rules is not None:
            self.rules = rules
        elif not hasattr(self, "rules"):
            self.rules = load_rules()
        self.kb = kb
        self._matcher: KBMatcher | None = None
        self.places = places
        self._state = StateForceFinder(self.rules, self.places)
        self._ready = True

    @property
    def matcher(self) -> KBMatcher | None:
        if self._matcher is None and self.kb is not None:
            meta = self.nlp.meta
            model = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}; spacy {meta.get('spacy_version')}"
            self._matcher = KBMatcher(self.nlp.vocab, self.nlp.make_doc, self.kb.names(), self.rules,
                                      self.cache_dir, model)
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            raise ModelError("orbat_entities has no resources: build the pipeline with orbat.pipeline.build_nlp")
        candidates: list[tuple[int, Span]] = []
        if self.matcher is not None:
            for hit in self.matcher.find(doc):
                span = Span(doc, hit.start, hit.end, label=hit.type)
                span._.rule = "kb-gazetteer" + (":exact" if hit.exact else "")
                span._.attrs = {"kb_ids": list(hit.ids)}
                candidates.append((_TRUST["kb"], span))
        candidates += [(_TRUST["state"], s) for s in self._state.find(doc)]
        candidates += [(_TRUST["kunya"], s) for s in names.kunya_spans(doc, self.rules, self.places.is_place)]
        candidates += [(_TRUST["kunya"], s) for s in names.group_name_spans(doc, self.rules)]
        candidates += [(_TRUST["propagated"], s) for s in untagged_places(doc, self.places, self.rules)]
        candidates += [(_TRUST["acronym"], s) for s in self._place_runs(doc)]
        for span in (s for e in doc.ents for s in self._repair(e)):
            institution = span.label_ != "PERSON" and span[0].lower_ in self.rules.institution_heads and len(span) > 2
            candidates.append((_TRUST["kb"] if institution else _TRUST["model"], span))
        spans = list_places(_select(_absorb_person_hits(candidates, self.rules)), self.rules)
        spans = self._acronym_types(doc, spans)
        spans = glosses(doc, spans, self.rules)
        spans = _propagate(doc, spans, lambda text: self.places.is_place(text, True))
        extended = [self._extend_group(self._extend_place(s)) for s in spans]
        doc.ents = _select([(_rank(s), s) for s in extended])
        return doc

    def _repair(self, ent: Span) -> list[Span]:
        label = _MODEL_LABELS.get(ent.label_)
        if label is None:
            return []
        start, end = _trim(ent, self.rules)
        doc = ent.doc
        inner = [t.i for t in doc[start:end]
                 if (t.text in ("'s", "'") or (t.is_space and "\n" in t.text) or spaced_dash(t))
                 and start < t.i < end - 1]
        if inner:  # "Mozambique's Shabaab", names on separate lines, "NIGERIA — Fighters": two names
            cut = inner[0]
            parts = [Span(doc, start, cut, label=ent.label_), Span(doc, cut + 1, end, label=ent.label_)]
            return [s for p in parts for s in self._repair(p)]
        if start >= end or (label == "LOCATION" and end + 1 < len(doc) and doc[end].text == "-"
                            and doc[end + 1].lower_ in self.rules.sponsorship_words):
            return []  # "Iran-backed", "US-led": a sponsor, not a mention
        if doc[start].text == "State" and start > 0 and doc[start - 1].text == "Islamic":
            start -= 1
        span = Span(doc, start, end)
        text, words = span.text, [t.lower_ for t in span]
        if text.lower() in self.rules.non_entities or all(w in self.rules.name_lowercase_words for w in words) \
                or (len(words) == 1 and words[0] in self.rules.generic_units) \
                or all(w in self.rules.honorifics for w in words):
            return []
        if len(span) == 1 and self.places.demonym_country(text) and not self.places.is_place(text, True):
            return []
        n = leading_titles([t.text for t in span], self.rules)
        typed = "PERSON" if n and all(t.is_title for t in span[n:]) else self._type_of(label, span, words)
        if ent.label_ in _LEARNED_ORG and typed in _LEARNED_ORG:
            typed = ent.label_  # armed or not: the corpus-trained model knows group names the keywords miss
        if ent.label_ == "LOCATION" and typed == "LOCATION" and not self.places.is_place(text):
            typed = self._unknown_place(span, words) or typed
        if typed is None:
            return []
        attrs = None
        if typed == "PERSON" and n and not (len(span) - n == 1 and all(w in self.rules.nom_de_guerre_titles for w in words[:n])):
            attrs = {"titles": [t.text for t in span[:n]]}
            start += n  # ("Qari Zubair", "Mullah Omar": a one-word name keeps its religious title)
        out = Span(doc, start, end, label=typed)
        out._.attrs = attrs
        out._.rule = f"model:{ent.label_}->{typed}"
        return [out]

    def _unknown_place(self, span: Span, words: list[str]) -> str | None:
        """A name the corpus-trained tagger calls a place but no gazetteer knows: an Arabic personal
        name ("Abdul Rehman al-Logari", "Abu Omar al-Shishani": a theophoric Abd-, a kunya head or a
        nasab particle) is a PERSON, a web address an outlet (ORG_OTHER); otherwise the tagger's word
        stands (None)."""
        if "." in span.text and span.text.rsplit(".", 1)[-1].lower() in {"com", "org", "net", "info", "news"}:
            return "ORG_OTHER"
        particles = self.rules.kunya_heads | self.rules.nasab_particles
        theophoric = words[0].startswith("abd") and len(words[0]) <= 8  # Abd, Abdul, Abdel, Abdullah
        if len(words) > 1 and (theophoric or any(is_kunya_head(w, self.rules) or w in particles for w in words[:-1])):
            return "PERSON"
        return None

    def _looks_like_place(self, span: Span, label: str) -> bool:
        """A curated place; or, for ORG/NORP names after a place preposition, any known place
        (first names such as "Karim" are GeoNames towns too, so PERSON needs the curated layer)."""
        if self.places.is_place(span.text, True):
            return True
        before = span.doc[span.start - 1].lower_ if span.start else ""
        return label != "PERSON" and before in self.rules.place_prepositions and self.places.is_place(span.text)

    def _type_of(self, label: str, span: Span, words: list[str]) -> str | None:
        rules = self.rules
        lowered = " ".join(words)
        armed = any(w in rules.group_keywords for w in words) or "islamic state" in lowered
        strong_other = any(w in rules.strong_other_keywords for w in words)
        if words[-1] in rules.facility_words and len(words) > 1:
            return "LOCATION"
        if label == "NORP":
            if self._looks_like_place(span, label) and not self.places.demonym_country(span.text):
                return "LOCATION"
            return "ORG_ARMED" if armed and len(words) > 1 else None
        if label in ("PERSON", "ORG") and len(words) > 1 and words[-1] in rules.place_qualifiers and not armed:
            return "LOCATION"
        if label == "LOCATION" and len(words) == 1 and (words[0].endswith(_ADJECTIVE_ENDINGS)
                                                        or span[0].tag_ == "NNS") \
                and not self.places.is_place(span.text):
            return None  # "Syrian", or "Gunmen" at the start of a sentence
        if label == "LOCATION":
            if armed and not self.places.is_place(span.text) and len(words) > 1:
                return "ORG_ARMED"
            return "PERSON" if person_context(span, rules) and not self.places.is_place(span.text) else label
        kunya = label == "PERSON" and is_kunya_head(words[0], rules)
        if label in ("PERSON", "ORG") and not (armed or strong_other or kunya) \
                and place_context(span, rules, strict=label == "ORG") and not span.doc[span.start].is_upper:
            return "LOCATION"
        if label in ("PERSON", "ORG") and not (armed or strong_other or kunya) and self._looks_like_place(span, label):
            return "LOCATION"
        if label == "ORG" or (label == "PERSON" and (armed or strong_other)):
            if strong_other or (not armed and any(w in rules.other_keywords for w in words)):
                return "ORG_OTHER"
            return "ORG_ARMED" if armed else "ORG_OTHER"
        return label

    def _long_forms(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Movement for the Defence of X (MDX)": the long form the model missed, found by initials."""
        covered = {i for s in spans for i in range(s.start, s.end)}
        out = list(spans)
        for i in [t.i + 1 for t in doc[1:-2] if t.text == "("]:
            tok = doc[i]
            if not (doc[i + 1].text == ")" and tok.is_upper and 2 <= len(tok) <= 8):
                continue
            if i - 2 in covered:
                continue
            start = initials_start(doc, i - 1, tok.text, self.rules.minor_words)
            if start is None:
                continue
            span = Span(doc, start, i - 1)
            words = [t.lower_ for t in span]
            label = self._type_of("ORG", span, words) or "ORG_OTHER"
            out.append(_relabel(Span(doc, start, i - 1, label=label), label, "acronym-long-form"))
            covered.update(range(start, i - 1))
        return sorted(out, key=lambda s: s.start)

    def _acronym_types(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """"Long Form (ACR)": ACR takes the long form's type wherever it occurs."""
        spans = self._long_forms(doc, spans)
        by_end = {s.end: s for s in spans}
        types: dict[str, str] = {}
        for s in spans:
            long_form = by_end.get(s.start - 1)
            if (long_form is not None and doc[s.start - 1].text == "(" and len(s) == 1 and s.text.isupper()
                    and long_form.label_ != "LOCATION"):
                types[s.text] = long_form.label_
        for end in sorted(by_end):  # "(ACR)" right after a span, at tokens end, end + 1, end + 2
            i, long_form = end + 1, by_end[end]
            if not 1 <= i < len(doc) - 1 or long_form.label_ == "LOCATION":
                continue
            tok = doc[i]
            if doc[i - 1].text == "(" and doc[i + 1].text == ")" and tok.is_upper and len(tok) >= 2:
                types.setdefault(tok.text, long_form.label_)
        if not types:
            return spans
        out = []
        covered = {i for s in spans for i in range(s.start, s.end)}
        for s in spans:
            if s.text in types and s._.rule != "kb-gazetteer:exact" and s.label_ != types[s.text]:
                s = _relabel(s, types[s.text], "acronym-definition")
            out.append(s)
        for tok in doc:
            if tok.text in types and tok.i not in covered:
                span = Span(doc, tok.i, tok.i + 1, label=types[tok.text])
                span._.rule = "acronym-definition"
                out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _extend_group(self, span: Span) -> Span:
        """"Jaysh al-Haqq" + "Front": a capitalised group keyword right after a group name joins it."""
        doc, end = span.doc, span.end
        if span.label_ != "ORG_ARMED" or (span._.rule or "").startswith(("kb", "state")):
            return span
        while end < len(doc) and doc[end].is_title and doc[end].lower_ in self.rules.group_keywords \
                and not doc[end].ent_type_:
            end += 1
        if end == span.end:
            return span
        return _relabel(Span(doc, span.start, end, label=span.label_), span.label_, span._.rule or "model")

    def _place_runs(self, doc: Doc) -> list[Span]:
        """"in Dera Ismail Khan", "Mocimboa da Praia": after a place preposition or where a model entity
        starts, the longest run of two or more capitalised words that names a known place."""
        people = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}
        starts = {e.start for e in doc.ents}
        out: list[Span] = []
        for tok in names.title_tokens(doc, 1):
            if doc[tok.i - 1].lower_ not in self.rules.place_prepositions and tok.i not in starts:
                continue
            end = self._longest_place(Span(doc, tok.i, tok.i + 1), minimum=tok.i + 2)
            if end > tok.i + 1 and (tok.i, end) not in people:
                span = Span(doc, tok.i, end, label="LOCATION")
                span._.rule = "place-longest"
                out.append(span)
        return out

    def _longest_place(self, span: Span, minimum: int = 0) -> int:
        """End of the longest known place that starts like ``span`` and runs on into the next
        capitalised words ("Dera" + "Ismail Khan", "Mocimboa" + "da Praia"); ``span.end`` if none."""
        doc, best = span.doc, span.end
        end = span.end
        while end < len(doc) and end - span.end < 4 and not doc[end].is_space \
                and (doc[end].is_title or (doc[end].lower_ in self.rules.place_name_connectors and end + 1 < len(doc)
                                          and doc[end + 1].is_title)):
            end += 1
            if doc[end - 1].is_title and end >= minimum and self.places.is_place(doc[span.start:end].text):
                best = end
        return best

    def _extend_place(self, span: Span) -> Span:
        if span.label_ != "LOCATION":
            return span
        doc, end = span.doc, self._longest_place(span)
        if end < len(doc) and doc[end].lower_ in self.rules.place_qualifier_adjectives:
            if end + 1 < len(doc) and doc[end + 1].lower_ in self.rules.place_qualifiers:
                end += 2
        elif end < len(doc) and doc[end].lower_ in self.rules.place_qualifiers:
            end += 1
        if end == span.end:
            return span
        rule = span._.rule or "model"
        if _rank(span) > _TRUST["model"] and end - span.end > 1:
            rule = "model:place-extended"  # outranks the model's split of the same words
        return _relabel(Span(doc, span.start, end, label="LOCATION"), "LOCATION", rule,
                        span._.attrs)


def _relabel(span: Span, label: str, rule: str, attrs: dict[str, Any] | None = None) -> Span:
    out = Span(span.doc, span.start, span.end, label=label)
    out._.rule = rule
    out._.attrs = attrs if attrs is not None else span._.attrs
    return out


def _trim(ent: Span, rules: EntityRules) -> tuple[int, int]:
    """Drop leading "the"/quotes/"pro-"/lower-case words and trailing possessives, quotes, lower-case words."""
    doc = ent.doc
    keep = rules.name_lowercase_words
    start, end = ent.start, ent.end
    while end > start + 1 and doc[end - 1].lower_ in rules.role_words:
        end -= 1
    for _ in range(2):
        while start < end and (doc[start].text in _TRIM_START or doc[start].text == "the" or doc[start].is_space
                               or (doc[start].text == "The" and (doc[start].is_sent_start or ent.label_ != "ORG"))
                               or (doc[start].is_lower and doc[start].lower_ not in keep)):
            start += 1
        start, end = trim_descriptors(doc, start, end, rules.group_name_tails) if end - start > 3 else (start, end)
    while end > start and doc[end - 1].is_space:
        end -= 1
    while end > start and (doc[end - 1].text in _TRIM_END or doc[end - 1].like_num
                           or (doc[end - 1].is_lower and doc[end - 1].lower_ not in keep)):
        end -= 1
    while end > start and doc[end - 1].lower_ in keep and doc[end - 1].is_lower:
        end -= 1
    return start, end


def _absorb_person_hits(candidates: list[tuple[int, Span]], rules: EntityRules) -> list[tuple[int, Span]]:
    """A longer PERSON name around a KB person hit keeps the KB link ("Abu Mohammed al-Jolani" around
    "al-Jolani"); titles leave KB person hits too ("Sheikh Ali Dhere" -> "Ali Dhere")."""
    hits = [s for t, s in candidates if t == _TRUST["kb"] and s.label_ == "PERSON"]
    out: list[tuple[int, Span]] = []
    for trust, span in candidates:
        if span.label_ == "PERSON" and trust == _TRUST["kb"]:
            n = leading_titles([t.text for t in span], rules)
            if n:
                titled = _relabel(Span(span.doc, span.start + n, span.end, label="PERSON"), "PERSON",
                                  span._.rule, {**(span._.attrs or {}), "titles": [t.text for t in span[:n]]})
                span = titled
        elif span.label_ == "PERSON":
            inner = [h for h in hits if span.start <= h.start and h.end <= span.end and len(h) < len(span)]
            if inner:
                attrs = {**(span._.attrs or {}), "kb_ids": inner[0]._.attrs["kb_ids"]}
                span, trust = _relabel(span, "PERSON", "kb-gazetteer:within-name", attrs), _TRUST["kb"]
        out.append((trust, span))
    return out


def _select(candidates: list[tuple[int, Span]]) -> list[Span]:
    """Highest-trust, then longest spans first; overlapping lower-ranked spans are dropped."""
    chosen: list[Span] = []
    taken: set[int] = set()
    for _, span in sorted(candidates, key=lambda c: (c[0], -len(c[1]), c[1].start)):
        if len(span) and taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _propagate(doc: Doc, spans: list[Span], curated_place: Callable[[str], bool]) -> list[Span]:
    """Every occurrence of a typed surface gets the same type (the most trusted source's; between
    equally trusted PERSON and LOCATION, PERSON unless the name is a curated place); missed
    occurrences are added."""
    label_of: dict[tuple[str, ...], Span] = {}
    for s in spans:
        key = tuple(t.text for t in s)
        if any(t.is_upper or t.is_title for t in s) and len("".join(key)) > 2:
            best = label_of.get(key)
            if best is None or _rank(s) < _rank(best) or (
                    _rank(s) == _rank(best) and (s.label_, best.label_) == ("PERSON", "LOCATION")
                    and not curated_place(s.text)):
                label_of[key] = s
    for s in spans:
        words = [t for t in s if t.is_alpha and t.lower_ not in ("al", "el")]
        if s.label_ == "PERSON" and len(words) >= 2 and len(words[-1]) > 3 and words[-1].is_title:
            label_of.setdefault((words[-1].text,), _relabel(s[-1:], "PERSON", "short-name"))
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for s in spans:
        best = label_of.get(tuple(t.text for t in s))
        out.append(_relabel(s, best.label_, best._.rule, best._.attrs) if best and best.label_ != s.label_ else s)
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for key in label_of:
        firsts.setdefault(key[0], []).append(key)
    for tok in doc:
        for key in firsts.get(tok.text, ()):
            end = tok.i + len(key)
            if end <= len(doc) and tuple(t.text for t in doc[tok.i:end]) == key \
                    and covered.isdisjoint(range(tok.i, end)):
                src = label_of[key]
                out.append(_relabel(Span(doc, tok.i, end, label=src.label_), src.label_, "propagated", src._.attrs))
                covered.update(range(tok.i, end))
    return sorted(out, key=lambda s: s.start)


_RULE_TRUST = {"kb": 0, "state": 1, "government": 1, "kunya": 2, "group": 2, "acronym": 3, "gloss": 3, "place": 3,
               "model": 4}


def _rank(span: Span) -> int:
    """Trust of a span's source rule (lower is more trusted)."""
    head = (span._.rule or "model").split(":")[0].split("-")[0]
    return _RULE_TRUST.get(head, _TRUST["propagated"])
