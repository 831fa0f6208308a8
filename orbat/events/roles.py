"""Argument roles: which party of the sentence is an event's actor1, which place is its location.

The rules (``arguments``, ``places``) propose one actor1 and one location per event; when the
trained role models are loaded (``orbat.learned``, ``Settings.learned='both'``) every party and
every place the sentence names becomes a candidate, described by its syntax towards the trigger,
its kind and the event type, and the model's best candidate replaces the rule's choice when it
is confident (``Roles.SWAP``). ``make train`` fits the models on the team corpus's train split
from the candidates this module writes (``trace``); the decision is written into ``rule``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from orbat.events.arguments import ActorNamer, is_speaker, party_of
from orbat.events.places import Located, in_dateline
from orbat.events.spans import sent_ents
from orbat.lexicon import Lexicon
from orbat.ontology.events import EventType

_PARTY_LABELS = {"ORG_ARMED", "ORG_OTHER", "PERSON"}
_KINDS = ("military", "police", "unidentified", "civilians", "protesters", "rioters")
_IMPLIED = ("military", "unidentified", "police")
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "agent"}


@dataclass
class Candidate:
    """One distinct name the role could take, with the features of all its mentions."""

    name: str
    features: dict[str, float] = field(default_factory=dict)
    place: Located | None = None


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _clause_verb(token: Token) -> Token:
    return token if token.pos_ in {"VERB", "AUX"} else next(
        (a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), token.sent.root)


def _relation(tok: Token, trigger: Token, verb: Token) -> str:
    """How a mention hangs on the trigger: its dependency to the trigger or the trigger's verb."""
    if tok.head.i == trigger.i:
        return f"trig:{tok.dep_}"
    if tok.head.i == verb.i:
        return f"verb:{tok.dep_}"
    if tok.dep_ == "pobj" and tok.head.head.i in (trigger.i, verb.i):
        return f"prep:{tok.head.lower_}"
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent" and tok.head.head.i in (trigger.i, verb.i):
        return "agent"
    if tok.dep_ in {"poss", "compound", "amod"} and tok.head.i == trigger.i:
        return f"mod:{tok.dep_}"
    if trigger in tok.ancestors:
        return "below-trigger"
    if verb in tok.ancestors:
        return "below-verb"
    return "elsewhere"


def _kind(name: str, label: str | None, lex: Lexicon) -> str:
    for kind in _KINDS:
        if name.startswith(lex.prefix(kind)):
            return kind
    return label or "other"


def _add(feats: dict[str, float], *names: str) -> None:
    for n in names:
        feats[n] = 1.0


def _mention_features(tok: Token, trigger: Token, verb: Token, etype: EventType, kind: str) -> list[str]:
    rel = _relation(tok, trigger, verb)
    side = "before" if tok.i < trigger.i else "after"
    dist = _bucket(abs(tok.i - trigger.i))
    prep = tok.head.lower_ if tok.dep_ == "pobj" else "-"
    voice = "pass" if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) else "act"
    t = etype.name
    return [f"rel={rel}", f"dep={tok.dep_}", f"prep={prep}", f"side={side}", f"dist={dist}",
            f"t|rel={t}|{rel}", f"k|rel={kind}|{rel}", f"t|k={t}|{kind}", f"k|side={kind}|{side}",
            f"voice|rel={voice}|{rel}", f"et|rel={etype.event_type}|{rel}", f"t|side={t}|{side}",
            f"k|prep={kind}|{prep}", f"subj={tok.dep_ in _SUBJECTS}", f"t|dep={t}|{tok.dep_}"]


def actor_candidates(sent: Span, trigger: Token, etype: EventType, namer: ActorNamer,
                     rule_a1: str | None, rule_a2: str | None, how: str = "") -> list[Candidate]:
    """Every party the sentence names or describes, and the rule's actor1 when it came from
    elsewhere (an earlier sentence, the article's topic). ``how`` says how the rules found their
    actor1 ("verb: subject", "fallback", ...)."""
    lex = namer.lexicon
    verb = _clause_verb(trigger)
    ents = {e.root.i: e for e in sent_ents(sent)}
    in_ent = {i for e in ents.values() for i in range(e.start, e.end)}
    out: dict[str, Candidate] = {}
    for tok in sent:
        ent = ents.get(tok.i)
        if ent is None and (tok.i in in_ent or tok.pos_ not in {"NOUN", "PRON"}):
            continue
        if ent is not None and ent.label_ not in _PARTY_LABELS and ent.label_ != "LOCATION":
            continue
        name = namer.name(tok) if tok.pos_ != "PRON" else None
        anaphor = name is None and (tok.pos_ == "PRON" or tok.lemma_.lower() in lex.group_anaphors)
        if anaphor:  # "its fighters arrested ...", "they stormed ...": the group they stand for
            name = party_of(namer, tok)
        if not name:
            continue
        label = ent.label_ if ent is not None else None
        kind = _kind(name, label, lex)
        cand = out.setdefault(name, Candidate(name))
        feats = cand.features
        _add(feats, f"k={kind}", f"t|k={etype.name}|{kind}", *_mention_features(tok, trigger, verb, etype, kind))
        if anaphor:
            _add(feats, "anaphor", f"anaphor|rel={_relation(tok, trigger, verb)}")
        if ent is not None and is_speaker(ent, lex):
            _add(feats, "speaker", f"k|speaker={kind}")
        feats["mentions"] = feats.get("mentions", 0.0) + 1.0
    if namer.country:  # unnamed parties the text implies ("an air strike hit ...": the state's forces)
        for kind in _IMPLIED:
            name = namer.party(kind, namer.country)
            if name not in out:
                out[name] = Candidate(name, {"k=implied": 1.0, f"k={kind}": 1.0, f"t|implied={etype.name}|{kind}": 1.0,
                                             f"et|implied={etype.event_type}|{kind}": 1.0})
    if rule_a1 and rule_a1 not in out:
        kind = _kind(rule_a1, None, lex)
        out[rule_a1] = Candidate(rule_a1, {"k=context": 1.0, f"k={kind}": 1.0, f"t|k={etype.name}|context": 1.0})
    for rank, cand in enumerate(out.values()):
        feats = cand.features
        is1, is2 = cand.name == rule_a1, cand.name == rule_a2
        _add(feats, f"rule1={is1}", f"rule2={is2}", f"t|rule1={etype.name}|{is1}", f"order={min(rank, 4)}",
             f"n={_bucket(len(out))}")
        if is1:
            _add(feats, f"how={how}", f"t|how={etype.name}|{how}")
        feats["mentions"] = min(feats.get("mentions", 0.0), 3.0) / 3.0
    return list(out.values())


def place_candidates(sent: Span, trigger: Token, etype: EventType, ranked: Sequence[Located],
                     elsewhere: Sequence[Located], rule_place: Located | None) -> list[Candidate]:
    """The places the sentence names (as ``places.locate`` ranked them) and the rule's place
    when it came from elsewhere."""
    verb = _clause_verb(trigger)
    lo, hi = verb.left_edge.i, verb.right_edge.i
    out: dict[str, Candidate] = {}
    for rank, loc in enumerate(ranked):
        cand = out.setdefault(loc.name, Candidate(loc.name, place=loc))
        feats = cand.features
        kind = str(getattr(loc.place, "kind", None) or ("unknown" if loc.place is None else "place"))
        prec = str(loc.precision)
        _add(feats, f"prec={prec}", f"kind={kind}", f"rank={min(rank, 4)}", f"t|prec={etype.name}|{prec}",
             f"et|prec={etype.event_type}|{prec}")
        span = loc.span
        if span is None:
            continue
        doc = span.doc
        prev = doc[span.start - 1].lower_ if span.start > 0 else "^"
        nxt = doc[span.end].lower_ if span.end < len(doc) else "$"
        root = span.root
        rel = _relation(root, trigger, verb)
        inside = lo <= root.i <= hi
        paren = prev == "(" or (span.start > 1 and doc[span.start - 2].text == "(")
        _add(feats, f"prev={prev}", f"next={nxt if not nxt[:1].isalpha() or nxt.islower() else 'Cap'}",
             f"rel={rel}", f"clause={inside}", f"dateline={in_dateline(span)}", f"paren={paren}",
             f"dist={_bucket(abs(root.i - trigger.i))}", f"side={'before' if root.i < trigger.i else 'after'}",
             f"prev|prec={prev}|{prec}", f"clause|prec={inside}|{prec}", f"paren|prec={paren}|{prec}",
             f"head={root.head.lemma_.lower() if root.dep_ == 'pobj' else root.dep_}")
    for loc in elsewhere:
        if loc.name not in out:
            out[loc.name] = Candidate(loc.name, {"elsewhere": 1.0, f"prec={loc.precision}": 1.0,
                                                 f"elsewhere|prec={loc.precision}": 1.0}, place=loc)
    for cand in out.values():
        is_rule = rule_place is not None and cand.name == rule_place.name
        _add(cand.features, f"rule={is_rule}", f"n={_bucket(len(out))}",
             f"rule|prec={is_rule}|{cand.place.precision if cand.place else '-'}")
    return list(out.values())


def type_features(etype: EventType, rule_type: str, guess: Any, trigger: Token,
                  inter1: int | None, inter2: int | None, killed: bool) -> dict[str, float]:
    """What decides an event's sub-type once its parties are known: the rules' type, the sentence
    classifier's two best guesses, the ACLED inter codes of both sides ("attacked civilians" is
    violence against civilians, state forces retaking a town regain territory), the trigger."""
    feats: dict[str, float] = {}
    cur, i1, i2 = etype.name, str(inter1), str(inter2)
    lemma = trigger.lemma_.lower()
    _add(feats, f"cur={cur}", f"rule={rule_type}", f"i1={i1}", f"i2={i2}", f"i1|i2={i1}|{i2}", f"cur|i2={cur}|{i2}",
         f"cur|i1={cur}|{i1}", f"cur|i1|i2={cur}|{i1}|{i2}", f"lemma={lemma}", f"lemma|i2={lemma}|{i2}",
         f"pos={trigger.pos_}", f"killed={killed}", f"cur|killed={cur}|{killed}")
    if guess is not None:
        p = "hi" if guess.probability >= 0.8 else "mid" if guess.probability >= 0.5 else "lo"
        _add(feats, f"guess={guess.label}", f"guess|p={guess.label}|{p}", f"runner={guess.runner_up}",
             f"guess|i2={guess.label}|{i2}", f"guess|i1={guess.label}|{i1}", f"cur|guess={cur}|{guess.label}")
        feats[f"gp={guess.label}"] = guess.probability
        feats[f"rp={guess.runner_up}"] = guess.runner_up_probability
    return feats


@dataclass(frozen=True)
class RoleModel:
    """A binary linear model over candidate features (``orbat.learned.linear.DictModel``) and its card."""

    estimator: Any
    card: dict[str, Any]

    def scores(self, cands: Sequence[Candidate]) -> list[float]:
        if not cands:
            return []
        probs = self.estimator.predict_proba([c.features for c in cands])
        classes = [str(c) for c in self.estimator.classes_]
        col = classes.index("1") if "1" in classes else len(classes) - 1
        return [float(row[col]) for row in probs]

    def save(self, path: Path) -> None:
        """Write ``<name>.npz`` (the arrays prediction needs) and the card ``<name>.json``."""
        from orbat.learned.linear import save_with_card

        save_with_card(self.estimator, self.card, path)

    @classmethod
    def load(cls, path: Path) -> RoleModel:
        from orbat.learned.linear import load_with_card

        return cls(*load_with_card(path, "role model"))


@dataclass(frozen=True)
class Choice:
    name: str
    probability: float
    rule_probability: float
    place: Located | None = None


class Roles:
    """Decides actor1 and location (and, once the parties are known, the sub-type) with the
    trained models, beside the rules' choices."""

    def __init__(self, actor1: RoleModel | None, location: RoleModel | None, types: Any | None = None) -> None:
        self.actor1, self.location, self.types = actor1, location, types
        self.swap_type = float((types.card.get("threshold") if types is not None else None) or 0.5)
        self.swap_actor = float((actor1.card.get("threshold") if actor1 else None) or 0.5)
        self.swap_place = float((location.card.get("threshold") if location else None) or 0.5)
        self.margin_actor = float((actor1.card.get("margin") if actor1 else None) or 0.0)
        self.margin_place = float((location.card.get("margin") if location else None) or 0.0)

    @staticmethod
    def _choose(model: RoleModel | None, cands: Sequence[Candidate], rule: str | None,
                threshold: float, margin: float = 0.0) -> Choice | None:
        if model is None or len(cands) < 2 and (not cands or cands[0].name == rule):
            return None
        scores = model.scores(cands)
        best = max(range(len(cands)), key=scores.__getitem__)
        rule_p = next((s for c, s in zip(cands, scores, strict=True) if c.name == rule), 0.0)
        if cands[best].name == rule or scores[best] < threshold or scores[best] <= rule_p + margin:
            return None
        return Choice(cands[best].name, scores[best], rule_p, cands[best].place)

    def choose_actor1(self, cands: Sequence[Candidate], rule: str | None) -> Choice | None:
        return self._choose(self.actor1, cands, rule, self.swap_actor, self.margin_actor)

    def choose_place(self, cands: Sequence[Candidate], rule: str | None) -> Choice | None:
        return self._choose(self.location, cands, rule, self.swap_place, self.margin_place)

    def choose_type(self, features: dict[str, float], current: str) -> Choice | None:
        """Another sub-type when the model is confident of it and less of the current one."""
        if self.types is None:
            return None
        row = self.types.estimator.predict_proba([features])[0]
        classes = [str(c) for c in self.types.estimator.classes_]
        best = int(row.argmax())
        now = float(row[classes.index(current)]) if current in classes else 0.0
        if classes[best] == current or float(row[best]) < self.swap_type:
            return None
        return Choice(classes[best], float(row[best]), now)


def traced(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trace records as plain data (for the trainer): candidate names and features only."""
    return [{k: ([(c.name, c.features) for c in v] if isinstance(v, list) else v) for k, v in r.items()}
            for r in records]
