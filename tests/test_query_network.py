"""Graph statistics over relation rows."""

from __future__ import annotations

from orbat.query.network import build_graph, graph_stats
from orbat.query.rows import RelationRow


def row(i: int, s: str, p: str, o: str) -> RelationRow:
    return RelationRow(i, s, s.title(), p, o, o.title(), None, None, "current", "asserted", "text", 1, "a1", None)


ROWS = [
    row(1, "hub", "fights", "a"), row(2, "hub", "fights", "b"), row(3, "a", "allied_with", "b"),
    row(4, "hub", "allied_with", "c"), row(5, "c", "member_of", "d"), row(6, "d", "allied_with", "e"),
    row(7, "x", "fights", "y"), row(8, "a", "located_in", "place"), row(9, "hub", "fights", "f"),
]


def test_query_network_counts_components_and_skips_places() -> None:
    stats = graph_stats(build_graph(ROWS, skip=["located_in"]))
    assert (stats.nodes, stats.edges, stats.components, stats.largest_component) == (9, 8, 2, 7)
    assert "located_in" not in stats.predicates


def test_query_network_central_entity_is_the_hub() -> None:
    stats = graph_stats(build_graph(ROWS, skip=["located_in"]), top=3)
    assert stats.degree[0].name == "Hub"
    assert stats.betweenness[0].id == "hub"
    assert len(stats.degree) == 3


def test_query_network_communities_cover_the_small_component() -> None:
    stats = graph_stats(build_graph(ROWS))
    assert ["X", "Y"] in stats.communities


def test_query_network_empty() -> None:
    stats = graph_stats(build_graph([]))
    assert (stats.nodes, stats.degree, stats.communities) == (0, [], [])
