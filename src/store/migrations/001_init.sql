-- Schema version 1: tickets, their event log, full-text search and pick lists.

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL DEFAULT 'incident',
    title           TEXT    NOT NULL COLLATE NOCASE,
    description     TEXT    NOT NULL DEFAULT '',
    reporter_name   TEXT    NOT NULL,
    reporter_email  TEXT,
    reporter_phone  TEXT,
    department      TEXT,
    channel         TEXT    NOT NULL,
    service         TEXT,
    category        TEXT,
    subcategory     TEXT,
    impact          INTEGER,
    urgency         INTEGER,
    -- 0 while unclassified, so that it sorts before P1 and keeps keyset paging simple.
    priority        INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'new',
    -- '' while unassigned, for the same reason.
    team            TEXT    NOT NULL DEFAULT '',
    assignee        TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    resolved_at     INTEGER,
    closed_at       INTEGER,
    version         INTEGER NOT NULL DEFAULT 1,
    -- SLA: the targets that applied when the ticket was classified, and the
    -- deadlines worked out from them (see domain::sla). Kept, so that later
    -- changes to the policy do not rewrite the past.
    sla_calendar        TEXT,
    sla_response_secs   INTEGER,
    sla_resolution_secs INTEGER,
    sla_update_secs     INTEGER,
    response_due        INTEGER,
    responded_at        INTEGER,
    resolution_due      INTEGER,
    resolution_left     INTEGER,
    update_due          INTEGER,
    update_left         INTEGER,
    response_breached   INTEGER NOT NULL DEFAULT 0,
    resolution_breached INTEGER NOT NULL DEFAULT 0,
    -- The earliest running deadline; far in the future when none runs, so
    -- that "most urgent first" pages through one index.
    urgent_due          INTEGER NOT NULL DEFAULT 253402300799,
    -- Assignment and escalation.
    reassignments       INTEGER NOT NULL DEFAULT 0,
    -- Functional escalation: 'line2', 'line3' or 'supplier' ('' when none).
    escalation          TEXT    NOT NULL DEFAULT '',
    supplier            TEXT,
    -- Hierarchical escalation: a lead's attention is asked.
    lead_attention      INTEGER NOT NULL DEFAULT 0,
    -- Major incidents and the incidents linked to them.
    major               INTEGER NOT NULL DEFAULT 0,
    coordinator         TEXT,
    communication_lead  TEXT,
    parent_id           INTEGER REFERENCES tickets(id),
    is_open         INTEGER GENERATED ALWAYS AS (status NOT IN ('resolved', 'closed')) VIRTUAL,
    status_rank     INTEGER GENERATED ALWAYS AS (
        CASE status WHEN 'new' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_progress' THEN 3
        WHEN 'waiting_customer' THEN 4 WHEN 'waiting_supplier' THEN 5 WHEN 'resolved' THEN 6 ELSE 7 END) VIRTUAL
);

-- One index per sort column over all tickets, and a small partial one over
-- open tickets, so that every sort pages through an index in both views.
CREATE INDEX tickets_by_priority    ON tickets(priority);
CREATE INDEX tickets_by_status      ON tickets(status_rank);
CREATE INDEX tickets_by_title       ON tickets(title);
CREATE INDEX tickets_by_team        ON tickets(team);
CREATE INDEX tickets_by_assignee    ON tickets(assignee);
CREATE INDEX tickets_by_created     ON tickets(created_at);
CREATE INDEX open_by_id             ON tickets(id)          WHERE is_open = 1;
CREATE INDEX open_by_priority       ON tickets(priority)    WHERE is_open = 1;
CREATE INDEX open_by_status         ON tickets(status_rank) WHERE is_open = 1;
CREATE INDEX open_by_title          ON tickets(title)       WHERE is_open = 1;
CREATE INDEX open_by_team           ON tickets(team)        WHERE is_open = 1;
CREATE INDEX open_by_assignee       ON tickets(assignee)    WHERE is_open = 1;
CREATE INDEX open_by_created        ON tickets(created_at)  WHERE is_open = 1;
CREATE INDEX open_escalated         ON tickets(id)          WHERE is_open = 1 AND (escalation <> '' OR lead_attention = 1);
CREATE INDEX tickets_by_parent      ON tickets(parent_id)   WHERE parent_id IS NOT NULL;
CREATE INDEX tickets_by_urgent      ON tickets(urgent_due);
CREATE INDEX open_by_urgent         ON tickets(urgent_due)  WHERE is_open = 1;
-- Deadlines still to be watched for a breach: small, so checking is cheap.
CREATE INDEX watch_response   ON tickets(response_due)   WHERE is_open = 1 AND response_breached = 0 AND responded_at IS NULL;
CREATE INDEX watch_resolution ON tickets(resolution_due) WHERE is_open = 1 AND resolution_breached = 0;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    -- Why: the reason for a priority override, an escalation, a pause.
    note        TEXT
);
CREATE INDEX events_by_ticket ON events(ticket_id, id);

-- Work notes (internal) and messages to the reporter or stakeholders. They
-- are never changed or removed: a correction is a new entry.
CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    -- 'note' or 'message'
    kind        TEXT    NOT NULL,
    -- For messages: to whom, how and whether it went out.
    recipient   TEXT,
    subject     TEXT,
    body        TEXT    NOT NULL,
    -- 'sent', 'recorded' (told by phone, in person) or 'failed'
    delivery    TEXT,
    error       TEXT
);
CREATE INDEX entries_by_ticket ON entries(ticket_id, id);
CREATE TRIGGER entries_are_kept BEFORE UPDATE ON entries BEGIN
    SELECT RAISE(ABORT, 'entries are append-only: add a correction instead');
END;
CREATE TRIGGER entries_are_not_removed BEFORE DELETE ON entries
    WHEN (SELECT count(*) FROM tickets WHERE id = old.ticket_id) > 0 BEGIN
    SELECT RAISE(ABORT, 'entries are append-only: add a correction instead');
END;

CREATE VIRTUAL TABLE tickets_fts USING fts5(
    title, description, reporter_name,
    content = 'tickets', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3',
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

CREATE TABLE categories (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE subcategories (
    id          INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (category_id, name)
);
CREATE TABLE services (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE departments (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE teams (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    line    INTEGER NOT NULL DEFAULT 1,
    active  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE agents (
    id      INTEGER PRIMARY KEY,
    login   TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    email   TEXT,
    line    INTEGER NOT NULL DEFAULT 1,
    role    TEXT NOT NULL DEFAULT 'operator',
    active  INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE agent_teams (
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    team_id  INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    PRIMARY KEY (agent_id, team_id)
) WITHOUT ROWID;
