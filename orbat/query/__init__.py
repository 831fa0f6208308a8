"""orbat.query: the one read side over the store (SQLite or PostgreSQL).

Every read applies the analysts' judgements: entity ids resolve through merges (``entity_roots``)
and rejected events and relations are left out. The CLI, the web layer and the exporters read
only through here.

- ``entities``: the entity list, entity pages (``profile``, ``profile_page``), ``entity_summary``, ``summary``
- ``events``: ``events`` filters (actor, type, country, dates, bbox), ``event``, ``timeline``, ``place_events``
- ``relations``: ``relations``, ``relations_at`` (what held at a date), ``distinct_claims``, ``graph``
- ``lineage``: dated renamings, mergers and splits of a group
- ``articles``: the article list and one article with its facts at their offsets
- ``exports``: iterators the exporters write (``extractions``, event sources, entity attributes)
- ``search`` (fuzzy entity names, full-text articles) and ``network`` (networkx statistics) are
  imported on use: they load rapidfuzz and networkx.
"""

from orbat.query.articles import article, articles
from orbat.query.base import NOT_REJECTED, dates_disagree, entity_names, holds_at, not_rejected_sql, root_ids
from orbat.query.entities import entities, entity_summary, profile, profile_page, summary
from orbat.query.events import event, event_by_id, event_sources, events, place_events, timeline
from orbat.query.lineage import LineageStep, lineage, render_chain, short_source
from orbat.query.relations import (
    DATED_EVENTS,
    HeldRelation,
    check_date,
    distinct_claims,
    distinct_relations,
    entity_type,
    graph,
    relations,
    relations_at,
)

__all__ = [
    "DATED_EVENTS", "NOT_REJECTED", "HeldRelation", "LineageStep", "article", "articles", "check_date",
    "dates_disagree", "distinct_claims", "distinct_relations", "entities", "entity_names", "entity_summary",
    "entity_type", "event", "event_by_id", "event_sources", "events", "graph", "holds_at", "lineage",
    "not_rejected_sql", "place_events", "profile", "profile_page", "relations", "relations_at", "render_chain",
    "root_ids", "short_source", "summary", "timeline",
]
