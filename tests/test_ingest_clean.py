"""Cleaning marks boilerplate regions and never changes the text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from orbat.ingest import clean
from orbat.ingest.text import read_text
from orbat.model import Article

FIX = Path(__file__).parent / "fixtures" / "ingest"


def fixture_article(name: str) -> Article:
    return read_text(name, (FIX / name).read_text(encoding="utf-8"))


def marked(article: Article) -> list[tuple[str, str]]:
    return [(r.kind, article.text[r.start : r.end]) for r in article.regions]


def test_trailing_menu_tags_bio_and_credit_are_marked() -> None:
    before = fixture_article("menu_tail.txt")
    after = clean(before)
    assert after.text == before.text
    assert marked(after) == [
        ("photo_credit", "Photo: A police vehicle outside the post. (Photo by Sam Doe/Getty Images)"),
        ("byline", "Jane Roe is a senior analyst for the Frontier Security Institute."),
        ("tags", "Tags: , , ,"),
        ("navigation", "Militancy"),
        ("navigation", "Border security"),
        ("navigation", "Insurgency"),
    ]
    assert after.author == "Jane Roe"


def test_body_paragraphs_are_not_marked() -> None:
    article = clean(fixture_article("clean_article.txt"))
    assert article.regions == []
    assert article.author is None


def test_read_more_share_and_subscribe() -> None:
    article = clean(fixture_article("read_more.txt"))
    assert marked(article) == [
        ("read_more", "Click here to read the rest of the story."),
        ("boilerplate", "Share on Facebook"),
        ("boilerplate", "Subscribe to our newsletter"),
    ]


def test_inline_photo_credit_marks_only_the_parenthesis() -> None:
    text = "Title\n\nFighters parade in the town square on Friday, witnesses said. (Photo by Ali Noor/AFP)\n"
    article = clean(read_text("x", text))
    assert marked(article) == [("photo_credit", "(Photo by Ali Noor/AFP)")]


def test_given_author_is_kept() -> None:
    article = replace(fixture_article("menu_tail.txt"), author="Desk Editor")
    assert clean(article).author == "Desk Editor"


def test_clean_is_idempotent() -> None:
    once = clean(fixture_article("menu_tail.txt"))
    assert clean(once) == once


def test_title_line_is_never_marked() -> None:
    article = clean(read_text("x", "Islamic State\n\nThe group claimed an attack on Monday, officials said.\n"))
    assert article.regions == []


_LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Tags: , ,", "Read more", "Photo: x", "Boko Haram", "", "Al shabaab",
                     "A is a senior fellow at B.", "Share", "(Photo by A/B)", "Click here to read the rest"]),
)


@given(st.lists(_LINE, max_size=25), st.integers(min_value=0, max_value=50))
def test_clean_never_changes_text_and_regions_lie_within(lines: list[str], body_start: int) -> None:
    text = "\n".join(lines)
    article = Article(id="h", text=text, body_start=min(body_start, len(text)))
    result = clean(article)
    assert result.text == text
    for region in result.regions:
        assert article.body_start <= region.start < region.end <= len(text)
        assert text[region.start : region.end].strip() == text[region.start : region.end]


def test_related_block_and_trailing_credits() -> None:
    article = clean(fixture_article("related_tail.txt"))
    assert marked(article) == [
        ("photo_credit", "Reuters/Staff Photographer"),
        ("navigation", "Related articles:"),
        ("navigation", "Militia leader vows revenge after strike on convoy"),
        ("navigation", "Government calls for calm as border tensions rise in the west"),
        ("navigation", "Trending"),
        ("navigation", "Ten things to know about the new ceasefire deal"),
        ("photo_credit", "Photo: Ministry of Defence press office"),
    ]
    first = article.text.index("A drone strike")
    assert not article.in_marked_region(first, first + 40)
