//! Problems (the cause behind recurring incidents) and the knowledge base.

use super::sql::{Db, OptionalExtension, Row, named_params};
use crate::domain::access::Permission;
use chrono::{DateTime, Utc};

use super::tickets::{insert_event, load_ticket, to_time};
use super::{Result, Store, StoreError};
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::knowledge::{Article, Cluster, NewArticle, Problem, ProblemEdit, ProblemStatus};
use crate::domain::{Ticket, TicketId};

fn problem_from_row(r: &Row) -> super::sql::Result<Problem> {
    let status: String = r.get(5)?;
    Ok(Problem {
        id: r.get(0)?,
        title: r.get(1)?,
        root_cause: r.get(2)?,
        workaround: r.get(3)?,
        permanent_fix: r.get(4)?,
        status: ProblemStatus::from_code(&status).unwrap_or(ProblemStatus::Open),
        created_at: to_time(r.get(6)?),
        updated_at: to_time(r.get(7)?),
    })
}

/// The columns `problem_from_row` reads.
macro_rules! problem_columns {
    () => {
        "p.id, p.title, p.root_cause, p.workaround, p.permanent_fix, p.status, p.created_at, p.updated_at"
    };
}

fn article_from_row(r: &Row) -> super::sql::Result<Article> {
    let tags: String = r.get(3)?;
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        tags: tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
        service: r.get(4)?,
        category: r.get(5)?,
        author: r.get(6)?,
        created_at: to_time(r.get(7)?),
        updated_at: to_time(r.get(8)?),
    })
}

pub(super) fn insert_problem(
    conn: &dyn Db,
    actor: &str,
    now: DateTime<Utc>,
    title: &str,
    incidents: &[TicketId],
) -> Result<i64> {
    let id: i64 = conn.prepare_cached(
        "INSERT INTO problems (title, created_at, updated_at, created_by) VALUES (:title, :at, :at, :by) RETURNING id",
    )?
    .query_row(named_params! { ":title": title, ":at": now.timestamp(), ":by": actor }, |r| r.get(0))?;
    for ticket in incidents {
        link_in(conn, actor, now, *ticket, Some(id))?;
    }
    Ok(id)
}

/// Tags as stored: comma-separated, so a tag never holds a comma itself
/// ("a,b" is two tags), without blanks or repeats.
fn tags_text(tags: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.split(',')).map(str::trim).filter(|t| !t.is_empty()) {
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out.join(", ")
}

/// An article's texts within their limits; its service and category exist.
fn check_article(conn: &dyn Db, a: &NewArticle) -> Result<()> {
    use crate::domain::limits::Input;
    super::checks::text(Input::ArticleTitle, a.title.trim())?;
    super::checks::text(Input::Body, &a.body)?;
    super::checks::text(Input::Tags, &tags_text(&a.tags))?;
    if let Some(service) = &a.service {
        super::checks::known(conn, Input::Service, service, None)?;
    }
    if let Some(category) = &a.category {
        super::checks::known(conn, Input::Category, category, None)?;
    }
    Ok(())
}

impl Store {
    /// A new problem, linked to the incidents it comes from.
    pub fn create_problem(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        title: &str,
        incidents: &[TicketId],
    ) -> Result<Problem> {
        let title = title.trim();
        if title.is_empty() {
            return Err(StoreError::Refused(crate::domain::ticket::EditError::Required(crate::domain::Field::Title)));
        }
        super::checks::text(crate::domain::limits::Input::ProblemTitle, title)?;
        // A ticket the user may not see does not exist for them, here too.
        for incident in incidents {
            self.visible(*incident)?;
        }
        self.write(Permission::Learn, |conn| {
            let id = insert_problem(conn, actor, now, title, incidents)?;
            self.problem_in(conn, id)
        })
    }

    /// A new problem with all its fields, linked to the incidents it comes
    /// from, in one transaction.
    pub fn create_problem_with(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        incidents: &[TicketId],
        edit: &ProblemEdit,
    ) -> Result<Problem> {
        let title = edit.title.as_deref().unwrap_or_default().trim();
        if title.is_empty() {
            return Err(StoreError::Refused(crate::domain::ticket::EditError::Required(crate::domain::Field::Title)));
        }
        for incident in incidents {
            self.visible(*incident)?;
        }
        self.write(Permission::Learn, |conn| {
            let id = insert_problem(conn, actor, now, title, incidents)?;
            self.update_problem_in(conn, now, id, edit)
        })
    }

    fn problem_in(&self, conn: &dyn Db, id: i64) -> Result<Problem> {
        const SQL: &str = concat!("SELECT ", problem_columns!(), " FROM problems p WHERE p.id = ?1");
        conn.prepare_cached(SQL)?.query_row([id], problem_from_row).optional()?.ok_or(StoreError::ProblemNotFound(id))
    }

    pub fn problem(&self, id: i64) -> Result<Option<Problem>> {
        match self.problem_in(self.db(), id) {
            Ok(p) => Ok(Some(p)),
            Err(StoreError::ProblemNotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn update_problem(&self, now: DateTime<Utc>, id: i64, edit: &ProblemEdit) -> Result<Problem> {
        self.write(Permission::Learn, |conn| self.update_problem_in(conn, now, id, edit))
    }

    fn update_problem_in(&self, conn: &dyn Db, now: DateTime<Utc>, id: i64, edit: &ProblemEdit) -> Result<Problem> {
        {
            use crate::domain::limits::Input;
            super::checks::opt_text(Input::ProblemTitle, edit.title.as_deref().map(str::trim))?;
            for text in [&edit.root_cause, &edit.workaround, &edit.permanent_fix] {
                super::checks::opt_text(Input::Body, text.as_deref())?;
            }
            let current = self.problem_in(conn, id)?;
            let pick = |new: &Option<String>, old: String| new.clone().unwrap_or(old);
            conn.prepare_cached(
                "UPDATE problems SET title = :title, root_cause = :cause, workaround = :workaround, permanent_fix = :fix,
                    status = :status, updated_at = :at WHERE id = :id",
            )?
            .execute(named_params! {
                ":title": pick(&edit.title, current.title),
                ":cause": pick(&edit.root_cause, current.root_cause),
                ":workaround": pick(&edit.workaround, current.workaround),
                ":fix": pick(&edit.permanent_fix, current.permanent_fix),
                ":status": edit.status.unwrap_or(current.status).code(),
                ":at": now.timestamp(),
                ":id": id,
            })?;
            self.problem_in(conn, id)
        }
    }

    /// Problems, newest first, with how many incidents each has that the
    /// user may see: a hidden incident is not counted.
    pub fn problems(&self) -> Result<Vec<(Problem, u64)>> {
        const SQL: &str = concat!(
            "SELECT ",
            problem_columns!(),
            ", (SELECT count(*) FROM tickets t WHERE t.problem_id = p.id
                AND (CAST(:viewer AS TEXT) IS NULL OR t.id NOT IN (",
            super::access::hidden_from!(),
            "))) FROM problems p ORDER BY p.id DESC"
        );
        let mut stmt = self.db().prepare_cached(SQL)?;
        let viewer = self.limited_viewer();
        let rows = stmt.query_map(named_params! { ":viewer": viewer }, |r| {
            Ok((problem_from_row(r)?, r.get::<_, i64>(8)? as u64))
        })?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    pub fn problem_incidents(&self, id: i64) -> Result<Vec<Ticket>> {
        let mut stmt = self.db().prepare_cached("SELECT id FROM tickets WHERE problem_id = ?1 ORDER BY id DESC")?;
        let ids: Vec<TicketId> = stmt.query_map([id], |r| r.get(0))?.collect::<super::sql::Result<_>>()?;
        let mut out = Vec::new();
        for ticket in ids {
            out.extend(self.ticket(ticket)?);
        }
        Ok(out)
    }

    /// Links an incident to a problem (or unlinks it, with `None`).
    pub fn link_problem(&self, actor: &str, now: DateTime<Utc>, ticket: TicketId, problem: Option<i64>) -> Result<()> {
        self.link_problems(actor, now, &[ticket], problem)
    }

    /// Links (or with `None` unlinks) several incidents at once: all of them
    /// or, when one cannot be, none.
    pub fn link_problems(
        &self,
        actor: &str,
        now: DateTime<Utc>,
        tickets: &[TicketId],
        problem: Option<i64>,
    ) -> Result<()> {
        for ticket in tickets {
            self.visible(*ticket)?;
        }
        self.write(Permission::Learn, |conn| {
            for ticket in tickets {
                link_in(conn, actor, now, *ticket, problem)?;
            }
            Ok(())
        })
    }

    /// The problem an incident is linked to.
    pub fn problem_of(&self, ticket: TicketId) -> Result<Option<Problem>> {
        let id: Option<i64> = self
            .db()
            .prepare_cached("SELECT problem_id FROM tickets WHERE id = ?1")?
            .query_row([ticket], |r| r.get(0))
            .optional()?
            .flatten();
        match id {
            Some(id) => self.problem(id),
            None => Ok(None),
        }
    }

    /// A known error whose incidents share this service and category: its
    /// workaround is worth offering on a new incident like them.
    pub fn known_error_for(&self, service: Option<&str>, category: Option<&str>) -> Result<Option<Problem>> {
        let (Some(service), Some(category)) = (service, category) else { return Ok(None) };
        const SQL: &str = concat!(
            "SELECT ",
            problem_columns!(),
            " FROM problems p WHERE p.status = 'known_error' AND EXISTS (
                SELECT 1 FROM tickets t WHERE t.problem_id = p.id AND t.service = :service AND t.category = :category)
             ORDER BY p.updated_at DESC LIMIT 1"
        );
        Ok(self
            .db()
            .prepare_cached(SQL)?
            .query_row(named_params! { ":service": service, ":category": category }, problem_from_row)
            .optional()?)
    }

    /// Recurring incidents with no problem yet: per service and category in
    /// the period, those that occur at least `min` times, most first. A
    /// duplicate is the same incident and the incidents linked to a major
    /// incident are one outage, so neither counts as recurring; service
    /// requests are not incidents.
    pub fn clusters(&self, from: DateTime<Utc>, to: DateTime<Utc>, min: u64) -> Result<Vec<Cluster>> {
        // Only the incidents the user may see count, and only they are named.
        let mut stmt = self.db().prepare_cached(concat!(
            "SELECT service, category, count(*), max(id) FROM tickets
             WHERE created_at >= :from AND created_at <= :to AND problem_id IS NULL
               AND kind = 'incident' AND parent_id IS NULL AND duplicate_of IS NULL
               AND service IS NOT NULL AND category IS NOT NULL
               AND (CAST(:viewer AS TEXT) IS NULL OR id NOT IN (",
            super::access::hidden_from!(),
            "))
             GROUP BY service, category HAVING count(*) >= :min ORDER BY count(*) DESC, service, category"
        ))?;
        let viewer = self.limited_viewer();
        let rows = stmt.query_map(
            named_params! { ":from": from.timestamp(), ":to": to.timestamp(), ":min": min as i64, ":viewer": viewer },
            |r| {
                Ok(Cluster {
                    service: r.get(0)?,
                    category: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                    newest: r.get(3)?,
                })
            },
        )?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    /// The incidents of one recurring cluster.
    pub fn cluster_incidents(
        &self,
        service: &str,
        category: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<TicketId>> {
        let mut stmt = self.db().prepare_cached(concat!(
            "SELECT id FROM tickets WHERE created_at >= :from AND created_at <= :to AND problem_id IS NULL
               AND kind = 'incident' AND parent_id IS NULL AND duplicate_of IS NULL
               AND service = :service AND category = :category
               AND (CAST(:viewer AS TEXT) IS NULL OR id NOT IN (",
            super::access::hidden_from!(),
            ")) ORDER BY id"
        ))?;
        let viewer = self.limited_viewer();
        let rows = stmt.query_map(
            named_params! {
                ":from": from.timestamp(), ":to": to.timestamp(), ":service": service, ":category": category,
                ":viewer": viewer,
            },
            |r| r.get(0),
        )?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    pub fn add_article(&self, actor: &str, now: DateTime<Utc>, a: &NewArticle) -> Result<Article> {
        if a.title.trim().is_empty() {
            return Err(StoreError::Refused(crate::domain::ticket::EditError::Required(crate::domain::Field::Title)));
        }
        self.write(Permission::Learn, |conn| {
            check_article(conn, a)?;
            let id: i64 = conn
                .prepare_cached(
                    "INSERT INTO knowledge (title, body, tags, service, category, author, created_at, updated_at)
                     VALUES (:title, :body, :tags, :service, :category, :author, :at, :at) RETURNING id",
                )?
                .query_row(
                    named_params! {
                        ":title": a.title.trim(), ":body": a.body, ":tags": tags_text(&a.tags), ":service": a.service,
                        ":category": a.category, ":author": actor, ":at": now.timestamp(),
                    },
                    |r| r.get(0),
                )?;
            Ok(conn.prepare_cached(ARTICLE_BY_ID)?.query_row([id], article_from_row)?)
        })
    }

    pub fn update_article(&self, now: DateTime<Utc>, id: i64, a: &NewArticle) -> Result<Article> {
        self.write(Permission::Learn, |conn| {
            check_article(conn, a)?;
            let changed = conn
                .prepare_cached(
                    "UPDATE knowledge SET title = :title, body = :body, tags = :tags, service = :service,
                        category = :category, updated_at = :at WHERE id = :id",
                )?
                .execute(named_params! {
                    ":title": a.title.trim(), ":body": a.body, ":tags": tags_text(&a.tags), ":service": a.service,
                    ":category": a.category, ":at": now.timestamp(), ":id": id,
                })?;
            if changed == 0 {
                return Err(StoreError::ArticleNotFound(id));
            }
            Ok(conn.prepare_cached(ARTICLE_BY_ID)?.query_row([id], article_from_row)?)
        })
    }

    pub fn article(&self, id: i64) -> Result<Option<Article>> {
        Ok(self.db().prepare_cached(ARTICLE_BY_ID)?.query_row([id], article_from_row).optional()?)
    }

    /// Articles matching typed words (all of them, as prefixes); the newest
    /// ones when nothing is typed.
    pub fn search_articles(&self, text: &str, limit: usize) -> Result<Vec<Article>> {
        let mut stmt;
        let rows = match self.db().dialect().search_query(text) {
            Some(q) => {
                stmt = self.db().prepare_cached(self.db().dialect().search().articles)?;
                stmt.query_map(named_params! { ":q": q, ":n": limit as i64 }, article_from_row)?
            }
            None => {
                stmt = self.db().prepare_cached(
                    "SELECT id, title, body, tags, service, category, author, created_at, updated_at
                     FROM knowledge ORDER BY updated_at DESC, id DESC LIMIT :n",
                )?;
                stmt.query_map(named_params! { ":n": limit as i64 }, article_from_row)?
            }
        };
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    /// Articles that may help with a ticket: by its service and category,
    /// and by the words of its title and description.
    pub fn suggest_articles(&self, ticket: &Ticket, limit: usize) -> Result<Vec<Article>> {
        let text = format!("{} {}", ticket.title, ticket.description);
        self.suggest_for(&text, ticket.service.as_deref(), ticket.category.as_deref(), limit)
    }

    /// Articles that may help with an incident described by these words,
    /// service and category (while it is still being registered).
    pub fn suggest_for(
        &self,
        text: &str,
        service: Option<&str>,
        category: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Article>> {
        let search = self.db().dialect().search();
        let mut stmt = self.db().prepare_cached(search.suggestions)?;
        // An impossible match when the text has no words: the service and category decide.
        let q = self.db().dialect().any_word_query(text).unwrap_or_else(|| search.nothing.to_string());
        let rows = stmt.query_map(
            named_params! { ":q": q, ":service": service, ":category": category, ":n": limit as i64 },
            article_from_row,
        )?;
        Ok(rows.collect::<super::sql::Result<_>>()?)
    }

    /// Records that an article was applied to an incident.
    pub fn apply_article(&self, actor: &str, now: DateTime<Utc>, ticket: TicketId, article: i64) -> Result<()> {
        self.visible(ticket)?;
        self.write(Permission::Learn, |conn| {
            load_ticket(conn, ticket)?.ok_or(StoreError::NotFound(ticket))?;
            conn.prepare_cached(ARTICLE_BY_ID)?
                .query_row([article], article_from_row)
                .optional()?
                .ok_or(StoreError::ArticleNotFound(article))?;
            conn.prepare_cached("UPDATE tickets SET knowledge_id = ?2 WHERE id = ?1")?.execute([ticket, article])?;
            insert_event(
                conn,
                ticket,
                &NewEvent::of(EventKind::Knowledge, now, actor, Some("knowledge"), None, Some(article.to_string())),
            )
        })
    }

    /// The article applied to an incident, if any.
    pub fn applied_article(&self, ticket: TicketId) -> Result<Option<i64>> {
        Ok(self
            .db()
            .prepare_cached("SELECT knowledge_id FROM tickets WHERE id = ?1")?
            .query_row([ticket], |r| r.get(0))
            .optional()?
            .flatten())
    }
}

const ARTICLE_BY_ID: &str = "SELECT id, title, body, tags, service, category, author, created_at, updated_at
     FROM knowledge WHERE id = ?1";

pub(super) fn link_in(
    conn: &dyn Db,
    actor: &str,
    now: DateTime<Utc>,
    ticket: TicketId,
    problem: Option<i64>,
) -> Result<()> {
    let old: Option<i64> = conn
        .prepare_cached("SELECT problem_id FROM tickets WHERE id = ?1")?
        .query_row([ticket], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound(ticket))?;
    if let Some(p) = problem {
        let exists: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM problems WHERE id = ?1)")?
            .query_row([p], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::ProblemNotFound(p));
        }
    }
    if old == problem {
        return Ok(());
    }
    conn.prepare_cached("UPDATE tickets SET problem_id = ?2 WHERE id = ?1")?
        .execute(super::sql::params![ticket, problem])?;
    let event = NewEvent::of(
        EventKind::Problem,
        now,
        actor,
        Some("problem"),
        old.map(|p| p.to_string()),
        problem.map(|p| p.to_string()),
    );
    insert_event(conn, ticket, &event)
}
