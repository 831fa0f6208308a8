"""Stable colours for the pages: one per ACLED event type and one per predicate, assigned in ontology
order, so a type or predicate has the same colour on every map, timeline and graph."""

from __future__ import annotations

from typing import Any

from orbat.ontology.events import load_event_types
from orbat.ontology.predicates import load_predicates

# Colour-blind-safe qualitative palette (Okabe-Ito, then Tableau 10 extras).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
           "#8c564b", "#7f7f7f", "#bcbd22", "#17becf")
NODE_SHAPES = {"ORG_ARMED": "round-rectangle", "ORG_OTHER": "diamond", "PERSON": "ellipse", "LOCATION": "triangle"}


def event_families() -> list[str]:
    """Top-level ACLED event types in ontology order ("Battles", "Explosions/Remote violence", ...)."""
    families: list[str] = []
    for name in load_event_types().names():
        family = "Explosions/Remote violence" if name.startswith("Explosions/Remote violence") else name.split("/")[0]
        if family not in families:
            families.append(family)
    return families


def legend() -> dict[str, Any]:
    families = event_families()
    labels = list(dict.fromkeys(p.label for p in load_predicates().values()))
    return {"event_types": {f: PALETTE[i % len(PALETTE)] for i, f in enumerate(families)},
            "predicates": {p: PALETTE[i % len(PALETTE)] for i, p in enumerate(labels)},
            "node_shapes": NODE_SHAPES}
