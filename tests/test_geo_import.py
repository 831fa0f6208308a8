"""Importing a GeoNames country dump into the user gazetteer, and finding its places afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orbat.cli import app
from orbat.errors import DataError
from orbat.geo import build_gazetteer, import_geonames


def _row(gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, cc: str,
         admin1: str, population: int) -> str:
    ascii_name = name.replace("’", "'")
    cols = [str(gid), name, ascii_name, alts, str(lat), str(lon), fclass, fcode, cc, "", admin1, "", "", "",
            str(population), "", "350", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols)


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "gazetteer"
    monkeypatch.setenv("ORBAT_GAZETTEER_DIR", str(d))
    return d


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    rows = [
        _row(1, "Muhafazat Idlib", "Idlib Governorate", 35.8, 36.6, "A", "ADM1", "SY", "10", 1_500_000),
        _row(2, "Deir Hassan", "Dayr Hassan,Dair Hasan,دير حسان", 36.205, 36.652, "P", "PPL", "SY", "10", 0),
        _row(3, "Kafr Aruq", "Kafr Arouq", 36.235, 36.605, "P", "PPL", "SY", "10", 2500),
        _row(4, "Kafr Aruq camp", "", 36.24, 36.60, "S", "CMPRF", "SY", "10", 0),
        _row(5, "Jabal Barisha", "", 36.16, 36.62, "T", "MT", "SY", "10", 0),
        _row(6, "Kafr Aruq", "", 31.5, 49.9, "P", "PPL", "IR", "15", 40_000),
    ]
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_import_writes_places_the_gazetteer_then_finds(dump: Path, user_dir: Path) -> None:
    assert import_geonames(dump) == 4  # ADM1 names the code; the mountain is not a kind we keep
    gaz = build_gazetteer(user_dir=user_dir)
    place = gaz.geocode("Dair Hasan")
    assert place is not None
    assert (place.name, place.kind, place.country, place.admin1, place.source) == (
        "Deir Hassan", "village", "Syria", "Idlib", "user")
    assert place.latitude == pytest.approx(36.205)
    camp = gaz.geocode("Kafr Aruq camp")
    assert camp is not None and (camp.kind, camp.geo_precision) == ("camp", 1)
    assert gaz.geocode("Jabal Barisha") is None


def test_larger_population_wins_without_context_and_context_wins_over_it(dump: Path, user_dir: Path) -> None:
    import_geonames(dump)
    gaz = build_gazetteer(user_dir=user_dir)
    default = gaz.geocode("Kafr Aruq")
    assert default is not None and default.country == "Iran"
    syrian = gaz.geocode("Kafr Aruq", ["SY"])
    assert syrian is not None and (syrian.country, syrian.admin1) == ("Syria", "Idlib")


def test_admin1_code_learned_from_known_towns_when_dump_has_no_adm1(tmp_path: Path, user_dir: Path) -> None:
    rows = [
        _row(10, "Saraqib", "", 35.8645, 36.806, "P", "PPL", "SY", "07", 30_000),
        _row(11, "Tell Sultan", "", 35.80, 36.93, "P", "PPL", "SY", "07", 1200),
    ]
    path = tmp_path / "part.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    dest = tmp_path / "out" / "mine.tsv"
    assert import_geonames(path, dest) == 2
    place = build_gazetteer(extra=dest, user_dir=user_dir).geocode("Tell Sultan")
    assert place is not None and place.admin1 == "Idlib"


def test_wrong_column_count_names_the_line(tmp_path: Path, user_dir: Path) -> None:
    path = tmp_path / "bad.txt"
    good = _row(2, "Deir Hassan", "", 36.2, 36.65, "P", "PPL", "SY", "10", 0)
    path.write_text(good + "\n" + "1\tOnly\ttwo\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        import_geonames(path)
    assert info.value.line == 2
    assert not user_dir.exists()


def test_cli_import_then_lookup(dump: Path, user_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "import", str(dump)])
    assert result.exit_code == 0, result.output
    assert (user_dir / "SY.tsv").exists()
    result = runner.invoke(app, ["gazetteer", "lookup", "Deir Hassan", "--json"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    assert (first["name"], first["admin1"], first["source"]) == ("Deir Hassan", "Idlib", "user")


def test_cli_lookup_with_context_and_unknown(user_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "lookup", "Tripoli", "--country", "LB", "--json", "-n", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["country"] == "Lebanon"
    result = runner.invoke(app, ["gazetteer", "lookup", "Qwertyuiop"])
    assert result.exit_code == 1
