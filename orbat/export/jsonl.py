"""JSONL: one object per article in the extract contract (``Extraction.to_dict``), rebuilt from the store
by ``orbat.query.exports.extractions`` (judgements applied: merges followed, rejected facts left out)."""

from __future__ import annotations

import json
from typing import TextIO

from orbat.query.exports import extractions
from orbat.store import Store


def write(store: Store, out: TextIO) -> int:
    n = 0
    for ex in extractions(store):
        out.write(json.dumps(ex.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n
