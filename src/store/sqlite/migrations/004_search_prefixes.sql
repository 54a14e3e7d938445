-- Schema version 4: the search index keeps one-letter prefixes too, so the
-- first key of a search reads one list instead of merging every word that
-- starts with that letter. The index is rebuilt from the tickets.
DROP TRIGGER tickets_fts_insert;
DROP TRIGGER tickets_fts_delete;
DROP TRIGGER tickets_fts_update;
DROP TABLE tickets_fts;
CREATE VIRTUAL TABLE tickets_fts USING fts5(
    title, description, reporter_name,
    content = 'tickets', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3',
    detail = none
);
CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO tickets_fts(rowid, title, description, reporter_name)
    VALUES (new.id, new.title, new.description, new.reporter_name);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description, reporter_name)
    VALUES ('delete', old.id, old.title, old.description, old.reporter_name);
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF title, description, reporter_name ON tickets BEGIN
    INSERT INTO tickets_fts(tickets_fts, rowid, title, description, reporter_name)
    VALUES ('delete', old.id, old.title, old.description, old.reporter_name);
    INSERT INTO tickets_fts(rowid, title, description, reporter_name)
    VALUES (new.id, new.title, new.description, new.reporter_name);
END;
INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
