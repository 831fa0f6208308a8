"""Event actors carry the entity ids the resolver gave the article's mentions.

An event names its actors by canonical name (or the text of a mention); this is where that name
gets the id of the mention it came from, so the store does not resolve names back to ids. The key
is the mention's canonical name, then its text (``alias_key``), the first mention winning, as the
store's article-local lookup did. An actor no mention names (an ACLED actor such as "Military
Forces of Syria") keeps no id here; the store looks it up among the entities it knows.
"""

from __future__ import annotations

from dataclasses import replace

from orbat.keys import alias_key
from orbat.model import Extraction, Mention


def mention_ids(mentions: list[Mention]) -> dict[str, str]:
    """alias key of each mention's canonical name and text -> its entity id (first mention wins)."""
    ids: dict[str, str] = {}
    for m in mentions:
        ids.setdefault(alias_key(m.canonical), m.entity_id)
        ids.setdefault(alias_key(m.text), m.entity_id)
    return ids


def attach_actor_ids(ex: Extraction) -> Extraction:
    """``ex`` with ``actor1_id``/``actor2_id`` set on its events where a mention names the actor
    (ids already given are kept)."""
    if not ex.events:
        return ex
    ids = mention_ids(ex.entities)

    def find(name: str | None, given: str | None) -> str | None:
        return given or (ids.get(alias_key(name)) if name else None)

    ex.events = [replace(e, actor1_id=find(e.actor1, e.actor1_id), actor2_id=find(e.actor2, e.actor2_id))
                 for e in ex.events]
    return ex
