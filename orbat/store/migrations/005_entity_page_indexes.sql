-- orbat knowledge base, version 5: the entity page and the event filters as index ranges.

-- A group's events from either side: the newest first (date, id) and its summary counts (type,
-- fatalities, the other actor) read from the index alone. They replace the one-column indexes.
DROP INDEX events_actor1;
DROP INDEX events_actor2;
CREATE INDEX events_actor1_page ON events(actor1_id, date, id, type, fatalities, actor2_id);
CREATE INDEX events_actor2_page ON events(actor2_id, date, id, type, fatalities, actor1_id);

-- The articles mentioning an entity, newest first, and its first and last seen, without the rows.
CREATE INDEX articles_id_published ON articles(id, published);

-- Events by country name or ISO code, any case (orbat.query.events compares with COLLATE NOCASE).
DROP INDEX events_country;
CREATE INDEX events_country ON events(country COLLATE NOCASE, date);
CREATE INDEX events_iso ON events(iso COLLATE NOCASE, date);
