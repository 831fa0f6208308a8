"""ConfliBERT "CAMEO" test sets: material-conflict sentences and source / target spans.

``cameo_class/test.tsv`` (sentence, label 0-4) and ``cameo_ner/test.txt`` (the same 451 sentences as
CoNLL tokens, ``B/I-S`` source, ``B/I-T`` target, ``B/I-R`` other) are read together, sentence by
sentence. The repository does not document the labels; read against the sentences they are CAMEO's
neutral / verbal cooperation / material cooperation / verbal conflict / material conflict classes
(0-4: statements; agreements and visits; aid and concessions; demands and rejections; fighting,
strikes, arrests). Only label 4 is mapped to ACLED (``data/cameo.yaml``): an ACLED event found in a
sentence of labels 0-3 is spurious. Source and target spans of label-4 sentences are actor1 / actor2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from orbat.errors import DataError
from orbat.eval.eventargs import EventDoc, GoldEvent, Span, evaluate_event_set
from orbat.model import Article
from orbat.settings import Settings

CROSSWALK = Path(__file__).parent / "data" / "cameo.yaml"
CLASSES = "cameo_class/test.tsv"
SPANS = "cameo_ner/test.txt"
ROLES = {"S": "S", "T": "T"}
_SPACE = re.compile(r"\s+")
NOTES = (
    "test split, 451 sentences; labels 0-4 read as CAMEO's quad classes with neutral first (undocumented upstream)",
    "label 4 (material conflict) -> any ACLED violent, protest, riot, arrest or looting type (orbat/eval/data/cameo.yaml)",
    "arguments: S spans -> actor1, T spans -> actor2 on label-4 sentences; R spans are not scored",
    "spans are untyped: ACLED Protesters/Rioters (X) match any span of their slot, Civilians and "
    "Unidentified Armed Group (X) any unnamed one",
)


def read_classes(path: Path) -> list[tuple[str, str]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        text, sep, label = line.rstrip("\r").rpartition("\t")
        if not sep or not label.strip().isdigit():
            raise DataError(f"{path}:{n}", "expected 'sentence<TAB>label'")
        rows.append((text.strip(), label.strip()))
    return rows


def read_spans(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences as (token, tag) lists."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        if len(parts) != 2:
            raise DataError(f"{path}:{n}", "expected 'token TAG'")
        sentences[-1].append((parts[0], parts[1]))
    return [s for s in sentences if s]


def tagged_spans(text: str, tokens: list[tuple[str, str]]) -> list[tuple[str, Span]]:
    """(role, span) of each B/I run, with character offsets in ``text`` (tokens found left to right)."""
    out: list[tuple[str, Span]] = []
    at = 0
    for token, tag in tokens:
        start = text.find(token, at)
        if start < 0:
            raise DataError(text[:60], f"token {token!r} not found in the sentence")
        at = start + len(token)
        kind, _, role = tag.partition("-")
        if kind == "I" and out and out[-1][0] == role:
            prev = out[-1][1]
            out[-1] = (role, Span(prev.start, at, text[prev.start:at]))
        elif kind in ("B", "I"):
            out.append((role, Span(start, at, token)))
    return out


def load_cameo(root: Path) -> list[EventDoc]:
    classes, spans = read_classes(root / CLASSES), read_spans(root / SPANS)
    if len(classes) != len(spans):
        raise DataError(str(root), f"{len(classes)} class rows but {len(spans)} span sentences")
    docs = []
    for i, ((text, label), tokens) in enumerate(zip(classes, spans, strict=True)):
        if _SPACE.sub("", text) != "".join(t for t, _ in tokens):
            raise DataError(f"{root / SPANS}", f"sentence {i + 1} differs from {CLASSES} row {i + 1}")
        args = tuple((ROLES[role], (span,)) for role, span in tagged_spans(text, tokens) if role in ROLES)
        docs.append(EventDoc(Article(id=f"cameo-test-{i + 1:04d}", text=text, language="en"), [(0, len(text))],
                             [GoldEvent(0, label, args)]))
    return docs


def evaluate_cameo(
    root: Path, settings: Settings, limit: int | None, system: Path | None, save_system: Path | None
) -> dict[str, Any]:
    for rel in (CLASSES, SPANS):
        if not (root / rel).is_file():
            raise DataError(str(root / rel), "missing file (ConfliBERT cameo folder expected)")
    return evaluate_event_set("cameo", load_cameo(root), CROSSWALK, NOTES, settings, limit, system, save_system)
