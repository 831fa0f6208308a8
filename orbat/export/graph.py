"""The relation network as GraphML or GEXF (networkx MultiDiGraph).

Nodes are the entities that take part in a relation (after analyst merges), with canonical,
type, inter and country; edges are relations (key = relation id) with predicate, dates,
status, certainty, origin and source count. Attributes that are unknown are omitted, never
written as None, so the files read back with ``networkx.read_graphml`` and load in Gephi.
"""

from __future__ import annotations

from typing import Any, TextIO

import networkx as nx

from orbat.query import relations
from orbat.query.exports import entity_records
from orbat.store import Store


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None and v != ""}


def _node_attrs(entities: dict[str, Any], entity_id: str) -> dict[str, Any]:
    row = entities.get(entity_id)
    if row is None:
        return {"canonical": entity_id}
    return _clean({"canonical": row["canonical"], "type": row["type"], "inter": row["inter_code"],
                   "country": row["country"]})


def build_graph(store: Store) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    entities = entity_records(store)
    for r in relations(store):
        for node in (r.subject_id, r.object_id):
            if node not in g:
                g.add_node(node, **_node_attrs(entities, node))
        g.add_edge(
            r.subject_id, r.object_id, key=str(r.id),
            **_clean({"predicate": r.predicate, "date_start": r.date_start, "date_end": r.date_end,
                      "status": r.status, "certainty": r.certainty, "origin": r.origin,
                      "source_count": r.source_count, "article_id": r.article_id}),
        )
    return g


def write_graphml(store: Store, out: TextIO) -> int:
    g = build_graph(store)
    for line in nx.generate_graphml(g):
        out.write(line + "\n")
    return int(g.number_of_edges())


def write_gexf(store: Store, out: TextIO) -> int:
    g = build_graph(store)
    for line in nx.generate_gexf(g):
        out.write(line + "\n")
    return int(g.number_of_edges())
