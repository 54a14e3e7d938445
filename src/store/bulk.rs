//! Loading many tickets at once (demo data, later imports): one transaction,
//! with the full-text index rebuilt once at the end instead of per row.

use super::reference::{AgentRecord, ensure_agent, ensure_reference};
use super::sla::store_new;
use super::tickets::{insert_event, insert_ticket_row};
use super::{Result, Store};
use crate::domain::event::EventKind;
use crate::domain::reference::ReferenceData;
use crate::domain::sla::History;
use crate::domain::{HistoricTicket, Ticket, TicketId};

impl Store {
    /// Stores tickets from an iterator in one transaction. `progress` is
    /// called after each ticket with the number stored so far.
    pub fn bulk_insert<I>(
        &self,
        reference: &ReferenceData,
        agents: &[AgentRecord],
        tickets: I,
        mut progress: impl FnMut(u64),
    ) -> Result<u64>
    where
        I: IntoIterator<Item = HistoricTicket>,
    {
        // A large page cache keeps the indexes' pages in memory while they
        // grow, instead of writing and reading them back row after row.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -512 * 1024)?;
        let result = self.write(|conn| {
            ensure_reference(conn, reference)?;
            for agent in agents {
                ensure_agent(conn, agent)?;
            }
            // Rows are indexed for search in one pass at the end: much faster
            // than a trigger per row.
            conn.execute_batch("DROP TRIGGER tickets_fts_insert")?;
            let mut stored = 0u64;
            for t in tickets {
                let id = insert_ticket_row(
                    conn,
                    &t.ticket,
                    t.status,
                    t.created_at,
                    t.updated_at,
                    t.resolved_at,
                    t.closed_at,
                )?;
                for e in &t.events {
                    insert_event(conn, id, e)?;
                }
                if t.ticket.priority.is_some() {
                    let history = History::from_status_changes(
                        t.created_at,
                        t.status,
                        t.events
                            .iter()
                            .filter(|e| e.kind == EventKind::Changed && e.field.as_deref() == Some("status"))
                            .map(|e| (e.at, e.old.as_deref(), e.new.as_deref())),
                        Vec::new(),
                    );
                    let ticket = historic_ticket(id, &t);
                    store_new(conn, &self.policy, &ticket, &history)?;
                }
                stored += 1;
                progress(stored);
            }
            conn.execute_batch(
                "INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild');
                 CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
                     INSERT INTO tickets_fts(rowid, title, description, reporter_name)
                     VALUES (new.id, new.title, new.description, new.reporter_name);
                 END;",
            )?;
            Ok(stored)
        });
        self.conn.pragma_update(None, "cache_size", cache)?;
        result
    }
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
    }
}
