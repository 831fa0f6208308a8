"""WikiEvents (KAIROS ontology): trigger sentence -> ACLED type, attack / arrest arguments.

Reads ``dev.jsonl`` and ``test.jsonl`` of the folder (both are external to orbat: nothing was
trained or tuned on them) and the coreference chains in ``coref/<split>.jsonlines``. The article text
is laid out from the ``sentences`` token table (see ``layout``), so token and mention offsets index it. A gold argument
is its entity's whole coreference chain: naming any mention of it counts. KAIROS types and roles map
to ACLED through ``data/wikievents.yaml``; scoring is ``orbat.eval.eventargs``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orbat.errors import DataError
from orbat.eval.eventargs import EventDoc, GoldEvent, Span, evaluate_event_set
from orbat.eval.external import read_ndjson
from orbat.model import Article
from orbat.settings import Settings

CROSSWALK = Path(__file__).parent / "data" / "wikievents.yaml"
SPLITS = ("dev", "test")
NOTES = (
    "documents: dev.jsonl then test.jsonl; a gold argument is its entity's coreference chain",
    "KAIROS types and roles -> ACLED types and actor1/actor2/location through orbat/eval/data/wikievents.yaml",
    "events: distinct (trigger sentence, KAIROS type) vs (evidence sentences, ACLED type); "
    "a type accepting a superset of another's ACLED types in the same sentence is folded into it",
    "arguments: span overlap with a chain mention (gold mentions are mostly head words), or name equal/contained; "
    "ACLED described actors (Civilians (X)...) match unnamed PER mentions",
    "system events in sentences with only unmapped-but-related gold (deaths, injuries, damage) are not scored",
)


def _chains(path: Path) -> dict[str, dict[str, list[str]]]:
    """doc_key -> mention id -> the ids of its chain (itself first)."""
    out: dict[str, dict[str, list[str]]] = {}
    if not path.is_file():
        return out
    for obj in read_ndjson(path):
        doc = out.setdefault(str(obj["doc_key"]), {})
        for cluster in obj.get("clusters", []):
            for mid in cluster:
                doc[str(mid)] = [str(mid), *(str(c) for c in cluster if c != mid)]
    return out


def layout(sentences: list[list[tuple[str, int, int]]]) -> str:
    """The text the token offsets index: tokens at their offsets, spaces between, a newline before a sentence.

    The ``text`` field of the release joins the sentences with nothing between them, so its offsets
    drift from the token table after each sentence break; the table is the reference.
    """
    end = max((b for sent in sentences for _, _, b in sent), default=0)
    chars = [" "] * end
    for sent in sentences:
        for token, a, b in sent:
            if b - a != len(token):
                raise ValueError(f"token {token!r} does not fit its offsets {a}-{b}")
            chars[a:b] = token
        if sent and sent[0][1] > 0 and chars[sent[0][1] - 1] == " ":
            chars[sent[0][1] - 1] = "\n"
    return "".join(chars)


def read_doc(obj: dict[str, Any], chains: dict[str, list[str]]) -> EventDoc:
    """One WikiEvents document as an EventDoc (character offsets into ``text``)."""
    doc_id = str(obj.get("doc_id", "?"))
    try:
        tokens = [[(str(t), int(a), int(b)) for t, a, b in sent[0]] for sent in obj["sentences"]]
        text = layout(tokens)
        table = [(a, b) for sent in tokens for _, a, b in sent]
        sentences = [(int(sent[0][0][1]), int(sent[0][-1][2])) for sent in obj["sentences"] if sent[0]]
        mentions = {str(m["id"]): Span(table[m["start"]][0], table[m["end"] - 1][1], str(m["text"]),
                                       m.get("entity_type"))
                    for m in obj["entity_mentions"]}
        events = []
        for e in obj["event_mentions"]:
            args = tuple((str(a["role"]), tuple(mentions[c] for c in chains.get(a["entity_id"], [a["entity_id"]])
                                                if c in mentions))
                         for a in e.get("arguments", []))
            events.append(GoldEvent(int(e["trigger"]["sent_idx"]), str(e["event_type"]), args))
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise DataError(doc_id, f"not a WikiEvents document ({type(exc).__name__}: {exc})") from exc
    return EventDoc(Article(id=doc_id, text=text, language="en"), sentences, events)


def load_wikievents(root: Path) -> list[EventDoc]:
    docs: list[EventDoc] = []
    for split in SPLITS:
        path = root / f"{split}.jsonl"
        if not path.is_file():
            continue
        chains = _chains(root / "coref" / f"{split}.jsonlines")
        docs.extend(read_doc(obj, chains.get(str(obj.get("doc_id")), {})) for obj in read_ndjson(path))
    if not docs:
        raise DataError(str(root), "no dev.jsonl or test.jsonl (WikiEvents folder expected)")
    return docs


def evaluate_wikievents(
    root: Path, settings: Settings, limit: int | None, system: Path | None, save_system: Path | None
) -> dict[str, Any]:
    docs = load_wikievents(root)
    return evaluate_event_set("wikievents", docs, CROSSWALK, NOTES, settings, limit, system, save_system)
