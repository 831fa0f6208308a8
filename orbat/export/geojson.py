"""GeoJSON FeatureCollection of the events that have coordinates (RFC 7946: [longitude, latitude])."""

from __future__ import annotations

import json
from typing import Any, TextIO

from orbat.query import events
from orbat.store import Store


def feature_collection(store: Store) -> dict[str, Any]:
    features = []
    for e in events(store):
        if e.latitude is None or e.longitude is None:
            continue
        props = {k: v for k, v in e.to_dict().items() if v is not None and k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "id": e.id,
            "geometry": {"type": "Point", "coordinates": [e.longitude, e.latitude]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def write(store: Store, out: TextIO) -> int:
    fc = feature_collection(store)
    json.dump(fc, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(fc["features"])
