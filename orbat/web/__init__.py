"""orbat.web: the analysts' web UI and HTTP API (``orbat serve``; extra ``web``).

Build the app with ``orbat.web.app.create_app(db, token)``; see docs/web.md.
"""
