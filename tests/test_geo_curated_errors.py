"""A broken curated geo file fails fast, naming the file and the line of the bad entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.geo.curated import PLACES_FILE, load_demonyms, load_places
from orbat.geo.gazetteer import build_gazetteer

GOOD = "- {name: Batabo, kind: village, country: SY, admin1: Idlib, lat: 36.2, lon: 36.6}\n"


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("- {name: Batabo, kind: hamlet, country: SY, lat: 36.2, lon: 36.6}", "unknown kind 'hamlet'"),
        ("- {name: Batabo, kind: village, country: XX, lat: 36.2, lon: 36.6}", "unknown ISO 3166-1"),
        ("- {name: Batabo, kind: village, country: SY, lat: 136.2, lon: 36.6}", "lat"),
        ("- {name: Batabo, kind: village, country: SY, lat: 36.2}", "lon"),
        ("- {name: Batabo, kind: village, lat: 36.2, lon: 36.6}", "needs a country"),
        ("- {name: Batabo, kind: admin1, country: IQ, code: SY-ID, lat: 36.2, lon: 36.6}", "not a subdivision"),
        ("- {name: Batabo, kind: village, country: SY, lat: 36.2, lon: 36.6, populaton: 5}", "populaton"),
        ("- just a string", "not a mapping"),
    ],
)
def test_bad_entry_names_file_line_and_reason(tmp_path: Path, bad_line: str, reason: str) -> None:
    path = tmp_path / "places.yaml"
    path.write_text("# curated\n" + GOOD + GOOD + bad_line + "\n" + GOOD, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_places(path)
    assert info.value.path == str(path)
    assert info.value.line == 4
    assert reason in str(info.value)
    assert f"{path}:4:" in str(info.value)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text(GOOD + "- {name: Batabo, kind: village, country: SY, lat: 36.2, lon: [36.6}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_places(path)
    assert info.value.line == 2


def test_extra_yaml_given_to_the_gazetteer_is_validated_too(tmp_path: Path) -> None:
    path = tmp_path / "more.yaml"
    path.write_text(GOOD + "- {name: Batabo, kind: town, country: SY, lat: 95, lon: 36.6}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_gazetteer(extra=path, user_dir=tmp_path)
    assert info.value.line == 2


def test_extra_yaml_adds_places(tmp_path: Path) -> None:
    path = tmp_path / "more.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert build_gazetteer(user_dir=tmp_path).geocode("Batabo") is None
    place = build_gazetteer(extra=path, user_dir=tmp_path).geocode("Batabo")
    assert place is not None and (place.country, place.admin1, place.source) == ("Syria", "Idlib", "curated")


def test_shipped_files_load_and_are_big_enough() -> None:
    places = load_places(PLACES_FILE)
    assert len([p for p in places if p.kind != "admin1"]) >= 150
    names = [(p.name, p.kind, p.country) for p in places]
    assert len(names) == len(set(names)), "duplicate curated entries"
    assert len(load_demonyms()) >= 40
