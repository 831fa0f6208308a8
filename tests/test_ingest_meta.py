"""Metadata: dates with precision from fields and URLs, outlet from the URL host."""

from __future__ import annotations

import pytest

from orbat.ingest.meta import date_from_url, normalize_date, outlet_from_url, resolve_published


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.longwarjournal.example/archives/2017/07/jihadists-claim.php", ("2017-07", "month")),
        ("https://example.org/2017/07/25/story/", ("2017-07-25", "day")),
        ("https://example.org/news/2024-03-05-story", ("2024-03-05", "day")),
        ("https://example.org/2017/02/30/bad-day", ("2017-02", "month")),
        ("https://example.org/story-2017", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: tuple[str, str] | None) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", ("2024-03-05", "day")),
        ("2024-03-05T10:00:00+03:00", ("2024-03-05", "day")),
        ("2024-03", ("2024-03", "month")),
        ("2024", ("2024", "year")),
        ("Tue, 05 Mar 2024 10:00:00 +0000", ("2024-03-05", "day")),
        ("5 March 2024", ("2024-03-05", "day")),
        ("March 2024", ("2024-03", "month")),
        ("not a date", None),
        ("", None),
    ],
)
def test_normalize_date(value: str, expected: tuple[str, str] | None) -> None:
    assert normalize_date(value) == expected


def test_field_beats_url() -> None:
    assert resolve_published("2020-01-02", "https://x.org/2017/07/a") == ("2020-01-02", "day")
    assert resolve_published(None, "https://x.org/2017/07/a") == ("2017-07", "month")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [("https://www.Example.org/a", "example.org"), ("http://news.example.co.uk:8080/x", "news.example.co.uk"),
     (None, None)],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet
