"""In-document resolution: acronym definitions, glosses, short names, renamings, alias groups, coref."""

from __future__ import annotations

import pytest
from _helpers_entities import build_nlp, mentions, run

from orbat.resolve.component import RENAMINGS_KEY
from orbat.resolve.coref import antecedent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return build_nlp()


def test_acronym_definition_joins_an_unknown_group(nlp) -> None:
    doc = run(nlp, "The Ansar al-Furqan Brigade (AFB) shelled the town. Residents said AFB fighters withdrew.")
    found = {m.text: m for m in doc._.mentions}
    assert found["AFB"].entity_id == found["Ansar al-Furqan Brigade"].entity_id
    assert found["AFB"].canonical == "Ansar al-Furqan Brigade"
    assert ["Ansar al-Furqan Brigade", "AFB"] in doc._.aliases


def test_gloss_in_quotes_is_an_alias_of_the_kb_group(nlp) -> None:
    doc = run(nlp, 'Hay\u2019at Tahrir al Sham, the \u201cAssembly for the Liberation of the Levant,\u201d '
                   "said it arrested three men.")
    found = mentions(doc)
    assert found["Assembly for the Liberation of the Levant"] == ("ORG_ARMED", "Hay'at Tahrir al-Sham")


def test_short_name_links_to_the_full_name(nlp) -> None:
    doc = run(nlp, "Sheikh Hamad Yusuf al-Zahrani, a Saudi cleric, gave a sermon. Zahrani later left for Idlib.")
    by_text = {m.text: m for m in doc._.mentions}
    assert by_text["Zahrani"].canonical == by_text["Hamad Yusuf al-Zahrani"].canonical == "Hamad Yusuf al-Zahrani"
    assert by_text["Zahrani"].rule == "short-name->Hamad Yusuf al-Zahrani"
    assert by_text["Zahrani"].type == "PERSON"


def test_mentions_of_one_kb_entity_share_a_canonical_and_an_alias_group(nlp) -> None:
    doc = run(nlp, "HTS denied the report. Hayat Tahrir al-Sham said Tahrir al-Sham fighters were not involved.")
    canon = {m.canonical for m in doc._.mentions if m.entity_id == "kb:hts"}
    assert canon == {"Hay'at Tahrir al-Sham"}
    group = next(g for g in doc._.aliases if g[0] == "Hay'at Tahrir al-Sham")
    assert set(group[1:]) == {"HTS", "Hayat Tahrir al-Sham", "Tahrir al-Sham"}


def test_renaming_is_recorded_not_merged(nlp) -> None:
    doc = run(nlp, "The Liwa al-Haqq Battalion rebranded itself as the Jaysh al-Haqq Front in 2016.")
    found = {m.text: m for m in doc._.mentions}
    old, new = found["Liwa al-Haqq Battalion"], found["Jaysh al-Haqq Front"]
    assert old.entity_id != new.entity_id
    assert [(o.text, n.text) for o, n, _ in doc.user_data[RENAMINGS_KEY]] == [(old.text, new.text)]


def test_group_description_resolves_to_the_last_named_group(nlp, lexicon) -> None:  # type: ignore[no-untyped-def]
    text = "Jabhat al-Nusra fighters clashed with ISIS near Mosul. The group said it lost two men."
    doc = run(nlp, text)
    start = text.index("The group")
    span = doc.char_span(start, start + len("The group"))
    found = antecedent(doc, span, lexicon)
    assert found is not None and found.canonical == "Islamic State"
    assert antecedent(doc, doc.char_span(0, len("Jabhat al-Nusra")), lexicon) is None


def test_group_descriptions_are_recorded_on_the_doc_with_their_rule(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Jabhat al-Nusra fighters clashed with ISIS near Mosul. The group said it lost two men. "
            "ISIS later withdrew.\n\nThe militants returned in May.")
    doc = run(nlp, text)
    assert [(c.text, c.canonical, c.rule) for c in doc._.coref] == [
        ("The group", "Islamic State", "coref:nearest-in-paragraph"),
        ("The militants", "Islamic State", "coref:main-group"),  # no group named in its paragraph
    ]


def test_ambiguous_alias_follows_the_articles_countries(nlp) -> None:
    doc = run(nlp, "HTS fighters clashed with the SNA near Afrin, Hay'at Tahrir al-Sham said.")
    found = mentions(doc)
    assert found["SNA"] == ("ORG_ARMED", "Syrian National Army")
    rule = next(m.rule for m in doc._.mentions if m.text == "SNA")
    assert rule.endswith(":ambiguous")


def test_analyst_overrides_apply_in_the_pipeline(nlp) -> None:
    resolver = nlp.get_pipe("orbat_resolver")
    resolver.set_overrides({"Liwa al-Quds": ("kb:liwa-al-quds", "Liwa al-Quds", "ORG_ARMED")})
    try:
        doc = run(nlp, "Fighters of Liwa al Quds were deployed near Aleppo.")
    finally:
        resolver.set_overrides({})
    mention = next(m for m in doc._.mentions if m.text == "Liwa al Quds")
    assert (mention.entity_id, mention.rule) == ("kb:liwa-al-quds", "override")


def test_renamed_group_keeps_the_kind_of_body(nlp) -> None:
    doc = run(nlp, "Jabhat al-Nusra rebranded itself as Jabhat Fath al-Sham in July.")
    old, new, cue = doc.user_data[RENAMINGS_KEY][0]
    assert (old.canonical, new.text, new.type) == ("Jabhat al-Nusra", "Jabhat Fath al-Sham", "ORG_ARMED")
    assert "rebranded" in cue


def test_sponsor_country_before_backed_is_not_a_mention(nlp) -> None:
    doc = run(nlp, "The Iran-backed militia and the US-led coalition clashed near Mosul.")
    assert {m.text for m in doc._.mentions}.isdisjoint({"Iran", "US"})


@pytest.mark.parametrize(("text", "long", "short"), [
    ("The ministry called Hasm the armed wing of the Muslim Brotherhood, which the Brotherhood denies.",
     "Muslim Brotherhood", "Brotherhood"),
    ("The Kanem Lions Brigade attacked a post. Kanem Lions fighters later withdrew.", "Kanem Lions Brigade",
     "Kanem Lions"),
])
def test_short_form_of_an_organisation_joins_it(nlp, text: str, long: str, short: str) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, text)
    found = {m.text: m for m in doc._.mentions}
    assert found[short].entity_id == found[long].entity_id


def test_a_kb_group_is_not_the_short_form_of_its_province(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = run(nlp, "The Islamic State Sinai Wilayat Brigade claimed the attack; the Islamic State praised it.")
    ids = {m.text: m.entity_id for m in doc._.mentions}
    assert ids.get("Islamic State") != ids.get("Islamic State Sinai Wilayat Brigade")
