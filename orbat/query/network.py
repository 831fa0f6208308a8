"""The relation network as a networkx graph, and its summary statistics.

``build_graph(rows)`` makes a MultiDiGraph (one edge per stored relation row, with predicate,
dates, status, certainty, origin, source count); ``graph_stats(graph)`` reports size, connected
components, the most central entities (degree, betweenness) and communities (greedy modularity)
on the undirected simple projection. Place relations (located_in) can be left out, so that
geography does not dominate the group network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx
from networkx.algorithms import community

from orbat.query.rows import RelationRow


@dataclass
class Ranked:
    id: str
    name: str
    score: float


@dataclass
class GraphStats:
    nodes: int
    edges: int
    components: int
    largest_component: int
    degree: list[Ranked] = field(default_factory=list)
    betweenness: list[Ranked] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)  # names, largest community first
    predicates: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_graph(rows: Iterable[RelationRow], skip: Iterable[str] = ()) -> nx.MultiDiGraph:
    skipped = set(skip)
    graph = nx.MultiDiGraph()
    for r in rows:
        if r.predicate in skipped:
            continue
        graph.add_node(r.subject_id, name=r.subject)
        graph.add_node(r.object_id, name=r.object)
        graph.add_edge(r.subject_id, r.object_id, key=r.id, predicate=r.predicate,
                       date_start=r.date_start or "", date_end=r.date_end or "", status=r.status,
                       certainty=r.certainty, origin=r.origin, source_count=r.source_count)
    return graph


def _ranked(graph: nx.Graph, scores: dict[str, float], top: int) -> list[Ranked]:
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Ranked(node, graph.nodes[node].get("name", node), round(score, 4)) for node, score in best]


def graph_stats(graph: nx.MultiDiGraph, top: int = 10) -> GraphStats:
    simple = nx.Graph(graph.to_undirected())
    simple.remove_edges_from(nx.selfloop_edges(simple))
    components = list(nx.connected_components(simple))
    predicates: dict[str, int] = {}
    for _, _, data in graph.edges(data=True):
        predicates[data["predicate"]] = predicates.get(data["predicate"], 0) + 1
    stats = GraphStats(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        predicates=dict(sorted(predicates.items())),
    )
    if simple.number_of_nodes() == 0:
        return stats
    stats.degree = _ranked(simple, nx.degree_centrality(simple), top)
    stats.betweenness = _ranked(simple, nx.betweenness_centrality(simple), top)
    if simple.number_of_edges() > 0:
        found = community.greedy_modularity_communities(simple)
        stats.communities = [
            sorted(simple.nodes[n].get("name", n) for n in group)
            for group in sorted(found, key=len, reverse=True) if len(group) > 1
        ]
    return stats
