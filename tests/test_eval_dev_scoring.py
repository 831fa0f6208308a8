"""The dev-set scorer follows the README's matching rules."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from _helpers_eval import GOLD, TEXTS, gold_as_system, shared_eval_dir
from hypothesis import given
from hypothesis import strategies as st

from orbat.eval.dev import alias_pairs, build_index, score_dev
from orbat.eval.matching import norm
from orbat.eval.records import gold_from_dict, load_gold, system_from_dict
from orbat.eval.report import DevReport


def _score(system: list[dict[str, Any]], gold: list[dict[str, Any]] | None = None) -> DevReport:
    gold_items = [gold_from_dict(g) for g in (gold or GOLD)]
    sys_items = {s["id"]: system_from_dict(s) for s in system}
    return score_dev(gold_items, sys_items, TEXTS)


def _perfect() -> list[dict[str, Any]]:
    return [gold_as_system(g, TEXTS[g["id"]]) for g in GOLD]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kata\u2019ib Hezbollah", "kata'ib hezbollah"),
        ("Kataib Hezbollah", "Kata'ib  Hezbollah"),
        ("al-Hasakah", "Al Hasakah"),
        ("In\u2013Delimane", "in delimane"),
    ],
)
def test_norm_equates_spellings(a: str, b: str) -> None:
    assert norm(a) == norm(b)


@given(st.text())
def test_norm_is_idempotent(s: str) -> None:
    assert norm(norm(s)) == norm(s)


def test_gold_against_itself_scores_one_everywhere() -> None:
    metrics = _score(_perfect()).metrics()
    assert metrics and all(v == 1.0 for v in metrics.values()), metrics


def test_missing_system_article_counts_all_gold_as_missed() -> None:
    report = _score(_perfect()[:1])
    assert report.category("entities").gold == 13  # 7 scored in a1 (boilerplate excluded) + 6 in b1
    assert report.category("entities").tp == 7
    assert report.category("events").recall == pytest.approx(2 / 3)


def test_entities_ignore_boilerplate_and_unscored_and_match_case_insensitively() -> None:
    system = _perfect()
    ents = system[0]["entities"]
    ents.append({"text": "Somalia", "type": "LOCATION", "canonical": "Somalia"})  # boilerplate surface
    ents.append({"text": "Tuesday", "type": "LOCATION", "canonical": "Tuesday"})  # unscored mention
    ents.append({"text": "KISMAYO", "type": "LOCATION", "canonical": "Kismayo"})  # same pair, other case
    assert _score(system).category("entities").precision == 1.0


def test_entity_type_mismatch_is_both_false_positive_and_miss() -> None:
    system = _perfect()
    system[1]["entities"] = [e for e in system[1]["entities"] if e["text"] != "Asayish"]
    system[1]["entities"].append({"text": "Asayish", "type": "ORG_OTHER", "canonical": "Asayish"})
    prf = _score(system).category("entities")
    assert (prf.tp, prf.system, prf.gold) == (12, 13, 13)


def test_canonical_accuracy_loose_uses_alias_mapping_strict_does_not() -> None:
    system = _perfect()
    for e in system[0]["entities"]:
        if e["text"] == "Shabaab":
            e["canonical"] = "Al-Shabaab"  # surface of the same entity: right loosely and strictly (normalised)
        if e["text"] == "Somali National Army":
            e["canonical"] = "Somali National Army"  # an alias: right loosely, wrong strictly
        if e["text"] == "Afmadow":
            e["canonical"] = "Afmadow District"  # also_accept: right both ways
    m = _score(system).metrics()
    assert m["entity_canonical_accuracy"] == 1.0
    assert m["entity_canonical_accuracy_strict"] == pytest.approx(12 / 13)


def test_alias_pairs_keep_only_names_in_the_text() -> None:
    pairs = alias_pairs([["Military Forces of Somalia", "Somali National Army", "SNA"]], TEXTS["a1"])
    assert pairs == set()
    assert alias_pairs([["al-Shabaab", "Shabaab", "Al-Shabaab"]], TEXTS["a1"]) == {frozenset({"al shabaab", "shabaab"})}


def test_alias_pairs_are_derived_from_canonicals_without_an_aliases_field() -> None:
    system = _perfect()
    for rec in system:
        del rec["aliases"]
    assert _score(system).category("aliases").f1 == 1.0
    for rec in system:
        rec["aliases"] = []  # an empty field is an answer: no pairs
    assert _score(system).category("aliases").recall == 0.0


def test_event_null_gold_is_a_wildcard_and_dates_compare_by_month() -> None:
    system = _perfect()
    ev = system[0]["events"]
    ev[0]["date"] = "2025-03"  # gold day precision, month equal
    ev[1]["date"] = "2019-01-01"  # gold date null
    ev[1]["actor1"] = None  # accepted through actor1_also_accept [null]
    system[1]["events"][0]["actor1"] = "IS"  # unknown name: no match
    prf = _score(system).category("events")
    assert (prf.tp, prf.system, prf.gold) == (2, 3, 3)


def test_event_keys_use_alias_mapping_and_type_also_accept() -> None:
    system = _perfect()
    ev = system[0]["events"][0]
    ev["actor1"] = "Shabaab"
    ev["type"] = "Battles/Non-state actor overtakes territory"
    ev["date"] = "2025-04-01"  # wrong month
    assert _score(system).category("events").tp == 2
    ev["date"] = "2025-03-20"
    assert _score(system).category("events").tp == 3


def test_event_matching_is_one_to_one() -> None:
    system = _perfect()
    system[1]["events"].append(dict(system[1]["events"][0]))
    prf = _score(system).category("events")
    assert (prf.tp, prf.system) == (3, 4)


def test_event_attributes_are_scored_on_matches_only() -> None:
    system = _perfect()
    system[0]["events"][0].update(fatalities=5, claimed_by="Shabaab", certainty="asserted")
    report = _score(system)
    assert report.accuracy("fatalities").correct == 2
    assert report.accuracy("claimed_by").correct == 3  # alias of the claimant
    assert report.accuracy("certainty").value == pytest.approx(2 / 3)


@pytest.mark.parametrize(("predicate", "matches"), [("allied_with", True), ("operates_in", False)])
def test_relations_symmetric_predicates_match_either_direction(predicate: str, matches: bool) -> None:
    gold = copy.deepcopy(GOLD)
    gold[1]["relations"] = [{"subject": "Asayish", "predicate": predicate, "object": "SDF"}]
    system = _perfect()
    system[1]["relations"] = [{"subject": "Syrian Democratic Forces", "predicate": predicate, "object": "Asayish"}]
    assert (_score(system, gold).articles[1].relations.tp == 1) is matches


def test_pooled_alias_tables_map_names_from_other_articles() -> None:
    index = build_index([gold_from_dict(g) for g in GOLD])
    assert index.match("b1", "Shabaab", "al-Shabaab")  # only a1 knows "Shabaab"
    assert not index.match("b1", "Asayish", "Syrian Democratic Forces")


def test_micro_average_sums_the_four_categories() -> None:
    system = _perfect()
    system[0]["relations"] = []
    report = _score(system)
    micro = report.micro
    parts = [report.category(c) for c in ("entities", "aliases", "events", "relations")]
    assert micro.tp == sum(p.tp for p in parts) and micro.gold == sum(p.gold for p in parts)
    assert micro.recall < 1.0 and micro.precision == 1.0


def test_shared_dev_gold_against_itself_scores_one() -> None:
    root = shared_eval_dir()
    if root is None:
        pytest.skip("../shared/eval not present")
    dev = root / "dev"
    raw = [json.loads(line) for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (dev / "articles").glob("*.txt")}
    system = {r["id"]: system_from_dict(gold_as_system(r, texts[r["id"]])) for r in raw}
    report = score_dev(load_gold(dev / "gold.jsonl"), system, texts)
    assert all(v == 1.0 for v in report.metrics().values())
    assert report.category("entities").gold > 250


def test_failed_and_missing_articles_are_named_and_scored_empty() -> None:
    system = _perfect()[:1]
    system[0]["status"] = "failed"
    report = _score(system)
    assert report.failed == ("a1",) and report.missing == ("b1",)
    assert report.to_dict()["failed"] == ["a1"]


def test_errors_list_missed_and_spurious_items() -> None:
    system = _perfect()
    system[1]["entities"] = [e for e in system[1]["entities"] if e["text"] != "Asayish"]
    system[1]["relations"].append({"subject": "SDF", "predicate": "member_of", "object": "Asayish"})
    system[0]["events"][0]["certainty"] = "reported"
    report = _score(system)
    b1 = report.articles[1].errors
    assert b1["entities.missed"] == ["asayish [ORG_ARMED]"]
    assert b1["relations.spurious"] == ["SDF | member_of | Asayish"]
    assert "relations.missed" not in b1
    assert any("certainty 'reported', gold 'claimed'" in e for e in report.articles[0].errors["events.attributes"])
    assert _score(_perfect()).articles[0].errors == {}
