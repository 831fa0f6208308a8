"""Token-protected write endpoints: ingest articles, record analyst judgements (accept/reject, merge)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from orbat.store import Store
from orbat.web.deps import WebConfig, config, get_store, require_token
from orbat.web.errors import WRITE_RESPONSES, ApiError

router = APIRouter(prefix="/api", tags=["write"], dependencies=[Depends(require_token)],
                   responses=WRITE_RESPONSES)

MAX_BATCH = 200


class ArticleIn(BaseModel):
    id: str | None = Field(None, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None


class JudgementIn(BaseModel):
    kind: Literal["accept", "reject", "merge"]
    target: str = Field(min_length=1, description="event:<id> or relation:<id>; for merge, the entity to keep")
    other: str | None = Field(None, description="merge: the entity merged into target")
    note: str | None = Field(None, max_length=2000)


def _pipeline(cfg: WebConfig) -> Any:
    """The NLP pipeline, loaded on first ingest and kept (loading spaCy takes seconds)."""
    if "pipeline" not in cfg.cache:
        from orbat.pipeline import Pipeline

        cfg.cache["pipeline"] = Pipeline(cfg.settings)
    return cfg.cache["pipeline"]


def run_ingest(cfg: WebConfig, store: Store, items: list[ArticleIn]) -> dict[str, Any]:
    """Write the batch to a temporary JSONL file and run orbat.service.ingest on it."""
    from orbat.service import Outcome, ingest

    seen: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="orbat-web-") as tmp:
        path = Path(tmp) / "request.jsonl"
        path.write_text("".join(json.dumps(a.model_dump(exclude_none=True)) + "\n" for a in items), encoding="utf-8")
        report = ingest([str(path)], cfg.settings, store, _pipeline(cfg), on_outcome=seen.append)
    return {"outcomes": dict(report.outcomes),
            "items": [{"item": o.item.replace(str(path), "request"), "status": o.status, "reason": o.reason,
                       "article_id": o.article_id} for o in seen]}


@router.post("/ingest", summary="Extract and store a batch of articles (token)")
def post_ingest(items: list[ArticleIn], store: Annotated[Store, Depends(get_store)],
                cfg: Annotated[WebConfig, Depends(config)]) -> dict[str, Any]:
    if not items:
        raise ApiError(422, "send a non-empty JSON list of articles")
    if len(items) > MAX_BATCH:
        raise ApiError(413, f"{len(items)} articles in one request; send at most {MAX_BATCH}")
    return run_ingest(cfg, store, items)


@router.post("/judgements", summary="Accept or reject a fact, or merge two entities (token)")
def post_judgement(body: JudgementIn, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    if body.kind == "merge":
        if not body.other:
            raise ApiError(422, "merge needs 'other': the entity to merge into 'target'")
        keep, gone = store.resolve_name(body.target), store.resolve_name(body.other)
        if keep == gone:
            raise ApiError(409, f"{body.target!r} and {body.other!r} are already the same entity")
        store.merge(keep, gone, body.note)
        return {"ok": True, "kind": "merge", "target": keep, "other": gone}
    store.judge(body.target, body.kind, body.note)
    return {"ok": True, "kind": body.kind, "target": body.target}
