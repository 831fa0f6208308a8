-- orbat knowledge base, version 2: stable fact keys, judgement results, merge resolution.

-- A fact key identifies an event or relation across re-ingests (ids change, keys do not),
-- so accept/reject judgements keep applying after an article is re-extracted.
ALTER TABLE events ADD COLUMN fact_key TEXT;
ALTER TABLE relations ADD COLUMN fact_key TEXT;
CREATE INDEX events_fact_key ON events(fact_key);
CREATE INDEX relations_fact_key ON relations(fact_key);

-- What a judgement produced (split: the new entity id; accept/reject: the fact key).
ALTER TABLE judgements ADD COLUMN result TEXT;

-- Every entity with the entity it resolves to after analyst merges (a root resolves to itself).
CREATE VIEW entity_roots(id, root) AS
WITH RECURSIVE r(id, root) AS (
    SELECT id, id FROM entities WHERE merged_into IS NULL
    UNION ALL
    SELECT e.id, r.root FROM entities e JOIN r ON e.merged_into = r.id
)
SELECT id, root FROM r;

-- Fact keys whose latest accept/reject judgement is "reject": hidden from queries and exports.
CREATE VIEW rejected_facts(fact_key) AS
SELECT j.result FROM judgements j
WHERE j.kind IN ('accept', 'reject') AND j.kind = 'reject'
  AND j.id = (SELECT max(k.id) FROM judgements k
              WHERE k.kind IN ('accept', 'reject') AND k.result = j.result);
