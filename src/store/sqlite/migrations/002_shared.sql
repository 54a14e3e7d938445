-- Who has which incident open: each process renews its entry while the
-- incident is on screen; entries older than a little while are not shown.
CREATE TABLE presence (
    login     TEXT    NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    seen_at   INTEGER NOT NULL,
    PRIMARY KEY (login, ticket_id)
) WITHOUT ROWID;
CREATE INDEX presence_by_ticket ON presence(ticket_id, seen_at);

-- Settings of the whole servicedesk, changed by an admin (see domain::access).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Restricted tickets (security incidents, say): seen only by the teams
-- named here, the person assigned, leads and admins.
ALTER TABLE tickets ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_restricted ON tickets(id) WHERE restricted = 1;
CREATE TABLE ticket_access (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    team      TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, team)
) WITHOUT ROWID;

-- A ticket's number in the system it was imported from: an import never
-- stores the same one twice.
ALTER TABLE tickets ADD COLUMN source_ref TEXT;
CREATE UNIQUE INDEX tickets_by_source ON tickets(source_ref) WHERE source_ref IS NOT NULL;

-- Privacy actions (data-subject requests, retention): who, when, what, how
-- many records. While one runs (`running`), entries may be anonymised.
CREATE TABLE privacy_log (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    records INTEGER NOT NULL DEFAULT 0,
    running INTEGER NOT NULL DEFAULT 0
);
DROP TRIGGER entries_are_kept;
CREATE TRIGGER entries_are_kept BEFORE UPDATE ON entries
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    SELECT RAISE(ABORT, 'entries are append-only: add a correction instead');
END;
