"""Shared fixtures: one spaCy pipeline per test session, the shared eval folder if present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def shared_eval_dir() -> Path | None:
    """../shared/eval beside the repository (or $ORBAT_SHARED/eval), when present."""
    root = Path(os.environ.get("ORBAT_SHARED", REPO.parent / "shared"))
    path = root / "eval"
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from orbat.pipeline import Pipeline
    from orbat.settings import Settings

    return Pipeline(Settings())


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    path = shared_eval_dir()
    if path is None:
        pytest.skip("../shared/eval not present; evaluation tests need it")
    return path


@pytest.fixture(scope="session")
def lexicon():  # type: ignore[no-untyped-def]
    """The packaged lexicon (word lists and actor-name templates), for helpers that take it."""
    from orbat.lexicon import load_lexicon
    return load_lexicon()


@pytest.fixture(scope="session")
def rules(lexicon):  # type: ignore[no-untyped-def]
    """The entity rules over the packaged lexicon (orbat.nlp.names.EntityRules)."""
    from orbat.nlp.names import load_rules
    return load_rules(lexicon)
