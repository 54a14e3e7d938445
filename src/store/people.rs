//! Teams and the people in them, with how much open work each has.

use super::sql::{OptionalExtension, named_params};
use crate::domain::access::Permission;
use crate::domain::limits::Input;
use crate::domain::people::{AgentInfo, AgentRecord, TeamInfo, Workload};
use std::collections::BTreeMap;

use super::reference::ensure_agent;
use super::{Result, Store, StoreError};

/// A JSON array of names, as `Dialect::json_array_of` gives it: a name with a
/// comma in it stays one name.
fn list(column: usize, json: &str) -> super::sql::Result<Vec<String>> {
    serde_json::from_str(json).map_err(|e| super::sql::Error::conversion(column, e))
}

impl Store {
    /// Open work per team and priority, in one pass over the open tickets.
    fn workload(&self, by: &str) -> Result<BTreeMap<String, Workload>> {
        let sql = match by {
            "team" => "SELECT team, priority, count(*) FROM tickets WHERE is_open = 1 GROUP BY team, priority",
            _ => "SELECT assignee, priority, count(*) FROM tickets WHERE is_open = 1 GROUP BY assignee, priority",
        };
        let mut stmt = self.db().prepare_cached(sql)?;
        let mut out: BTreeMap<String, Workload> = BTreeMap::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))?;
        for row in rows {
            let (who, priority, n) = row?;
            out.entry(who).or_default()[(priority.clamp(0, 4)) as usize] += n.max(0) as u64;
        }
        Ok(out)
    }

    /// Every team with its members and open work, active ones first.
    pub fn teams(&self) -> Result<Vec<TeamInfo>> {
        let load = self.workload("team")?;
        let sql = format!(
            "SELECT t.name, t.line, t.active,
                    (SELECT {} FROM
                        (SELECT a.login FROM agent_teams m JOIN agents a ON a.id = m.agent_id
                         WHERE m.team_id = t.id AND a.active = 1 ORDER BY a.login) logins)
             FROM teams t ORDER BY t.active DESC, t.name",
            self.db().dialect().json_array_of("login")
        );
        let mut stmt = self.db().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            let members: String = r.get(3)?;
            Ok(TeamInfo {
                name: r.get(0)?,
                line: r.get(1)?,
                active: r.get(2)?,
                members: list(3, &members)?,
                open: Workload::default(),
            })
        })?;
        let mut teams: Vec<TeamInfo> = rows.collect::<super::sql::Result<_>>()?;
        for team in &mut teams {
            team.open = load.get(&team.name).copied().unwrap_or_default();
        }
        Ok(teams)
    }

    /// Every person with their teams and open work, active ones first.
    pub fn agents(&self) -> Result<Vec<AgentInfo>> {
        let load = self.workload("assignee")?;
        let sql = format!(
            "SELECT a.login, a.name, a.email, a.line, a.role, a.active,
                    (SELECT {} FROM
                        (SELECT t.name FROM agent_teams m JOIN teams t ON t.id = m.team_id
                         WHERE m.agent_id = a.id ORDER BY t.name) names)
             FROM agents a ORDER BY a.active DESC, a.name",
            self.db().dialect().json_array_of("name")
        );
        let mut stmt = self.db().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            let teams: String = r.get(6)?;
            let login: String = r.get(0)?;
            Ok(AgentInfo {
                open: load.get(&login).copied().unwrap_or_default(),
                login,
                name: r.get(1)?,
                email: r.get(2)?,
                line: r.get(3)?,
                role: r.get(4)?,
                active: r.get(5)?,
                teams: list(6, &teams)?,
            })
        })?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    /// A new team on a support line; an old, removed team of that name comes back.
    pub fn add_team(&self, name: &str, line: u8) -> Result<()> {
        let name = name.trim();
        super::checks::text(Input::Team, name)?;
        self.write(Permission::ManagePeople, |conn| {
            let active: Option<bool> = conn
                .prepare_cached("SELECT active FROM teams WHERE name = ?1")?
                .query_row([name], |r| r.get(0))
                .optional()?;
            match active {
                Some(true) => Err(StoreError::Exists(name.to_string())),
                Some(false) => {
                    conn.prepare_cached("UPDATE teams SET active = 1, line = ?2 WHERE name = ?1")?
                        .execute(super::sql::params![name, line])?;
                    Ok(())
                }
                None => {
                    conn.prepare_cached("INSERT INTO teams (name, line) VALUES (?1, ?2)")?
                        .execute(super::sql::params![name, line])?;
                    Ok(())
                }
            }
        })
    }

    /// Removes a team from the pick lists. Its tickets keep their history.
    pub fn remove_team(&self, name: &str) -> Result<()> {
        self.write(Permission::ManagePeople, |conn| {
            let changed =
                conn.prepare_cached("UPDATE teams SET active = 0 WHERE name = ?1 AND active = 1")?.execute([name])?;
            if changed == 0 {
                return Err(StoreError::UnknownName(name.to_string()));
            }
            Ok(())
        })
    }

    /// A new person; the teams named must exist. Only an admin makes an admin.
    pub fn add_agent(&self, agent: &AgentRecord) -> Result<()> {
        if agent.role == crate::domain::escalation::Role::Admin.code() {
            self.permit(Permission::Settings)?;
        }
        super::checks::text(Input::Login, &agent.login)?;
        super::checks::text(Input::PersonName, &agent.name)?;
        super::checks::opt_text(Input::Email, agent.email.as_deref())?;
        self.write(Permission::ManagePeople, |conn| {
            super::checks::known(conn, Input::Line, &agent.line.to_string(), None)?;
            let exists: Option<bool> = conn
                .prepare_cached("SELECT active FROM agents WHERE login = ?1")?
                .query_row([&agent.login], |r| r.get(0))
                .optional()?;
            if exists == Some(true) {
                return Err(StoreError::Exists(agent.login.clone()));
            }
            for team in &agent.teams {
                super::checks::known(conn, Input::Team, team, None)?;
            }
            if exists == Some(false) {
                conn.prepare_cached(
                    "UPDATE agents SET active = 1, name = :name, email = :email, line = :line, role = :role
                     WHERE login = :login",
                )?
                .execute(named_params! {
                    ":login": agent.login, ":name": agent.name, ":email": agent.email, ":line": agent.line,
                    ":role": agent.role,
                })?;
            }
            ensure_agent(conn, agent)
        })
    }

    /// Removes a person from assignment lists; their past work stays theirs.
    pub fn remove_agent(&self, login: &str) -> Result<()> {
        let role: Option<String> = self
            .db()
            .query_row("SELECT role FROM agents WHERE login = ?1 AND active = 1", [login], |r| r.get(0))
            .optional()?;
        if role.as_deref() == Some(crate::domain::escalation::Role::Admin.code()) {
            // Only an admin removes an admin, and never the last one.
            self.permit(Permission::Settings)?;
            let admins: i64 =
                self.db()
                    .query_row("SELECT count(*) FROM agents WHERE role = 'admin' AND active = 1", [], |r| r.get(0))?;
            if admins <= 1 {
                return Err(StoreError::LastAdmin(login.to_string()));
            }
        }
        self.write(Permission::ManagePeople, |conn| {
            let changed = conn
                .prepare_cached("UPDATE agents SET active = 0 WHERE login = ?1 AND active = 1")?
                .execute([login])?;
            if changed == 0 {
                return Err(StoreError::UnknownName(login.to_string()));
            }
            Ok(())
        })
    }
}
