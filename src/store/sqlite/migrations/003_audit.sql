-- Schema version 3: the audit trail. Every change to people, their roles
-- and teams, settings, teams, reference data, problems and knowledge
-- articles is written here by triggers, whichever path made it: who, when,
-- what, old -> new. Rows are never changed or removed; the store names the
-- person (`actor`) in the same transaction, so a row without one was
-- written outside meldpunt. During a privacy action (erasing a person)
-- nothing is logged, and its texts may be anonymised.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL DEFAULT (unixepoch()),
    actor       TEXT,
    -- 'agent', 'team', 'setting', 'category', 'subcategory', 'service',
    -- 'department', 'problem', 'knowledge'
    subject     TEXT    NOT NULL,
    -- Which one: a login, a name, a setting's key, a number.
    key         TEXT    NOT NULL,
    -- 'added', 'changed' or 'removed'
    kind        TEXT    NOT NULL,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX audit_unstamped ON audit(id) WHERE actor IS NULL;

CREATE TRIGGER audit_is_kept BEFORE UPDATE ON audit
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1)
     AND (old.actor IS NOT NULL OR new.at IS NOT old.at OR new.subject IS NOT old.subject
          OR new.key IS NOT old.key OR new.kind IS NOT old.kind OR new.field IS NOT old.field
          OR new.old_value IS NOT old.old_value OR new.new_value IS NOT old.new_value) BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_is_not_removed BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- People: their name, address, line, role and whether they are active.
CREATE TRIGGER audit_agents_insert AFTER INSERT ON agents
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('agent', new.login, 'added', 'role', new.role);
END;
CREATE TRIGGER audit_agents_update AFTER UPDATE ON agents
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'agent', new.login, 'changed', f, o, n FROM (
        SELECT 'login' AS f, old.login AS o, new.login AS n
        UNION ALL SELECT 'name', old.name, new.name
        UNION ALL SELECT 'email', old.email, new.email
        UNION ALL SELECT 'line', old.line, new.line
        UNION ALL SELECT 'role', old.role, new.role
        UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_agents_delete AFTER DELETE ON agents
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('agent', old.login, 'removed', 'role', old.role);
END;
CREATE TRIGGER audit_agent_teams_insert AFTER INSERT ON agent_teams
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value)
    VALUES ('agent', coalesce((SELECT login FROM agents WHERE id = new.agent_id), new.agent_id), 'added', 'team',
            coalesce((SELECT name FROM teams WHERE id = new.team_id), new.team_id));
END;
CREATE TRIGGER audit_agent_teams_delete AFTER DELETE ON agent_teams
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value)
    VALUES ('agent', coalesce((SELECT login FROM agents WHERE id = old.agent_id), old.agent_id), 'removed', 'team',
            coalesce((SELECT name FROM teams WHERE id = old.team_id), old.team_id));
END;

-- Teams.
CREATE TRIGGER audit_teams_insert AFTER INSERT ON teams
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('team', new.name, 'added', 'line', new.line);
END;
CREATE TRIGGER audit_teams_update AFTER UPDATE ON teams
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'team', new.name, 'changed', f, o, n FROM (
        SELECT 'name' AS f, old.name AS o, new.name AS n
        UNION ALL SELECT 'line', old.line, new.line
        UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_teams_delete AFTER DELETE ON teams
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('team', old.name, 'removed', 'line', old.line);
END;

-- Settings.
CREATE TRIGGER audit_settings_insert AFTER INSERT ON settings
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('setting', new.key, 'changed', 'value', new.value);
END;
CREATE TRIGGER audit_settings_update AFTER UPDATE ON settings
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) AND old.value IS NOT new.value BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    VALUES ('setting', new.key, 'changed', 'value', old.value, new.value);
END;
CREATE TRIGGER audit_settings_delete AFTER DELETE ON settings
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('setting', old.key, 'removed', 'value', old.value);
END;

-- Reference data: categories, subcategories, services, departments.
CREATE TRIGGER audit_categories_insert AFTER INSERT ON categories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('category', new.name, 'added', 'name', new.name);
END;
CREATE TRIGGER audit_categories_update AFTER UPDATE ON categories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'category', new.name, 'changed', f, o, n FROM (
        SELECT 'name' AS f, old.name AS o, new.name AS n UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_categories_delete AFTER DELETE ON categories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('category', old.name, 'removed', 'name', old.name);
END;
CREATE TRIGGER audit_subcategories_insert AFTER INSERT ON subcategories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value)
    VALUES ('subcategory', coalesce((SELECT name FROM categories WHERE id = new.category_id), new.category_id),
            'added', 'name', new.name);
END;
CREATE TRIGGER audit_subcategories_update AFTER UPDATE ON subcategories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'subcategory', coalesce((SELECT name FROM categories WHERE id = new.category_id), new.category_id)
           || ' / ' || new.name, 'changed', f, o, n FROM (
        SELECT 'name' AS f, old.name AS o, new.name AS n UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_subcategories_delete AFTER DELETE ON subcategories
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value)
    VALUES ('subcategory', coalesce((SELECT name FROM categories WHERE id = old.category_id), old.category_id),
            'removed', 'name', old.name);
END;
CREATE TRIGGER audit_services_insert AFTER INSERT ON services
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('service', new.name, 'added', 'name', new.name);
END;
CREATE TRIGGER audit_services_update AFTER UPDATE ON services
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'service', new.name, 'changed', f, o, n FROM (
        SELECT 'name' AS f, old.name AS o, new.name AS n UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_services_delete AFTER DELETE ON services
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('service', old.name, 'removed', 'name', old.name);
END;
CREATE TRIGGER audit_departments_insert AFTER INSERT ON departments
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('department', new.name, 'added', 'name', new.name);
END;
CREATE TRIGGER audit_departments_update AFTER UPDATE ON departments
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'department', new.name, 'changed', f, o, n FROM (
        SELECT 'name' AS f, old.name AS o, new.name AS n UNION ALL SELECT 'active', old.active, new.active
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_departments_delete AFTER DELETE ON departments
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value)
    VALUES ('department', old.name, 'removed', 'name', old.name);
END;

-- Problems and knowledge articles: their texts and status.
CREATE TRIGGER audit_problems_insert AFTER INSERT ON problems
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('problem', new.id, 'added', 'title', new.title);
END;
CREATE TRIGGER audit_problems_update AFTER UPDATE ON problems
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'problem', new.id, 'changed', f, o, n FROM (
        SELECT 'title' AS f, old.title AS o, new.title AS n
        UNION ALL SELECT 'root_cause', old.root_cause, new.root_cause
        UNION ALL SELECT 'workaround', old.workaround, new.workaround
        UNION ALL SELECT 'permanent_fix', old.permanent_fix, new.permanent_fix
        UNION ALL SELECT 'status', old.status, new.status
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_problems_delete AFTER DELETE ON problems
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('problem', old.id, 'removed', 'title', old.title);
END;
CREATE TRIGGER audit_knowledge_insert AFTER INSERT ON knowledge
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, new_value) VALUES ('knowledge', new.id, 'added', 'title', new.title);
END;
CREATE TRIGGER audit_knowledge_update AFTER UPDATE ON knowledge
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value, new_value)
    SELECT 'knowledge', new.id, 'changed', f, o, n FROM (
        SELECT 'title' AS f, old.title AS o, new.title AS n
        UNION ALL SELECT 'body', old.body, new.body
        UNION ALL SELECT 'tags', old.tags, new.tags
        UNION ALL SELECT 'service', old.service, new.service
        UNION ALL SELECT 'category', old.category, new.category
    ) WHERE o IS NOT n;
END;
CREATE TRIGGER audit_knowledge_delete AFTER DELETE ON knowledge
    WHEN NOT EXISTS (SELECT 1 FROM privacy_log WHERE running = 1) BEGIN
    INSERT INTO audit (subject, key, kind, field, old_value) VALUES ('knowledge', old.id, 'removed', 'title', old.title);
END;
