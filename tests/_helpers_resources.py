"""The pipeline's resources for tests: the real ones once per session, or with fields replaced
(a stand-in gazetteer, a tiny KB) so a component is handed exactly what a test needs."""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import Any

from orbat.resources import Resources, load_resources
from orbat.settings import Settings


@cache
def real_resources() -> Resources:
    return load_resources(Settings())


def resources_with(**fields: Any) -> Resources:
    """The real resources with some fields replaced (``gazetteer=StubGazetteer()``, ``kb=None``)."""
    return dataclasses.replace(real_resources(), **fields)
