-- orbat knowledge base, version 4: the review workflow (undo, audit log), article full-text search,
-- watchlists. Additive: no existing column changes meaning.

-- A judgement undone by a later review action points at the audit row that undid it; undone
-- judgements no longer apply (views below, splits and edits skip them).
ALTER TABLE judgements ADD COLUMN undone_by INTEGER;

-- Who did what, when and why, one row per review action (accept, reject, edit, merge, split, undo).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    reviewer    TEXT NOT NULL,
    action      TEXT NOT NULL,          -- accept | reject | edit | merge | split | undo
    target      TEXT NOT NULL,          -- event:<id>, relation:<id>, entity id, or judgement:<id> (undo)
    other       TEXT,
    reason      TEXT,
    judgement_id INTEGER REFERENCES judgements(id),
    before_json TEXT,                   -- edit: the values replaced
    after_json  TEXT
);
CREATE INDEX audit_log_target ON audit_log(target);

DROP VIEW rejected_facts;
CREATE VIEW rejected_facts(fact_key) AS
SELECT j.result FROM judgements j
WHERE j.kind = 'reject' AND j.undone_by IS NULL
  AND j.id = (SELECT max(k.id) FROM judgements k
              WHERE k.kind IN ('accept', 'reject') AND k.result = j.result AND k.undone_by IS NULL);

-- The standing verdict (accept or reject) of every reviewed fact key.
CREATE VIEW fact_verdicts(fact_key, verdict, judgement_id) AS
SELECT j.result, j.kind, j.id FROM judgements j
WHERE j.kind IN ('accept', 'reject') AND j.undone_by IS NULL AND j.result IS NOT NULL
  AND j.id = (SELECT max(k.id) FROM judgements k
              WHERE k.kind IN ('accept', 'reject') AND k.result = j.result AND k.undone_by IS NULL);

-- Article title and text for full-text search (FTS5, external content: kept in step by triggers).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
                                             tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
INSERT INTO articles_fts(rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM articles;

-- Entities and places an analyst watches; last_seen is when the analyst last looked at what is new.
CREATE TABLE watchlist (
    entity_id  TEXT PRIMARY KEY REFERENCES entities(id),
    added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_seen  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
