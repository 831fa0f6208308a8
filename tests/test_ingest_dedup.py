"""MinHash near-duplicates: a lightly edited wire copy links to the first copy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orbat.ingest import NearDuplicateIndex, from_bytes, minhash, to_bytes

WIRE = (
    "Militants attacked an army outpost near the river town of Karamat late on Tuesday, killing at least "
    "nine soldiers and wounding four others, two security officials said on Wednesday. The attackers used "
    "machine guns and rocket-propelled grenades and withdrew towards the hills before reinforcements "
    "arrived, the officials said. A spokesman for the provincial government said a search operation had "
    "begun and that more than 20 suspects had been detained in nearby villages. No group has claimed the "
    "attack, but an insurgent group active in the area has carried out similar raids on isolated army "
    "posts in recent months. Residents said many families had left the villages around Karamat since the "
    "start of the year because of the violence and the lack of work in the fields. Local leaders asked "
    "the government to send more troops to protect the road to the provincial capital, which has been "
    "closed twice this month after bombs were found under a bridge. Traders said the price of flour in "
    "the town market had doubled since the closures began, and that trucks carrying fuel now wait for "
    "military escorts that arrive only once a week."
)
EDITED = (
    "KARAMAT (Frontier Wire) - " + WIRE.replace("two security officials said", "two security sources said")
    + " Reporting by Frontier Wire staff."
)
OTHER = (
    "The central bank kept interest rates unchanged on Thursday, citing slowing inflation and a stronger "
    "currency, and said it expected growth to pick up in the second half of the year as exports recover."
)


def test_lightly_edited_copy_is_a_near_duplicate() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("first", minhash(WIRE))
    assert index.query(minhash(EDITED)) == "first"
    assert index.query(minhash(OTHER)) is None


def test_query_returns_the_earliest_copy() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    index.add("first", minhash(WIRE))
    index.add("second", minhash(EDITED))
    index.add("first", minhash(OTHER))  # re-adding a known id changes nothing
    assert len(index) == 2
    assert index.query(minhash(WIRE)) == "first"


def test_bytes_round_trip_keeps_similarity() -> None:
    mh = minhash(WIRE)
    data = to_bytes(mh)
    assert len(data) == 128 * 4
    back = from_bytes(data, 128)
    assert back.jaccard(mh) == 1.0
    assert back.jaccard(minhash(EDITED)) == mh.jaccard(minhash(EDITED))


@settings(max_examples=25, deadline=None)
@given(st.text(max_size=300))
def test_round_trip_any_text(text: str) -> None:
    mh = minhash(text)
    assert list(from_bytes(to_bytes(mh)).hashvalues) == list(mh.hashvalues)
