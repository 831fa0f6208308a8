"""Stand-ins for the entity tests: a tiny hand-written KB, a place oracle, a spaCy pipeline."""

from __future__ import annotations

from typing import Any

from orbat.kb.loader import KnowledgeBase
from orbat.kb.schema import KBEntity
from orbat.nlp.gazetteer import PlaceOracle


def entity(id: str, name: str, type: str = "ORG_ARMED", aliases: tuple[str, ...] = (),
           case_sensitive: tuple[str, ...] = (), countries: tuple[str, ...] = (),
           ambiguous: tuple[str, ...] = ()) -> KBEntity:
    return KBEntity(id=id, name=name, type=type, kind="test", aliases=list(aliases),
                    case_sensitive_aliases=list(case_sensitive), countries=list(countries),
                    ambiguous_aliases=list(ambiguous), file="test.yaml", line=1)


def tiny_kb() -> KnowledgeBase:
    entities = [
        entity("hts", "Hay'at Tahrir al-Sham", aliases=("HTS", "Tahrir al-Sham"), countries=("SY",)),
        entity("nusra", "Jabhat al-Nusra", aliases=("al-Nusrah Front", "Nusra Front")),
        entity("isis", "Islamic State", aliases=("ISIS", "ISIL", "Daesh"), case_sensitive=("IS",)),
        entity("aqap", "al-Qaeda in the Arabian Peninsula", aliases=("AQAP",)),
        entity("al-qaeda", "al-Qaeda", aliases=("al-Qaida",)),
        entity("kh", "Kata'ib Hezbollah", aliases=("KH",), countries=("IQ",)),
        entity("iskp", "Islamic State Khorasan Province", aliases=("ISKP", "Islamic State Khorasan")),
        entity("military-somalia", "Military Forces of Somalia", ambiguous=("SNA",), countries=("SO",)),
        entity("sna", "Syrian National Army", ambiguous=("SNA",), countries=("SY",)),
        entity("military-syria", "Military Forces of Syria", aliases=("Syrian Arab Army", "Assad forces")),
        entity("military-kenya", "Military Forces of Kenya", aliases=("KDF", "Kenya Defence Forces")),
        entity("amaq", "Amaq News Agency", type="ORG_OTHER", aliases=("Amaq",)),
        entity("baghdadi", "Abu Bakr al-Baghdadi", type="PERSON", aliases=("Ibrahim Awad al-Badri",)),
        entity("julani", "Abu Mohammad al-Julani", type="PERSON",
               aliases=("al-Jolani", "Sheikh Abu Mohammad al-Julani")),
        entity("shabaab", "al-Shabaab", aliases=("al-Shabab",), ambiguous=("Shabaab",), countries=("SO", "KE")),
        entity("aswj-mz", "Ahl al-Sunnah wal-Jama'ah (Mozambique)", ambiguous=("Shabaab", "ASWJ"),
               countries=("MZ",)),
        entity("issp", "Islamic State Sahel Province", aliases=("Islamic State Sahel",), countries=("ML",)),
    ]
    return KnowledgeBase({e.id: e for e in entities}, [])


_PLACES = {"Idlib": "Idlib Governorate", "Idlib province": "Idlib Governorate", "Idlib city": "Idlib (city)",
           "Kenya": "Kenya", "Sarmada": "Sarmada", "Mosul": "Mosul", "Abyan": "Abyan Governorate",
           "Dera Ismail Khan": "Dera Ismail Khan", "Mocimboa da Praia": "Mocimboa da Praia",
           "Mozambique": "Mozambique", "Pakistan": "Pakistan", "Nigeria": "Nigeria", "NIGERIA": "Nigeria",
           "Macomia": "Macomia"}
_COUNTRY_CODES = {"Kenya": "KE", "Mozambique": "MZ", "Pakistan": "PK", "Nigeria": "NG", "NIGERIA": "NG",
                  "Somalia": "SO"}
_ONLY_IN = {"Macomia": "MZ", "Sarmada": "SY", "Dera Ismail Khan": "PK"}
_DEMONYMS = {"Syrian": "Syria", "Kenyan": "Kenya", "Iraqi": "Iraq", "US": "United States",
             "Nigerian": "Nigeria", "Turkish": "Turkey"}


def tiny_places() -> PlaceOracle:
    def is_place(surface: str, strict: bool = False) -> bool:
        return surface in _PLACES

    def country_of(name: str) -> str | None:
        return _DEMONYMS.get(name) or ({"Kenya": "Kenya"}.get(name))

    functions: dict[str, Any] = {
        "is_place": is_place,
        "place_canonical": lambda surface, context: _PLACES.get(surface),
        "demonym_country": _DEMONYMS.get,
        "country_of": country_of,
        "iso2_of": _COUNTRY_CODES.get,
        "country_hint": _ONLY_IN.get,
    }
    return PlaceOracle(functions)


def build_nlp() -> Any:
    """The project's spaCy model with orbat_entities and orbat_resolver on the stand-ins."""
    import spacy

    import orbat.nlp.entities  # noqa: F401  (registers the factories)
    import orbat.resolve.component  # noqa: F401
    from orbat.nlp.extensions import register_extensions
    from orbat.settings import Settings

    register_extensions()
    nlp = spacy.load(Settings().spacy_model)
    nlp.add_pipe("orbat_entities")
    nlp.add_pipe("orbat_resolver")
    kb, places = tiny_kb(), tiny_places()
    nlp.get_pipe("orbat_entities").configure(kb, places)
    nlp.get_pipe("orbat_resolver").configure(kb, places)
    return nlp


def run(nlp: Any, text: str) -> Any:
    from orbat.model import Article
    from orbat.nlp.normalize import normalize_for_nlp

    doc = nlp.make_doc(normalize_for_nlp(text))
    doc._.article = Article(id="t", text=text)
    return nlp(doc)


def mentions(doc: Any) -> dict[str, tuple[str, str]]:
    """surface -> (type, canonical)."""
    return {m.text: (m.type, m.canonical) for m in doc._.mentions}
