-- Schema version 1: tickets, their event log, full-text search and pick lists.

-- Problems behind recurring incidents, and the knowledge base; tickets
-- refer to them.
CREATE TABLE problems (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL,
    root_cause      TEXT    NOT NULL DEFAULT '',
    workaround      TEXT    NOT NULL DEFAULT '',
    permanent_fix   TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'open',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL
);
CREATE TABLE knowledge (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '',
    service     TEXT,
    category    TEXT,
    author      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
    title, body, tags,
    content = 'knowledge', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER knowledge_fts_insert AFTER INSERT ON knowledge BEGIN
    INSERT INTO knowledge_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
CREATE TRIGGER knowledge_fts_delete AFTER DELETE ON knowledge BEGIN
    INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
CREATE TRIGGER knowledge_fts_update AFTER UPDATE ON knowledge BEGIN
    INSERT INTO knowledge_fts(knowledge_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
    INSERT INTO knowledge_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;

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
    -- Closing: what was found and done, and how it ended.
    cause               TEXT,
    measures            TEXT,
    solution            TEXT,
    closure_code        TEXT,
    duplicate_of        INTEGER REFERENCES tickets(id),
    problem_id          INTEGER REFERENCES problems(id),
    knowledge_id        INTEGER REFERENCES knowledge(id),
    -- The reporter's satisfaction, 1 to 5, when asked.
    satisfaction        INTEGER,
    feedback_comment    TEXT,
    feedback_at         INTEGER,
    -- What the reports count, worked out from the history on every change
    -- that moves it (domain::figures): business seconds to the first
    -- response, to resolution and to closing, whether it was ever escalated,
    -- and whether it was resolved at the first contact.
    first_response_at   INTEGER,
    response_secs       INTEGER,
    resolution_secs     INTEGER,
    close_secs          INTEGER,
    escalated           INTEGER NOT NULL DEFAULT 0,
    first_contact       INTEGER NOT NULL DEFAULT 0,
    resolved_by         TEXT,
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
CREATE INDEX tickets_by_problem     ON tickets(problem_id)  WHERE problem_id IS NOT NULL;
CREATE INDEX tickets_by_duplicate   ON tickets(duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX tickets_by_urgent      ON tickets(urgent_due);
-- Reports select by when tickets were resolved, closed or rated.
CREATE INDEX tickets_by_resolved    ON tickets(resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_by_closed      ON tickets(closed_at)   WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_by_feedback    ON tickets(feedback_at) WHERE feedback_at IS NOT NULL;
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

-- Closure checklist ticks: who ticked which item when.
CREATE TABLE checklist (
    ticket_id   INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    item        TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, item)
) WITHOUT ROWID;

-- Post-incident reviews and their action items.
CREATE TABLE reviews (
    ticket_id       INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
    what_happened   TEXT    NOT NULL DEFAULT '',
    cause           TEXT    NOT NULL DEFAULT '',
    went_well       TEXT    NOT NULL DEFAULT '',
    went_badly      TEXT    NOT NULL DEFAULT '',
    recommendations TEXT    NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL,
    updated_by      TEXT    NOT NULL,
    completed_at    INTEGER,
    completed_by    TEXT
);
CREATE TABLE review_actions (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL REFERENCES reviews(ticket_id) ON DELETE CASCADE,
    description TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    due         TEXT,
    done        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX review_actions_by_ticket ON review_actions(ticket_id, id);
