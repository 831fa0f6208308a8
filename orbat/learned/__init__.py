"""Learned components trained on the team's corpus (``make train``); see docs/learned.md."""
