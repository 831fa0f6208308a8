"""A named-entity model for orbat's own types (ORG_ARMED, ORG_OTHER, PERSON, LOCATION).

The spaCy model's ``ner`` is fine-tuned on the team's corpus (every gold surface, at every
occurrence, is an entity of its gold type) and replaces the model's own labels, so unknown group
names, villages and local namesakes are found as the corpus annotates them; the KB gazetteer and
the entity rules stay the precise layer on top (orbat.nlp.entities). Only the ``ner`` weights are
stored (``orbat/learned/data/ner``, a few MB); ``apply_ner`` loads them into a loaded pipeline.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LABELS = ("ORG_ARMED", "ORG_OTHER", "PERSON", "LOCATION")


def entity_spans(text: str, entities: Iterable[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Every occurrence of every gold surface (whole words, case-insensitive), longest first wins."""
    found: list[tuple[int, int, str]] = []
    for e in sorted(entities, key=lambda e: -len(e["text"])):
        if e.get("boilerplate") or e["type"] not in LABELS:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(e['text'])}(?!\w)", text, flags=re.IGNORECASE):
            found.append((m.start(), m.end(), e["type"]))
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, label in sorted(found, key=lambda s: (-(s[1] - s[0]), s[0])):
        if taken.isdisjoint(range(start, end)):
            chosen.append((start, end, label))
            taken.update(range(start, end))
    return sorted(chosen)


def examples(nlp: Any, split_dir: Path) -> list[Any]:
    from spacy.training import Example

    out = []
    for line in (split_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = (split_dir / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8").rstrip("\n")
        doc = nlp.make_doc(text)
        spans = []
        for start, end, label in entity_spans(text, rec["entities"]):
            span = doc.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span) > 0:
                spans.append(span)
        from spacy.util import filter_spans

        ref = nlp.make_doc(text)
        ref.ents = [ref.char_span(s.start_char, s.end_char, label=s.label_) for s in filter_spans(spans)]
        out.append(Example(doc, ref))
    return out


def _f1(nlp: Any, dev: list[Any]) -> float:
    scores = nlp.evaluate(dev)
    return float(scores.get("ents_f") or 0.0)


def train_ner(corpus_dir: Path, out_dir: Path, spacy_model: str, seed: int, epochs: int = 10) -> dict[str, Any]:
    import spacy
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.load(spacy_model)
    ner: Any = nlp.get_pipe("ner")
    for label in LABELS:
        ner.add_label(label)
    train = examples(nlp, corpus_dir / "train")
    dev = examples(nlp, corpus_dir / "dev")
    rng = random.Random(seed)
    best, best_epoch, history = -1.0, -1, []
    optimizer = nlp.resume_training()
    with nlp.select_pipes(enable=["ner"]):
        for epoch in range(epochs):
            rng.shuffle(train)
            losses: dict[str, float] = {}
            for batch in minibatch(train, size=16):
                nlp.update(batch, sgd=optimizer, drop=0.25, losses=losses)
            f1 = _f1(nlp, dev)
            history.append({"epoch": epoch + 1, "loss": round(float(losses.get("ner", 0.0)), 1), "dev_f1": round(f1, 4)})
            if f1 > best:
                best, best_epoch = f1, epoch + 1
                save_ner(nlp, out_dir / "ner")
    card = {"model": f"{spacy_model} ner fine-tuned on the corpus labels", "seed": seed, "epochs": epochs,
            "best_epoch": best_epoch, "dev_ents_f": round(best, 4), "train_docs": len(train),
            "dev_docs": len(dev), "history": history}
    (out_dir / "ner.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return card


def save_ner(nlp: Any, path: Path) -> None:
    """The trained ``ner`` alone, as a one-component pipeline (sourced back by ``apply_ner``)."""
    import shutil

    import spacy

    holder = spacy.blank(nlp.lang)
    holder.add_pipe("ner", source=nlp)
    if path.exists():
        shutil.rmtree(path)
    holder.to_disk(path)


def apply_ner(nlp: Any, model_dir: Path) -> bool:
    """Put the fine-tuned ``ner`` in place of ``nlp``'s own (True when it exists and was loaded).

    The component is made from the saved pipeline's config and its weights read with
    ``from_disk``, which is what ``spacy.load`` does for it, without reading that pipeline's
    tokenizer and vocabulary (0.7 s of start-up; the labels come with the weights)."""
    from spacy.util import load_config

    path = model_dir / "ner"
    if not (path / "config.cfg").is_file() or "ner" not in nlp.pipe_names:
        return False
    config = dict(load_config(path / "config.cfg")["components"]["ner"])
    config.pop("factory", None)
    names = nlp.pipe_names
    at = names.index("ner")
    nlp.remove_pipe("ner")
    where = {"before": names[at + 1]} if at < len(names) - 1 else {"last": True}
    nlp.add_pipe("ner", config=config, **where).from_disk(path / "ner", exclude=["vocab"])
    return True
