-- orbat knowledge base, version 3: covering indexes for the entity page and web API reads.

-- The articles mentioning an entity (sources) and how many, without touching mention rows.
CREATE INDEX mentions_entity_article ON mentions(entity_id, article_id);

-- An entity's relation claims (grouped by subject, predicate, object, dates, status, origin) and
-- their distinct source articles, read from either side without touching relation rows.
CREATE INDEX relations_subject_claim
    ON relations(subject_id, predicate, object_id, date_start, date_end, status, origin, article_id);
CREATE INDEX relations_object_claim
    ON relations(object_id, predicate, subject_id, date_start, date_end, status, origin, article_id);
