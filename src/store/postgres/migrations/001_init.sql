-- Every function names the schema it reads (a caller's search path could
-- otherwise put a table of its own in the place of meldpunt's).
-- Schema version 1 on PostgreSQL: the same tables as SQLite's schema 5,
-- in the schema `meldpunt`, with the server's own means: identity columns,
-- stored generated columns, tsvector search with a GIN index, and triggers
-- in PL/pgSQL. `mp_fold` (the text folded for search) is made before this
-- runs, against wherever the unaccent extension lives.

-- Any change to what meldpunt keeps moves this number once per
-- transaction and tells listeners (`LISTEN meldpunt`) at its commit.
CREATE TABLE mp_changes (
    one   INTEGER PRIMARY KEY CHECK (one = 1),
    stamp BIGINT  NOT NULL,
    -- The transaction that moved it last: it moves once per transaction,
    -- by what no session can set.
    moved_by xid8
);
INSERT INTO mp_changes VALUES (1, 0, NULL);

CREATE FUNCTION mp_changed() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
BEGIN
    UPDATE mp_changes SET stamp = stamp + 1, moved_by = pg_current_xact_id()
        WHERE moved_by IS DISTINCT FROM pg_current_xact_id();
    IF FOUND THEN
        PERFORM pg_notify('meldpunt', '');
        -- Tells the connection that wrote it, so it knows the move is its own.
        RAISE NOTICE USING MESSAGE = 'meldpunt changed', ERRCODE = 'MPCHG';
    END IF;
    RETURN NULL;
END $$;

-- A row without a number gets the next after the highest, as SQLite's
-- row ids do: numbers follow each other without gaps where nothing was
-- removed, also after a change that was refused (a sequence would skip).
-- Writers take turns (an advisory lock), so two never take the same one.
-- It reads as the schema's owner, whom no row is hidden from; each table's
-- highest number is one step down its key (a plan kept per table).
CREATE FUNCTION mp_next_id() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    last BIGINT;
BEGIN
    CASE TG_TABLE_NAME
        WHEN 'problems' THEN SELECT coalesce(max(id), 0) INTO last FROM problems;
        WHEN 'knowledge' THEN SELECT coalesce(max(id), 0) INTO last FROM knowledge;
        WHEN 'tickets' THEN SELECT coalesce(max(id), 0) INTO last FROM tickets;
        WHEN 'events' THEN SELECT coalesce(max(id), 0) INTO last FROM events;
        WHEN 'entries' THEN SELECT coalesce(max(id), 0) INTO last FROM entries;
        WHEN 'categories' THEN SELECT coalesce(max(id), 0) INTO last FROM categories;
        WHEN 'subcategories' THEN SELECT coalesce(max(id), 0) INTO last FROM subcategories;
        WHEN 'services' THEN SELECT coalesce(max(id), 0) INTO last FROM services;
        WHEN 'departments' THEN SELECT coalesce(max(id), 0) INTO last FROM departments;
        WHEN 'teams' THEN SELECT coalesce(max(id), 0) INTO last FROM teams;
        WHEN 'agents' THEN SELECT coalesce(max(id), 0) INTO last FROM agents;
        WHEN 'review_actions' THEN SELECT coalesce(max(id), 0) INTO last FROM review_actions;
        WHEN 'privacy_log' THEN SELECT coalesce(max(id), 0) INTO last FROM privacy_log;
        WHEN 'audit' THEN SELECT coalesce(max(id), 0) INTO last FROM audit;
    END CASE;
    -- The history's numbers are the server's to give, but for the owner's
    -- copy; and no number so high that the next could not follow.
    IF TG_TABLE_NAME IN ('events', 'entries', 'audit', 'privacy_log')
       AND session_user::regrole <> (SELECT nspowner FROM pg_namespace WHERE nspname = 'meldpunt')::regrole THEN
        NEW.id := NULL;
    END IF;
    IF NEW.id IS NULL THEN
        NEW.id := last + 1;
    ELSIF NEW.id > 9007199254740991 OR NEW.id < 1 THEN
        RAISE EXCEPTION 'a row is numbered from 1 up, not %', NEW.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE TABLE problems (
    id              BIGINT  PRIMARY KEY,
    title           TEXT    NOT NULL,
    root_cause      TEXT    NOT NULL DEFAULT '',
    workaround      TEXT    NOT NULL DEFAULT '',
    permanent_fix   TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'open',
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    created_by      TEXT    NOT NULL
);
CREATE TABLE knowledge (
    id          BIGINT  PRIMARY KEY,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    tags        TEXT    NOT NULL DEFAULT '',
    service     TEXT,
    category    TEXT,
    author      TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', mp_fold(title || ' ' || body || ' ' || tags))) STORED
);
CREATE INDEX knowledge_search ON knowledge USING gin (search);

CREATE TABLE tickets (
    id              BIGINT  PRIMARY KEY,
    kind            TEXT    NOT NULL DEFAULT 'incident',
    title           TEXT    NOT NULL COLLATE mp_nocase,
    description     TEXT    NOT NULL DEFAULT '',
    reporter_name   TEXT    NOT NULL,
    reporter_email  TEXT,
    reporter_phone  TEXT,
    department      TEXT,
    channel         TEXT    NOT NULL,
    service         TEXT,
    category        TEXT,
    subcategory     TEXT,
    impact          BIGINT,
    urgency         BIGINT,
    priority        BIGINT  NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'new',
    team            TEXT    NOT NULL DEFAULT '',
    assignee        TEXT    NOT NULL DEFAULT '',
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    resolved_at     BIGINT,
    closed_at       BIGINT,
    version         BIGINT  NOT NULL DEFAULT 1,
    sla_calendar        TEXT,
    sla_response_secs   BIGINT,
    sla_resolution_secs BIGINT,
    sla_update_secs     BIGINT,
    response_due        BIGINT,
    responded_at        BIGINT,
    resolution_due      BIGINT,
    resolution_left     BIGINT,
    update_due          BIGINT,
    update_left         BIGINT,
    response_breached   BIGINT  NOT NULL DEFAULT 0,
    resolution_breached BIGINT  NOT NULL DEFAULT 0,
    urgent_due          BIGINT  NOT NULL DEFAULT 253402300799,
    reassignments       BIGINT  NOT NULL DEFAULT 0,
    escalation          TEXT    NOT NULL DEFAULT '',
    supplier            TEXT,
    lead_attention      BIGINT  NOT NULL DEFAULT 0,
    major               BIGINT  NOT NULL DEFAULT 0,
    coordinator         TEXT,
    communication_lead  TEXT,
    parent_id           BIGINT  REFERENCES tickets(id) DEFERRABLE,
    cause               TEXT,
    measures            TEXT,
    solution            TEXT,
    closure_code        TEXT,
    duplicate_of        BIGINT  REFERENCES tickets(id) DEFERRABLE,
    problem_id          BIGINT  REFERENCES problems(id) DEFERRABLE,
    knowledge_id        BIGINT  REFERENCES knowledge(id) DEFERRABLE,
    satisfaction        BIGINT,
    feedback_comment    TEXT,
    feedback_at         BIGINT,
    first_response_at   BIGINT,
    response_secs       BIGINT,
    resolution_secs     BIGINT,
    close_secs          BIGINT,
    escalated           BIGINT  NOT NULL DEFAULT 0,
    first_contact       BIGINT  NOT NULL DEFAULT 0,
    resolved_by         TEXT,
    restricted          BIGINT  NOT NULL DEFAULT 0,
    source_ref          TEXT,
    is_open         BIGINT GENERATED ALWAYS AS ((status NOT IN ('resolved', 'closed'))::int) STORED,
    status_rank     BIGINT GENERATED ALWAYS AS (
        CASE status WHEN 'new' THEN 1 WHEN 'assigned' THEN 2 WHEN 'in_progress' THEN 3
        WHEN 'waiting_customer' THEN 4 WHEN 'waiting_supplier' THEN 5 WHEN 'resolved' THEN 6 ELSE 7 END) STORED,
    search          tsvector GENERATED ALWAYS AS (
        -- Read byte by byte: the title's own collation cannot be used by a regular expression.
        to_tsvector('simple', mp_fold((title || ' ' || description || ' ' || reporter_name) COLLATE "C"))) STORED
);

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
CREATE INDEX tickets_by_resolved    ON tickets(resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_by_closed      ON tickets(closed_at)   WHERE closed_at IS NOT NULL;
CREATE INDEX tickets_by_feedback    ON tickets(feedback_at) WHERE feedback_at IS NOT NULL;
CREATE INDEX open_by_urgent         ON tickets(urgent_due)  WHERE is_open = 1;
CREATE INDEX watch_response   ON tickets(response_due)   WHERE is_open = 1 AND response_breached = 0 AND responded_at IS NULL;
CREATE INDEX watch_resolution ON tickets(resolution_due) WHERE is_open = 1 AND resolution_breached = 0;
CREATE INDEX tickets_restricted ON tickets(id) WHERE restricted = 1;
CREATE UNIQUE INDEX tickets_by_source ON tickets(source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX tickets_search      ON tickets USING gin (search);
CREATE INDEX open_tickets_search ON tickets USING gin (search) WHERE is_open = 1;

CREATE TABLE events (
    id          BIGINT  PRIMARY KEY,
    ticket_id   BIGINT  NOT NULL REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    note        TEXT
);
CREATE INDEX events_by_ticket ON events(ticket_id, id);

CREATE TABLE entries (
    id          BIGINT  PRIMARY KEY,
    ticket_id   BIGINT  NOT NULL REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    recipient   TEXT,
    subject     TEXT,
    body        TEXT    NOT NULL,
    delivery    TEXT,
    error       TEXT
);
CREATE INDEX entries_by_ticket ON entries(ticket_id, id);

CREATE TABLE categories (
    id      BIGINT  PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE subcategories (
    id          BIGINT  PRIMARY KEY,
    category_id BIGINT NOT NULL REFERENCES categories(id) ON DELETE CASCADE DEFERRABLE,
    name        TEXT NOT NULL,
    active      BIGINT NOT NULL DEFAULT 1,
    UNIQUE (category_id, name)
);
CREATE TABLE services (
    id      BIGINT  PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE departments (
    id      BIGINT  PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE teams (
    id      BIGINT  PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    line    BIGINT NOT NULL DEFAULT 1,
    active  BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE agents (
    id      BIGINT  PRIMARY KEY,
    login   TEXT NOT NULL UNIQUE,
    name    TEXT NOT NULL,
    email   TEXT,
    line    BIGINT NOT NULL DEFAULT 1,
    role    TEXT NOT NULL DEFAULT 'operator',
    active  BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE agent_teams (
    agent_id BIGINT NOT NULL REFERENCES agents(id) ON DELETE CASCADE DEFERRABLE,
    team_id  BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE DEFERRABLE,
    PRIMARY KEY (agent_id, team_id)
);
CREATE TABLE checklist (
    ticket_id   BIGINT  NOT NULL REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    item        TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    actor       TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, item)
);
CREATE TABLE reviews (
    ticket_id       BIGINT  PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    what_happened   TEXT    NOT NULL DEFAULT '',
    cause           TEXT    NOT NULL DEFAULT '',
    went_well       TEXT    NOT NULL DEFAULT '',
    went_badly      TEXT    NOT NULL DEFAULT '',
    recommendations TEXT    NOT NULL DEFAULT '',
    updated_at      BIGINT  NOT NULL,
    updated_by      TEXT    NOT NULL,
    completed_at    BIGINT,
    completed_by    TEXT
);
CREATE TABLE review_actions (
    id          BIGINT  PRIMARY KEY,
    ticket_id   BIGINT  NOT NULL REFERENCES reviews(ticket_id) ON DELETE CASCADE DEFERRABLE,
    description TEXT    NOT NULL,
    owner       TEXT    NOT NULL,
    due         TEXT,
    done        BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX review_actions_by_ticket ON review_actions(ticket_id, id);

CREATE TABLE presence (
    login     TEXT    NOT NULL,
    ticket_id BIGINT  NOT NULL REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    seen_at   BIGINT  NOT NULL,
    PRIMARY KEY (login, ticket_id)
);
CREATE INDEX presence_by_ticket ON presence(ticket_id, seen_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE ticket_access (
    ticket_id BIGINT  NOT NULL REFERENCES tickets(id) ON DELETE CASCADE DEFERRABLE,
    team      TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, team)
);

CREATE TABLE privacy_log (
    id      BIGINT  PRIMARY KEY,
    at      BIGINT  NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    subject TEXT    NOT NULL,
    records BIGINT  NOT NULL DEFAULT 0,
    running BIGINT  NOT NULL DEFAULT 0
);

-- What a privacy action (running) allows: anonymising what is otherwise
-- kept; on a server only within the schema owner's own functions (once
-- roles are set up), for the session's own running action.
CREATE FUNCTION mp_privacy_running() RETURNS boolean LANGUAGE sql STABLE
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1 AND actor = session_user::text)
       AND current_user::regrole = (SELECT nspowner FROM pg_namespace WHERE nspname = 'meldpunt')::regrole
$$;

CREATE TABLE audit (
    id          BIGINT  PRIMARY KEY,
    at          BIGINT  NOT NULL DEFAULT (extract(epoch FROM now())::bigint),
    actor       TEXT,
    subject     TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX audit_unstamped ON audit(id) WHERE actor IS NULL;

-- Entries are never changed or removed (but with their ticket, or while a
-- privacy action anonymises them).
CREATE FUNCTION mp_entries_are_kept() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NOT mp_privacy_running() THEN
        RAISE EXCEPTION 'entries are append-only: add a correction instead' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM tickets WHERE id = OLD.ticket_id) THEN
        RAISE EXCEPTION 'entries are append-only: add a correction instead' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER entries_are_kept BEFORE UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION mp_entries_are_kept();

-- The audit trail: only its missing actor may be filled in, in the same
-- transaction, by the store.
CREATE FUNCTION mp_audit_is_kept() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
BEGIN
    IF mp_privacy_running() THEN
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'DELETE' OR OLD.actor IS NOT NULL
       OR (to_jsonb(NEW) - 'actor') IS DISTINCT FROM (to_jsonb(OLD) - 'actor') THEN
        RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_is_kept BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION mp_audit_is_kept();

-- A change to people, teams, settings, reference data, problems and
-- articles, written to the audit trail: the arguments name the subject, the
-- key's column, the field named when a row is added or removed, the kind of
-- an addition, and the fields compared when a row changes.
CREATE FUNCTION mp_audit() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    subject TEXT := TG_ARGV[0];
    key_col TEXT := TG_ARGV[1];
    field   TEXT := TG_ARGV[2];
    added   TEXT := TG_ARGV[3];
    o JSONB;
    n JSONB;
    f TEXT;
BEGIN
    IF mp_privacy_running() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        n := to_jsonb(NEW);
        INSERT INTO audit (subject, key, kind, field, new_value)
        VALUES (subject, n ->> key_col, added, field, n ->> field);
    ELSIF TG_OP = 'DELETE' THEN
        o := to_jsonb(OLD);
        INSERT INTO audit (subject, key, kind, field, old_value)
        VALUES (subject, o ->> key_col, 'removed', field, o ->> field);
    ELSE
        o := to_jsonb(OLD);
        n := to_jsonb(NEW);
        FOR i IN 4 .. TG_NARGS - 1 LOOP
            f := TG_ARGV[i];
            IF (o ->> f) IS DISTINCT FROM (n ->> f) THEN
                INSERT INTO audit (subject, key, kind, field, old_value, new_value)
                VALUES (subject, n ->> key_col, 'changed', f, o ->> f, n ->> f);
            END IF;
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER audit_agents AFTER INSERT OR UPDATE OR DELETE ON agents FOR EACH ROW
    EXECUTE FUNCTION mp_audit('agent', 'login', 'role', 'added', 'login', 'name', 'email', 'line', 'role', 'active');
CREATE TRIGGER audit_teams AFTER INSERT OR UPDATE OR DELETE ON teams FOR EACH ROW
    EXECUTE FUNCTION mp_audit('team', 'name', 'line', 'added', 'name', 'line', 'active');
CREATE TRIGGER audit_settings AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW
    EXECUTE FUNCTION mp_audit('setting', 'key', 'value', 'changed', 'value');
CREATE TRIGGER audit_categories AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH ROW
    EXECUTE FUNCTION mp_audit('category', 'name', 'name', 'added', 'name', 'active');
CREATE TRIGGER audit_services AFTER INSERT OR UPDATE OR DELETE ON services FOR EACH ROW
    EXECUTE FUNCTION mp_audit('service', 'name', 'name', 'added', 'name', 'active');
CREATE TRIGGER audit_departments AFTER INSERT OR UPDATE OR DELETE ON departments FOR EACH ROW
    EXECUTE FUNCTION mp_audit('department', 'name', 'name', 'added', 'name', 'active');
CREATE TRIGGER audit_problems AFTER INSERT OR UPDATE OR DELETE ON problems FOR EACH ROW
    EXECUTE FUNCTION mp_audit('problem', 'id', 'title', 'added', 'title', 'root_cause', 'workaround', 'permanent_fix', 'status');
CREATE TRIGGER audit_knowledge AFTER INSERT OR UPDATE OR DELETE ON knowledge FOR EACH ROW
    EXECUTE FUNCTION mp_audit('knowledge', 'id', 'title', 'added', 'title', 'body', 'tags', 'service', 'category');

-- A person's teams and a category's subcategories are named by the row they
-- belong to.
CREATE FUNCTION mp_audit_agent_teams() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
BEGIN
    IF mp_privacy_running() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO audit (subject, key, kind, field, new_value)
        VALUES ('agent', coalesce((SELECT login FROM agents WHERE id = NEW.agent_id), NEW.agent_id::text), 'added', 'team',
                coalesce((SELECT name FROM teams WHERE id = NEW.team_id), NEW.team_id::text));
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit (subject, key, kind, field, old_value)
        VALUES ('agent', coalesce((SELECT login FROM agents WHERE id = OLD.agent_id), OLD.agent_id::text), 'removed', 'team',
                coalesce((SELECT name FROM teams WHERE id = OLD.team_id), OLD.team_id::text));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_agent_teams AFTER INSERT OR DELETE ON agent_teams FOR EACH ROW
    EXECUTE FUNCTION mp_audit_agent_teams();

CREATE FUNCTION mp_audit_subcategories() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    category TEXT;
BEGIN
    IF mp_privacy_running() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        category := coalesce((SELECT name FROM categories WHERE id = NEW.category_id), NEW.category_id::text);
        INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('subcategory', category, 'added', 'name', NEW.name);
    ELSIF TG_OP = 'DELETE' THEN
        category := coalesce((SELECT name FROM categories WHERE id = OLD.category_id), OLD.category_id::text);
        INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('subcategory', category, 'removed', 'name', OLD.name);
    ELSE
        category := coalesce((SELECT name FROM categories WHERE id = NEW.category_id), NEW.category_id::text)
            || ' / ' || NEW.name;
        IF OLD.name IS DISTINCT FROM NEW.name THEN
            INSERT INTO audit (subject, key, kind, field, old_value, new_value)
            VALUES ('subcategory', category, 'changed', 'name', OLD.name, NEW.name);
        END IF;
        IF OLD.active IS DISTINCT FROM NEW.active THEN
            INSERT INTO audit (subject, key, kind, field, old_value, new_value)
            VALUES ('subcategory', category, 'changed', 'active', OLD.active::text, NEW.active::text);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_subcategories AFTER INSERT OR UPDATE OR DELETE ON subcategories FOR EACH ROW
    EXECUTE FUNCTION mp_audit_subcategories();

-- Every table with numbered rows numbers the next, and every table
-- meldpunt keeps moves the change stamp.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['problems', 'knowledge', 'tickets', 'events', 'entries', 'categories',
        'subcategories', 'services', 'departments', 'teams', 'agents', 'review_actions', 'privacy_log', 'audit'] LOOP
        EXECUTE format('CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW EXECUTE FUNCTION mp_next_id()',
            t || '_next_id', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['problems', 'knowledge', 'tickets', 'events', 'entries', 'categories',
        'subcategories', 'services', 'departments', 'teams', 'agents', 'agent_teams', 'checklist', 'reviews',
        'review_actions', 'presence', 'settings', 'ticket_access', 'privacy_log', 'audit'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
            FOR EACH STATEMENT EXECUTE FUNCTION mp_changed()', t || '_changed', t);
    END LOOP;
END $$;
