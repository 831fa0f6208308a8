"""Surface-pattern relations: two entity units of a sentence and the words between them.

"X, formerly known as Y", "X's propaganda arm, Y", "Y commander Z", "X village, Y district".
Rules live in data/patterns.yaml; see ``PatternRule``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache

from spacy.tokens import Doc

from orbat.lexicon import Lexicon
from orbat.ontology.predicates import Predicate
from orbat.relations.places import state_forces
from orbat.relations.rules import PatternRule
from orbat.relations.units import Candidate, Unit, doc_text, listed_with

MAX_SKIPPED = 2  # entity units allowed between the two ends (written ENT in ``between``)
CONTEXT_CHARS = 60


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def masked_between(doc: Doc, units: list[Unit], i: int, j: int) -> str:
    """The text between units i and j, lower-cased, with the units in between written ENT."""
    parts = []
    pos = units[i].end
    for k in range(i + 1, j):
        parts.append(doc_text(doc)[pos:units[k].start].lower())
        parts.append(" ENT ")
        pos = units[k].end
    parts.append(doc_text(doc)[pos:units[j].start].lower())
    return " ".join("".join(parts).split())


_MODIFIER = re.compile(
    r"\s*\b(?:the )?(?:ENT|[a-z]+) ?- ?(?:led|backed|based|sponsored|supported|linked|affiliated|aligned|"
    r"allied|run|held|controlled|dominated)$"
)


_R_MODIFIED = re.compile(
    r"^\s?-\s?(?:led|backed|based|sponsored|supported|linked|affiliated|aligned|allied|inspired)\b", re.I)


_POSSESSOR = re.compile(r"\s?['\u2019]s?\b")


_TITLE = re.compile(r"^\s*(?:emir|amir|leader|chief|head|commander|founder|spokes(?:man|person)|deputy)\s*$", re.I)


def _titles_next(doc: Doc, units: list[Unit], j: int) -> bool:
    """"al Qaeda emir Ayman al-Zawahiri": the group only titles the person after it."""
    nxt = units[j + 1] if j + 1 < len(units) else None
    return nxt is not None and nxt.type == "PERSON" and _TITLE.match(doc_text(doc)[units[j].end:nxt.start]) is not None


_RELATIVE = re.compile(r"^,? (?:which|who|that) [^,]{1,80}, ?")  # "X, which broke away in 2018, is loyal to"


# "the Shabaab group was admitted to": a generic head noun after L belongs to L's noun phrase
# ("the X faction led by Z" is not: a faction of X is another group)
_HEAD_NOUN = re.compile(r"^(?:group|militants|fighters|movement|organi[sz]ation|militia|rebels|jihadists|"
                        r"insurgents|alliance|coalition)\b ?")


# "its ally, the Imghad and Allies Movement (GATIA)" when only the bracketed short name is an entity
_LONG_NAME = re.compile(r"(?<=,) (?:the )?[a-z0-9' -]{3,80} ?\($")


def variants(between: str) -> tuple[str, ...]:
    """The readings of a between-text a pattern may match, padded: patterns may start with ",? " and
    end in an optional word and a space; a hyphenated modifier right before R ("the Shekau-led"), a
    relative clause after L, a head noun after L ("the X group was ...") or a long name before a
    bracketed R may be skipped."""
    texts = dict.fromkeys([between, _MODIFIER.sub("", between), _RELATIVE.sub("", between),
                           _HEAD_NOUN.sub("", between), _LONG_NAME.sub("", between)])
    return tuple(dict.fromkeys(p for t in texts for p in (t, t + " ", " " + t, " " + t + " ")))


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@cache
def _any_of(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of every rule's between-pattern: a cheap test before trying rules one by one."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _fits(pattern: str, readings: tuple[str, ...]) -> bool:
    regex = _compiled(pattern)
    return any(regex.fullmatch(text) for text in readings)


def _context_ok(rule: PatternRule, before: str, after: str) -> bool:
    if rule.before is not None and not _compiled(f"(?:{rule.before})$").search(before + " "):
        return False
    if rule.not_before is not None and _compiled(f"(?:{rule.not_before})$").search(before + " "):
        return False
    return rule.after is None or _compiled(rule.after).match(after) is not None


def pattern_candidates(doc: Doc, units: list[Unit], rules: tuple[PatternRule, ...],
                       sent_start: int, sent_end: int, lex: Lexicon,
                       predicates: Mapping[str, Predicate]) -> Iterator[Candidate]:
    any_rule = _any_of(tuple(rule.between for rule in rules))
    for i in range(len(units)):
        for j in range(i + 1, min(len(units), i + MAX_SKIPPED + 2)):
            between = masked_between(doc, units, i, j)
            if len(between) > 120:
                break
            readings = variants(between)
            if not any(any_rule.fullmatch(text) for text in readings):
                continue
            r_modifies = (_R_MODIFIED.match(doc_text(doc)[units[j].end:units[j].end + 14]) is not None
                          or _titles_next(doc, units, j))
            before = _squash(doc_text(doc)[max(sent_start, units[i].start - CONTEXT_CHARS):units[i].start])
            after = _squash(doc_text(doc)[units[j].end:min(sent_end, units[j].end + CONTEXT_CHARS)])
            r_possessor = _POSSESSOR.match(doc_text(doc)[units[j].end:units[j].end + 3]) is not None
            for rule in rules:
                if r_modifies and rule.after is None:
                    continue  # "the Shekau-led faction": R only modifies the real end
                if r_possessor and rule.predicate == "located_in":
                    continue  # "in Cameroon's Far North region": the place is the region
                if _fits(rule.between, readings) and _context_ok(rule, before, after):
                    yield from _apply(doc, units, i, j, rule, lex, predicates)


def _apply(doc: Doc, units: list[Unit], i: int, j: int, rule: PatternRule, lex: Lexicon,
           predicates: Mapping[str, Predicate]) -> Iterator[Candidate]:
    lefts = [units[i], *listed_with(doc, units, i, -1)] if rule.expand else [units[i]]
    rights = [units[j], *listed_with(doc, units, j, +1)] if rule.expand else [units[j]]
    for left in lefts:
        for right in rights:
            subj, obj = (right, left) if rule.reverse else (left, right)
            subj, obj = state_forces(doc, subj, obj, rule.predicate, lex)
            predicate = rule.predicate_for(subj.type, obj.type, predicates)
            if (rule.named_only and (subj.anaphor or obj.anaphor)) or (subj.anaphor and obj.anaphor):
                continue
            if predicate is not None and subj.key() != obj.key():
                yield Candidate(subj, predicate, obj, f"pattern:{rule.name}", rule.status)
