"""Extraction on Ray (extra ``orbat[ray]``): Ray Data maps article batches over an actor pool.

The caller's stream of batches (read, cleaned and hash-checked here, as with the local engine) is
cut into chunks of ``chunk`` batches; each chunk is one Ray Data dataset whose ``map_batches`` runs
on ``actors`` actors, each of which builds the pipeline once when it starts. Results come back in
input order (``preserve_order``), so the records are the local engine's, byte for byte. At most one
chunk is held here at a time.

What ships to the workers: the articles and the settings (pickled); the code, the model and the
data files must be installed on every node (the same orbat version: ``pip install orbat[ray]``).
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from orbat.engine import EngineError, Overrides, apply_overrides
from orbat.model import Article, Extraction
from orbat.pipeline import Pipeline
from orbat.settings import Settings

log = logging.getLogger(__name__)

K = TypeVar("K")


class _Extractor:
    """A Ray Data actor: one pipeline, built in the constructor, used for every batch it is given."""

    def __init__(self, settings: Settings, stages: tuple[str, ...] | None, overrides: Overrides) -> None:
        self.pipeline = Pipeline(settings, stages)
        apply_overrides(self.pipeline, overrides)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        out = []
        for blob in batch["articles"]:
            articles: list[Article] = pickle.loads(blob)
            out.append(pickle.dumps(list(self.pipeline.extract(articles))))
        return {"i": batch["i"], "extractions": out}


class RayEngine:
    """``map`` over Ray: a local Ray with this machine's cores, or the cluster at ``address``."""

    def __init__(self, pipeline: Pipeline, address: str | None = None, actors: int | None = None,
                 chunk: int = 64) -> None:
        try:
            import ray
        except ModuleNotFoundError:
            raise EngineError("--engine ray needs the ray extra: pip install 'orbat[ray]'") from None
        self._ray = ray
        self.settings, self.stages = pipeline.settings, pipeline.stages
        self.address, self.chunk = address, chunk
        self._actors = actors
        self._overrides: Overrides = {}

    def set_overrides(self, overrides: Overrides) -> None:
        self._overrides = overrides

    def _start(self) -> int:
        ray = self._ray
        for attempt in (1, 2):  # a local Ray on a busy machine can miss its 30 s start-up window once
            if ray.is_initialized():
                break
            try:
                ray.init(address=self.address, include_dashboard=False, log_to_driver=False,
                         configure_logging=False)
            except Exception as exc:  # ConnectionError, RuntimeError ...: one line naming the cluster
                ray.shutdown()
                if attempt == 2 or self.address:
                    where = self.address or "a local instance"
                    raise EngineError(f"cannot start or reach Ray at {where} ({exc})") from exc
                log.warning("Ray did not start (%s); trying once more", exc)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        return self._actors or max(1, int(ray.cluster_resources().get("CPU", 1)))

    def map(self, batches: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, list[Extraction]]]:
        stream = iter(batches)
        actors: int | None = None
        while chunk := list(islice(stream, self.chunk)):
            work = [(i, articles) for i, (_, articles) in enumerate(chunk) if articles]
            done: dict[int, list[Extraction]] = {}
            if work:
                actors = actors or self._start()
                done = self._run(work, actors)
            for i, (key, _) in enumerate(chunk):
                yield key, done.get(i, [])

    def _run(self, work: list[tuple[int, list[Article]]], actors: int) -> dict[int, list[Extraction]]:
        ray = self._ray
        rows = [{"i": i, "articles": pickle.dumps(articles)} for i, articles in work]
        ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), 4 * actors)).map_batches(
            _Extractor, fn_constructor_args=(self.settings, self.stages, self._overrides),
            batch_size=1, compute=ray.data.ActorPoolStrategy(size=min(actors, len(rows))), num_cpus=1)
        done: dict[int, list[Extraction]] = {}
        try:
            for row in ds.iter_rows():
                done[int(row["i"])] = pickle.loads(row["extractions"])
        except Exception as exc:  # a task that failed on a worker: Ray wraps and re-raises it here
            raise EngineError(f"Ray extraction failed ({type(exc).__name__}: {exc})") from exc
        return done

    def shutdown(self) -> None:
        if self._ray.is_initialized():
            self._ray.shutdown()
