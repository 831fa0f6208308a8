"""The prebuilt gazetteer index answers exactly as the gazetteer built in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.errors import DataError
from orbat.geo.gazetteer import base_gazetteer
from orbat.geo.index import IndexedGazetteer, open_index, sources_digest, write_index
from orbat.geo.sources import Entry

NAMES = ["Sarmada", "Idlib province", "Dikwa", "Aleppo", "Mogadishu", "Hodan", "Gwoza", "Kabul", "Dera",
         "near Afrin", "the outskirts of Mosul", "Syria", "U.S.", "Kolofata", "Nowhereville"]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> IndexedGazetteer:
    path = tmp_path_factory.mktemp("gaz") / "index.sqlite"
    write_index(base_gazetteer(), path)
    return IndexedGazetteer(path)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("context", [(), ("NG",), ("SY", "IQ")])
def test_geo_index_lookup_matches_memory(indexed: IndexedGazetteer, name: str, context: tuple[str, ...]) -> None:
    assert indexed.lookup(name, context) == base_gazetteer().lookup(name, context)
    assert indexed.geocode(name, context) == base_gazetteer().geocode(name, context)


@pytest.mark.parametrize("name", ["Syria", "SY", "Syrian", "Dikwa", "Macomia", "Hit"])
def test_geo_index_country_answers_match_memory(indexed: IndexedGazetteer, name: str) -> None:
    memory = base_gazetteer()
    assert indexed.iso2_of(name) == memory.iso2_of(name)
    assert indexed.country_of(name) == memory.country_of(name)
    assert indexed.country_hint(name) == memory.country_hint(name)
    assert indexed.is_place(name, True) == memory.is_place(name, True)


def test_geo_index_has_every_entry(indexed: IndexedGazetteer) -> None:
    assert len(indexed) == len(base_gazetteer())


def test_geo_index_is_read_only(indexed: IndexedGazetteer) -> None:
    entry = base_gazetteer().entries()[0]
    with pytest.raises(DataError, match="read-only"):
        indexed.add(Entry(entry.place, entry.names, entry.rank))


def test_geo_index_digest_follows_user_files(tmp_path: Path) -> None:
    user = tmp_path / "extra.tsv"
    user.write_text("", encoding="utf-8")
    before = sources_digest([user])
    user.write_text("# changed\n", encoding="utf-8")
    assert sources_digest([user]) != before
    assert sources_digest([]) != before


def test_geo_index_open_builds_once_then_reuses(tmp_path: Path) -> None:
    first = open_index(tmp_path, [])
    files = list(tmp_path.glob("gazetteer-*.sqlite"))
    assert len(files) == 1 and first.path == files[0]
    mtime = files[0].stat().st_mtime_ns
    second = open_index(tmp_path, [])
    assert second.path == first.path and files[0].stat().st_mtime_ns == mtime
    assert not list(tmp_path.glob("*.tmp"))


def test_geo_index_prune_keeps_the_newest_and_the_one_in_use(tmp_path: Path) -> None:
    import os

    from orbat.geo.index import prune

    files = []
    for i in range(7):
        f = tmp_path / f"gazetteer-{i:016x}.sqlite"
        f.write_bytes(b"x")
        os.utime(f, (1_000_000 + i, 1_000_000 + i))
        files.append(f)
    leftover = tmp_path / "gazetteer-abc.sqlitexyz.tmp"
    leftover.write_bytes(b"x")
    os.utime(leftover, (1_000, 1_000))
    prune(tmp_path, keep=files[0], most=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([files[0].name, *(f.name for f in files[3:])])
