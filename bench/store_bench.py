"""Read-side latency on a large store (p50/p95 per query) and database size, SQLite or PostgreSQL.

Builds the store's rows directly (no extraction): N synthetic articles with their mentions, entities
and aliases (Zipf-distributed, so a few groups are very busy), events with sources, dated text
relations and lineage, through the store's own migrations, then times the orbat.query functions the
CLI and the web call:

    .venv/bin/python bench/store_bench.py --articles 100000 --db /tmp/s100k.db --markdown
    .venv/bin/python bench/store_bench.py --articles 100000 --db postgresql://... --markdown

An existing database is reused (``--reuse``), so the build is paid once per target. Each query kind
runs ``--runs`` times over rotating arguments (busiest and typical groups, several countries, types
and dates) after one warm-up each; p95 is the 95th percentile of those runs. The texts are not real
reporting: words drawn from a small vocabulary, with the group, place and date names of the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from web_bench import Timing  # bench/ is the script's folder: p50/p95 as the web bench has them

from orbat import query
from orbat.keys import alias_key
from orbat.ontology.events import load_event_types
from orbat.query import search
from orbat.store import Store
from orbat.store.pg import is_postgres

COUNTRIES = [  # name, ISO alpha-3, (min_lon, min_lat, max_lon, max_lat)
    ("Syria", "SYR", (35.7, 32.3, 42.4, 37.3)), ("Iraq", "IRQ", (38.8, 29.1, 48.6, 37.4)),
    ("Somalia", "SOM", (41.0, -1.7, 51.4, 12.0)), ("Nigeria", "NGA", (2.7, 4.3, 14.7, 13.9)),
    ("Mali", "MLI", (-12.2, 10.2, 4.2, 25.0)), ("Yemen", "YEM", (42.6, 12.6, 53.1, 19.0)),
    ("Afghanistan", "AFG", (60.5, 29.4, 74.9, 38.5)), ("Libya", "LBY", (9.3, 19.5, 25.2, 33.2)),
    ("Burkina Faso", "BFA", (-5.5, 9.4, 2.4, 15.1)), ("Mozambique", "MOZ", (30.2, -26.9, 40.8, -10.5)),
    ("Democratic Republic of Congo", "COD", (12.2, -13.5, 31.3, 5.4)), ("Sudan", "SDN", (21.8, 8.7, 38.6, 22.2)),
]
PREDICATES = ["member_of", "leader_of", "allied_with", "fights", "rival_of", "affiliate_of", "operates_in",
              "pledged_allegiance_to"]
LINEAGE = ["renamed_to", "merged_into", "splinter_of"]
WORDS = ["forces", "fighters", "attack", "village", "town", "convoy", "checkpoint", "militants", "army", "killed", "wounded", "civilians", "police", "strike", "drone", "clashes", "officials", "said", "reported", "local", "sources", "group", "commander", "security", "operation", "district", "province", "market", "camp", "border", "road", "base"]
STATUSES = [("current", 6), ("former", 1)]


# -- building --------------------------------------------------------------------------------------
def _zipf(rng: random.Random, n: int, s: float = 1.1) -> Callable[[], int]:
    weights = [1 / (i + 1) ** s for i in range(n)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    return lambda: min(n - 1, bisect.bisect_left(cum, rng.random() * total))


def _vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """WORDS first (the most frequent), then made-up words: a vocabulary the size of a news corpus's."""
    syllables = ["ka", "ri", "mo", "ta", "sel", "an", "dur", "hi", "vo", "len", "qa", "zim", "ro", "fa", "nu"]
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)}
    return [*WORDS, *sorted(made - set(WORDS))[: size - len(WORDS)]]


def _day(rng: random.Random) -> str:
    return f"{rng.randint(2014, 2025):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


@dataclass
class Rows:
    entities: list[tuple[Any, ...]]
    aliases: list[tuple[Any, ...]]
    lineage: list[tuple[Any, ...]]


def _entities(rng: random.Random, groups: int, people: int) -> Rows:
    ents, aliases = [], []
    for i in range(groups):
        name = f"{rng.choice(['Jaysh', 'Harakat', 'Ansar', 'Liwa', 'Jabhat', 'Katibat'])} al-{WORDS[i % len(WORDS)]} {i}"
        eid = f"kb:group-{i}" if i < groups // 5 else f"new:org_armed:group-{i}"
        country = COUNTRIES[i % len(COUNTRIES)][0]
        ents.append((eid, name, "ORG_ARMED", "kb" if eid.startswith("kb:") else "text", 2, country, "{}"))
        for a in (name, f"G{i}", f"{name} Front"):
            aliases.append((eid, a, alias_key(a), "kb" if eid.startswith("kb:") else "text", None, None))
    for i in range(people):
        name = f"Abu {WORDS[i % len(WORDS)].title()} al-{WORDS[(i * 7) % len(WORDS)].title()} {i}"
        eid = f"new:person:person-{i}"
        ents.append((eid, name, "PERSON", "text", None, None, "{}"))
        aliases.append((eid, name, alias_key(name), "text", None, None))
    lineage = []
    for i in range(0, groups // 5 - 1, 7):  # curated chains among the KB groups
        pred = LINEAGE[(i // 7) % 3]
        lineage.append((f"kb:group-{i}", pred, f"kb:group-{i + 1}", _day(rng)[:7], "kb", f"kb data/groups/x.yaml:{i}"))
    return Rows(ents, aliases, lineage)


def _articles(rng: random.Random, n: int, groups: int, people: int, types: list[str]) -> Iterator[dict[str, Any]]:
    pick_group, pick_person = _zipf(rng, groups), _zipf(rng, people)
    vocab = _vocabulary(rng)
    pick_word = _zipf(rng, len(vocab), 1.0)  # word frequencies of running text (Zipf's law)
    event_id = relation_id = 0
    for i in range(n):
        published = _day(rng)
        cname, iso, (x0, y0, x1, y1) = COUNTRIES[int(rng.random() ** 1.6 * len(COUNTRIES))]
        g1, g2, p1 = pick_group(), pick_group(), pick_person()
        sentences = []
        for _ in range(rng.randint(6, 12)):
            sentences.append(" ".join(vocab[pick_word()] for _ in range(rng.randint(8, 16))).capitalize() + ".")
        head = f"Group {g1} and group {g2} in {cname}: person {p1}."
        text = head + " " + " ".join(sentences)
        mentions = [(f"kb:group-{g1}" if g1 < groups // 5 else f"new:org_armed:group-{g1}", "ORG_ARMED", 0, 9),
                    (f"kb:group-{g2}" if g2 < groups // 5 else f"new:org_armed:group-{g2}", "ORG_ARMED", 14, 23),
                    (f"new:person:person-{p1}", "PERSON", len(head) - 10, len(head) - 1)]
        mentions += [mentions[0]] * rng.randint(0, 4)
        events = []
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            event_id += 1
            date = published if rng.random() < 0.8 else published[:7]
            events.append((event_id, rng.choice(types), mentions[0][0], mentions[1][0], cname, iso,
                           rng.uniform(y0, y1), rng.uniform(x0, x1), date, rng.choice([None, 0, 1, 2, 5, 12])))
        relations = []
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            relation_id += 1
            pred = rng.choice(PREDICATES)
            subj = mentions[2][0] if pred == "leader_of" else mentions[0][0]
            start = published[: rng.choice([4, 7, 10])] if rng.random() < 0.7 else None
            end = _day(rng)[:7] if start and rng.random() < 0.2 and _day(rng)[:7] > start else None
            relations.append((relation_id, subj, pred, mentions[1][0], start, end,
                              rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]))
        yield {"id": f"a{i:06d}", "title": f"{cname}: group {g1} and group {g2}", "published": published,
               "outlet": f"outlet{i % 40}.example", "text": text, "mentions": mentions, "events": events,
               "relations": relations}


_ARTICLE_SQL = ("INSERT INTO articles (id, title, url, published, outlet, language, text, content_hash, "
                "pipeline_version, status) VALUES (?, ?, ?, ?, ?, 'en', ?, ?, 'bench', 'ok')")
_MENTION_SQL = "INSERT INTO mentions (article_id, entity_id, text, start, end, type, rule) VALUES (?, ?, ?, ?, ?, ?, 'bench')"
_EVENT_SQL = ("INSERT INTO events (id, type, actor1, actor1_id, actor2, actor2_id, country, iso, latitude, longitude, "
              "geo_precision, date, time_precision, fatalities, certainty, source_count, fact_key) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, 'asserted', 1, ?)")
_SOURCE_SQL = ("INSERT INTO event_sources (event_id, article_id, start, end, text, fatalities, certainty, payload_json) "
               "VALUES (?, ?, 0, 9, ?, ?, 'asserted', '{}')")
_RELATION_SQL = ("INSERT INTO relations (subject_id, predicate, object_id, date_start, date_end, status, certainty, "
                 "origin, article_id, start, end, evidence, rule, fact_key) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'asserted', 'text', ?, 0, 9, ?, 'bench', ?)")


def build(store: Store, n: int, seed: int = 7) -> None:
    """Fill an empty store with ``n`` articles' rows (batches of 2,000 articles a transaction)."""
    rng = random.Random(seed)
    groups, people = max(50, n // 100), max(100, n // 40)
    rows = _entities(rng, groups, people)
    names = {e[0]: e[1] for e in rows.entities}
    types = load_event_types().names()
    many = _executemany(store)
    with store.transaction():
        many("INSERT INTO entities (id, canonical, type, origin, inter_code, country, attrs_json) "
             "VALUES (?, ?, ?, ?, ?, ?, ?)", rows.entities)
        many("INSERT INTO aliases (entity_id, alias, norm, origin, article_id, rule) VALUES (?, ?, ?, ?, ?, ?)",
             rows.aliases)
        many("INSERT INTO relations (subject_id, predicate, object_id, date_start, origin, rule) "
             "VALUES (?, ?, ?, ?, ?, ?)", rows.lineage)
    batch: list[dict[str, Any]] = []
    started = time.perf_counter()
    for k, art in enumerate(_articles(rng, n, groups, people, types), 1):
        batch.append(art)
        if len(batch) == 2000 or k == n:
            _write_batch(store, many, batch, names)
            batch = []
            print(f"\rstore_bench: {k:,} articles ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    store.conn.execute("ANALYZE" if store.dialect == "sqlite" else "VACUUM ANALYZE")


def _executemany(store: Store) -> Callable[[str, list[tuple[Any, ...]]], None]:
    if store.dialect == "sqlite":
        return lambda sql, rows: None if not rows else store.conn.executemany(sql, rows) and None
    from orbat.store.pg import translate

    raw = store.conn._conn  # type: ignore[attr-defined]  # bulk load: psycopg's pipelined executemany

    def many(sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            with raw.cursor() as cur:
                cur.executemany(translate(sql), rows)

    return many


def _write_batch(store: Store, many: Callable[[str, list[tuple[Any, ...]]], None], batch: list[dict[str, Any]],
                 names: dict[str, str]) -> None:
    arts, ments, evs, srcs, rels = [], [], [], [], []
    for a in batch:
        arts.append((a["id"], a["title"], f"https://{a['outlet']}/{a['id']}", a["published"], a["outlet"], a["text"],
                     f"h{a['id']}"))
        for eid, etype, s, e in a["mentions"]:
            ments.append((a["id"], eid, a["text"][s:e], s, e, etype))
        for (i, etype, a1, a2, country, iso, lat, lon, date, fat) in a["events"]:
            evs.append((i, etype, names[a1], a1, names[a2], a2, country, iso, lat, lon, date, fat,
                        f"event|{etype}|{a1}|{date}|{i}"))
            srcs.append((i, a["id"], a["text"][:120], fat))
        for (i, s, p, o, start, end, status) in a["relations"]:
            rels.append((s, p, o, start, end, status, a["id"], a["text"][:120],
                         f"relation|{s}|{p}|{o}|{start or ''}|{i}"))
    with store.transaction():
        many(_ARTICLE_SQL, arts)
        many(_MENTION_SQL, ments)
        many(_EVENT_SQL, evs)
        many(_SOURCE_SQL, srcs)
        many(_RELATION_SQL, rels)


# -- measuring -------------------------------------------------------------------------------------
def _size_mb(store: Store, target: str) -> float:
    if store.dialect == "sqlite":
        return sum(os.path.getsize(p) for p in (target, target + "-wal") if os.path.exists(p)) / 1e6
    row = store.conn.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                             "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
                             ).fetchone()
    return float(row[0] or 0) / 1e6


def _count(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 - fixed names


def cases(store: Store) -> list[tuple[str, list[Callable[[], Any]]]]:
    """(query kind, calls over rotating arguments)."""
    top = [e.id for e in query.entities(store, type="ORG_ARMED", limit=20)]
    busiest, typical = top[0], top[5:20]
    types = ["Battles", "Explosions/Remote violence", "Air/drone strike", "Violence against civilians",
             "Armed clash", "Riots"]
    countries = ["Syria", "IQ", "Somalia", "NGA", "Mali", "Yemen"]
    ranges = [("2016-01", "2016-03"), ("2020-06", "2020-06"), ("2024", "2024"), ("2019-02-01", "2019-02-15"),
              ("2015", "2017"), ("2022-11", "2023-01")]
    boxes = [(36.0, 33.0, 37.0, 34.0), (43.0, 33.0, 45.0, 35.0), (44.0, 1.0, 46.0, 3.0), (5.0, 6.0, 9.0, 9.0),
             (-5.0, 14.0, -3.0, 16.0), (35.0, 32.0, 43.0, 38.0)]
    lineage_groups = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT subject_id FROM relations WHERE origin = 'kb' ORDER BY subject_id LIMIT 6")] or [busiest]
    common = ["drone strike", "checkpoint convoy", "officials said", "market", "border camp", "commander killed"]
    sample = " ".join(r[0] for r in store.conn.execute("SELECT text FROM articles ORDER BY id LIMIT 30"))
    rare = sorted({w for w in sample.lower().replace(".", " ").split() if len(w) >= 9 and w.isalpha()})[-12:]
    rarer = [f"{a} {b}" if i % 2 else a for i, (a, b) in enumerate(zip(rare[::2], rare[1::2], strict=False))]
    limit = 100
    return [
        ("entity page, busiest group (the web page's reads)",
         [lambda: _page(store, busiest)]),
        ("entity page, typical groups", [lambda e=e: _page(store, e) for e in typical]),
        ("events by actor (newest 100)",
         [lambda e=e: query.events(store, actor=e, limit=limit, newest_first=True) for e in [busiest, *typical[:5]]]),
        ("events by country (100)", [lambda c=c: query.events(store, country=c, limit=limit) for c in countries]),
        ("events by type (100)", [lambda t=t: query.events(store, type=t, limit=limit) for t in types]),
        ("events in a date range (100)",
         [lambda s=s, u=u: query.events(store, since=s, until=u, limit=limit) for s, u in ranges]),
        ("events in a bbox (100)", [lambda b=b: query.events(store, bbox=b, limit=limit) for b in boxes]),
        ("events: actor + country + type + dates (100)",
         [lambda e=e, c=c, s=s: query.events(store, actor=e, country=c, type="Battles", since=s[0], limit=limit)
          for e, c, s in zip([busiest, *typical[:5]], countries, ranges, strict=True)]),
        ("relations at a date (group)",
         [lambda e=e, d=d: query.relations_at(store, e, d) for e, d in
          zip([busiest, *typical[:5]], ["2020-06", "2016", "2024-01-15", "2018-09", "2022", "2015-03"], strict=True)]),
        ("lineage of a group", [lambda g=g: query.lineage(store, g) for g in lineage_groups]),
        ("full-text search, common words (best 20 of total)",
         [lambda w=w: search.articles(store, w, limit=20) for w in common]),
        ("full-text search, rarer words (best 20 of total)",
         [lambda w=w: search.articles(store, w, limit=20) for w in rarer or common]),
    ]


PAGE_ROWS = 200  # as orbat/web/pages.py: newest events, sources and relation claims


def _page(store: Store, entity: str) -> Any:
    """The reads of the entity page (orbat/web/pages.py entity_page), without the rendering."""
    prof, totals = query.profile_page(store, entity, PAGE_ROWS, claims=PAGE_ROWS)
    steps = query.lineage(store, prof.entity.id)
    sources = query.event_sources(store, [e.id for e in prof.events])
    return prof, totals, steps, sources, query.entity_summary(store, prof)


def measure(name: str, calls: list[Callable[[], Any]], runs: int) -> Timing:
    for call in calls:
        call()  # warm-up: caches, prepared plans
    ms = []
    for i in range(runs):
        start = time.perf_counter()
        calls[i % len(calls)]()
        ms.append((time.perf_counter() - start) * 1000)
    return Timing(name, "", ms)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60, help="timed calls per query kind")
    parser.add_argument("--reuse", action="store_true", help="time an existing database (no build)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not is_postgres(args.db) and Path(args.db).exists() and not args.reuse:
        parser.error(f"{args.db} exists: pass --reuse to time it, or remove it")
    with Store(args.db) as store:
        if args.reuse:
            store.conn.execute("ANALYZE" if store.dialect == "sqlite" else "VACUUM ANALYZE")  # new indexes (a migration on open) need statistics
        else:
            if _count(store, "articles"):
                parser.error("the database is not empty: pass --reuse or use an empty one")
            started = time.perf_counter()
            build(store, args.articles)
            print(f"store_bench: built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        counts = {t: _count(store, t) for t in ("articles", "entities", "mentions", "events", "relations")}
        size = _size_mb(store, args.db)
        timings = [measure(name, calls, args.runs) for name, calls in cases(store)]
        summary_ms = []
        for _ in range(3):
            start = time.perf_counter()
            query.summary(store)
            summary_ms.append((time.perf_counter() - start) * 1000)
    per_k = size / (counts["articles"] / 1000)
    result = {"backend": store.dialect, "counts": counts, "size_mb": round(size, 1),
              "mb_per_1k_articles": round(per_k, 2), "summary_ms": round(min(summary_ms), 1),
              "queries": [{"name": t.name, "p50": round(t.p50, 1), "p95": round(t.p95, 1)} for t in timings]}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    if args.markdown:
        print(f"{store.dialect}: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
              + f"; {size:,.0f} MB ({per_k:.2f} MB per 1k articles); summary {min(summary_ms):,.0f} ms; "
              f"{args.runs} runs each\n")
        print("| query | p50 ms | p95 ms |\n| --- | ---: | ---: |")
        for t in timings:
            print(f"| {t.name} | {t.p50:.1f} | {t.p95:.1f} |")
    else:
        print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
