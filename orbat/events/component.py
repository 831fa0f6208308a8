"""The ``orbat_events`` stage: ACLED-typed events with arguments, place, date, figures and certainty.

Per sentence, the most specific trigger (see ``detect``) gives the type; its arguments, the
sentence's most specific place (one event per place for a list of places), its date (else the
publication month), its figures and who says so fill the rest. Evidence is the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from orbat.errors import ModelError
from orbat.events.arguments import ActorNamer, Actors, actors, armed_alias, is_speaker, party_name
from orbat.events.attribution import Attribution, attribute
from orbat.events.claims import (
    GUESSED,
    arrest_claim,
    blamed,
    claim_of,
    claimed_event,
    group_statement,
    named,
    source_is_not_claimant,
)
from orbat.events.detect import Candidate, TriggerMatcher, candidates, is_anaphoric, is_generic, is_unrealised
from orbat.events.fill import figures, inter_code, sentence_date
from orbat.events.followup import follow_up
from orbat.events.learned import LearnedTypes
from orbat.events.places import Geocoder, Located, article_countries, in_dateline, locate
from orbat.events.roles import Candidate as RoleCandidate
from orbat.events.roles import Roles, actor_candidates, place_candidates, type_features
from orbat.events.spans import fresh_ents, sent_ents
from orbat.events.state import arresting_side
from orbat.keys import alias_key
from orbat.learned.textcat import TypeGuess
from orbat.lexicon import Lexicon
from orbat.model import Event, Evidence
from orbat.ontology.events import EventOntology, EventType
from orbat.resources import Resources

_MONTH_ABBR = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.")
_TAKEOVER = "Battles/Non-state actor overtakes territory"
_ARRESTS = "Strategic developments/Arrests"
_SUICIDE = "Explosions/Remote violence/Suicide bomb"
_SPREAD_TYPES = {"Battles/Non-state actor overtakes territory", "Battles/Armed clash",
                 "Battles/Government regains territory", "Explosions/Remote violence/Air/drone strike"}


@Language.factory("orbat_events", requires=["doc.ents", "doc._.dates"], assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp)


class EventExtractor:
    """Fills ``Doc._.events``. Its ontology, gazetteer and KB come from ``initialize`` (the
    pipeline's ``Resources``) or the constructor."""

    def __init__(self, nlp: Language, resources: Resources | None = None) -> None:
        self.vocab = nlp.vocab
        self._ready = False
        if resources is not None:
            self.initialize(resources=resources)

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   resources: Resources) -> None:
        self.ontology: EventOntology = resources.event_types
        self.matcher = TriggerMatcher(self.vocab, self.ontology)
        self.geo = resources.gazetteer
        self.kb = resources.kb
        self.learned = LearnedTypes(resources.models, self.ontology)
        models = resources.models
        self.roles = Roles(models.actor1, models.location, models.retype) \
            if models is not None and models.mode != "rules" and (
                models.actor1 is not None or models.location is not None or models.retype is not None) else None
        self.certainty = models.certainty if models is not None and models.mode != "rules" else None
        self.trace: list[dict[str, Any]] | None = None  # set by the trainer: each event's role candidates
        self.lexicon = resources.lexicon
        self._ready = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._ready:
            raise ModelError("orbat_events has no resources: build the pipeline with orbat.pipeline.build_nlp")
        doc._.events.clear()  # a re-run of the stage on the same Doc starts afresh
        # events by id, kept alive for the whole Doc so that an id is never reused
        self._undated: dict[int, Event] = {}
        self._summaries: dict[int, Event] = {}
        fresh_ents(doc)
        article = doc._.article
        body_start = article.body_start if article is not None else 0
        found = [c for c in candidates(doc, self.matcher, self.ontology, self.lexicon) if c.token.idx >= body_start]
        if not found and not self.learned.active:
            return doc
        context = article_countries(doc, self.geo)
        country = _country_name(context)
        namer = ActorNamer(doc, country, self.lexicon, doc._.events, geo=self.geo, kb=self.kb)
        main_place = _main_place(doc, context, self.geo, self.lexicon)
        prev_places: list[Located] = []
        units = list(sentences(doc))
        guesses = self.learned.guesses(units)
        for sent, guess in zip(units, guesses, strict=True):
            in_sent = [c for c in found if sent.start <= c.token.i < sent.end]
            places = locate(self.geo, self.lexicon, sent, sent.start, context, set())
            picked = self.learned.decide(pick(in_sent, self.lexicon), guess, sent, body_start)
            for cand in picked:
                others = [c.token for c in picked if c is not cand]
                for ev in self._events(doc, sent, cand, namer, places or prev_places or main_place, context,
                                       main_place, others, guess):
                    merge_or_add(doc._.events, ev, undated=id(ev) in self._undated)
            prev_places = places or prev_places
        doc._.events[:] = _without_summaries(doc._.events, self._summaries)
        self._undated, self._summaries = {}, {}
        return doc

    def _events(self, doc: Doc, sent: Span, cand: Candidate, namer: ActorNamer,
                places: Sequence[Located], context: list[str], main: list[Located],
                others: Sequence[Token] = (), guess: TypeGuess | None = None) -> list[Event]:
        """The events one trigger makes. The first of the ``SETTLING`` rules that applies drops the
        mention or folds it into an earlier event; otherwise its parties, place, certainty and
        sub-type are decided in that order, and each decision is written into ``rule``."""
        m = Mention(doc, sent, cand, namer, places, context, main, tuple(others), guess,
                    sentence_date(doc, sent, cand.token))
        for _name, settles in SETTLING:
            if settles(m, self.lexicon):
                return []
        parties = self._parties(m, actors(m.token, namer))
        targets, rule_place, place_cands = self._place(m, parties)
        attribution, planned = self._attribution(m, parties)
        figs = figures(sent, self.lexicon, m.token, others)
        etype, type_feats = self._sub_type(m, parties, figs)
        out = self._emit(m, etype, parties, targets, attribution, planned, figs)
        if self.trace is not None:
            article = doc._.article
            self.trace.append({"article": article.id if article is not None else None, "start": sent.start_char,
                               "end": sent.end_char, "type": out[0].type if out else cand.etype.name,
                               "actor1": parties.rule_actor1, "location": rule_place, "actors": parties.candidates,
                               "places": place_cands, "type_features": type_feats})
        return out

    def _parties(self, m: Mention, who: Actors) -> Parties:
        """actor1 and actor2: the parse's, the arresting side of an arrest, the fallback agent of a
        passive, the type's ACLED conventions, then the role model's confident choice."""
        lex, cand, namer = self.lexicon, m.cand, m.namer
        a1, a2 = who.actor1, who.actor2
        if cand.trigger.agent == "object":
            a1, a2 = a2, None
        arrest = cand.etype.name == _ARRESTS
        if arrest:  # the arresting side acts; the people arrested are actor2, never actor1
            side = arresting_side(m.token, namer)[0]  # the clause's own subject or "by" agent first
            a1 = side if side is not None and side != a2 else a1 if a1 != a2 else None
            if a1 is None and namer.country:
                a1 = lex.template("police", country=namer.country)
        violent = cand.etype.disorder_type == "Political violence"
        if a1 is not None and violent and who.actor1_span is not None and who.actor1_span.label_ != "ORG_ARMED":
            alias = armed_alias(who.actor1_span)  # a ministry or an outlet does not fight
            a1 = (alias._.canonical or alias.text) if alias is not None else None
        guessed = a1 is None
        if a1 is None:  # a passive without a named agent ("they were attacked"): the agent is not here
            a1 = _fallback_actor(m.sent, a2, namer, m.doc._.events, in_sentence=who.rule != "verb: passive agent")
        a1, a2 = self._conventions(cand.etype, a1, a2, namer.country)
        if a2 is None and cand.etype.default_actor2 and namer.country:
            a2 = f"{cand.etype.default_actor2} ({namer.country})"
        p = Parties(a1, a2, who.actor1_span, who.actor2_span, guessed, arrest, who.rule, rule_actor1=a1)
        if (self.roles is not None or self.trace is not None) and not cand.etype.actor1_as:
            how = "fallback" if guessed else "arrest: arresting side" if arrest else who.rule.split(" of ")[0]
            p.candidates = actor_candidates(m.sent, m.token, cand.etype, namer, a1, a2, how)
        choice = self.roles.choose_actor1(p.candidates, a1) if self.roles is not None and p.candidates else None
        if choice is not None:
            p.actor2 = p.actor1 if choice.name == p.actor2 else p.actor2
            p.actor1, p.actor1_span, p.guessed = choice.name, None, False
            p.notes.append(f" [learned actor1: {choice.name} p={choice.probability:.2f} over {choice.rule_probability:.2f}]")
        return p

    def _place(self, m: Mention, p: Parties) -> tuple[list[Located], str | None, list[RoleCandidate]]:
        """The most specific place of the trigger's clause (every town of a battle over a list of
        places), else one named before; then the role model's confident choice."""
        lex, token, main, places = self.lexicon, m.token, m.main, m.places
        military = lex.prefix("military")
        exclude = {alias_key(n) for n in (p.actor1, p.actor2) if n} | {  # "Israel struck ...": the actor, not the place
            alias_key(n.removeprefix(military).strip().removeprefix("the ")) for n in (p.actor1,)
            if n and n.startswith(military + " ") and token.pos_ in {"VERB", "AUX"}}
        ranked = locate(self.geo, lex, m.sent, token.i, m.context, exclude, _clause_of(token))
        specific_before = [p for p in places if p.precision < 3 and p not in ranked] + \
            [p for p in main[:1] if p.precision < 3]
        if ranked and ranked[0].span is not None and _offshore(ranked[0].span):
            ranked = [p for p in main if getattr(p.place, "kind", "") == "water"][:1] or ranked
        if not ranked or (getattr(ranked[0].place, "kind", "") == "country" and specific_before
                          and _same_country(ranked[0], specific_before[0])):
            ranked = specific_before[:1] or list(places)
        targets = _spread(ranked, token) if ranked and m.cand.etype.name in _SPREAD_TYPES else ranked[:1]
        place_cands: list[RoleCandidate] = []
        if len(targets) <= 1 and (self.roles is not None or self.trace is not None):
            elsewhere = [p for p in [*places, *main[:1]] if p not in ranked]
            place_cands = place_candidates(m.sent, token, m.cand.etype, ranked, elsewhere, targets[0] if targets else None)
        rule_place = targets[0].name if targets else None
        spot = self.roles.choose_place(place_cands, rule_place) if self.roles is not None and place_cands else None
        if spot is not None and spot.place is not None:
            targets = [spot.place]
            p.notes.append(f" [learned location: {spot.name} p={spot.probability:.2f} over {spot.rule_probability:.2f}]")
        return targets, rule_place, place_cands

    def _attribution(self, m: Mention, p: Parties) -> tuple[Attribution, bool]:
        """Who says so (and whether the event was only planned): the speech verbs and claims, an
        accusation naming the actor, then the certainty classifier's confident label."""
        lex, token, sent = self.lexicon, m.token, m.sent
        attribution = attribute(token, sent, p.actor1, m.namer.name, lex)
        if p.arrest:
            attribution = arrest_claim(token, sent, p.actor1, m.namer) or attribution
        attribution = source_is_not_claimant(attribution, p.actor1, p.actor2)
        planned = _planned(token, lex)
        if planned and attribution.certainty in {"claimed", "reported"} and attribution.claimed_by \
                and attribution.claimed_by != p.actor1:  # "HTS said the cell had planned bombings": HTS accuses
            attribution = Attribution("alleged", attribution.claimed_by, rule="alleged: another side planned it")
        accused = blamed(token, m.namer) if attribution.certainty == "alleged" else None
        if accused is not None and accused != p.actor2 and (p.guessed or p.actor1 == attribution.claimed_by):
            p.actor1 = accused  # "X accused Turkey of drone strikes": Turkey's strikes, alleged by X
        attribution = self._learned_certainty(sent, attribution, p.actor1)
        if m.cand.etype.announced and attribution.certainty == "claimed":
            attribution = Attribution("asserted", rule="asserted: the announcement is the event")
        return attribution, planned

    def _sub_type(self, m: Mention, p: Parties, figs: dict[str, Any]) -> tuple[EventType, dict[str, float]]:
        """The trigger's sub-type, or the one the retype model is confident of once both parties'
        inter codes are known (a protest or riot then takes its ACLED parties)."""
        lex, etype = self.lexicon, m.cand.etype
        p.inter1, p.inter2 = inter_code(self.kb, p.actor1, p.actor1_span, lex), inter_code(self.kb, p.actor2, p.actor2_span, lex)
        if self.roles is None and self.trace is None:
            return etype, {}
        feats = type_features(etype, m.cand.rule_type or etype.name, m.guess, m.token, p.inter1, p.inter2,
                              bool(figs.get("fatalities")))
        retyped = self.roles.choose_type(feats, etype.name) if self.roles is not None else None
        if retyped is None or retyped.name not in self.ontology.types:
            return etype, feats
        etype = self.ontology.types[retyped.name]
        p.notes.append(f" [learned type: {m.cand.etype.name} -> {etype.name} p={retyped.probability:.2f}]")
        if etype.actor1_as or etype.actor2_as:  # now a protest or a riot: its parties by convention
            p.actor1, p.actor2 = self._conventions(etype, p.actor1, p.actor2, m.namer.country)
            p.actor1_span = p.actor2_span = None
            p.inter1, p.inter2 = inter_code(self.kb, p.actor1, None, lex), inter_code(self.kb, p.actor2, None, lex)
        return etype, feats

    def _emit(self, m: Mention, etype: EventType, p: Parties, targets: list[Located], attribution: Attribution,
              planned: bool, figs: dict[str, Any]) -> list[Event]:
        """One event per place, with its evidence sentence and the rule that made each decision."""
        doc, sent, cand, date, lex = m.doc, m.sent, m.cand, m.date, self.lexicon
        article = doc._.article
        text = article.text if article is not None else doc.text
        evidence = Evidence(sent.start_char, sent.end_char, text[sent.start_char:sent.end_char])
        out = []
        spots: list[Located | None] = list(targets) or [None]
        for place in spots:
            ev = Event(
                type=etype.name, evidence=evidence, actor1=p.actor1, actor2=p.actor2, inter1=p.inter1, inter2=p.inter2,
                date=date[0], time_precision=date[1], certainty=attribution.certainty,
                claimed_by=named(attribution.claimed_by, lex) if attribution.certainty != "asserted" else None,
                modality="denied" if attribution.denied else (
                    cand.trigger.modality or ("planned" if planned else date[3])),
                trigger=cand.span.text, rule=f"{cand.etype.name} <- {cand.span.text!r}{cand.note}; {p.rule}"
                                                 f"{GUESSED if p.guessed else ''}{''.join(p.notes)}; {attribution.rule}",
                **figs)
            if ev.type == _OVERTAKES and ev.inter1 == 1:  # state forces taking ground back (ACLED)
                ev.type, ev.rule = _REGAINS, f"{ev.rule}; state actor1 -> {_REGAINS}"
            elif ev.type == _REGAINS and ev.inter1 not in (None, 1):  # "HTS fighters recaptured X"
                ev.type, ev.rule = _OVERTAKES, f"{ev.rule}; non-state actor1 -> {_OVERTAKES}"
            if place is not None:
                _set_place(ev, place)
            if not date[2]:
                self._undated[id(ev)] = ev
            if m.token.tag_ == "NNS" and (place is None or place.precision >= 3):
                self._summaries[id(ev)] = ev
            out.append(ev)
        return out

    def _learned_certainty(self, sent: Span, attribution: Attribution, a1: str | None) -> Attribution:
        """The certainty classifier's label when it is confident and differs from the rules': a
        claim is its actor's unless the rules named the claimant; an assertion has no claimant."""
        model = self.certainty
        if model is None:
            return attribution
        guess = model.predict([sent.text])[0]
        threshold = float(model.card.get("threshold") or 0.6)
        if guess.label == attribution.certainty or guess.probability < threshold or attribution.denied:
            return attribution
        claimant = None if guess.label == "asserted" else attribution.claimed_by or (
            a1 if guess.label == "claimed" else None)
        note = f" [learned certainty: {attribution.certainty} -> {guess.label} p={guess.probability:.2f}]"
        return Attribution(guess.label, claimant, attribution.denied, attribution.rule + note, attribution.armed_source)

    def _conventions(self, etype: EventType, a1: str | None, a2: str | None,
                     country: str | None) -> tuple[str | None, str | None]:
        """The type's ACLED conventions (event_types.yaml): protesters and rioters are actor1 of
        their events, excessive force is used against protesters, an intervention is the police's."""
        if country is None:
            return a1, a2
        named = {k: party_name(self.lexicon, k, country)
                 for k in {etype.actor1_as, etype.actor2_as, etype.actor1_default, etype.actor2_default} if k}
        if etype.actor2_as:
            a2 = named[etype.actor2_as]
            a1 = None if a1 == a2 else a1
        if etype.actor1_as:
            a2 = None if a2 == named[etype.actor1_as] else a2
            a1 = named[etype.actor1_as]
        if a1 is None and etype.actor1_default:
            a1 = named[etype.actor1_default]
        if a2 is None and etype.actor2_default and named[etype.actor2_default] != a1:
            a2 = named[etype.actor2_default]
        return a1, a2


@dataclass
class Mention:
    """One trigger of a sentence, with what the event rules read around it."""

    doc: Doc
    sent: Span
    cand: Candidate
    namer: ActorNamer
    places: Sequence[Located]  # the places of the sentence, else of the sentences before
    context: list[str]  # the article's countries (ISO2)
    main: list[Located]  # the article's main place
    others: tuple[Token, ...]  # the sentence's other triggers
    guess: TypeGuess | None  # the sentence classifier's guess
    date: tuple[Any, ...]  # orbat.events.fill.sentence_date

    @property
    def token(self) -> Token:
        return self.cand.token

    @property
    def local(self) -> list[Located]:
        return [p for p in self.places if p.span is not None and self.sent.start <= p.span.start < self.sent.end]


@dataclass
class Parties:
    """actor1 and actor2 while they are decided, and how."""

    actor1: str | None
    actor2: str | None
    actor1_span: Span | None
    actor2_span: Span | None
    guessed: bool  # actor1 came from the context, not the clause
    arrest: bool
    rule: str  # how the parse gave them (orbat.events.arguments)
    rule_actor1: str | None = None  # the rules' actor1, before the role model
    candidates: list[RoleCandidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the learned decisions, for ``rule``
    inter1: int | None = None
    inter2: int | None = None


def _generic_mention(m: Mention, lex: Lexicon) -> bool:
    """"attacks on civilians continue", "a possible attack": no event of its own."""
    return is_generic(m.token, m.date[2] or any(p.precision < 3 for p in m.local), lex) or (
        is_unrealised(m.token, lex) and m.cand.trigger.modality is None)


def _campaign(m: Mention, lex: Lexicon) -> bool:
    """"since November": a campaign, not one event."""
    return bool(m.date[4] == "since")


def _undated_change(m: Mention, lex: Lexicon) -> bool:
    """"broke away in 2016": background, not a dated change."""
    return bool(m.cand.etype.needs_month and (not m.date[2] or len(m.date[0] or "") < 7))


def _claim_of_earlier(m: Mention, lex: Lexicon) -> bool:
    """"the group said its fighters had ... and seized weapons": the group claims the attack."""
    claimant = group_statement(m.token, m.sent, m.namer)
    claimed = claimed_event(m.doc._.events, m.sent, claimant, m.places, lex) if claimant and not m.date[2] else None
    if claimed is None:
        return False
    claim_of(claimed, Attribution("claimed", claimant, rule="claimed: the group's statement"), lex)
    return True


def _re_mention(m: Mention, lex: Lexicon) -> bool:
    """"(killed in) the attack", "condemned the attack": the same event again; its figures and
    who says so fill the earlier one's gaps."""
    etype, token = m.cand.etype, m.token
    earlier = [e for e in m.doc._.events if e.type == etype.name or (_attack(e.type) and _attack(etype.name))]
    reaction = is_anaphoric(token, lex) and token.head.lemma_.lower() in lex.reaction_verbs
    if not earlier or not (reaction or not m.date[2] and not any(p.precision < 3 for p in m.local)
                           and _refers_back(m.sent, m.cand, lex)):
        return False
    _fill_gaps(earlier[-1], figures(m.sent, lex))
    claim_of(earlier[-1], attribute(token, m.sent, None, m.namer.name, lex), lex, blamed(token, m.namer))
    return True


def _toll_of_previous(m: Mention, lex: Lexicon) -> bool:
    """"seven civilians were killed": the toll of the event just reported."""
    events = m.doc._.events
    if not events or m.date[2] or not follow_up(m.token, m.sent, events[-1], m.local, lex):
        return False
    _fill_gaps(events[-1], figures(m.sent, lex, m.token, m.others))
    return True


# The rules that settle a trigger without a new event, in the order they are tried.
SETTLING: tuple[tuple[str, Callable[[Mention, Lexicon], bool]], ...] = (
    ("generic or unrealised mention", _generic_mention),
    ("a campaign since a date", _campaign),
    ("an undated change to a group", _undated_change),
    ("the group's claim of an earlier event", _claim_of_earlier),
    ("a re-mention of an earlier event", _re_mention),
    ("the toll of the previous event", _toll_of_previous),
)


_REMOTE = "Explosions/Remote violence"
_OVERTAKES = "Battles/Non-state actor overtakes territory"
_REGAINS = "Battles/Government regains territory"


def _joined_sents(doc: Doc) -> Iterator[Span]:
    """spaCy's sentences, re-joined where it split after a month abbreviation ("in Apr. 2013")."""
    pending: Span | None = None
    for sent in doc.sents:
        if pending is not None:
            sent = doc[pending.start:sent.end]
        last = [t for t in sent if not t.is_space][-1:]
        if last and _MONTH_ABBR.fullmatch(last[0].text) and sent.end < len(doc):
            pending = sent
            continue
        pending = None
        yield sent
    if pending is not None:
        yield pending


def _related(a: Token, b: Token) -> bool:
    return a.i == b.i or a in b.ancestors or b in a.ancestors


def _planned(token: Token, lex: Lexicon) -> bool:
    """The event noun is what a party planned or plotted ("had planned bombings")."""
    return token.pos_ in {"NOUN", "PROPN"} and token.dep_ in {"dobj", "obj"} and token.head.lemma_.lower() in lex.plan_verbs


_MEANS_PREPS = {"in", "during", "by"}


def _means_of(noun: Token, verb: Token) -> bool:
    """``noun`` is the event a passive verb happened in: "was killed in a drone strike" is the strike."""
    prep = noun.head
    return noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ == "pobj" and prep.lower_ in _MEANS_PREPS \
        and prep.head.i == verb.i and verb.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "nsubjpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


def pick(in_sent: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """The most specific trigger of a sentence, and a second one of another ACLED event type in
    another clause ("the siege came after the United States launched airstrikes")."""
    if not in_sent:
        return []
    ranked = sorted(in_sent, key=lambda c: c.score, reverse=True)
    best = next((c for c in ranked if _means_of(c.token, ranked[0].token)), ranked[0])
    if best.etype.event_type != _REMOTE:  # "shelled the town, killing two": the weapon decides the type (ACLED)
        best = next((c for c in ranked if c.etype.event_type == _REMOTE and _related(c.token, best.token)), best)
    for other in ranked[1:]:
        if other.etype.event_type != best.etype.event_type and not _related(other.token, best.token) \
                and not is_anaphoric(other.token, lex):
            return sorted([best, other], key=lambda c: c.token.i)
    return [best]


def sentences(doc: Doc) -> Iterator[Span]:
    """The Doc's sentences, split again at line breaks (a title or caption is its own unit)."""
    for sent in _joined_sents(doc):
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield doc[start:tok.i]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _attack(type_: str) -> bool:
    return type_ == "Battles/Armed clash" or type_.startswith("Explosions/") or \
        type_ == "Violence against civilians/Attack"


def _same_occurrence(a: Event, b: Event, undated: bool = False) -> bool:
    """Two mentions of one event: same type (or two methods of one attack at one place), same
    month, compatible place and actor."""
    if (a.date or "")[:7] != (b.date or "")[:7] and not undated:
        return False  # (an event dated only by the publication may re-mention an earlier one)
    actor_ok = b.actor1 is None or a.actor1 is None or a.actor1 == b.actor1 or (
        a.location == b.location and (a.geo_precision or 3) <= 2)  # one place, one month: one event
    if a.type != b.type:
        kinds = {a.type, b.type}
        related = (_attack(a.type) and _attack(b.type)) or kinds == {"Battles/Armed clash", _TAKEOVER}
        return related and a.location is not None and a.location == b.location and actor_ok
    place_ok = a.location == b.location or b.location is None or (b.geo_precision or 1) >= 3 or \
        _within(a, b) or ((a.geo_precision or 1) >= 2 and _within(b, a))  # a district, then a village in it
    return place_ok and actor_ok


def _refers_back(sent: Span, cand: Candidate, lex: Lexicon) -> bool:
    """The trigger, or an event noun of its sentence, is definite ("the attack", "this raid")."""
    return is_anaphoric(cand.token, lex) or any(
        t.lemma_.lower() in lex.event_nouns and is_anaphoric(t, lex) for t in sent)


def _fill_gaps(old: Event, figs: dict[str, object]) -> None:
    for name, value in figs.items():
        if getattr(old, name) in (None, False):
            setattr(old, name, value)


_QUALIFIER = re.compile(r"\s*\(.*\)$|\s+(?:governorate|province|district|region|state|city)$", re.I)


def _within(a: Event, b: Event) -> bool:
    """b's place is the town or district a's place lies in ("the prison in Hasakah")."""
    if b.location is None:
        return False
    key = alias_key(_QUALIFIER.sub("", b.location))
    return key in {alias_key(x) for x in (a.admin1, a.admin2) if x}


def _take_place(old: Event, new: Event) -> None:
    for name in ("location", "country", "iso", "admin1", "admin2", "latitude", "longitude", "geo_precision"):
        setattr(old, name, getattr(new, name))


def merge_or_add(events: list[Event], new: Event, undated: bool = False) -> None:
    """Add ``new`` unless it re-mentions an event already found; then fill that event's gaps.

    A suicide bombing that is part of an attack makes the whole attack a suicide bomb (ACLED).
    """
    for old in events:
        if _same_occurrence(old, new, undated and old.location is not None):
            for name in ("actor1", "actor2", "fatalities", "injured", "count", "claimed_by"):
                if getattr(old, name) is None and getattr(new, name) is not None:
                    setattr(old, name, getattr(new, name))
            if new.type in (_SUICIDE, _TAKEOVER) and old.type != new.type:
                old.type = new.type  # the attack was a suicide bombing / the town was taken
            if (old.geo_precision or 1) >= 2 and _within(new, old):
                _take_place(old, new)  # "a checkpost in Jamrud tehsil", then "the Takhta Beg checkpost"
            return
    events.append(new)


def _clause_of(token: Token) -> Token:
    """The trigger's clause: the trigger verb, or the verb above a trigger noun (the sentence
    root when the parse has none)."""
    return token if token.pos_ in {"VERB", "AUX"} else next(
        (a for a in token.ancestors if a.pos_ in {"VERB", "AUX"}), token.sent.root)


def _spread(ranked: list[Located], token: Token) -> list[Located]:
    """One place per event, or every town of the trigger's clause for a battle over a list
    of places ("seized Afrin, Jindires and Maabatli"), in text order."""
    clause = _clause_of(token)
    lo, hi = clause.left_edge.i, clause.right_edge.i
    towns = [p for p in ranked if (p.precision == 1 or p.place is None) and p.span is not None
             and lo <= p.span.start <= hi and not in_dateline(p.span)]  # a name the gazetteer does not know is most likely a village
    if len(towns) < 2:
        return ranked[:1]
    seen: dict[str, Located] = {}
    for p in sorted(towns, key=lambda p: p.span.start if p.span is not None else 0):
        seen.setdefault(p.name, p)
    return list(seen.values())


def _without_summaries(events: list[Event], summaries: dict[int, Event]) -> list[Event]:
    """Drop a round-up ("ISIS attacks in Diyala") when the article reports the attacks one by one."""
    def detailed(e: Event) -> bool:
        return any(o is not e and id(o) not in summaries and (o.geo_precision or 3) <= 2
                   and (o.date or "")[:7] == (e.date or "")[:7]
                   and (o.type == e.type or (_attack(o.type) and _attack(e.type))) for o in events)
    return [e for e in events if id(e) not in summaries or not detailed(e)]


def _offshore(span: Span) -> bool:
    """"off Yemen": at sea off that coast."""
    return span.start > 0 and span.doc[span.start - 1].lower_ == "off" and \
        not (span.start > 1 and span.doc[span.start - 2].lemma_.lower() in {"take", "fight", "drive", "push"})


def _same_country(a: Located, b: Located) -> bool:
    return a.country is None or b.country is None or a.country == b.country


def _fallback_actor(sent: Span, actor2: str | None, namer: ActorNamer, events: list[Event],
                    in_sentence: bool = True) -> str | None:
    """The first armed group of the sentence that is neither the target nor a source, else the
    agent of the previous event, else the last armed group named before."""
    for ent in sent_ents(sent) if in_sentence else []:
        name = ent._.canonical or ent.text
        governed = ent.root.dep_ == "pobj" and ent.root.head.lower_ in {"to", "against", "on", "with", "from"}
        parent = ent.root.dep_ == "poss" and any((o.start, o.end) != (ent.start, ent.end) and o.start <= ent.root.head.i < o.end
                                                  for o in sent_ents(sent))  # "Al Qaeda's Group for ..."
        if ent.label_ == "ORG_ARMED" and name != actor2 and not governed and not is_speaker(ent, namer.lexicon) and not parent \
                and not (ent.end < len(ent.doc) and ent.doc[ent.end].text in {"-", "–"}):
            return str(name)
    for tok in sent:  # "... when gunmen attacked the town": a described armed subject of another clause
        if tok.dep_ in {"nsubj", "agent"} or (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
            described = namer.name(tok)
            if described and described != actor2 and described.startswith(
                    namer.lexicon.prefixes("unidentified", "military", "police")):
                return described
    previous = [e.actor1 for e in events if e.actor1 and e.actor1 != actor2]
    return previous[-1] if previous else namer.antecedent(sent[0])


def _set_place(ev: Event, loc: Located) -> None:
    place = loc.place
    ev.location = loc.name
    ev.geo_precision = loc.precision
    if place is None:
        return
    ev.country = getattr(place, "country", None)
    ev.iso = getattr(place, "iso3", None)
    ev.admin1 = getattr(place, "admin1", None)
    ev.admin2 = getattr(place, "admin2", None)
    ev.latitude = getattr(place, "latitude", None)
    ev.longitude = getattr(place, "longitude", None)


def _country_name(context: list[str]) -> str | None:
    from orbat.events.places import country_place
    if not context:
        return None
    place = country_place(context[0])
    return place.name if place is not None else None


def _main_place(doc: Doc, context: list[str], geo: Geocoder | None, lex: Lexicon) -> list[Located]:
    """The article's main place: its most mentioned specific place, else its main country;
    followed by the waters it names (for events "off <country>")."""
    everything = locate(geo, lex, doc[:], 0, context, set())
    waters = [p for p in everything if getattr(p.place, "kind", "") == "water"]
    return _most_mentioned(everything)[:1] + _most_mentioned(waters)[:1]


def _most_mentioned(everything: list[Located]) -> list[Located]:
    specific = [p for p in everything if p.precision < 3]
    pool = specific or everything
    if not pool:
        return []
    counts: dict[str, int] = {}
    for p in pool:
        counts[p.name] = counts.get(p.name, 0) + 1
    top = max(pool, key=lambda p: counts[p.name])
    return [Located(top.name, None, top.place, top.precision)]
