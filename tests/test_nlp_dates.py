"""Date expressions resolved against a (possibly partial) publication date."""

from __future__ import annotations

import pytest

from orbat.nlp.dates import find_dates, parse_published


def one(text: str, published: str | None) -> tuple[str | None, str, str]:
    [d] = find_dates(text, published)
    return d.value, d.precision, d.kind


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Earlier today, the group announced arrests.", "2017-07-10", ("2017-07-10", "day", "point")),
    ("They struck yesterday.", "2020-01-01", ("2019-12-31", "day", "point")),
    ("It happened on Tuesday.", "2021-05-20", ("2021-05-18", "day", "point")),  # Thursday -> Tuesday before
    ("It happened on Thursday.", "2021-05-20", ("2021-05-20", "day", "point")),  # the same day
    ("It happened on Tuesday.", "2021-05", ("2021-05", "day", "point")),  # a day known only to the month
    ("In June, a cleric was attacked.", "2017-07", ("2017-06", "month", "point")),
    ("In September, a cleric was attacked.", "2017-07-10", ("2016-09", "month", "point")),  # after publication
    ("The deal was signed on July 25, 2016.", "2017-07", ("2016-07-25", "day", "point")),
    ("The deal was signed on 25 July 2016.", "2017-07", ("2016-07-25", "day", "point")),
    ("It pledged allegiance in Apr. 2013.", "2017-07", ("2013-04", "month", "point")),
    ("Idlib fell in 2015.", "2017-07", ("2015", "year", "point")),
    ("In 2019, the town fell.", "2022-08-15", ("2019", "year", "point")),
    ("It has controlled the area since 2013.", "2017-07", ("2013", "year", "since")),
    ("Last month the group killed 50 soldiers.", "2019-12-12", ("2019-11", "month", "point")),
    ("It grew beginning last year.", "2020-01-03", ("2019", "year", "since")),
    ("Clashes erupted on Oct. 10 near the town.", "2022-10", ("2022-10-10", "day", "point")),
])
def test_expressions_resolve_against_publication(text: str, published: str, expected: tuple[str, str, str]) -> None:
    assert one(text, published) == expected


def test_ranges_keep_both_ends() -> None:
    [d] = find_dates("The group ruled the town between 2014 and 2016.", "2020-01")
    assert (d.kind, d.value, d.end_value) == ("range", "2014", "2016")


def test_relative_dates_without_publication_date_stay_unresolved() -> None:
    [d] = find_dates("The base was attacked on Friday.", None)
    assert d.value is None and d.relative


@pytest.mark.parametrize("text", ["Fighters may attack again.", "It had 2,015 members.", "Mar the record."])
def test_words_that_only_look_like_dates_are_ignored(text: str) -> None:
    assert find_dates(text, "2020-01-01") == []


def test_offsets_index_the_text() -> None:
    text = "On Friday and in March 2019 the group struck."
    for d in find_dates(text, "2020-01-03"):
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize(("published", "expected"), [
    ("2017-07", "month"), ("2017", "year"), ("2017-07-03", "day"), (None, None), ("July", None),
])
def test_partial_publication_dates(published: str | None, expected: str | None) -> None:
    assert parse_published(published)[1] == expected
