"""Use cases over the core: `extract` (inputs -> records) and `ingest` (extract + store).

Both stream: items are read, cleaned, checked (language, duplicates) and extracted in
batches; each item ends as one ``Outcome``. A bad item becomes a failed Outcome with a
one-line reason and the batch goes on. Each article is stored in its own transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from orbat.engine import Engine, InProcessEngine
from orbat.errors import OrbatError
from orbat.ingest import content_hash, is_english, read_inputs
from orbat.ingest.dedup import NearDuplicateIndex, from_bytes, minhash, to_bytes
from orbat.model import Article, Extraction
from orbat.pipeline import Pipeline
from orbat.settings import Settings

if TYPE_CHECKING:
    from orbat.store import Store


@dataclass
class Outcome:
    item: str
    status: str  # ok | skipped | unchanged | duplicate | near_duplicate | failed
    reason: str | None = None
    article_id: str | None = None
    extraction: Extraction | None = None


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(outcome)

    @property
    def exit_code(self) -> int:
        return 3 if self.failures else 0


@dataclass
class _Pending:
    item: str
    article: Article
    hash: str
    duplicate_of: str | None = None
    signature: bytes | None = None
    same_text: str | None = None  # the reason, when this is an exact copy of another article


def _same_text(first_id: str, first_item: str | None = None) -> str:
    where = f"{first_item}, " if first_item else ""
    return f"duplicate of {where}article {first_id} (same text; recorded as another source)"


def _prepare(
    inputs: Sequence[str], settings: Settings, unchanged: Callable[[str, str], bool] | None = None,
) -> Iterator[Outcome | _Pending]:
    """Items as ``read_inputs`` gives them (cleaned, hashed, language known, an id reused with another
    text already failed); drop repeats (same id and text) within the run, articles ``unchanged(id,
    hash)`` says are stored already, and non-English texts; mark exact copies under another id, which
    are extracted and stored as another source."""
    seen: dict[str, str] = {}  # content hash -> first article id
    first_item: dict[str, str] = {}  # content hash -> item that first had it
    for result in read_inputs(inputs, settings):
        if result.skipped is not None:
            yield Outcome(result.item, "skipped", result.skipped)
            continue
        if result.error is not None or result.article is None or result.content_hash is None:
            reason = result.error.reason if result.error is not None else "unreadable"
            yield Outcome(result.item, "failed", reason)
            continue
        article, digest = result.article, result.content_hash
        if seen.get(digest) == article.id:
            yield Outcome(result.item, "duplicate", f"repeats {first_item[digest]} (same id and text)", article.id)
            continue
        copy_of = seen.get(digest)
        seen.setdefault(digest, article.id)
        first_item.setdefault(digest, result.item)
        if unchanged is not None and unchanged(article.id, digest):
            yield Outcome(result.item, "unchanged", None, article.id)
            continue
        if not is_english(article):
            yield Outcome(result.item, "skipped", f"language {article.language or 'unknown'}", article.id,
                          Extraction(article, status="skipped"))
            continue
        pending = _Pending(result.item, article, digest)
        if copy_of is not None:
            pending.duplicate_of, pending.same_text = copy_of, _same_text(copy_of, first_item[digest])
        yield pending


def _batches(
    items: Iterable[Outcome | _Pending], batch_size: int,
    before: Callable[[_Pending], Outcome | None] | None = None,
) -> Iterator[tuple[list[Outcome | _Pending], list[Article]]]:
    """Group entries in input order: a batch closes at ``batch_size`` articles to extract (or at
    four times as many entries, so a corpus of unchanged items is not held either)."""
    queue: list[Outcome | _Pending] = []
    pending = 0
    for entry in items:
        if isinstance(entry, _Pending) and before is not None:
            early = before(entry)
            if early is not None:
                entry = early
        queue.append(entry)
        pending += isinstance(entry, _Pending)
        if pending >= batch_size or len(queue) >= 4 * batch_size:
            yield queue, [p.article for p in queue if isinstance(p, _Pending)]
            queue, pending = [], 0
    if queue:
        yield queue, [p.article for p in queue if isinstance(p, _Pending)]


def _extract_pending(
    items: Iterable[Outcome | _Pending], engine: Engine, batch_size: int,
    before: Callable[[_Pending], Outcome | None] | None = None,
) -> Iterator[tuple[Outcome, _Pending | None]]:
    """Run the engine over pending articles in batches, keeping input order."""
    for queue, done in engine.map(_batches(items, batch_size, before)):
        extractions = iter(done)
        for entry in queue:
            if isinstance(entry, Outcome):
                yield entry, None
                continue
            ex = next(extractions)
            status = "failed" if ex.status == "failed" else "duplicate" if entry.same_text else "ok"
            reason = "; ".join(ex.errors) if ex.errors else entry.same_text
            yield Outcome(entry.item, status, reason, entry.article.id, ex), entry


def extract(inputs: Sequence[str], settings: Settings, pipeline: Pipeline | None = None,
            engine: Engine | None = None) -> Iterator[Outcome]:
    """Inputs -> one Outcome per item, with the Extraction for articles that were read.
    ``engine`` runs the extraction (default: in this process, over ``pipeline``)."""
    engine = engine or InProcessEngine(pipeline or Pipeline(settings))
    prepared = _prepare(inputs, settings)
    for outcome, _ in _extract_pending(prepared, engine, settings.batch_size):
        yield outcome


def ingest(
    inputs: Sequence[str], settings: Settings, store: Store, pipeline: Pipeline | None = None,
    on_outcome: Callable[[Outcome], None] | None = None, engine: Engine | None = None,
) -> Report:
    """Extract and store. Unchanged articles (same text, same pipeline version) are skipped;
    exact copies under another id and near-duplicates are stored, linked to the
    first copy, so their events add sources to the same events.

    Nothing heavy loads before an article needs extracting: the hash check comes first (before
    language detection), and the
    knowledge-base sync, the analyst overrides, the near-duplicate index and the model follow
    on the first changed article (a re-ingest of an unchanged corpus loads none of them)."""
    pipeline = pipeline or Pipeline(settings)
    engine = engine or InProcessEngine(pipeline)
    version = pipeline.version
    index: NearDuplicateIndex | None = None

    def ready() -> NearDuplicateIndex:
        nonlocal index
        if index is None:
            from orbat.kb.loader import load_kb  # pydantic and the KB: only once something is extracted

            store.sync_kb(load_kb())
            engine.set_overrides(store.analyst_overrides())
            index = NearDuplicateIndex(settings.near_duplicate_threshold)
            for article_id, blob, num_perm in store.minhashes():
                index.add(article_id, from_bytes(blob, num_perm))
        return index

    def before(p: _Pending) -> Outcome | None:
        if store.article_exists(p.article.id) == (p.hash, version):
            return Outcome(p.item, "unchanged", None, p.article.id)
        same = store.has_article(p.hash, version)
        if same is not None and p.same_text is None:  # stored by an earlier run under another id
            p.duplicate_of, p.same_text = same, _same_text(same)
        near = ready()
        mh = minhash(p.article.text)
        p.signature = to_bytes(mh)
        if p.same_text is None:
            p.duplicate_of = near.query(mh)
        if p.duplicate_of == p.article.id:
            p.duplicate_of = None
        near.add(p.article.id, mh)
        return None

    report = Report()
    prepared = _prepare(inputs, settings, lambda aid, digest: store.article_exists(aid) == (digest, version))
    for outcome, pending in _extract_pending(prepared, engine, settings.batch_size, before):
        saved = False
        if outcome.extraction is not None and pending is not None and outcome.status in ("ok", "duplicate"):
            saved = outcome.status == "ok"  # exact duplicates are stored and also logged
            try:
                store.save_extraction(outcome.extraction, pending.hash, minhash=pending.signature,
                                      duplicate_of=pending.duplicate_of)
                if pending.duplicate_of and outcome.status == "ok":
                    outcome.status, outcome.reason = "near_duplicate", f"near-duplicate of {pending.duplicate_of}"
            except OrbatError as exc:
                outcome.status, outcome.reason = "failed", str(exc)
        elif outcome.extraction is not None and outcome.status == "skipped":
            saved = True
            try:
                store.save_extraction(outcome.extraction, content_hash(outcome.extraction.article.text))
            except OrbatError as exc:
                outcome.status, outcome.reason = "failed", str(exc)
        if not saved or outcome.status == "failed":
            store.log(outcome.item, outcome.status, outcome.reason, outcome.article_id, version)
        report.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return report
