-- Schema version 5: a second search index holding only the open tickets,
-- which is what the queue shows unless asked for all. A search among the
-- open tickets reads their few matches in any order, instead of a list
-- that grows with every ticket ever closed. It keeps no text of its own
-- (contentless, deletable by ticket number) and follows the tickets by
-- triggers: a ticket enters it while open and leaves it when resolved,
-- closed or deleted.
CREATE VIRTUAL TABLE open_tickets_fts USING fts5(
    title, description, reporter_name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3',
    detail = none
);
CREATE TRIGGER open_tickets_fts_insert AFTER INSERT ON tickets WHEN new.is_open BEGIN
    INSERT INTO open_tickets_fts(rowid, title, description, reporter_name)
    VALUES (new.id, new.title, new.description, new.reporter_name);
END;
CREATE TRIGGER open_tickets_fts_delete AFTER DELETE ON tickets WHEN old.is_open BEGIN
    DELETE FROM open_tickets_fts WHERE rowid = old.id;
END;
-- One trigger, so that leaving comes before entering again.
CREATE TRIGGER open_tickets_fts_update AFTER UPDATE OF title, description, reporter_name, status ON tickets
WHEN old.is_open OR new.is_open BEGIN
    DELETE FROM open_tickets_fts WHERE rowid = old.id AND old.is_open;
    INSERT INTO open_tickets_fts(rowid, title, description, reporter_name)
    SELECT new.id, new.title, new.description, new.reporter_name WHERE new.is_open;
END;
INSERT INTO open_tickets_fts(rowid, title, description, reporter_name)
SELECT id, title, description, reporter_name FROM tickets WHERE is_open = 1;
