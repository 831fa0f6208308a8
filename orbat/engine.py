"""Where extraction runs: in this process, or fanned out over a pool of worker processes.

An engine maps batches of articles to their Extractions, in input order. The pooled engine
builds one pipeline per worker process (in the pool's initializer, once) and keeps at most
``window`` batches in flight, so the corpus is never held in memory: the input is pulled
lazily, batch by batch, as results come back. Writes stay with the caller, in this process.

The Ray engine (``orbat.engine_ray``, extra ``orbat[ray]``) has the same ``map`` contract.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import Protocol, TypeVar

from orbat.errors import OrbatError
from orbat.model import Article, Extraction
from orbat.pipeline import Pipeline
from orbat.settings import Settings

log = logging.getLogger(__name__)

K = TypeVar("K")
Overrides = dict[str, tuple[str, str, str]]


class EngineError(OrbatError):
    """The extraction engine failed as a whole (a worker died, a cluster is unreachable)."""


class Engine(Protocol):
    def set_overrides(self, overrides: Overrides) -> None:
        """Analyst aliases for the resolver; call before the first batch."""

    def map(self, batches: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, list[Extraction]]]:
        """(key, articles) -> (key, one Extraction per article), in input order."""
        ...


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """``0`` means one worker per core of this machine."""
    if workers < 0:
        raise OrbatError(f"--workers {workers}: give 1 or more (0 for one per core)")
    return workers or default_workers()


def apply_overrides(pipeline: Pipeline, overrides: Overrides) -> None:
    if overrides and "orbat_resolver" in pipeline.nlp.pipe_names:
        pipeline.nlp.get_pipe("orbat_resolver").set_overrides(overrides)  # type: ignore[attr-defined]


class InProcessEngine:
    """Today's behaviour: the pipeline runs here, loaded on the first batch (never before)."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._overrides: Overrides = {}

    def set_overrides(self, overrides: Overrides) -> None:
        self._overrides = overrides

    def map(self, batches: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, list[Extraction]]]:
        ready = False
        for key, articles in batches:
            if articles and not ready:
                apply_overrides(self.pipeline, self._overrides)
                ready = True
            yield key, list(self.pipeline.extract(articles)) if articles else []


# -- worker processes -------------------------------------------------------------------------


@cache
def _worker_pipeline(settings: Settings, stages: tuple[str, ...] | None) -> Pipeline:
    """The pipeline of this worker process (``cache``: built once per process)."""
    pipeline = Pipeline(settings, stages)
    pipeline.nlp  # noqa: B018  (load the model and resources now, in the initializer)
    return pipeline


def _init_worker(settings: Settings, stages: tuple[str, ...] | None, overrides: Overrides) -> None:
    apply_overrides(_worker_pipeline(settings, stages), overrides)


def _extract_batch(settings: Settings, stages: tuple[str, ...] | None, articles: list[Article]) -> list[Extraction]:
    return list(_worker_pipeline(settings, stages).extract(articles))


class PoolEngine:
    """``workers`` processes, one pipeline each; at most ``window`` batches in flight.

    A run whose input fits in one batch is extracted here, without starting the pool
    (a one-article ``orbat extract`` does not pay for worker start-up)."""

    def __init__(self, pipeline: Pipeline, workers: int, window: int | None = None) -> None:
        self.local = InProcessEngine(pipeline)
        self.settings = pipeline.settings
        self.stages = pipeline.stages
        self.workers = workers
        self.window = window or 2 * workers
        self._overrides: Overrides = {}

    def set_overrides(self, overrides: Overrides) -> None:
        self._overrides = overrides
        self.local.set_overrides(overrides)

    def map(self, batches: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, list[Extraction]]]:
        stream = iter(batches)
        head: list[tuple[K, list[Article]]] = []
        for key, articles in stream:  # up to two batches with articles decide whether a pool is worth it
            if not head and not articles:
                yield key, []  # nothing to extract (unchanged items): no reason to wait
                continue
            head.append((key, articles))
            if sum(bool(a) for _, a in head) >= 2 or len(head) > self.window:
                break
        else:
            yield from self.local.map(head)
            return
        yield from self._pooled(head, stream)

    def _pooled(self, head: list[tuple[K, list[Article]]],
                stream: Iterator[tuple[K, list[Article]]]) -> Iterator[tuple[K, list[Extraction]]]:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        inflight: deque[tuple[K, Future[list[Extraction]] | None]] = deque()
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                 initargs=(self.settings, self.stages, self._overrides)) as pool:

            def submit(key: K, articles: list[Article]) -> None:
                future = pool.submit(_extract_batch, self.settings, self.stages, articles) if articles else None
                inflight.append((key, future))

            def done() -> tuple[K, list[Extraction]]:
                key, future = inflight.popleft()
                try:
                    return key, future.result() if future is not None else []
                except BrokenProcessPool as exc:
                    raise EngineError(f"a worker process died ({exc}); try --workers 1") from exc

            for key, articles in head:
                submit(key, articles)
            for key, articles in stream:
                while len(inflight) >= self.window:
                    yield done()
                submit(key, articles)
            while inflight:
                yield done()


def local_engine(pipeline: Pipeline, workers: int) -> Engine:
    """In this process for ``workers == 1``, else a pool of ``workers`` processes."""
    return InProcessEngine(pipeline) if workers == 1 else PoolEngine(pipeline, workers)
