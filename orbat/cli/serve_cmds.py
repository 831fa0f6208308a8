"""`orbat serve`: the HTTP API and web UI over the knowledge base (extra `web`)."""

from __future__ import annotations

import gc
import os
import socket
from dataclasses import replace
from pathlib import Path

import typer

from orbat.cli.app import fail, state
from orbat.store.pg import is_postgres, redact


def serve(
    ctx: typer.Context,
    db_path: str = typer.Option(None, "--db", help="SQLite knowledge base (overrides the global --db / ORBAT_DB)"),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (default: this machine only)"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port"),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="server processes (uvicorn workers)"),
) -> None:
    """Serve the web UI and JSON API (OpenAPI at /openapi.json). Writes need ORBAT_API_TOKEN."""
    settings = state(ctx).settings
    if db_path:
        settings = replace(settings, db=db_path)
    db = settings.db
    if not is_postgres(db) and not Path(db).is_file():
        raise fail(f"{db}: no such database; build one with `orbat --db {db} ingest samples/`")
    try:
        import uvicorn

        from orbat.web.app import create_app
    except ModuleNotFoundError as exc:
        raise fail(f"the web extra is not installed ({exc.name} missing): pip install 'orbat[web]'") from None
    token = os.environ.get("ORBAT_API_TOKEN") or None
    writes = "enabled (token from ORBAT_API_TOKEN)" if token else "disabled (set ORBAT_API_TOKEN to enable)"
    hosts = allowed_hosts(host, settings.allowed_hosts)
    typer.echo(f"orbat: serving {redact(db)} at http://{host}:{port}/ ; writes {writes}; "
               f"Host names answered: {', '.join(hosts)} (ORBAT_ALLOWED_HOSTS)", err=True)
    if workers > 1:  # each worker process imports the app; it reads its configuration from the env
        os.environ["ORBAT_DB"] = db
        os.environ["ORBAT_ALLOWED_HOSTS"] = ",".join(hosts)
        uvicorn.run("orbat.web.app:create_app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")
        return
    app = create_app(db, token, settings, allowed_hosts=hosts)
    gc.collect()
    gc.freeze()  # startup objects leave the GC's scans: full collections drop from ~21 ms to ~1 ms
    uvicorn.run(app, host=host, port=port, log_level="warning")


def allowed_hosts(bind: str, configured: str) -> list[str]:
    """Host header names to answer: ORBAT_ALLOWED_HOSTS when set, else the loopback names plus the
    bound address (and this machine's names when bound to every interface)."""
    given = [h.strip() for h in configured.split(",") if h.strip()]
    if given:
        return given
    names = ["127.0.0.1", "localhost", "::1"]
    if bind in ("0.0.0.0", "::", ""):
        names += [socket.gethostname(), socket.getfqdn()]
    else:
        names.append(bind)
    return list(dict.fromkeys(n.lower() for n in names if n))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
