"""Date, status and certainty of a relation, read from its sentence.

- date: the date expression of the sentence closest to the two ends (``Doc._.dates`` when the
  dates stage ran, else a small month/year reader); "since 2013" gives "2013", "from 2013 to 2016"
  gives "2013/2016";
- status "former" when the words around the ends present it as past ("formerly", "once",
  "used to", "was originally", "former", "until");
- certainty "alleged" on accusations ("accused of", "allegedly"), "claimed" when the relation
  rests on its own subject's statement ("X says ...") or on a quotation.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from orbat.lexicon import Lexicon
from orbat.nlp.dates import month_number
from orbat.nlp.types import DateMention
from orbat.relations.units import Unit, doc_text

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE = re.compile(
    rf"\b(?:(?P<kind>since|from|until|till|in|by|as of)\s+)?(?:(?P<month>{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)\b(?:\s*(?:to|until|-|–)\s*(?P<end>(?:19|20)\d\d)\b)?",
    re.I,
)
_FORMER = re.compile(
    r"\b(?:formerly(?! (?:known|called|named))|former|once|used to|was originally|were originally|previously|until|ex-|no longer|"
    r"severed|broke (?:off|with))\b",
    re.I,
)
_ALLEGED = re.compile(r"\b(?:accus\w*|alleg\w*|suspected|blam\w*|purported\w*)\b", re.I)
_NOT_FORMER = frozenset({"renamed_to", "merged_into", "splinter_of"})


def _regex_dates(sent: Span) -> list[DateMention]:
    found = []
    for m in _DATE.finditer(sent.text):
        year = m.group("year")
        month = m.group("month")
        value = f"{year}-{month_number(month):02d}" if month else year
        kind = (m.group("kind") or "").lower()
        end = m.group("end")
        found.append(DateMention(
            sent.start_char + m.start(), sent.start_char + m.end(), m.group(0), value,
            "month" if month else "year", False,
            kind="range" if end else "since" if kind == "since" else "until" if kind in ("until", "till") else "point",
            end_value=end,
        ))
    return found


def relation_date(doc: Doc, sent: Span, subject: Unit, obj: Unit) -> str | None:
    """The date of the clause: nearest date expression to the relation's ends, as ISO or a range."""
    dates = [d for d in doc._.dates if sent.start_char <= d.start < sent.end_char and d.value]
    if not dates:
        dates = _regex_dates(sent)
    if not dates:
        return None
    middle = (min(subject.start, obj.start) + max(subject.end, obj.end)) / 2
    best = min(dates, key=lambda d: abs((d.start + d.end) / 2 - middle))
    if best.kind == "range" and best.end_value:
        return f"{best.value}/{best.end_value}"
    if best.kind == "until":
        return f"../{best.value}"
    return best.value


def relation_status(doc: Doc, sent: Span, subject: Unit, obj: Unit, predicate: str,
                    rule_status: str | None) -> str:
    if rule_status is not None:
        return rule_status
    if predicate in _NOT_FORMER:
        return "current"
    lo = max(sent.start_char, min(subject.start, obj.start) - 25)
    hi = max(subject.end, obj.end)
    return "former" if _FORMER.search(doc_text(doc)[lo:hi]) else "current"


def relation_certainty(doc: Doc, sent: Span, subject: Unit, obj: Unit, lex: Lexicon) -> str:
    """alleged on an accusation before the relation's last end; claimed when the relation is what
    one of its own parties says (or a quotation); reported when a third party says it."""
    last_end = max(subject.end, obj.end)
    if any(sent.start_char + m.start() < last_end for m in _ALLEGED.finditer(sent.text)):
        return "alleged"
    if sent.text.lstrip()[:1] in ('"', "“"):
        return "claimed"
    for token in sent:
        if _is_claim_verb(token, lex):
            found = _statement(token, subject, obj)
            if found:
                return found
    return "asserted"


def _statement(verb: Token, subject: Unit, obj: Unit) -> str | None:
    """How a say/claim verb bears on the relation: the speaker is a party, or a third party."""
    speakers = [c for c in verb.children if c.dep_ == "nsubj"]
    if not speakers:
        return None
    speaker = speakers[0]
    spoken = {t.i for t in speaker.subtree}
    said = {t.i for t in verb.subtree} - spoken
    is_party = any(u.tok_start <= speaker.i < u.tok_end for u in (subject, obj))
    if subject.root in spoken and obj.root in said and is_party:
        return "claimed"
    if subject.root in said and obj.root in said:
        return "claimed" if is_party else "reported"
    return None


def _is_claim_verb(token: Token, lex: Lexicon) -> bool:
    if token.lemma_.lower() not in lex.statement_verbs:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.lower_ != "responsibility"
