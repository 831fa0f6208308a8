"""Score system output against the dev gold set (entities, alias pairs, events, relations).

Implements "Matching rules a scorer should implement" of ../shared/eval/dev/README.md:
normalised surfaces, gold alias mapping (article tables, then pooled), greedy one-to-one
matching of events and relations, micro-average over the four categories.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

from orbat.eval.matching import AliasIndex, build_table, norm, occurs_in
from orbat.eval.metrics import PRF, Accuracy
from orbat.eval.records import EventItem, GoldArticle, RelationItem, SystemArticle, SystemEntity
from orbat.eval.report import ArticleScore, DevReport

SYMMETRIC_PREDICATES = frozenset({"rival_of/fights", "allied_with"})


def build_index(gold: Iterable[GoldArticle]) -> AliasIndex:
    index = AliasIndex()
    for g in gold:
        pairs = [(e.text, e.canonical) for e in g.entities]
        index.add_article(g.id, build_table(pairs, g.aliases))
    return index


Errors = dict[str, list[str]]


def _entity_scores(
    g: GoldArticle, s: SystemArticle, index: AliasIndex, errors: Errors
) -> tuple[PRF, Accuracy, Accuracy]:
    gold_pairs: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for e in g.entities:
        if not e.boilerplate:
            gold_pairs.setdefault((norm(e.text), e.type), []).append((e.canonical, *e.also_accept))
    gold_keys = {key for key, _ in gold_pairs}
    ignored = ({norm(e.text) for e in g.entities if e.boilerplate} | {norm(u) for u in g.unscored}) - gold_keys
    sys_pairs: dict[tuple[str, str], Counter[str]] = {}
    for m in s.entities:
        key = norm(m.text)
        if key and key not in ignored:
            sys_pairs.setdefault((key, m.type), Counter())[m.canonical] += 1
    matched = gold_pairs.keys() & sys_pairs.keys()
    loose = strict = 0
    for pair in matched:
        canonical = sys_pairs[pair].most_common(1)[0][0]
        accepted = [name for names in gold_pairs[pair] for name in names]
        loose += any(index.match(g.id, canonical, name) for name in accepted)
        strict += norm(canonical) in {norm(name) for name in accepted}
        if norm(canonical) not in {norm(name) for name in accepted}:
            errors["entities.canonical"].append(f"{pair[0]} [{pair[1]}]: {canonical!r}, gold {accepted[0]!r}")
    errors["entities.missed"] += [f"{k} [{t}]" for k, t in sorted(gold_pairs.keys() - matched)]
    errors["entities.spurious"] += [f"{k} [{t}]" for k, t in sorted(sys_pairs.keys() - matched)]
    prf = PRF(len(matched), len(sys_pairs), len(gold_pairs))
    return prf, Accuracy(loose, len(matched)), Accuracy(strict, len(matched))


def alias_pairs(groups: Iterable[Iterable[str]], text: str) -> set[frozenset[str]]:
    """Unordered pairs of normalised names of each group that occur in the normalised text."""
    text_key = norm(text)
    pairs: set[frozenset[str]] = set()
    for group in groups:
        names = sorted({norm(n) for n in group if occurs_in(norm(n), text_key)})
        pairs.update(frozenset(p) for p in combinations(names, 2))
    return pairs


def groups_from_entities(entities: Iterable[SystemEntity]) -> list[list[str]]:
    """Alias groups [canonical, surface, ...] derived from entity canonicals."""
    groups: dict[str, list[str]] = {}
    for m in entities:
        group = groups.setdefault(m.canonical, [m.canonical])
        if m.text not in group:
            group.append(m.text)
    return list(groups.values())


def _alias_scores(g: GoldArticle, s: SystemArticle, text: str, errors: Errors) -> PRF:
    gold = alias_pairs(g.aliases, text)
    groups = s.aliases if s.aliases is not None else groups_from_entities(s.entities)
    system = alias_pairs(groups, text)
    errors["aliases.missed"] += sorted(" = ".join(sorted(p)) for p in gold - system)
    errors["aliases.spurious"] += sorted(" = ".join(sorted(p)) for p in system - gold)
    return PRF(len(gold & system), len(system), len(gold))


def _date_match(gold: str | None, system: str | None) -> bool:
    if gold is None:
        return True
    if system is None:
        return False
    if len(gold) >= 7 and gold[4] == "-":
        return system[:7] == gold[:7]
    return system[:4] == gold[:4]


def event_keys_match(aid: str, g: EventItem, s: EventItem, index: AliasIndex) -> bool:
    if norm(s.type) not in {norm(t) for t in (g.type, *g.type_also)}:
        return False
    if g.actor1 is not None and not index.match(aid, s.actor1, g.actor1, g.actor1_also):
        return False
    if g.location is not None and not index.match(aid, s.location, g.location, g.location_also):
        return False
    return _date_match(g.date, s.date)


def _event_text(e: EventItem) -> str:
    return f"{e.type} | actor1={e.actor1} | location={e.location} | date={e.date}"


def _event_scores(
    g: GoldArticle, s: SystemArticle, index: AliasIndex, errors: Errors
) -> tuple[PRF, dict[str, Accuracy]]:
    used: set[int] = set()
    correct: Counter[str] = Counter()
    for ge in g.events:
        hit = next((i for i, se in enumerate(s.events) if i not in used and event_keys_match(g.id, ge, se, index)),
                   None)
        if hit is None:
            errors["events.missed"].append(_event_text(ge))
            continue
        used.add(hit)
        se = s.events[hit]
        ok = {"fatalities": se.fatalities == ge.fatalities,
              "claimed_by": index.match(g.id, se.claimed_by, ge.claimed_by),
              "certainty": se.certainty == ge.certainty}
        correct.update(name for name, good in ok.items() if good)
        errors["events.attributes"] += [f"{_event_text(ge)}: {name} {getattr(se, name)!r}, gold {getattr(ge, name)!r}"
                                        for name, good in ok.items() if not good]
    errors["events.spurious"] += [_event_text(e) for i, e in enumerate(s.events) if i not in used]
    n = len(used)
    attrs = {name: Accuracy(correct[name], n) for name in ("fatalities", "claimed_by", "certainty")}
    return PRF(n, len(s.events), len(g.events)), attrs


def relation_match(aid: str, g: RelationItem, s: RelationItem, index: AliasIndex) -> bool:
    if norm(s.predicate) != norm(g.predicate):
        return False

    def ends(subj: str, obj: str) -> bool:
        return index.match(aid, subj, g.subject, g.subject_also) and index.match(aid, obj, g.object, g.object_also)

    if ends(s.subject, s.object):
        return True
    return g.predicate in SYMMETRIC_PREDICATES and ends(s.object, s.subject)


def _relation_text(r: RelationItem) -> str:
    return f"{r.subject} | {r.predicate} | {r.object}"


def _relation_scores(g: GoldArticle, s: SystemArticle, index: AliasIndex, errors: Errors) -> PRF:
    used: set[int] = set()
    for gr in g.relations:
        for i, sr in enumerate(s.relations):
            if i not in used and relation_match(g.id, gr, sr, index):
                used.add(i)
                break
        else:
            errors["relations.missed"].append(_relation_text(gr))
    errors["relations.spurious"] += [_relation_text(r) for i, r in enumerate(s.relations) if i not in used]
    return PRF(len(used), len(s.relations), len(g.relations))


def score_article(g: GoldArticle, s: SystemArticle | None, text: str, index: AliasIndex) -> ArticleScore:
    s = s or SystemArticle(id=g.id, entities=(), aliases=None, events=(), relations=())
    errors: Errors = defaultdict(list)
    entities, canonical, strict = _entity_scores(g, s, index, errors)
    events, attrs = _event_scores(g, s, index, errors)
    return ArticleScore(
        id=g.id,
        entities=entities,
        aliases=_alias_scores(g, s, text, errors),
        events=events,
        relations=_relation_scores(g, s, index, errors),
        canonical=canonical,
        canonical_strict=strict,
        fatalities=attrs["fatalities"],
        claimed_by=attrs["claimed_by"],
        certainty=attrs["certainty"],
        errors={k: v for k, v in sorted(errors.items()) if v},
    )


def score_dev(
    gold: list[GoldArticle],
    system: Mapping[str, SystemArticle],
    texts: Mapping[str, str],
    ids: Iterable[str] | None = None,
) -> DevReport:
    """Score the gold articles named in ``ids`` (default: all); alias tables pool over all gold."""
    index = build_index(gold)
    wanted = set(ids) if ids is not None else None
    scores = [
        score_article(g, system.get(g.id), texts.get(g.id, ""), index)
        for g in gold
        if wanted is None or g.id in wanted
    ]
    failed = tuple(s.id for s in scores if (rec := system.get(s.id)) is not None and rec.status == "failed")
    missing = tuple(s.id for s in scores if s.id not in system)
    return DevReport(articles=tuple(scores), failed=failed, missing=missing)
