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


def _postgres_base() -> str:
    """The server the PostgreSQL variants use ($ORBAT_TEST_PG, started by .ci/run); skip without one,
    except in CI, where the PostgreSQL variants must run."""
    url = os.environ.get("ORBAT_TEST_PG", "")
    problem = None
    if not url:
        problem = "ORBAT_TEST_PG is not set (source .ci/postgres.sh and run pg_start to get a server)"
    else:
        try:
            import psycopg

            psycopg.connect(url, connect_timeout=3).close()
        except ModuleNotFoundError:
            problem = "psycopg is not installed: pip install -e '.[pg]'"
        except Exception as exc:  # any connection failure: say which and skip
            problem = f"no PostgreSQL reachable at ORBAT_TEST_PG ({str(exc).strip()})"
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL store tests must run in CI: {problem}")
        pytest.skip(problem)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh, empty knowledge base target: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    import uuid

    import psycopg

    base = _postgres_base()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
