//! Loading many tickets at once (demo data, later imports): one transaction,
//! with the full-text index rebuilt once at the end instead of per row.

use super::reference::{ensure_agent, ensure_reference};
use super::sla::{Prepared, prepare_new};
use super::sql::{Db, OptionalExtension, Statement};
use super::tickets::{EVENTS_AT_ONCE, EVENTS_SQL, RowState, TICKET_SQL, insert_events, insert_ticket_with};
use super::{Policy, Result, Store, StoreError};
use crate::domain::access::Permission;
use crate::domain::event::{EventKind, NewEvent};
use crate::domain::figures::{Figures, Happening, Sources, figures};
use crate::domain::limits::Input;
use crate::domain::people::AgentRecord;
use crate::domain::reference::ReferenceData;
use crate::domain::sla::History;
use crate::domain::{HistoricTicket, Ticket, TicketId};

/// What an import does with a ticket whose `source_ref` is there already.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Existing {
    /// Leave the one there, store nothing.
    #[default]
    Skip,
    /// Replace it, history and all.
    Update,
}

/// What a bulk load did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub stored: u64,
    pub skipped: u64,
    pub replaced: u64,
}

impl Store {
    /// Stores tickets from an iterator in one transaction. `progress` is
    /// called after each ticket with the number stored so far. The tickets
    /// and their SLA clocks are worked out on a second thread while this one
    /// writes.
    pub fn bulk_insert<I>(
        &self,
        reference: &ReferenceData,
        agents: &[AgentRecord],
        tickets: I,
        progress: impl FnMut(u64),
    ) -> Result<u64>
    where
        I: IntoIterator<Item = HistoricTicket>,
        I::IntoIter: Send,
    {
        Ok(self.bulk_load(reference, agents, tickets, Existing::Skip, progress)?.stored)
    }

    /// As [`Store::bulk_insert`]; a ticket whose `source_ref` is there
    /// already is skipped or replaced, never stored twice. All or nothing.
    pub fn bulk_load<I>(
        &self,
        reference: &ReferenceData,
        agents: &[AgentRecord],
        tickets: I,
        existing: Existing,
        progress: impl FnMut(u64),
    ) -> Result<Loaded>
    where
        I: IntoIterator<Item = HistoricTicket>,
        I::IntoIter: Send,
    {
        self.bulk_load_then(reference, agents, tickets, existing, progress, || Ok(()))
    }

    /// As [`Store::bulk_load`], for tickets read while they are stored:
    /// when they are all in, `sound` says whether the file they came from
    /// was; if not, nothing is kept.
    pub fn bulk_load_then<I>(
        &self,
        reference: &ReferenceData,
        agents: &[AgentRecord],
        tickets: I,
        existing: Existing,
        mut progress: impl FnMut(u64),
        sound: impl FnOnce() -> Result<()>,
    ) -> Result<Loaded>
    where
        I: IntoIterator<Item = HistoricTicket>,
        I::IntoIter: Send,
    {
        let policy = &self.policy;
        // Only a load that may go ahead sets the log aside.
        let alone = self.alone.get() && self.permit(Permission::ReferenceData).is_ok() && self.backend.begin_alone()?;
        let result = self.write(Permission::ReferenceData, |conn| {
            ensure_reference(conn, reference)?;
            for agent in agents {
                ensure_agent(conn, agent)?;
            }
            // The engine sets aside what would slow the load row by row
            // (search indexing, into an empty database all indexes) and
            // says how to put it back, at the end, in one pass.
            let empty: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM tickets)", [], |r| r.get(0))?;
            let restore = self.backend.begin_bulk(conn, empty)?;
            let tickets = tickets.into_iter();
            let lines = super::figures::team_lines(conn)?;
            let loaded = std::thread::scope(|scope| -> Result<Loaded> {
                // Tickets go over in batches: one hand-over per batch, not per ticket.
                let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Result<Worked>>>(BATCHES_AHEAD);
                let lines = &lines;
                scope.spawn(move || {
                    let mut tickets = tickets.peekable();
                    while tickets.peek().is_some() {
                        let mut batch = Vec::with_capacity(BATCH);
                        for t in tickets.by_ref().take(BATCH) {
                            let worked = checked(policy, &t).map(|()| {
                                let prepared = prepare(policy, &t);
                                let figures = figures_of(policy, lines, &t, prepared.as_ref());
                                Worked { row: row_state(&t), ticket: t, prepared, figures }
                            });
                            let failed = worked.is_err();
                            batch.push(worked);
                            if failed {
                                break;
                            }
                        }
                        let failed = batch.last().is_some_and(|w| w.is_err());
                        if send.send(batch).is_err() || failed {
                            break; // the writer stopped on an error, or will at this one
                        }
                    }
                });
                let mut loaded = Loaded::default();
                let mut made_problems = std::collections::HashMap::new();
                let mut insert = Inserts::new(conn)?;
                for worked in receive.into_iter().flatten() {
                    let Worked { ticket: t, prepared, figures, row } = worked?;
                    // Into an empty database nothing is there yet (and its
                    // indexes are down until the end, so looking would scan).
                    if !empty {
                        match already_there(conn, &t, existing)? {
                            There::No => {}
                            There::Skipped => {
                                loaded.skipped += 1;
                                progress(loaded.stored + loaded.skipped);
                                continue;
                            }
                            There::Replaced => loaded.replaced += 1,
                        }
                    }
                    let id =
                        insert_ticket_with(&mut insert.ticket, &t.ticket, &row, prepared.as_ref(), Some(&figures))?;
                    insert.events(id, &t.events)?;
                    if let Some(p) = &prepared {
                        insert.events(id, &p.breaches)?;
                    }
                    if let Some(source) = &t.source_ref {
                        conn.prepare_cached("UPDATE tickets SET source_ref = ?2 WHERE id = ?1")?
                            .execute(super::sql::params![id, source])?;
                    }
                    keep_closing(conn, id, &t, &mut made_problems)?;
                    loaded.stored += 1;
                    progress(loaded.stored + loaded.skipped);
                }
                Ok(loaded)
            })?;
            sound()?;
            for sql in &restore {
                conn.execute_batch(sql)?;
            }
            Ok(loaded)
        });
        let logged = if alone { self.backend.end_alone() } else { Ok(()) };
        // The load's own error (naming its row) comes first.
        let restored = self.backend.end_bulk();
        let loaded = result?;
        restored?;
        logged?;
        Ok(loaded)
    }
}

/// Tickets handed to the writer at once, and batches made ahead of it.
const BATCH: usize = 256;
const BATCHES_AHEAD: usize = 4;

/// A ticket as the writer stores it, all but the writing worked out beforehand.
struct Worked {
    ticket: HistoricTicket,
    row: RowState,
    prepared: Option<Prepared>,
    figures: Figures,
}

/// The statements a load runs for every ticket, prepared once.
struct Inserts<'c> {
    conn: &'c dyn Db,
    ticket: Statement<'c>,
    /// `events[n - 1]` inserts n events, made when first needed.
    events: Vec<Option<Statement<'c>>>,
}

impl<'c> Inserts<'c> {
    fn new(conn: &'c dyn Db) -> Result<Self> {
        Ok(Inserts { conn, ticket: conn.prepare(&TICKET_SQL)?, events: (0..EVENTS_AT_ONCE).map(|_| None).collect() })
    }

    /// Stores a ticket's events in their order, up to `EVENTS_AT_ONCE` a statement.
    fn events(&mut self, id: TicketId, events: &[NewEvent]) -> Result<()> {
        for chunk in events.chunks(EVENTS_AT_ONCE) {
            let slot = &mut self.events[chunk.len() - 1];
            let stmt = match slot {
                Some(stmt) => stmt,
                None => slot.insert(self.conn.prepare(&EVENTS_SQL[chunk.len() - 1])?),
            };
            insert_events(stmt, chunk.len(), id, chunk)?;
        }
        Ok(())
    }
}

/// Levels the matrix here has, and texts within their limits.
fn checked(policy: &Policy, t: &HistoricTicket) -> Result<()> {
    let checked = super::checks::level(policy, Input::Impact, t.ticket.impact)
        .and_then(|_| super::checks::level(policy, Input::Urgency, t.ticket.urgency));
    let problems = crate::domain::validate::check_new_ticket(&t.ticket);
    let checked = checked.and_then(|_| match problems.is_empty() {
        true => Ok(()),
        false => Err(StoreError::Incomplete(problems)),
    });
    checked.map_err(|problem| {
        let field = t.source_ref.clone().unwrap_or_else(|| t.ticket.title.chars().take(40).collect());
        StoreError::ImportValue { ticket: None, field, line: 0, problem: Box::new(problem) }
    })
}

/// What became of a ticket whose number from the other system is here already.
enum There {
    No,
    Skipped,
    /// Removed, to be stored again as the file has it.
    Replaced,
}

fn already_there(conn: &dyn Db, t: &HistoricTicket, existing: Existing) -> Result<There> {
    let Some(source) = &t.source_ref else { return Ok(There::No) };
    let there: Option<TicketId> = conn
        .prepare_cached("SELECT id FROM tickets WHERE source_ref = ?1")?
        .query_row([source], |r| r.get(0))
        .optional()?;
    match (there, existing) {
        (None, _) => Ok(There::No),
        (Some(_), Existing::Skip) => Ok(There::Skipped),
        (Some(id), Existing::Update) => {
            // History is never erased: replaced only when the file holds
            // every event it has here, and it has no notes or messages.
            if !history_in_file(conn, id, t)? {
                return Err(StoreError::HistoryHere { ticket: id, source_ref: source.clone() });
            }
            conn.prepare_cached("DELETE FROM tickets WHERE id = ?1")?.execute([id])?;
            Ok(There::Replaced)
        }
    }
}

/// The row's own values: status, moments, its last functional escalation.
fn row_state(t: &HistoricTicket) -> RowState {
    RowState {
        status: t.status,
        created_at: t.created_at,
        updated_at: t.updated_at,
        resolved_at: t.resolved_at,
        closed_at: t.closed_at,
        escalation: t
            .events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Escalated)
            .and_then(|e| e.new.as_deref())
            .and_then(crate::domain::escalation::Escalation::from_code)
            .map_or("", |e| e.code()),
        feedback: t.feedback,
    }
}

/// How the other system closed a ticket and the problem it linked it to:
/// the code as it was written, and a problem of that name here (made once,
/// the first time an incident names it), linked with an event.
fn keep_closing(
    conn: &dyn Db,
    id: TicketId,
    t: &HistoricTicket,
    problems: &mut std::collections::HashMap<String, i64>,
) -> Result<()> {
    if let Some(code) = &t.closure_code {
        conn.prepare_cached("UPDATE tickets SET closure_code = ?2 WHERE id = ?1")?
            .execute(super::sql::params![id, code])?;
    }
    let Some(name) = &t.problem_ref else { return Ok(()) };
    let actor = t.events.last().map_or("import", |e| e.actor.as_str());
    let problem = match problems.get(name) {
        Some(p) => *p,
        None => {
            let there: Option<i64> = conn
                .prepare_cached("SELECT id FROM problems WHERE title = ?1 ORDER BY id LIMIT 1")?
                .query_row([name], |r| r.get(0))
                .optional()?;
            let p = match there {
                Some(p) => p,
                None => super::knowledge::insert_problem(conn, actor, t.created_at, name, &[])?,
            };
            problems.insert(name.clone(), p);
            p
        }
    };
    super::knowledge::link_in(conn, actor, t.updated_at, id, Some(problem))
}

/// The SLA clocks of a historic ticket, from the events it comes with.
fn prepare(policy: &Policy, t: &HistoricTicket) -> Option<Prepared> {
    t.ticket.priority?;
    let status_changes = t
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Changed && e.field.as_deref() == Some("status"))
        .map(|e| (e.at, e.old.as_deref(), e.new.as_deref()));
    let history = History::from_status_changes(t.created_at, t.status, status_changes, Vec::new());
    prepare_new(policy, &historic_ticket(0, t), &history)
}

/// The report figures of a historic ticket, from the events it comes with.
fn figures_of(policy: &Policy, lines: &[(String, u8)], t: &HistoricTicket, prepared: Option<&Prepared>) -> Figures {
    let happenings: Vec<Happening> = t
        .events
        .iter()
        .map(|e| Happening {
            at: e.at,
            actor: &e.actor,
            kind: e.kind,
            field: e.field.as_deref(),
            old: e.old.as_deref(),
            new: e.new.as_deref(),
        })
        .collect();
    let changes = happenings
        .iter()
        .filter(|h| h.kind == EventKind::Changed && h.field == Some("status"))
        .map(|h| (h.at, h.old, h.new));
    let history = History::from_status_changes(t.created_at, t.status, changes, Vec::new());
    let sla_calendar = prepared.and_then(|p| p.stored.targets.as_ref()).map(|t| t.calendar.as_str());
    let sources = Sources {
        history: &history,
        happenings: &happenings,
        closed_at: t.closed_at,
        team: t.ticket.team.as_deref(),
        calendar: policy.figures_calendar(sla_calendar),
        pauses: &policy.sla.pauses,
        rule: policy.first_contact,
    };
    figures(&sources, |team| crate::domain::figures::is_first_line(lines, team))
}

/// The stored ticket a historic one becomes, without reading it back.
fn historic_ticket(id: TicketId, t: &HistoricTicket) -> Ticket {
    let n = &t.ticket;
    Ticket {
        id,
        kind: n.kind,
        title: n.title.clone(),
        description: String::new(),
        reporter: n.reporter.clone(),
        channel: n.channel,
        service: None,
        category: None,
        subcategory: None,
        impact: n.impact,
        urgency: n.urgency,
        priority: n.priority,
        status: t.status,
        team: None,
        assignee: None,
        created_at: t.created_at,
        updated_at: t.updated_at,
        resolved_at: t.resolved_at,
        closed_at: t.closed_at,
        version: 1,
        cause: None,
        measures: None,
        solution: None,
        closure_code: None,
    }
}

/// Whether the file's ticket holds all the history the ticket has here: no
/// notes or messages, and every event among the file's.
fn history_in_file(conn: &dyn Db, id: TicketId, t: &HistoricTicket) -> Result<bool> {
    let entries: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM entries WHERE ticket_id = ?1)")?
        .query_row([id], |r| r.get(0))?;
    if entries {
        return Ok(false);
    }
    type Key = (i64, String, Option<String>, Option<String>);
    let file: std::collections::HashSet<Key> = t
        .events
        .iter()
        .map(|e| (e.at.timestamp(), e.kind.code().to_string(), e.field.clone(), e.new.clone()))
        .collect();
    let mut stmt = conn.prepare_cached("SELECT at, kind, field, new_value FROM events WHERE ticket_id = ?1")?;
    let here = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    for key in here {
        let key: Key = key?;
        // Breaches are worked out again on import.
        if key.1 != EventKind::SlaBreached.code() && !file.contains(&key) {
            return Ok(false);
        }
    }
    Ok(true)
}
