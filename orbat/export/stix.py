"""STIX 2.1 bundle built with the stix2 library.

* threat-actor per armed group (aliases, first_seen/last_seen from KB founded/dissolved or the
  dates of the articles that mention it), identity for people (individual) and other bodies
  (organization), location objects (lat/lon) for the places of events;
* relationship per relation: relationship_type from the predicates ontology, the predicate kept in
  the description, start_time/stop_time from its dates, confidence from certainty (data/stix.yaml);
* a report per article (published, object_refs, external reference with the URL);
* ``build_selection``: the same for the events and relations a web page shows (its filters).

Ids are uuid5 over our own ids and every timestamp comes from the store, so exporting the same
store twice gives the same bundle.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

import stix2

from orbat.datafile import read_data
from orbat.ontology.predicates import load_predicates, predicate_for
from orbat.query import events, relations
from orbat.query.exports import aliases_by_root, article_refs, entity_records, last_ingested, seen_by_root
from orbat.query.rows import EventRow, RelationRow
from orbat.store import Store

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://orbat.invalid/stix")
EPOCH = "1970-01-01T00:00:00Z"


@cache
def stix_config() -> dict[str, Any]:
    data: dict[str, Any] = read_data(Path(str(resources.files("orbat.export").joinpath("data", "stix.yaml"))))
    return data


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def timestamp(date: str | None) -> str | None:
    """ISO partial date -> STIX timestamp at the start of the period."""
    if not date:
        return None
    full = {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date[:10])
    return f"{full}T00:00:00Z" if len(full) == 10 else None


def confidence(certainty: str, origin: str) -> int:
    table = stix_config()["confidence"]
    return int(table["kb"] if origin == "kb" else table.get(certainty, table["reported"]))


def _relation_key(r: RelationRow) -> str:
    """Stable across re-ingest and KB re-sync (row ids are not)."""
    return f"{r.subject_id}|{r.predicate}|{r.object_id}|{r.date_start}|{r.origin}|{r.article_id}|{r.start}"


class _Builder:
    def __init__(self, store: Store) -> None:
        self.stamp = last_ingested(store) or EPOCH
        self.objects: dict[str, Any] = {}
        self.entity_ref: dict[str, str] = {}
        self.predicates = load_predicates()
        self.entities = entity_records(store)
        self.aliases = aliases_by_root(store)
        self.seen = seen_by_root(store)

    def common(self, kind: str, key: str) -> dict[str, Any]:
        return {"id": stix_id(kind, key), "created": self.stamp, "modified": self.stamp}

    def entity(self, entity_id: str) -> str | None:
        if entity_id in self.entity_ref:
            return self.entity_ref[entity_id]
        row = self.entities.get(entity_id)
        obj = self._entity_object(row) if row is not None else None
        if obj is not None:
            self.objects[obj.id] = obj
            self.entity_ref[entity_id] = obj.id
        return obj.id if obj is not None else None

    def _aliases(self, entity_id: str, canonical: str) -> list[str]:
        return list(dict.fromkeys(a for a in self.aliases.get(entity_id, []) if a != canonical))

    def _seen(self, row: Any) -> tuple[str | None, str | None]:
        attrs = json.loads(row["attrs_json"] or "{}")
        dates = self.seen.get(row["id"], (None, None))
        first = timestamp(attrs.get("founded")) or timestamp(dates[0])
        last = timestamp(attrs.get("dissolved")) or timestamp(dates[1])
        if first and last and last < first:
            last = None
        return first, last

    def _entity_object(self, row: Any) -> Any | None:
        kind, key, name = row["type"], row["id"], row["canonical"]
        aliases = self._aliases(key, name)
        if kind == "ORG_ARMED":
            first, last = self._seen(row)
            types = stix_config()["threat_actor_types"].get(row["inter_code"], "unknown")
            extra = {k: v for k, v in (("first_seen", first), ("last_seen", last), ("aliases", aliases)) if v}
            return stix2.ThreatActor(name=name, threat_actor_types=[types], **extra,
                                     **self.common("threat-actor", key))
        if kind in ("PERSON", "ORG_OTHER"):
            cls = "individual" if kind == "PERSON" else "organization"
            desc = {"description": "Also known as: " + "; ".join(aliases)} if aliases else {}
            return stix2.Identity(name=name, identity_class=cls, **desc, **self.common("identity", key))
        if row["latitude"] is not None and row["longitude"] is not None:
            return stix2.Location(name=name, latitude=row["latitude"], longitude=row["longitude"],
                                  **self.common("location", key))
        return None

    def relationship(self, r: RelationRow) -> str | None:
        source, target = self.entity(r.subject_id), self.entity(r.object_id)
        if not source or not target:
            return None
        pred = predicate_for(r.predicate)
        rtype = pred.stix if pred else stix_config()["default_relationship_type"]
        start, stop = timestamp(r.date_start), timestamp(r.date_end)
        times = {"start_time": start} if start else {}
        if stop and (not start or stop > start):
            times["stop_time"] = stop
        desc = f"{r.subject} {r.predicate} {r.object} ({r.status}, {r.origin})"
        obj = stix2.Relationship(source_ref=source, target_ref=target, relationship_type=rtype, description=desc,
                                 confidence=confidence(r.certainty, r.origin), **times,
                                 **self.common("relationship", _relation_key(r)))
        self.objects[obj.id] = obj
        return str(obj.id)

    def place(self, name: str | None, lat: float, lon: float, iso: str | None) -> str:
        key = f"{name}|{lat:.5f}|{lon:.5f}"
        extra = {"country": iso.upper()} if iso and len(iso) == 2 else {}
        obj = stix2.Location(name=name or key, latitude=lat, longitude=lon, **extra, **self.common("location", key))
        self.objects[obj.id] = obj
        return str(obj.id)

    def reports(self, store: Store, rel_refs: dict[int, str], event_places: dict[int, str],
                actors: dict[int, list[str]] | None = None) -> None:
        """A report per article referring to what it supports. With ``actors`` (a selection: event id ->
        refs of its actors), only the articles behind the selected events and relations, referring to
        those (not to everything else they mention)."""
        for found in article_refs(store):
            art, aid = found.article, found.article["id"]
            if actors is None:
                refs = [self.entity(e) for e in found.entities]
            elif any(e in actors for e in found.events) or any(r in rel_refs for r in found.relations):
                refs = [ref for e in found.events for ref in actors.get(e, [])]
            else:
                continue
            refs += [rel_refs[r] for r in found.relations if r in rel_refs]
            refs += [event_places[e] for e in found.events if e in event_places]
            object_refs = list(dict.fromkeys(ref for ref in refs if ref))
            if not object_refs:
                continue
            ext = {"source_name": art["outlet"] or "article", "external_id": aid}
            if art["url"]:
                ext["url"] = art["url"]
            report = stix2.Report(
                name=art["title"] or aid, report_types=["threat-report"], object_refs=object_refs,
                published=timestamp(art["published"]) or art["ingested_at"], external_references=[ext],
                **self.common("report", aid))
            self.objects[report.id] = report


def build_bundle(store: Store) -> stix2.Bundle:
    b = _Builder(store)
    rel_refs = {r.id: ref for r in relations(store) if (ref := b.relationship(r))}
    places = {e.id: b.place(e.location, e.latitude, e.longitude, e.iso) for e in events(store)
              if e.latitude is not None and e.longitude is not None}
    b.reports(store, rel_refs, places)
    return _bundle(b)


def build_selection(store: Store, event_rows: Iterable[EventRow] = (),
                    relation_rows: Iterable[RelationRow] = ()) -> stix2.Bundle:
    """The bundle of what a page shows: these events (their places and actors) and relations, and a
    report for each article that is a source of one of them, referring only to those objects."""
    b = _Builder(store)
    rel_refs = {r.id: ref for r in relation_rows if (ref := b.relationship(r))}
    places: dict[int, str] = {}
    actors: dict[int, list[str]] = {}
    for e in event_rows:
        if e.latitude is not None and e.longitude is not None:
            places[e.id] = b.place(e.location, e.latitude, e.longitude, e.iso)
        actors[e.id] = [ref for a in (e.actor1_id, e.actor2_id) if a and (ref := b.entity(a))]
    b.reports(store, rel_refs, places, actors)
    return _bundle(b)


def _bundle(b: _Builder) -> stix2.Bundle:
    objects = [b.objects[k] for k in sorted(b.objects)]
    bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, '|'.join(sorted(b.objects)))}"
    return stix2.Bundle(objects=objects, id=bundle_id)


def dumps(bundle: stix2.Bundle) -> str:
    # stix2's serialize(pretty=True) re-sorts every property and is ~400x slower than this.
    return json.dumps(json.loads(bundle.serialize()), indent=2, ensure_ascii=False) + "\n"


def write(store: Store, out: TextIO) -> int:
    bundle = build_bundle(store)
    out.write(dumps(bundle))
    return len(bundle.get("objects", []))
