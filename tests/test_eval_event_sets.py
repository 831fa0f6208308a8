"""WikiEvents, PLOVER and ConfliBERT-CAMEO scoring on tiny folders the team wrote in the sets' formats."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _helpers_eval import write_jsonl
from typer.testing import CliRunner

from orbat.cli import app
from orbat.errors import DataError
from orbat.eval.eventargs import Span, accepts, load_crosswalk, load_crosswalk_with_lexicon, value_matches
from orbat.eval.wikievents import CROSSWALK, load_wikievents

runner = CliRunner()

WE_SENTENCES = [
    "Gunmen from the Northern Front attacked a police post in Karam on Sunday .",
    "A car bomb exploded near the market , killing four traders .",
    "Police arrested two suspects in Karam .",
    "The minister met the governor .",
    "Two people died in hospital .",
]


def _tokens(sentences: list[str]) -> list[list[list[Any]]]:
    """The release's token table: [[token, start, end], ...] per sentence, one space between sentences."""
    out, at = [], 0
    for sentence in sentences:
        row = []
        for token in sentence.split():
            row.append([token, at, at + len(token)])
            at += len(token) + 1
        out.append(row)
    return out


def _flat_index(table: list[list[list[Any]]], sent: int, token: str, nth: int = 0) -> int:
    before = sum(len(s) for s in table[:sent])
    words = [t[0] for t in table[sent]]
    idx = [i for i, w in enumerate(words) if w == token][nth]
    return before + idx


def _we_folder(root: Path) -> Path:
    folder = root / "wikievents"
    (folder / "coref").mkdir(parents=True)
    table = _tokens(WE_SENTENCES)
    ents: list[dict[str, Any]] = []

    def ent(sent: int, first: str, last: str | None = None) -> str:
        start = _flat_index(table, sent, first)
        end = _flat_index(table, sent, last) + 1 if last else start + 1
        eid = f"d1-T{len(ents) + 1}"
        text = " ".join(t[0] for s in table for t in s)
        words = text.split()
        ents.append({"id": eid, "sent_idx": sent, "start": start, "end": end, "entity_type": "ORG",
                     "mention_type": "NAM", "text": " ".join(words[start:end])})
        return eid

    nf, post, karam, market, traders = ent(0, "Northern", "Front"), ent(0, "post"), ent(0, "Karam"), \
        ent(1, "market"), ent(1, "traders")
    police, suspects, karam2, people = ent(2, "Police"), ent(2, "suspects"), ent(2, "Karam"), ent(4, "people")

    def event(n: int, etype: str, sent: int, trigger: str, *args: tuple[str, str]) -> dict[str, Any]:
        i = _flat_index(table, sent, trigger)
        return {"id": f"d1-E{n}", "event_type": etype, "trigger": {"start": i, "end": i + 1, "text": trigger,
                                                                    "sent_idx": sent},
                "arguments": [{"entity_id": e, "role": r, "text": "x"} for r, e in args]}

    events = [
        event(1, "Conflict.Attack.Unspecified", 0, "attacked", ("Attacker", nf), ("Target", post), ("Place", karam)),
        event(2, "Conflict.Attack.DetonateExplode", 1, "exploded", ("Place", market)),
        event(3, "Life.Die.Unspecified", 1, "killing", ("Victim", traders)),
        event(4, "Justice.ArrestJailDetain.Unspecified", 2, "arrested", ("Jailer", police), ("Detainee", suspects),
              ("Place", karam2)),
        event(5, "Contact.Contact.Meet", 3, "met"),
        event(6, "Life.Die.Unspecified", 4, "died", ("Victim", people)),
    ]
    doc = {"doc_id": "d1", "tokens": [t[0] for s in table for t in s],
           "text": "".join(WE_SENTENCES),  # as released: sentences joined with nothing between them
           "sentences": [[row, " ".join(t[0] for t in row)] for row in table],
           "entity_mentions": ents, "relation_mentions": [], "event_mentions": events}
    write_jsonl(folder / "test.jsonl", [doc])
    write_jsonl(folder / "coref" / "test.jsonlines", [{"doc_key": "d1", "clusters": [[karam, karam2]]}])
    return folder


def _at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def _sentence(text: str, n: int) -> dict[str, Any]:
    start = 0
    for _ in range(n):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    return {"start": start, "end": len(text) if end < 0 else end, "text": ""}


def _we_system(text: str) -> dict[str, Any]:
    def mention(surface: str, canonical: str, nth: int = 0) -> dict[str, Any]:
        s, e = _at(text, surface, nth)
        return {"text": surface, "start": s, "end": e, "type": "ORG_ARMED", "canonical": canonical}

    def ev(etype: str, sent: int, **slots: str) -> dict[str, Any]:
        return {"type": etype, "evidence": _sentence(text, sent), **slots}

    police = "Police Forces of Karamland"
    return {
        "id": "d1", "text": text,
        "entities": [mention("Northern Front", "Northern Front"), mention("police post", police),
                     mention("Karam", "Karam"), mention("Police", police), mention("Karam", "Karam", 1)],
        "events": [
            ev("Battles/Armed clash", 0, actor1="Northern Front", actor2=police, location="Karam"),
            ev("Explosions/Remote violence/Remote explosive/landmine/IED", 1, actor2="traders"),
            ev("Strategic developments/Arrests", 2, actor1=police, location="Karam"),
            ev("Battles/Armed clash", 3, actor1="Northern Front"),  # a meeting: spurious
            ev("Strategic developments/Agreement", 3),  # not in the crosswalk: not scored
            ev("Violence against civilians/Attack", 4, actor2="Two people"),  # only a death there: not an
            # event right or wrong, but its victim is the attack's target
        ],
    }


def _counts(d: dict[str, Any]) -> tuple[int, int, int]:
    return d["tp"], d["system"], d["gold"]


def test_wikievents_offsets_index_the_laid_out_text(tmp_path: Path) -> None:
    docs = load_wikievents(_we_folder(tmp_path))
    doc = docs[0]
    assert doc.article.text.split("\n") == WE_SENTENCES
    spans = [m for g in doc.events for _, mentions in g.args for m in mentions]
    assert spans and all(doc.article.text[m.start:m.end] == m.text for m in spans)
    place = dict(doc.events[0].args)["Place"]  # the coreference chain: both Karams
    assert [doc.article.text[m.start:m.end] for m in place] == ["Karam", "Karam"]


def test_wikievents_scores_types_and_arguments(tmp_path: Path) -> None:
    folder = _we_folder(tmp_path)
    text = load_wikievents(folder)[0].article.text
    system = write_jsonl(tmp_path / "we_system.jsonl", [_we_system(text)])
    result = runner.invoke(app, ["eval", "--dataset", "wikievents", str(folder), "--system", str(system), "--json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["documents"] == 1
    # attack (s0), bombing (s1; its death folded away), arrest (s2) found; the clash at the meeting is spurious
    assert _counts(out["events"]) == (3, 4, 3)
    assert _counts(out["events_attack"]) == (2, 3, 2) and _counts(out["events_arrest"]) == (1, 1, 1)
    # 9 gold arguments; missed: the market (bombing place), the suspects; spurious: the meeting's actor1
    assert _counts(out["arguments"]) == (7, 8, 9)
    assert _counts(out["arguments_actor1"]) == (2, 3, 2)
    assert _counts(out["arguments_location"]) == (2, 2, 3)
    assert out["actor_order"]["accuracy"] == 1.0


def test_wikievents_reversed_roles_lose_arguments_and_order(tmp_path: Path) -> None:
    folder = _we_folder(tmp_path)
    text = load_wikievents(folder)[0].article.text
    record = _we_system(text)
    first = record["events"][0]
    first["actor1"], first["actor2"] = first["actor2"], first["actor1"]
    system = write_jsonl(tmp_path / "we_system.jsonl", [record])
    out = json.loads(runner.invoke(app, ["eval", "--dataset", "wikievents", str(folder), "--system", str(system),
                                         "--json"]).stdout)
    assert _counts(out["arguments"]) == (5, 8, 9)
    assert (out["actor_order"]["correct"], out["actor_order"]["total"]) == (3, 5)


@pytest.mark.parametrize(
    ("label", "acled", "accepted"),
    [("Conflict.Attack.DetonateExplode", "Explosions/Remote violence/Suicide bomb", True),
     ("Conflict.Attack.DetonateExplode", "Battles/Armed clash", False),
     ("Conflict.Attack.Unspecified", "Battles/Armed clash", True),
     ("Conflict.Attack.Unspecified", "Violence against civilians/Attack", True),
     ("Justice.ArrestJailDetain.Unspecified", "Strategic developments/Arrests", True),
     ("Conflict.Demonstrate.DemonstrateWithViolence", "Protests/Peaceful protest", False),
     ("Conflict.Demonstrate.Unspecified", "Protests/Peaceful protest", True)],
)
def test_wikievents_crosswalk_maps_kairos_to_acled(label: str, acled: str, accepted: bool) -> None:
    entry = load_crosswalk(CROSSWALK).entry(label)
    assert entry is not None and accepts(entry.acled, acled) is accepted


def test_wikievents_crosswalk_leaves_non_acled_types_unmapped() -> None:
    cw = load_crosswalk(CROSSWALK)
    assert cw.entry("Contact.Contact.Meet") is None and not cw.is_ignored("Contact.Contact.Meet")
    assert cw.is_ignored("Life.Die.Unspecified") and cw.is_ignored("ArtifactExistence.DamageDestroyDisableDismantle.Damage")
    assert not cw.scored("Strategic developments/Agreement")


def test_crosswalk_with_unknown_slot_is_an_error_naming_the_type(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("types:\n  Conflict.Attack:\n    acled: [Battles]\n    roles: {Attacker: perpetrator}\n")
    with pytest.raises(DataError, match="Conflict.Attack.*perpetrator"):
        load_crosswalk(bad)


PLOVER = [
    {"id": "DOCUMENT", "license": "team fixture"},
    {"id": "P-1", "event": "FIGHT", "mode": "firearms", "text": "Fighters of the Western Army attacked "
     "government troops near Sarto on Monday.", "source": [{"actorText": "Western Army"}],
     "target": [{"actorText": "government troops"}], "eventLoc": {"name": "Sarto"}},
    {"id": "P-2", "event": "THREATEN", "mode": "", "text": "The Western Army threatened to attack the capital.",
     "source": [{"actorText": "Western Army"}], "target": ""},
    {"id": "P-3", "event": "COERCE", "mode": "arrest", "text": "Police arrested three protesters in Sarto.",
     "source": [{"actorText": "Police"}], "target": [{"actorText": "protesters"}]},
]


def test_plover_scores_types_roles_and_reversal(tmp_path: Path) -> None:
    folder = tmp_path / "plover"
    folder.mkdir()
    (folder / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(PLOVER), encoding="utf-8")

    def ev(rec: dict[str, Any], etype: str, **slots: str) -> dict[str, Any]:
        return {"type": etype, "evidence": {"start": 0, "end": len(rec["text"]), "text": rec["text"]}, **slots}

    p1, p2, p3 = PLOVER[1:]
    records = [
        {"id": "P-1", "text": p1["text"], "entities": [],  # attacker and target swapped
         "events": [ev(p1, "Battles/Armed clash", actor1="government troops", actor2="Western Army",
                       location="Sarto")]},
        {"id": "P-2", "text": p2["text"], "entities": [], "events": [ev(p2, "Battles/Armed clash")]},
        {"id": "P-3", "text": p3["text"], "entities": [],
         "events": [ev(p3, "Strategic developments/Arrests", actor1="Police", actor2="protesters")]},
    ]
    system = write_jsonl(tmp_path / "plover_system.jsonl", records)
    result = runner.invoke(app, ["eval", "--dataset", "plover", str(folder), "--system", str(system), "--json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["documents"] == 3  # the DOCUMENT header is not a record
    assert _counts(out["events"]) == (2, 3, 2)  # the threat is not an event
    assert _counts(out["arguments"]) == (3, 5, 5)  # Sarto and the arrest's two; the swapped pair wrong
    assert (out["actor_order"]["correct"], out["actor_order"]["total"]) == (2, 4)
    limited = runner.invoke(app, ["eval", "--dataset", "plover", str(folder), "--system", str(system), "--json",
                                  "--limit", "1"])
    first = json.loads(limited.stdout)
    assert first["documents"] == 1 and _counts(first["events"]) == (1, 1, 1)


def test_cameo_maps_material_conflict_and_source_target(tmp_path: Path) -> None:
    folder = tmp_path / "cameo"
    (folder / "cameo_class").mkdir(parents=True)
    (folder / "cameo_ner").mkdir()
    s1 = "Rebels of the Western Army shelled a village near Sarto."
    s2 = "The minister said talks would resume."
    (folder / "cameo_class" / "test.tsv").write_text(f"{s1}\t4\r\n{s2}\t0\r\n", encoding="utf-8")
    tags = {"Rebels": "B-S", "of": "I-S", "the": "I-S", "Western": "I-S", "Army": "I-S", "a": "B-T",
            "village": "I-T", "minister": "B-S"}
    conll = "\n\n".join("\n".join(f"{t} {tags.get(t, 'O')}" for t in s.replace(".", " .").split()) for s in (s1, s2))
    (folder / "cameo_ner" / "test.txt").write_text(conll + "\n", encoding="utf-8")
    records = [
        {"id": "cameo-test-0001", "text": s1, "entities": [],
         "events": [{"type": "Explosions/Remote violence/Shelling/artillery/missile attack",
                     "evidence": {"start": 0, "end": len(s1)}, "actor1": "Western Army",
                     "actor2": "Military Forces of Sarto"}]},
        {"id": "cameo-test-0002", "text": s2, "entities": [],
         "events": [{"type": "Protests/Peaceful protest", "evidence": {"start": 0, "end": len(s2)}}]},
    ]
    system = write_jsonl(tmp_path / "cameo_system.jsonl", records)
    result = runner.invoke(app, ["eval", "--dataset", "cameo", str(folder), "--system", str(system), "--json"])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert _counts(out["events"]) == (1, 2, 1)  # the statement holds no event
    assert _counts(out["arguments_actor1"]) == (1, 1, 1)  # "Western Army" inside the S span
    assert _counts(out["arguments_actor2"]) == (0, 1, 1)  # the army is not in the sentence, nor "a village"


def test_cameo_misaligned_sets_name_the_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "cameo"
    (folder / "cameo_class").mkdir(parents=True)
    (folder / "cameo_ner").mkdir()
    (folder / "cameo_class" / "test.tsv").write_text("Police arrested two men.\t4\n", encoding="utf-8")
    (folder / "cameo_ner" / "test.txt").write_text("Soldiers B-S\nleft O\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--dataset", "cameo", str(folder), "--json"])
    assert result.exit_code == 1 and "sentence 1" in result.stderr


def test_ablation_reads_one_system_file_per_mode(tmp_path: Path) -> None:
    folder = _we_folder(tmp_path)
    text = load_wikievents(folder)[0].article.text
    full = _we_system(text)
    for mode, events in (("rules", full["events"][:1]), ("learned", []), ("both", full["events"])):
        write_jsonl(tmp_path / f"sys.{mode}.jsonl", [{**full, "events": events}])
    result = runner.invoke(app, ["eval", "--dataset", "wikievents", str(folder), "--ablation",
                                 "--system", str(tmp_path / "sys.jsonl"), "--json"])
    assert result.exit_code == 0, result.stderr
    ablation = json.loads(result.stdout)["ablation"]
    assert ablation["learned"]["events.f1"] == 0.0
    assert 0.0 < ablation["rules"]["events.f1"] < ablation["both"]["events.f1"]


def test_shared_event_sets_parse() -> None:
    from _helpers_eval import shared_eval_dir

    from orbat.eval.cameo import load_cameo
    from orbat.eval.plover import load_plover

    root = shared_eval_dir()
    if root is None or not (root / "external" / "wikievents").is_dir():
        pytest.skip("../shared/eval/external not present")
    docs = load_wikievents(root / "external" / "wikievents")
    assert len(docs) == 40 and sum(len(d.events) for d in docs) == 710
    for d in docs:
        assert all(d.article.text[m.start:m.end] == m.text for g in d.events for _, ms in g.args for m in ms)
    assert len(load_plover(root / "external" / "plover_gsr")) == 322
    cameo = load_cameo(root / "external" / "conflibert_cameo")
    assert len(cameo) == 451 and sum(d.events[0].label == "4" for d in cameo) == 108


@pytest.mark.parametrize(
    ("value", "mention", "matched"),
    [("Civilians (Mali)", Span(0, 7, "traders", "PER"), True),
     ("Civilians (Mali)", Span(0, 8, "Abu Omar", "PER"), False),  # a name is not a described party
     ("Civilians (Mali)", Span(0, 6, "market", "FAC"), False),
     ("Unidentified Armed Group (Mali)", Span(0, 10, "The gunmen", "PER"), True),
     ("Islamic State", Span(0, 10, "The gunmen", "PER"), False)],
)
def test_described_actors_match_unnamed_mentions_of_their_type(value: str, mention: Span, matched: bool) -> None:
    cw = load_crosswalk_with_lexicon(CROSSWALK)
    record = {"id": "x", "text": "", "entities": []}
    assert value_matches(record, value, (mention,), cw.described_rule(value), cw.pronouns) is matched


def test_plover_protesters_stand_for_named_civilian_sources() -> None:
    from orbat.eval.plover import CROSSWALK as PLOVER_CROSSWALK
    from orbat.eval.plover import read_record

    rec = {"id": "P-9", "event": "PROTEST", "mode": "demo-org", "text": "Farmers of Lumo marched on the palace.",
           "source": [{"actorText": "Farmers of Lumo", "sector": "CVLfar"}], "target": [{"actorText": "palace"}]}
    doc = read_record(rec)
    source = dict(doc.events[0].args)["source"]
    assert source[0].type == "CVL"
    cw = load_crosswalk_with_lexicon(PLOVER_CROSSWALK)
    record = {"id": "P-9", "text": rec["text"], "entities": []}
    assert value_matches(record, "Protesters (Lumo)", source, cw.described_rule("Protesters (Lumo)"), cw.pronouns)
    assert not value_matches(record, "Unidentified Armed Group (Lumo)", source,
                             cw.described_rule("Unidentified Armed Group (Lumo)"), cw.pronouns)
