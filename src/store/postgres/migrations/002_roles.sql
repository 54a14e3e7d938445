-- Schema version 2 on PostgreSQL: the server enforces who may do what.
-- Four group roles per database (DATABASE_operator, _technician, _lead,
-- _admin) hold the grants of the role table in the README; a login works
-- as the role it is a member of (the schema's owner as admin). Events and
-- the audit trail are append-only for every login, restricted tickets are
-- hidden by row-level security, and what a role may not change in a
-- ticket is refused by a trigger.

-- The group role of `role` in this database, by name.
CREATE FUNCTION mp_group(role text) RETURNS text LANGUAGE sql STABLE
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
    SELECT left(current_database(), 50) || '_' || role
$$;

-- The role the session's login works as: the schema's owner is admin,
-- otherwise the highest role it is a member of; none for a stranger.
CREATE FUNCTION mp_role() RETURNS text LANGUAGE sql STABLE
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN session_user::regrole = (SELECT nspowner FROM pg_namespace WHERE nspname = 'meldpunt')::regrole
            THEN 'admin'
        ELSE (SELECT r.role FROM (VALUES ('admin', 1), ('lead', 2), ('operator', 3), ('technician', 4)) AS r(role, rank)
              WHERE EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = mp_group(r.role)
                            AND pg_has_role(session_user, g.oid, 'MEMBER'))
              ORDER BY r.rank LIMIT 1)
    END
$$;

-- The restricted tickets the session's login may not see: not assigned to
-- them, not given to a team of theirs; none for leads and admins.
CREATE FUNCTION mp_hidden_tickets() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
    SELECT CASE WHEN mp_role() IN ('lead', 'admin') THEN '{}'::bigint[] ELSE coalesce(array_agg(r.id), '{}') END
    FROM tickets r WHERE r.restricted = 1 AND r.assignee <> session_user
      AND r.id NOT IN (SELECT ta.ticket_id FROM ticket_access ta JOIN teams tm ON tm.name = ta.team
                       JOIN agent_teams m ON m.team_id = tm.id JOIN agents a ON a.id = m.agent_id
                       WHERE a.login = session_user)
$$;

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON tickets USING (restricted = 0 OR NOT (id = ANY (CAST((SELECT mp_hidden_tickets()) AS bigint[]))))
    WITH CHECK (true);
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['events', 'entries', 'checklist', 'reviews', 'review_actions', 'presence', 'ticket_access'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY visible ON %I USING (NOT (ticket_id = ANY (CAST((SELECT mp_hidden_tickets()) AS bigint[]))))
                        WITH CHECK (NOT (ticket_id = ANY (CAST((SELECT mp_hidden_tickets()) AS bigint[]))))', t);
    END LOOP;
END $$;

-- What a role may change in a ticket, whatever statement changes it.
CREATE FUNCTION mp_ticket_rights() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    role TEXT := mp_role();
BEGIN
    IF role IS NULL THEN
        RAISE EXCEPTION '% is not among the people of this servicedesk', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF role = 'technician' THEN
            RAISE EXCEPTION 'a technician does not register tickets' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF role NOT IN ('lead', 'admin') AND NEW.restricted <> 0 THEN
            RAISE EXCEPTION 'only a lead restricts a ticket' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF role = 'technician' AND (
        NEW.kind, NEW.title, NEW.description, NEW.reporter_name, NEW.reporter_email, NEW.reporter_phone,
        NEW.department, NEW.channel, NEW.service, NEW.category, NEW.subcategory, NEW.impact, NEW.urgency, NEW.priority
    ) IS DISTINCT FROM (
        OLD.kind, OLD.title, OLD.description, OLD.reporter_name, OLD.reporter_email, OLD.reporter_phone,
        OLD.department, OLD.channel, OLD.service, OLD.category, OLD.subcategory, OLD.impact, OLD.urgency, OLD.priority
    ) THEN
        RAISE EXCEPTION 'a technician does not change what the reporter told or the classification'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF role NOT IN ('lead', 'admin') AND OLD.status = 'closed' AND NEW.status <> 'closed' THEN
        RAISE EXCEPTION 'only a lead reopens a closed ticket' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF role NOT IN ('lead', 'admin') AND NEW.restricted IS DISTINCT FROM OLD.restricted THEN
        RAISE EXCEPTION 'only a lead restricts a ticket' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tickets_rights BEFORE INSERT OR UPDATE ON tickets FOR EACH ROW EXECUTE FUNCTION mp_ticket_rights();

-- A login writes history in its own name (or the program's, `system`, for
-- what a deadline did); only an admin (loading history) names others.
CREATE FUNCTION mp_history_rights() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.actor NOT IN (session_user::text, 'system') AND mp_role() IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION '% may not write history in the name of %', session_user, NEW.actor
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER events_rights BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION mp_history_rights();
CREATE TRIGGER entries_rights BEFORE INSERT ON entries FOR EACH ROW EXECUTE FUNCTION mp_history_rights();

-- People: only a lead or an admin changes them, only an admin makes or
-- unmakes an admin; the login's membership of the group roles follows its
-- role. Where the schema's owner may not grant, the exact GRANT for a DBA
-- is told (notice MPDBA).
CREATE FUNCTION mp_agent_rights() RETURNS trigger LANGUAGE plpgsql
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    role TEXT := mp_role();
BEGIN
    IF role NOT IN ('lead', 'admin') OR role IS NULL THEN
        RAISE EXCEPTION 'only a lead or an admin changes people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF role <> 'admin' AND ((TG_OP <> 'DELETE' AND NEW.role = 'admin') OR (TG_OP <> 'INSERT' AND OLD.role = 'admin')) THEN
        RAISE EXCEPTION 'only an admin makes or unmakes an admin' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;
CREATE TRIGGER agents_rights BEFORE INSERT OR UPDATE OR DELETE ON agents FOR EACH ROW EXECUTE FUNCTION mp_agent_rights();

CREATE FUNCTION mp_agent_membership() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    login TEXT := CASE TG_OP WHEN 'DELETE' THEN OLD.login ELSE NEW.login END;
    wanted TEXT := CASE WHEN TG_OP <> 'DELETE' AND NEW.active = 1 THEN NEW.role END;
    r TEXT;
    sql TEXT;
BEGIN
    -- A login renamed away keeps no role.
    IF TG_OP = 'UPDATE' AND OLD.login <> NEW.login
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = OLD.login AND rolcanlogin) THEN
        FOREACH r IN ARRAY ARRAY['operator', 'technician', 'lead', 'admin'] LOOP
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = mp_group(r)) AND pg_has_role(OLD.login, mp_group(r), 'MEMBER') THEN
                sql := format('REVOKE %I FROM %I', mp_group(r), OLD.login);
                BEGIN
                    EXECUTE sql;
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE USING MESSAGE = sql, ERRCODE = 'MPDBA';
                END;
            END IF;
        END LOOP;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolcanlogin) THEN
        RETURN NULL;
    END IF;
    FOREACH r IN ARRAY ARRAY['operator', 'technician', 'lead', 'admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = mp_group(r)) THEN
            CONTINUE;
        END IF;
        IF r = wanted THEN
            sql := format('GRANT %I TO %I', mp_group(r), login);
        ELSIF pg_has_role(login, mp_group(r), 'MEMBER') THEN
            sql := format('REVOKE %I FROM %I', mp_group(r), login);
        ELSE
            CONTINUE;
        END IF;
        BEGIN
            EXECUTE sql;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE USING MESSAGE = sql, ERRCODE = 'MPDBA';
        END;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER agents_membership AFTER INSERT OR UPDATE OF role, active, login OR DELETE ON agents
    FOR EACH ROW EXECUTE FUNCTION mp_agent_membership();

-- The privacy erase rewrites what is otherwise kept (events among it) only
-- through this function: for an admin, while their privacy action runs,
-- in the tables and columns that can mention a person, each rewrite
-- counted on the action's own log entry.
CREATE FUNCTION mp_privacy_rewrite(tab text, col text, keycol text, row_id bigint, value text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    changed BIGINT;
BEGIN
    IF mp_role() IS DISTINCT FROM 'admin' THEN
        RAISE EXCEPTION 'only an admin erases a person' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1 AND actor = session_user) THEN
        RAISE EXCEPTION 'no privacy action of % is running', session_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (tab, col, keycol) NOT IN (
        ('tickets', 'title', 'id'), ('tickets', 'description', 'id'), ('tickets', 'reporter_name', 'id'),
        ('tickets', 'reporter_email', 'id'), ('tickets', 'reporter_phone', 'id'), ('tickets', 'cause', 'id'),
        ('tickets', 'measures', 'id'), ('tickets', 'solution', 'id'), ('tickets', 'feedback_comment', 'id'),
        ('tickets', 'supplier', 'id'), ('tickets', 'coordinator', 'id'), ('tickets', 'communication_lead', 'id'),
        ('tickets', 'department', 'id'),
        ('entries', 'recipient', 'id'), ('entries', 'subject', 'id'), ('entries', 'body', 'id'), ('entries', 'error', 'id'),
        ('events', 'old_value', 'id'), ('events', 'new_value', 'id'), ('events', 'note', 'id'),
        ('reviews', 'what_happened', 'ticket_id'), ('reviews', 'cause', 'ticket_id'), ('reviews', 'went_well', 'ticket_id'),
        ('reviews', 'went_badly', 'ticket_id'), ('reviews', 'recommendations', 'ticket_id'),
        ('review_actions', 'description', 'id'), ('review_actions', 'owner', 'id'),
        ('problems', 'title', 'id'), ('problems', 'root_cause', 'id'), ('problems', 'workaround', 'id'),
        ('problems', 'permanent_fix', 'id'), ('knowledge', 'title', 'id'), ('knowledge', 'body', 'id'),
        ('knowledge', 'tags', 'id'), ('audit', 'key', 'id'), ('audit', 'old_value', 'id'), ('audit', 'new_value', 'id')
    ) THEN
        RAISE EXCEPTION 'the privacy erase does not rewrite %.%', tab, col USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('UPDATE %I SET %I = $1 WHERE %I = $2', tab, col, keycol) USING value, row_id;
    GET DIAGNOSTICS changed = ROW_COUNT;
    UPDATE privacy_log SET records = records + changed WHERE running = 1 AND actor = session_user;
    RETURN changed;
END $$;
REVOKE ALL ON FUNCTION mp_privacy_rewrite(text, text, text, bigint, text) FROM PUBLIC;

-- The recipients of a ticket's messages, erased with its reporter, the same way.
CREATE FUNCTION mp_privacy_forget_recipients(ticket bigint, value text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = meldpunt, pg_catalog, pg_temp AS $$
DECLARE
    changed BIGINT;
BEGIN
    IF mp_role() IS DISTINCT FROM 'admin'
       OR NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1 AND actor = session_user) THEN
        RAISE EXCEPTION 'only an admin, within a privacy action of their own, erases a person'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE entries SET recipient = value WHERE ticket_id = ticket AND recipient IS NOT NULL;
    GET DIAGNOSTICS changed = ROW_COUNT;
    RETURN changed;
END $$;
REVOKE ALL ON FUNCTION mp_privacy_forget_recipients(bigint, text) FROM PUBLIC;

-- What triggers write on a login's behalf (the audit trail, the change
-- stamp) they write as the schema's owner; the
-- audit trail names the login the server authenticated.
ALTER FUNCTION mp_changed() SECURITY DEFINER;
ALTER FUNCTION mp_audit() SECURITY DEFINER;
ALTER FUNCTION mp_audit_agent_teams() SECURITY DEFINER;
ALTER FUNCTION mp_audit_subcategories() SECURITY DEFINER;
ALTER TABLE audit ALTER COLUMN actor SET DEFAULT session_user;

-- The group roles (made here where the schema's owner may create roles,
-- else the setting up stops and names what a DBA runs first) and their grants.
DO $$
DECLARE
    r TEXT;
    everyone TEXT;
    missing TEXT := '';
    may_create BOOLEAN := (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user);
BEGIN
    FOREACH r IN ARRAY ARRAY['operator', 'technician', 'lead', 'admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = mp_group(r)) THEN
            IF may_create THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', mp_group(r));
            ELSE
                missing := missing || format('CREATE ROLE %I NOLOGIN; ', mp_group(r));
            END IF;
        END IF;
    END LOOP;
    IF missing <> '' THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = 'meldpunt needs roles: ' || missing;
    END IF;
    everyone := format('%I, %I, %I, %I', mp_group('operator'), mp_group('technician'), mp_group('lead'), mp_group('admin'));
    EXECUTE 'REVOKE ALL ON SCHEMA meldpunt FROM PUBLIC';
    EXECUTE 'REVOKE ALL ON ALL TABLES IN SCHEMA meldpunt FROM PUBLIC';
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), everyone);
    EXECUTE format('GRANT USAGE ON SCHEMA meldpunt TO %s', everyone);
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA meldpunt TO %s', everyone);
    -- Everyone works on tickets: notes, messages, status, assignment,
    -- closing, reviews, problems and articles; the trigger above narrows it.
    EXECUTE format('GRANT UPDATE ON tickets TO %s', everyone);
    EXECUTE format('GRANT INSERT ON events, entries, checklist, reviews, review_actions, problems, knowledge TO %s', everyone);
    EXECUTE format('GRANT UPDATE ON reviews, review_actions, problems, knowledge TO %s', everyone);
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON presence TO %s', everyone);
    EXECUTE format('GRANT DELETE ON checklist, review_actions TO %s', everyone);
    EXECUTE format('GRANT UPDATE (actor) ON audit TO %s', everyone);
    -- Registering: operators, leads and admins.
    EXECUTE format('GRANT INSERT ON tickets TO %I, %I, %I', mp_group('operator'), mp_group('lead'), mp_group('admin'));
    -- Teams, people and restrictions: leads and admins.
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON teams, agents, agent_teams, ticket_access TO %I, %I',
                   mp_group('lead'), mp_group('admin'));
    -- Reference data, settings, privacy and retention: admins.
    EXECUTE format('GRANT INSERT, UPDATE, DELETE ON categories, subcategories, services, departments, settings TO %I',
                   mp_group('admin'));
    EXECUTE format('GRANT INSERT, UPDATE ON privacy_log TO %I', mp_group('admin'));
    EXECUTE format('GRANT DELETE ON tickets TO %I', mp_group('admin'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION mp_privacy_rewrite(text, text, text, bigint, text) TO %I', mp_group('admin'));
    EXECUTE format('GRANT EXECUTE ON FUNCTION mp_privacy_forget_recipients(bigint, text) TO %I', mp_group('admin'));
    -- Events and the audit trail: no login changes or removes a row.
    -- (A table's UPDATE revoked would take the audit's column grant with it.)
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON events FROM %s', everyone);
    EXECUTE format('REVOKE DELETE, TRUNCATE ON audit FROM %s', everyone);
END $$;
