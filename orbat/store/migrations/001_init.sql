-- orbat knowledge base, version 1. Every fact row links to its article and character span.

CREATE TABLE articles (
    id              TEXT PRIMARY KEY,
    title           TEXT,
    url             TEXT,
    published       TEXT,            -- ISO, partial allowed (2017-07)
    published_precision TEXT,        -- day | month | year
    outlet          TEXT,
    author          TEXT,
    language        TEXT,
    source          TEXT,            -- path or URL it was read from
    text            TEXT NOT NULL,   -- stored verbatim; all offsets index it
    regions_json    TEXT NOT NULL DEFAULT '[]',  -- marked boilerplate regions
    content_hash    TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'ok',  -- ok | skipped
    duplicate_of    TEXT REFERENCES articles(id), -- near-duplicate: first copy
    ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);

-- MinHash signatures for near-duplicate detection (datasketch), one row per article.
CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    num_perm   INTEGER NOT NULL,
    hashvalues BLOB NOT NULL
);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,     -- "kb:<slug>" for curated, "new:<type>:<slug>" minted
    canonical   TEXT NOT NULL,
    type        TEXT NOT NULL,        -- ORG_ARMED | ORG_OTHER | PERSON | LOCATION
    origin      TEXT NOT NULL,        -- kb | text
    inter_code  INTEGER,              -- ACLED inter code for actors
    wikidata    TEXT,
    country     TEXT,
    latitude    REAL,
    longitude   REAL,
    attrs_json  TEXT NOT NULL DEFAULT '{}',
    merged_into TEXT REFERENCES entities(id)  -- analyst merge: this id now resolves there
);
CREATE INDEX entities_canonical ON entities(canonical COLLATE NOCASE);
CREATE INDEX entities_type ON entities(type);

CREATE TABLE aliases (
    entity_id  TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,
    norm       TEXT NOT NULL,           -- normalised key used for lookup
    origin     TEXT NOT NULL,           -- kb | text | analyst
    article_id TEXT REFERENCES articles(id) ON DELETE CASCADE,
    rule       TEXT,
    PRIMARY KEY (entity_id, norm, origin)
);
CREATE INDEX aliases_norm ON aliases(norm);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    rule       TEXT,
    attrs_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE INDEX mentions_article ON mentions(article_id);

-- One row per (merged) event; per-source details live in event_sources.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,
    actor1         TEXT,
    actor1_id      TEXT REFERENCES entities(id),
    actor2         TEXT,
    actor2_id      TEXT REFERENCES entities(id),
    assoc_actor1   TEXT,
    assoc_actor2   TEXT,
    inter1         INTEGER,
    inter2         INTEGER,
    location       TEXT,
    country        TEXT,
    iso            TEXT,
    admin1         TEXT,
    admin2         TEXT,
    latitude       REAL,
    longitude      REAL,
    geo_precision  INTEGER,
    date           TEXT,
    time_precision INTEGER,
    fatalities     INTEGER,
    injured        INTEGER,
    count          INTEGER,
    approx         INTEGER NOT NULL DEFAULT 0,
    certainty      TEXT NOT NULL,
    claimed_by     TEXT,
    modality       TEXT,
    source_count   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_actor1 ON events(actor1_id);
CREATE INDEX events_actor2 ON events(actor2_id);
CREATE INDEX events_latlon ON events(latitude, longitude);

-- Every article that reports an event, with its own figures and evidence span.
CREATE TABLE event_sources (
    event_id       INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    fatalities     INTEGER,
    count          INTEGER,
    certainty      TEXT NOT NULL,
    claimed_by     TEXT,
    payload_json   TEXT NOT NULL,      -- the full extracted event as JSON
    PRIMARY KEY (event_id, article_id, start)
);
CREATE INDEX event_sources_article ON event_sources(article_id);

CREATE TABLE relations (
    id           INTEGER PRIMARY KEY,
    subject_id   TEXT NOT NULL REFERENCES entities(id),
    predicate    TEXT NOT NULL,
    object_id    TEXT NOT NULL REFERENCES entities(id),
    date_start   TEXT,               -- ISO partial
    date_end     TEXT,
    status       TEXT NOT NULL DEFAULT 'current',
    certainty    TEXT NOT NULL DEFAULT 'asserted',
    origin       TEXT NOT NULL,      -- kb | text | analyst
    article_id   TEXT REFERENCES articles(id) ON DELETE CASCADE,
    start        INTEGER,
    end          INTEGER,
    evidence     TEXT,
    rule         TEXT
);
CREATE INDEX relations_subject ON relations(subject_id);
CREATE INDEX relations_object ON relations(object_id);
CREATE INDEX relations_predicate ON relations(predicate);

-- Analyst judgements (merge, split, alias add, accept/reject a fact); survive re-ingest.
CREATE TABLE judgements (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,         -- merge | split | alias | accept | reject
    target     TEXT NOT NULL,         -- entity id, or "event:<id>" / "relation:<id>"
    other      TEXT,                  -- second entity id or alias text
    note       TEXT,
    author     TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE ingest_log (
    id         INTEGER PRIMARY KEY,
    item       TEXT NOT NULL,         -- file path, URL, "stdin:LINE"
    article_id TEXT,
    status     TEXT NOT NULL,         -- ok | skipped | duplicate | near_duplicate | failed
    reason     TEXT,
    pipeline_version TEXT,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
