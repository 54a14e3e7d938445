//! Pick-list values and the people and teams tickets are assigned to.

use super::sql::{Db, OptionalExtension, named_params};
use crate::domain::access::Permission;

use super::{Result, Store};
use crate::domain::people::AgentRecord;
use crate::domain::reference::{CategorySeed, ChoiceList, PickLists, ReferenceData};

fn names(conn: &dyn Db, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<super::sql::Result<_>>()?)
}

/// Adds pick-list values that are missing; existing ones are kept.
pub(super) fn ensure_reference(conn: &dyn Db, data: &ReferenceData) -> Result<()> {
    use crate::domain::limits::Input;
    for category in &data.categories {
        super::checks::text(Input::Category, &category.name)?;
        for sub in &category.subcategories {
            super::checks::text(Input::Subcategory, sub)?;
        }
    }
    for (input, names) in [(Input::Service, &data.services), (Input::Department, &data.departments)] {
        for name in names {
            super::checks::text(input, name)?;
        }
    }
    for team in &data.teams {
        super::checks::text(Input::Team, &team.name)?;
    }
    for category in &data.categories {
        conn.prepare_cached("INSERT INTO categories (name) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute([&category.name])?;
        for sub in &category.subcategories {
            conn.prepare_cached(
                "INSERT INTO subcategories (category_id, name)
                 SELECT id, :sub FROM categories WHERE name = :category ON CONFLICT DO NOTHING",
            )?
            .execute(named_params! { ":sub": sub, ":category": category.name })?;
        }
    }
    for service in &data.services {
        conn.prepare_cached("INSERT INTO services (name) VALUES (?1) ON CONFLICT DO NOTHING")?.execute([service])?;
    }
    for department in &data.departments {
        conn.prepare_cached("INSERT INTO departments (name) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute([department])?;
    }
    for team in &data.teams {
        conn.prepare_cached("INSERT INTO teams (name, line) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
            .execute(super::sql::params![team.name, team.line])?;
    }
    Ok(())
}

pub(super) fn ensure_agent(conn: &dyn Db, agent: &AgentRecord) -> Result<()> {
    use crate::domain::limits::Input;
    super::checks::text(Input::Login, &agent.login)?;
    super::checks::text(Input::PersonName, &agent.name)?;
    super::checks::opt_text(Input::Email, agent.email.as_deref())?;
    for team in &agent.teams {
        super::checks::text(Input::Team, team)?;
    }
    conn.prepare_cached(
        "INSERT INTO agents (login, name, email, line, role) VALUES (:login, :name, :email, :line, :role) ON CONFLICT DO NOTHING",
    )?
    .execute(named_params! {
        ":login": agent.login, ":name": agent.name, ":email": agent.email, ":line": agent.line, ":role": agent.role,
    })?;
    for team in &agent.teams {
        conn.prepare_cached("INSERT INTO teams (name) VALUES (?1) ON CONFLICT DO NOTHING")?.execute([team])?;
        conn.prepare_cached(
            "INSERT INTO agent_teams (agent_id, team_id)
             SELECT a.id, t.id FROM agents a, teams t WHERE a.login = :login AND t.name = :team ON CONFLICT DO NOTHING",
        )?
        .execute(named_params! { ":login": agent.login, ":team": team })?;
    }
    Ok(())
}

impl Store {
    /// Refuses a name (a team, a person, a pick-list value) that never
    /// existed here, naming those that do; one that has gone since is known.
    pub fn ever_known(&self, input: crate::domain::limits::Input, value: &str) -> Result<()> {
        super::checks::ever_known(self.db(), input, value, None)
    }

    /// Fills the pick lists on a new database; on an existing one only
    /// missing values are added.
    pub fn seed_reference(&self, data: &ReferenceData) -> Result<()> {
        self.write(Permission::ReferenceData, |conn| ensure_reference(conn, data))
    }

    /// Adds one value to a pick list, or makes a retired one current again.
    pub fn add_choice(&self, list: &ChoiceList, name: &str) -> Result<()> {
        use crate::domain::limits::Input;
        let name = name.trim();
        self.write(Permission::ReferenceData, |conn| {
            let (input, sql) = match list {
                ChoiceList::Department => (
                    Input::Department,
                    "INSERT INTO departments (name) VALUES (:name) ON CONFLICT (name) DO UPDATE SET active = 1",
                ),
                ChoiceList::Service => (
                    Input::Service,
                    "INSERT INTO services (name) VALUES (:name) ON CONFLICT (name) DO UPDATE SET active = 1",
                ),
                ChoiceList::Category => (
                    Input::Category,
                    "INSERT INTO categories (name) VALUES (:name) ON CONFLICT (name) DO UPDATE SET active = 1",
                ),
                ChoiceList::Subcategory(category) => {
                    let found: Option<i64> = conn
                        .prepare_cached("SELECT id FROM categories WHERE name = ?1")?
                        .query_row([category], |r| r.get(0))
                        .optional()?;
                    let id = found.ok_or_else(|| super::StoreError::UnknownName(category.clone()))?;
                    super::checks::text(Input::Subcategory, name)?;
                    conn.prepare_cached(
                        "INSERT INTO subcategories (category_id, name) VALUES (:id, :name)
                         ON CONFLICT (category_id, name) DO UPDATE SET active = 1",
                    )?
                    .execute(named_params! { ":id": id, ":name": name })?;
                    return Ok(());
                }
            };
            super::checks::text(input, name)?;
            conn.prepare_cached(sql)?.execute(named_params! { ":name": name })?;
            Ok(())
        })
    }

    /// The active pick-list values, sorted by name.
    pub fn pick_lists(&self) -> Result<PickLists> {
        let conn = self.db();
        let category_names = names(conn, "SELECT name FROM categories WHERE active = 1 ORDER BY name")?;
        let mut categories = Vec::with_capacity(category_names.len());
        for name in category_names {
            let mut stmt = conn.prepare_cached(
                "SELECT s.name FROM subcategories s JOIN categories c ON c.id = s.category_id
                 WHERE c.name = ?1 AND s.active = 1 ORDER BY s.name",
            )?;
            let subcategories = stmt.query_map([&name], |r| r.get(0))?.collect::<super::sql::Result<_>>()?;
            categories.push(CategorySeed { name, subcategories });
        }
        Ok(PickLists {
            categories,
            services: names(conn, "SELECT name FROM services WHERE active = 1 ORDER BY name")?,
            departments: names(conn, "SELECT name FROM departments WHERE active = 1 ORDER BY name")?,
            teams: names(conn, "SELECT name FROM teams WHERE active = 1 ORDER BY name")?,
        })
    }

    /// Adds a person (and any teams named) unless the login exists already.
    pub fn ensure_agent(&self, agent: &AgentRecord) -> Result<()> {
        self.write(Permission::ManagePeople, |conn| ensure_agent(conn, agent))
    }

    /// The teams a login belongs to.
    pub fn teams_of(&self, login: &str) -> Result<Vec<String>> {
        let mut stmt = self.db().prepare_cached(
            "SELECT t.name FROM teams t JOIN agent_teams m ON m.team_id = t.id JOIN agents a ON a.id = m.agent_id
             WHERE a.login = ?1 ORDER BY t.name",
        )?;
        let rows = stmt.query_map([login], |r| r.get(0))?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    /// The display name of a login, if it is a known person.
    pub fn agent_name(&self, login: &str) -> Result<Option<String>> {
        Ok(self
            .db()
            .prepare_cached("SELECT name FROM agents WHERE login = ?1")?
            .query_row([login], |r| r.get(0))
            .optional()?)
    }
}
