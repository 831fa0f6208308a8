"""Place canonicals keep the designator and the diacritics the article writes."""

from __future__ import annotations

import pytest

from orbat.resolve.placenames import place_name

COUNTRIES = frozenset({"Suriname", "Chad"})


@pytest.mark.parametrize(("surface", "gazetteer", "canonical"), [
    ("Soum province", "Soum", "Soum Province"),  # the province, not the town of that name
    ("Marte LGA", "Marte", "Marte Local Government Area"),
    ("Kirkuk province", "Kirkuk Governorate", "Kirkuk Governorate"),  # the gazetteer's designator wins
    ("North region", "North Region (Cameroon)", "North Region (Cameroon)"),
    ("Sur district", "Suriname", "Sur District"),  # a district is not a country
    ("Lomé", "Lome", "Lomé"),
    ("Ouaddaï province", "Ouaddai Province", "Ouaddaï Province"),
    ("ADRÉ", "Adre", "Adré"),
    ("Chad", "Chad", "Chad"),
    ("Idlib", "Idlib Governorate", "Idlib Governorate"),
])
def test_place_name_keeps_what_the_text_says(lexicon, surface: str, gazetteer: str,  # type: ignore[no-untyped-def]
                                             canonical: str) -> None:
    designators = lexicon.mapping("admin_designators")
    assert place_name(surface, gazetteer, designators, COUNTRIES.__contains__) == canonical


def test_resolver_names_a_designated_place_with_its_designator(pipeline) -> None:  # type: ignore[no-untyped-def]
    from orbat.model import Article

    doc = pipeline.nlp(pipeline.make_doc(Article(id="t", text="Gunmen attacked Kelbo, in Soum province, and Lomé.")))
    names = {m.text: m.canonical for m in doc._.mentions}
    assert names.get("Soum province") == "Soum Province"
    assert names.get("Lomé") == "Lomé"
