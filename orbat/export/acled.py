"""ACLED-style CSV: one row per (merged) event, columns in the order of acled_columns.yaml.

event_id_cnty is the ISO alpha-3 code plus a running number (by date); interaction is the
two-digit ACLED code (lower inter code first; a sole actor gives inter*10); source joins the
outlets of every reporting article with "; "; notes is the evidence sentence(s); tags carry
orbat's certainty, claimant, modality and source count. Rejected events are left out.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from typing import Any, TextIO

from orbat.export.acled_data import AcledSpec, acled_regions, acled_spec, country
from orbat.query import events
from orbat.query.exports import EventReport, entity_records, event_reports
from orbat.query.rows import EventRow
from orbat.store import Store


def full_date(date: str | None) -> str:
    """ACLED needs a day: partial dates take the first day of their month/year."""
    if not date:
        return ""
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date[:10])


def interaction(inter1: int | None, inter2: int | None) -> str:
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return ""
    return str(codes[0] * 10 + (codes[1] if len(codes) == 2 else 0))


def _sources(reports: list[EventReport]) -> tuple[list[str], list[str], str]:
    outlets = list(dict.fromkeys(r.outlet for r in reports))
    notes = list(dict.fromkeys(r.text for r in reports))
    stamp = max((r.ingested_at for r in reports), default="")
    return outlets, notes, stamp


def _inter(entities: dict[str, Any], spec: AcledSpec, given: int | None, entity_id: str | None,
           name: str | None) -> int | None:
    if given is not None:
        return given
    row = entities.get(entity_id) if entity_id else None
    if row is not None and row["inter_code"] is not None:
        return int(row["inter_code"])
    return spec.inter_for_name(name)


def _tags(e: EventRow) -> str:
    parts = [f"certainty: {e.certainty}"]
    if e.claimed_by:
        parts.append(f"claimed by: {e.claimed_by}")
    if e.modality:
        parts.append(f"modality: {e.modality}")
    if e.approx:
        parts.append("figures approximate")
    parts.append(f"sources: {e.source_count}")
    return "; ".join(parts)


def _timestamp(stamp: str) -> str:
    if not stamp:
        return ""
    return str(int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()))


def row(spec: AcledSpec, e: EventRow, event_id_cnty: str, entities: dict[str, Any],
        reports: list[EventReport]) -> dict[str, Any]:
    event_type, sub_type = spec.split_type(e.type)
    c = country(e.iso, e.country)
    inter1 = _inter(entities, spec, e.inter1, e.actor1_id, e.actor1)
    inter2 = _inter(entities, spec, e.inter2, e.actor2_id, e.actor2)
    outlets, notes, stamp = _sources(reports)
    date = full_date(e.date)
    return {
        "event_id_cnty": event_id_cnty, "event_date": date, "year": date[:4],
        "time_precision": e.time_precision or (1 if e.date and len(e.date) == 10 else 3 if e.date else ""),
        "disorder_type": spec.disorder_types.get(event_type, ""), "event_type": event_type,
        "sub_event_type": sub_type, "actor1": e.actor1 or "", "assoc_actor_1": e.assoc_actor1 or "",
        "inter1": inter1 if inter1 is not None else "", "actor2": e.actor2 or "",
        "assoc_actor_2": e.assoc_actor2 or "", "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if spec.inter_for_name(e.actor2) == 7 else "",
        "iso": int(c.numeric) if c else "", "region": acled_regions().get(c.alpha_3, "") if c else "",
        "country": e.country or (getattr(c, "common_name", None) or c.name if c else ""),
        "admin1": e.admin1 or "", "admin2": e.admin2 or "", "admin3": "", "location": e.location or "",
        "latitude": e.latitude if e.latitude is not None else "",
        "longitude": e.longitude if e.longitude is not None else "",
        "geo_precision": e.geo_precision or "", "source": "; ".join(outlets), "source_scale": "",
        "notes": " ".join(notes), "fatalities": e.fatalities or 0, "tags": _tags(e), "timestamp": _timestamp(stamp),
    }


def write_rows(store: Store, rows: list[EventRow], out: TextIO) -> int:
    """ACLED CSV of ``rows`` (in their order; event_id_cnty numbered per country in that order)."""
    spec = acled_spec()
    writer = csv.DictWriter(out, fieldnames=spec.columns, lineterminator="\n")
    writer.writeheader()
    counters: dict[str, int] = {}
    entities, reports = entity_records(store), event_reports(store, [e.id for e in rows])
    for e in rows:
        c = country(e.iso, e.country)
        prefix = c.alpha_3 if c else "XXX"
        counters[prefix] = counters.get(prefix, 0) + 1
        record = row(spec, e, f"{prefix}{counters[prefix]}", entities, reports.get(e.id, []))
        writer.writerow({k: record.get(k, "") for k in spec.columns})
    return len(rows)


def write(store: Store, out: TextIO) -> int:
    """Every event (not rejected), by date."""
    return write_rows(store, sorted(events(store), key=lambda ev: (ev.date or "", ev.id)), out)
