"""CPU time of each pipeline component over a corpus, in process (no start-up): where extraction goes.

    .venv/bin/python bench/stage_bench.py /tmp/train300.jsonl

Every component runs over all the Docs in turn (``pipe`` where it has one, batches of 16), after a
warm-up of five articles that loads the model and the resources; the JSON of the records is timed
last. The ratio is everything over the spaCy model's own components. Not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL with id and text (bench/train_corpus.py)")
    args = parser.parse_args(argv)
    from orbat.ingest import clean
    from orbat.model import Article
    from orbat.pipeline import Pipeline

    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [clean(Article(id=r["id"], text=r["text"])) for r in records]
    pipeline = Pipeline()
    list(pipeline.extract(articles[:5]))
    spent: dict[str, float] = {}
    start = time.process_time()
    docs = [pipeline.make_doc(a) for a in articles]
    spent["make_doc"] = time.process_time() - start
    for name, component in pipeline.nlp.pipeline:
        start = time.process_time()
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs, batch_size=16)) if pipe is not None else [component(d) for d in docs]
        spent[name] = time.process_time() - start
    start = time.process_time()
    for doc in docs:
        json.dumps(pipeline._to_extraction(doc).to_dict())
    spent["JSON"] = time.process_time() - start
    model = sum(v for k, v in spent.items() if not k.startswith("orbat_") and k != "JSON")
    print("| stage | CPU s | % of the model |\n| --- | ---: | ---: |")
    for name, secs in spent.items():
        print(f"| {name} | {secs:.2f} | {100 * secs / model:.1f} |")
    print(f"\n{len(articles)} articles; ratio (all) / model: {sum(spent.values()) / model:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
