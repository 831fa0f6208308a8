"""KBMatcher keys and hits on a blank tokenizer (no model): spelling variants meet, prose does not."""

from __future__ import annotations

import pytest
import spacy
from _helpers_entities import tiny_kb, tiny_places
from hypothesis import given
from hypothesis import strategies as st

from orbat.nlp.gazetteer import KBMatcher, PlaceOracle, token_norm


@given(st.text(min_size=1, max_size=12))
def test_token_norm_is_ascii_lowercase_without_apostrophes(lexicon, word: str) -> None:  # type: ignore[no-untyped-def]
    norm = token_norm(word, lexicon.arabic_articles)
    assert norm == norm.lower() and norm.isascii() and "'" not in norm


@given(st.from_regex(r"[A-Za-z]{1,6}", fullmatch=True), st.from_regex(r"[a-z]{1,6}", fullmatch=True))
def test_token_norm_ignores_apostrophe_style(lexicon, head: str, tail: str) -> None:  # type: ignore[no-untyped-def]
    forms = {token_norm(f"{head}{q}{tail}", lexicon.arabic_articles) for q in ("'", "\u2019", "`", "")}
    assert len(forms) == 1


@pytest.fixture(scope="module")
def matcher(rules) -> tuple[KBMatcher, spacy.language.Language]:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    return KBMatcher(nlp.vocab, nlp.make_doc, tiny_kb().names(), rules), nlp


@pytest.mark.parametrize(("text", "found"), [
    ("Hayat Tahrir el-Sham fighters", "Hayat Tahrir el-Sham"),
    ("the Nusrah Front said", "Nusrah Front"),
    ("Kataib Hezbollah (KH)", "Kataib Hezbollah"),
    ("leaders of al-Qaida met", "al-Qaida"),
])
def test_variants_hit_the_kb(matcher, text: str, found: str) -> None:
    kb_matcher, nlp = matcher
    doc = nlp(text)
    assert found in [doc[h.start:h.end].text for h in kb_matcher.find(doc)]


def test_lower_case_prose_and_wrong_case_acronyms_do_not_hit(matcher) -> None:
    kb_matcher, nlp = matcher
    doc = nlp("he is a member of the islamic state group, kh said")
    assert kb_matcher.find(doc) == []


def test_place_oracle_without_geo_knows_nothing() -> None:
    empty = PlaceOracle({})
    assert not empty.is_place("Idlib") and empty.canonical("Idlib") is None
    assert tiny_places().canonical("Idlib province") == "Idlib Governorate"


def test_kb_matcher_reads_its_pattern_keys_from_the_cache(rules, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import orbat.nlp.gazetteer as gazetteer

    nlp = spacy.blank("en")
    names = list(tiny_kb().names())
    built = KBMatcher(nlp.vocab, nlp.make_doc, names, rules)
    first = KBMatcher(nlp.vocab, nlp.make_doc, names, rules, tmp_path, "blank en")
    assert len(list(tmp_path.glob("kb-patterns-*.json"))) == 1

    def no_rebuild(*args: object) -> None:
        raise AssertionError("the pattern keys were rebuilt although they are cached")

    monkeypatch.setattr(gazetteer, "_pattern_keys", no_rebuild)
    again = KBMatcher(nlp.vocab, nlp.make_doc, names, rules, tmp_path, "blank en")
    doc = nlp("Hayat Tahrir el-Sham fighters and IS said, and kh did not")
    assert [(h.start, h.end, h.ids) for h in again.find(doc)] == [(h.start, h.end, h.ids) for h in built.find(doc)]
    assert list(again._ids.items()) == list(built._ids.items()) == list(first._ids.items())
    with pytest.raises(AssertionError, match="rebuilt"):  # another tokenizer is another key
        KBMatcher(nlp.vocab, nlp.make_doc, names, rules, tmp_path, "another model")


def test_kb_matcher_without_a_writable_cache_still_builds(rules, tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    matcher = KBMatcher(nlp.vocab, nlp.make_doc, tiny_kb().names(), rules, blocked / "cache", "blank en")
    assert [h.ids for h in matcher.find(nlp("the Nusrah Front said"))] == [("nusra",)]


@pytest.mark.parametrize(("text", "found"), [
    ("a dossier shared by the National Investigation Agency (NIA)", []),  # a longer name, not the outlet
    ("according to The National, the strike", ["National"]),  # "the" is trimmed from the hit
    ("according to the National.", ["National"]),
])
def test_a_name_starting_with_the_does_not_take_the_start_of_a_longer_name(rules, text: str,  # type: ignore[no-untyped-def]
                                                                           found: list[str]) -> None:
    from _helpers_entities import entity

    from orbat.kb.loader import KnowledgeBase

    kb = KnowledgeBase({"the-national": entity("the-national", "The National (UAE)", type="ORG_OTHER")}, [])
    nlp = spacy.blank("en")
    kb_matcher = KBMatcher(nlp.vocab, nlp.make_doc, kb.names(), rules)
    doc = nlp(text)
    assert [doc[h.start:h.end].text for h in kb_matcher.find(doc)] == found
