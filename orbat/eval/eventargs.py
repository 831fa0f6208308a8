"""Sentence-level event typing and event arguments against gold of another ontology.

Shared by the WikiEvents, PLOVER and ConfliBERT-CAMEO readers. Each reader turns its gold into
``EventDoc``s (sentences as character spans, gold events with a label of the set's own ontology and
arguments as alternative mention spans, e.g. a coreference chain); a ``Crosswalk`` data file says which
orbat ACLED types a gold label accepts and which gold roles are orbat's ``actor1``/``actor2``/``location``.

Scoring (also returned as notes by the readers):
- a system event sits in the gold sentences its evidence overlaps; events whose type no crosswalk
  entry accepts (agreements, for a set that has none) are not scored;
- events: distinct (sentence, gold label) vs distinct (sentences, ACLED type), one-to-one; a gold label
  whose accepted types include all of another label's in the same sentence is folded into it (the
  "attack" and the "explosion" of one bombing are one ACLED event);
- arguments: distinct (sentence, slot, gold argument) vs distinct (sentences, slot, system value) of the
  scored events; a value matches when one of its mention spans overlaps a mention of the argument, or
  its canonical or a surface equals or contains (whole words) one of those mentions' texts, or it is an
  ACLED described actor ("Civilians (Iraq)", listed under ``described``) and a mention has one of the
  entity types it stands for, and is unnamed (no capitalised word but pronouns and determiners) unless
  the entry says ``names: true``: the gold "worshippers" is ACLED's "Civilians (X)", "the gunmen" its
  "Unidentified Armed Group (X)";
- a system event (and its arguments) in sentences that hold no scored gold event but a gold event of
  an ``ignored`` label (a death, damage) is neither right nor wrong;
- actor_order: of the system actor1/actor2 values that match a gold actor1 or actor2 of their sentence,
  the share in the right slot (a reversed attacker and target count wrong).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from orbat.datafile import read_data
from orbat.errors import DataError
from orbat.eval.external import loosely_equal, mentions_of, names_for, system_records, take
from orbat.eval.matching import norm
from orbat.eval.metrics import PRF, Accuracy, total_accuracy, total_prf
from orbat.eval.re3d import is_name
from orbat.model import Article
from orbat.settings import Settings

SLOTS: tuple[str, ...] = ("actor1", "actor2", "location")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    type: str | None = None  # the gold set's entity type (WikiEvents: PER, ORG, GPE, FAC...), if it has one

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class GoldEvent:
    sentence: int
    label: str  # the set's own type: "Conflict.Attack.Unspecified", "COERCE/arrest", "4"
    args: tuple[tuple[str, tuple[Span, ...]], ...] = ()  # (gold role, alternative mentions)


@dataclass
class EventDoc:
    article: Article
    sentences: list[tuple[int, int]]
    events: list[GoldEvent]


@dataclass(frozen=True)
class TypeEntry:
    acled: tuple[str, ...]  # ACLED "Event type/Sub-event type" prefixes a system event may have
    family: str
    detect: bool  # scored as an event; False: arguments only (a death is part of an attack)
    roles: dict[str, str]  # gold role -> orbat slot


@dataclass(frozen=True)
class Described:
    types: tuple[str, ...]  # gold entity types (WikiEvents PER, PLOVER sector CVL...) it may stand for; "*": any
    names: bool  # named gold mentions count too (ACLED codes a named civilian as "Civilians (X)")


@dataclass(frozen=True)
class Crosswalk:
    types: dict[str, TypeEntry]  # gold label prefix (longest wins) -> entry
    ignored: tuple[str, ...]  # gold label prefixes whose sentences are not scored for precision
    described: dict[str, Described] = field(default_factory=dict)  # ACLED described actor -> gold it stands for
    pronouns: frozenset[str] = frozenset()  # the lexicon's pronouns and determiners: "The gunmen" is not a name

    def described_rule(self, value: str) -> Described | None:
        """What an ACLED described actor ("Civilians (Mali)") stands for; None for a name."""
        return next((d for prefix, d in self.described.items() if value == prefix or value.startswith(prefix + " (")),
                    None)

    @staticmethod
    def _longest(label: str, prefixes: Iterable[str]) -> str | None:
        hits = [p for p in prefixes if label == p or label.startswith(p + ".") or label.startswith(p + "/")]
        return max(hits, key=len) if hits else None

    def entry(self, label: str) -> TypeEntry | None:
        key = self._longest(label, self.types)
        return None if key is None else self.types[key]

    def is_ignored(self, label: str) -> bool:
        entry = self.entry(label)
        return self._longest(label, self.ignored) is not None or (entry is not None and not entry.detect)

    @property
    def slots(self) -> frozenset[str]:
        """The orbat slots some gold role maps to: the others are not scored (CAMEO has no places)."""
        return frozenset(slot for e in self.types.values() for slot in e.roles.values())

    def scored(self, acled_type: str) -> bool:
        return any(accepts(e.acled, acled_type) for e in self.types.values())

    def family(self, acled_type: str) -> str:
        hits = [(len(p), e.family) for e in self.types.values() if e.detect for p in e.acled
                if accepts((p,), acled_type)]
        return max(hits)[1] if hits else "other"


def accepts(prefixes: Iterable[str], acled_type: str) -> bool:
    return any(acled_type == p or acled_type.startswith(p + "/") for p in prefixes)


def load_crosswalk(path: Path) -> Crosswalk:
    data = read_data(path)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise DataError(str(path), "expected a mapping 'types' (gold label -> acled, family, roles)")
    types: dict[str, TypeEntry] = {}
    for label, spec in data["types"].items():
        if not isinstance(spec, dict) or not isinstance(spec.get("acled", []), list):
            raise DataError(str(path), f"type {label!r}: expected acled (a list), family, roles")
        roles = spec.get("roles") or {}
        bad = sorted(set(map(str, roles.values())) - set(SLOTS))
        if bad:
            raise DataError(str(path), f"type {label!r}: unknown slot {bad[0]!r} (use {', '.join(SLOTS)})")
        types[str(label)] = TypeEntry(tuple(map(str, spec.get("acled", []))), str(spec.get("family", "other")),
                                      bool(spec.get("detect", True)), {str(k): str(v) for k, v in roles.items()})
    described = {}
    for name, spec in (data.get("described") or {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("types"), list):
            raise DataError(str(path), f"described actor {name!r}: expected types (a list) and names (true/false)")
        described[str(name)] = Described(tuple(map(str, spec["types"])), spec.get("names") is True)
    return Crosswalk(types, tuple(map(str, data.get("ignored") or [])), described)


def load_crosswalk_with_lexicon(path: Path) -> Crosswalk:
    """The crosswalk plus the lexicon's pronouns (described actors match unnamed gold mentions)."""
    from orbat.lexicon import load_lexicon

    return replace(load_crosswalk(path), pronouns=frozenset(load_lexicon().pronouns))


@dataclass(frozen=True)
class _SysEvent:
    sentences: frozenset[int]
    type: str
    values: dict[str, str]  # slot -> system value


@dataclass
class DocScore:
    prf: dict[str, PRF] = field(default_factory=dict)
    actor_order: Accuracy = Accuracy()

    def add(self, key: str, tp: int = 0, system: int = 0, gold: int = 0) -> None:
        self.prf[key] = self.prf.get(key, PRF()) + PRF(tp, system, gold)


def _sentences_of(doc: EventDoc, start: int, end: int) -> frozenset[int]:
    return frozenset(i for i, (s, e) in enumerate(doc.sentences) if s < end and start < e)


def _system_events(doc: EventDoc, record: dict[str, Any], cw: Crosswalk) -> list[_SysEvent]:
    out: list[_SysEvent] = []
    for e in record.get("events", []):
        etype, ev = str(e.get("type", "")), e.get("evidence") or {}
        if not cw.scored(etype):
            continue
        sents = _sentences_of(doc, int(ev.get("start", 0)), int(ev.get("end", 0)))
        out.append(_SysEvent(sents, etype, {s: str(e[s]) for s in SLOTS if e.get(s)}))
    return out


def _value_spans(record: dict[str, Any], value: str) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in mentions_of(record) if value in (m.canonical, m.text)]
    text, at = str(record.get("text", "")), 0
    while not spans and value and (at := text.find(value, at)) >= 0:
        spans.append((at, at + len(value)))
        at += len(value)
    return spans


def value_matches(record: dict[str, Any], value: str, mentions: tuple[Span, ...], described: Described | None = None,
                  pronouns: frozenset[str] = frozenset()) -> bool:
    """A system value denotes one of the gold mentions: by span overlap, else by name, else (an ACLED
    described actor such as "Civilians (Mali)") by the entity type of a gold mention (unnamed, unless the
    crosswalk says names count too)."""
    if any(m.overlaps(s, e) for s, e in _value_spans(record, value) for m in mentions):
        return True
    if described is not None and any(("*" in described.types or m.type in described.types)
                                     and (described.names or not is_name(m.text, pronouns)) for m in mentions):
        return True
    names = names_for(record, value)
    return any(loosely_equal(n, norm(m.text)) for n in names for m in mentions if norm(m.text))


def _folded(items: list[tuple[int, str, TypeEntry]]) -> list[tuple[int, str, TypeEntry]]:
    """Drop a label when a more specific label (accepting a subset of its types) sits in the same sentence."""
    def covers(wide: TypeEntry, narrow: TypeEntry) -> bool:
        return set(narrow.acled) < set(wide.acled) and all(accepts(wide.acled, p) for p in narrow.acled)

    return [(s, lab, e) for s, lab, e in items
            if not any(s2 == s and covers(e, e2) for s2, _, e2 in items)]


def score_doc(doc: EventDoc, record: dict[str, Any], cw: Crosswalk) -> DocScore:
    score = DocScore()
    entries = [(g, cw.entry(g.label)) for g in doc.events]
    ignorable = {g.sentence for g in doc.events if cw.is_ignored(g.label)}
    labels = {(g.sentence, g.label): e for g, e in entries if e is not None and e.detect}
    detect = _folded([(s, lab, labels[s, lab]) for s, lab in sorted(labels)])
    role_sents = {g.sentence for g, e in entries if e is not None and e.roles}
    system = _system_events(doc, record, cw)
    _score_types(score, detect, system, ignorable, cw)
    _score_arguments(score, entries, system, ignorable, role_sents, record, cw)
    return score


def _score_types(score: DocScore, gold: list[tuple[int, str, TypeEntry]], system: list[_SysEvent],
                 ignorable: set[int], cw: Crosswalk) -> None:
    items = sorted({(e.sentences, e.type) for e in system}, key=lambda t: (sorted(t[0]), t[1]))
    used: set[int] = set()
    for sent, _, entry in gold:
        hit = next((i for i, (sents, t) in enumerate(items)
                    if i not in used and sent in sents and accepts(entry.acled, t)), None)
        score.add("events", gold=1)
        score.add(f"events_{entry.family}", gold=1)
        if hit is not None:
            used.add(hit)
            score.add("events", tp=1, system=1)
            score.add(f"events_{entry.family}", tp=1, system=1)
    gold_sents = {s for s, _, _ in gold}
    for i, (sents, t) in enumerate(items):
        if i in used or (not sents & gold_sents and sents & ignorable):
            continue
        score.add("events", system=1)
        score.add(f"events_{cw.family(t)}", system=1)


GoldArgs = dict[tuple[int, str, tuple[Span, ...]], tuple[set[str], str]]  # (sentence, slot, mentions) -> types, family
SysArgs = dict[tuple[frozenset[int], str, str], set[str]]  # (sentences, slot, value) -> system event types


def _gold_arguments(entries: list[tuple[GoldEvent, TypeEntry | None]]) -> GoldArgs:
    gold: GoldArgs = {}
    for g, entry in entries:
        if entry is None:
            continue
        for role, mentions in g.args:
            slot = entry.roles.get(role)
            if slot is not None and mentions:
                gold.setdefault((g.sentence, slot, mentions), (set(), entry.family))[0].update(entry.acled)
    return gold


def _system_arguments(system: list[_SysEvent], ignorable: set[int], role_sents: set[int],
                      slots: frozenset[str]) -> SysArgs:
    items: SysArgs = {}
    for e in system:
        if not e.sentences & role_sents and e.sentences & ignorable:
            continue
        for slot, value in e.values.items():
            if slot in slots:
                items.setdefault((e.sentences, slot, value), set()).add(e.type)
    return items


def _score_arguments(score: DocScore, entries: list[tuple[GoldEvent, TypeEntry | None]],
                     system: list[_SysEvent], ignorable: set[int], role_sents: set[int],
                     record: dict[str, Any], cw: Crosswalk) -> None:
    gold = _gold_arguments(entries)
    sys_items = _system_arguments(system, ignorable, role_sents, cw.slots)
    used: set[tuple[frozenset[int], str, str]] = set()
    for (sent, slot, mentions), (accepted, family) in sorted(gold.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        hit = next((k for k, types in sys_items.items() if k not in used and sent in k[0] and k[1] == slot
                    and any(accepts(accepted, t) for t in types)
                    and value_matches(record, k[2], mentions, cw.described_rule(k[2]), cw.pronouns)), None)
        for key in ("arguments", f"arguments_{slot}", f"arguments_{family}"):
            score.add(key, tp=int(hit is not None), system=int(hit is not None), gold=1)
        if hit is not None:
            used.add(hit)
    for item, types in sys_items.items():
        if item not in used:
            for key in ("arguments", f"arguments_{item[1]}", f"arguments_{cw.family(min(types))}"):
                score.add(key, system=1)
    score.actor_order = _actor_order(gold, sys_items, record, cw)


def _actor_order(gold: GoldArgs, sys_items: SysArgs, record: dict[str, Any], cw: Crosswalk) -> Accuracy:
    correct = total = 0
    for sents, slot, value in sys_items:
        if slot == "location":
            continue
        slots = {g_slot for (s, g_slot, mentions) in gold if s in sents and g_slot != "location"
                 and value_matches(record, value, mentions, cw.described_rule(value), cw.pronouns)}
        if slots:
            total += 1
            correct += slot in slots
    return Accuracy(correct, total)


def score_event_docs(docs: list[EventDoc], records: dict[str, dict[str, Any]], cw: Crosswalk) -> dict[str, Any]:
    """P/R/F1 per metric and the actor-order accuracy, summed over the documents."""
    scores = [score_doc(d, records.get(d.article.id, {"id": d.article.id, "text": d.article.text}), cw)
              for d in docs]
    keys = sorted({k for s in scores for k in s.prf}, key=lambda k: (k.split("_")[0], "_" in k, k))
    out: dict[str, Any] = {k: total_prf(s.prf.get(k, PRF()) for s in scores).as_dict() for k in keys}
    out["actor_order"] = total_accuracy(s.actor_order for s in scores).as_dict()
    return out


def evaluate_event_set(
    dataset: str, docs: list[EventDoc], crosswalk: Path, notes: Iterable[str], settings: Settings,
    limit: int | None, system: Path | None, save_system: Path | None,
) -> dict[str, Any]:
    """Extract (or read ``system``) for the first ``limit`` documents and score them; a JSON-ready dict."""
    cw = load_crosswalk_with_lexicon(crosswalk)
    docs = take(docs, limit)
    records = system_records([d.article for d in docs], settings, system, save_system)
    return {"dataset": dataset, "documents": len(docs), **score_event_docs(docs, records, cw), "notes": list(notes)}
