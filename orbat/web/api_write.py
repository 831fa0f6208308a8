"""Token-protected write endpoints: ingest articles, review actions (accept, reject, edit, merge, split,
undo; each with a reviewer and a reason, all in the audit log), the watchlist."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from orbat.errors import ReviewError
from orbat.store import Store, review, watch
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
    force: bool = Field(False, description="merge even across types or when relations would become self-loops")


class ReviewIn(BaseModel):
    action: Literal["accept", "reject", "edit", "merge", "split"]
    target: str = Field(min_length=1, max_length=300,
                        description="event:<id> or relation:<id>; merge: the entity kept; split: the entity split")
    reviewer: str = Field(min_length=1, max_length=100, description="who decides (shown in the audit log)")
    reason: str | None = Field(None, max_length=2000)
    other: str | None = Field(None, max_length=300, description="merge: the entity merged in; split: the alias")
    fields: dict[str, str | int | None] | None = Field(None, description="edit: column -> new value")
    force: bool = Field(False, description="merge even across types or when relations would become self-loops")


class WatchIn(BaseModel):
    entity: str = Field(min_length=1, max_length=300)
    watch: bool = True
    reviewer: str | None = Field(None, max_length=100)
    reason: str | None = Field(None, max_length=2000)


class UndoIn(BaseModel):
    audit_id: int = Field(ge=1)
    reviewer: str = Field(min_length=1, max_length=100)
    reason: str | None = Field(None, max_length=2000)


def _review(store: Store, body: ReviewIn) -> dict[str, Any]:
    try:
        return review.review(store, body.action, body.target, body.reviewer, body.reason, body.other,
                             body.fields, body.force)
    except ReviewError as exc:
        raise ApiError(409, str(exc)) from exc


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


@router.post("/judgements", summary="Accept or reject a fact, or merge two entities (token; see /api/review)")
def post_judgement(body: JudgementIn, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    if body.kind == "merge" and not body.other:
        raise ApiError(422, "merge needs 'other': the entity to merge into 'target'")
    done = _review(store, ReviewIn(action=body.kind, target=body.target, reviewer="api", reason=body.note,
                                   other=body.other, fields=None, force=body.force))
    return {"ok": True, "kind": body.kind, "target": done["target"], "other": done.get("other")}


@router.post("/review", summary="One review action with reviewer and reason, written to the audit log (token)")
def post_review(body: ReviewIn, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    return {"ok": True, **_review(store, body)}


@router.post("/review/undo", summary="Undo a review action by its audit id (token)")
def post_undo(body: UndoIn, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    try:
        return {"ok": True, **review.undo(store, body.audit_id, body.reviewer, body.reason)}
    except ReviewError as exc:
        raise ApiError(409, str(exc)) from exc


@router.post("/watch", summary="Watch (or stop watching) an entity or place (token)")
def post_watch(body: WatchIn, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    eid = watch.watch(store, body.entity, body.watch)
    return {"ok": True, "entity": eid, "watching": body.watch}
