//! Everything the screen shows, and nothing it does not need.

use chrono::{DateTime, Utc};
use std::path::PathBuf;

use crate::domain::queue::{Cursor, QueueCounts, QueueFilter, QueueRow, Sort};
use crate::domain::reference::PickLists;
use crate::domain::{Event, NumberFormat, Policy, Ticket, TicketId};
use crate::i18n::{Catalogue, Language};
use crate::keymap::Keymap;
use crate::panes::register::state::RegisterForm;

/// What does not change while the program runs.
#[derive(Clone, Debug)]
pub struct Context {
    pub user: String,
    pub language: Language,
    pub numbers: NumberFormat,
    pub keymap: Keymap,
    pub policy: Policy,
    pub database: PathBuf,
    /// Whether colours may be used (`NO_COLOR` unset).
    pub color: bool,
    /// How many demo tickets the first-run offer loads.
    pub demo_count: u64,
    pub templates: crate::domain::template::Templates,
    /// The file opened read-only: everything can be looked at, nothing changed.
    pub read_only: bool,
    /// Config names are believed: anyone may work under any name.
    pub names_trusted: bool,
    /// Ring the terminal bell when a customer update falls due (`update_bell`).
    pub update_bell: bool,
    /// A mail command is configured: messages can be sent, not only recorded.
    pub mail_configured: bool,
}

impl Context {
    /// The context for a configuration and an opened database.
    pub fn from_config(config: &crate::config::Config, database: PathBuf, color: bool) -> Context {
        Context {
            user: config.user.clone(),
            language: config.language,
            numbers: config.numbers.clone(),
            keymap: config.keymap.clone(),
            policy: config.policy.clone(),
            database,
            color,
            demo_count: 2_000,
            templates: config.templates.clone(),
            read_only: false,
            names_trusted: false,
            update_bell: config.update_bell,
            mail_configured: config.mail.is_some(),
        }
    }

    pub fn t(&self) -> &'static Catalogue {
        self.language.catalogue()
    }
}

pub use crate::panes::Screen;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Question),
}

/// Questions asked before something is thrown away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    DiscardForm,
    QuitWithUnsavedForm,
    DiscardMessage,
    /// Closing a closing, review, problem or article pane with input.
    DiscardRecord,
    /// Resolving a major incident: resolve its open linked incidents too?
    ResolveChildren,
    /// Someone else changed the ticket meanwhile: apply this edit anyway?
    Conflict,
    /// Resolving, or a wait state that pauses the SLA: really?
    SetStatus {
        id: TicketId,
        version: i64,
        status: crate::domain::Status,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    Info(String),
    Error(String),
}

pub struct QueueState {
    pub filter: QueueFilter,
    pub sort: Sort,
    pub rows: Vec<QueueRow>,
    pub selected: usize,
    /// The cursor that loaded `rows`, to reload the same page.
    pub cursor: Cursor,
    pub has_prev: bool,
    pub has_next: bool,
    pub counts: Option<QueueCounts>,
    /// Typing goes into the search field.
    pub search_active: bool,
    pub search_input: String,
    /// Rows that fit on screen; pages are this long.
    pub page_size: usize,
    /// Increases with every load; answers to older loads are dropped.
    pub generation: u64,
    pub loaded: bool,
    /// Where the selection should land once the requested page arrives.
    pub select_after_load: SelectAfterLoad,
    /// The detail pane walks along (next/previous incident) with this load.
    pub follow_in_detail: bool,
    /// The counts are of an older search; new ones are asked for when typing pauses.
    pub counts_stale: bool,
    /// What the report row that `filter.slice` came from is called.
    pub slice_label: String,
    /// The filters from before a report's drill-down: Esc goes back to them.
    pub before_slice: Option<QueueFilter>,
    /// The version of each row shown before others changed the file: rows
    /// that differ after the reload are marked.
    pub before_refresh: Option<std::collections::HashMap<TicketId, i64>>,
    /// Rows changed by someone else, marked until then.
    pub changed: std::collections::HashMap<TicketId, DateTime<Utc>>,
    /// How many rows come before `rows[0]`, as far as followed from page to page.
    pub offset: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectAfterLoad {
    Keep,
    First,
    Last,
    /// Keep the ticket that was selected, wherever it is now.
    Ticket(TicketId),
    /// This row of the new page (clamped to its end).
    Index(usize),
}

impl QueueState {
    pub fn new(page_size: usize) -> Self {
        QueueState {
            filter: QueueFilter::default(),
            sort: Sort::default(),
            rows: Vec::new(),
            selected: 0,
            cursor: Cursor::First,
            has_prev: false,
            has_next: false,
            counts: None,
            search_active: false,
            search_input: String::new(),
            page_size,
            generation: 0,
            loaded: false,
            select_after_load: SelectAfterLoad::First,
            follow_in_detail: false,
            counts_stale: false,
            slice_label: String::new(),
            before_slice: None,
            before_refresh: None,
            changed: Default::default(),
            offset: None,
        }
    }

    /// The selected row's place in all matching rows, counted from 1, and
    /// how many match: None while that is not known.
    pub fn position(&self) -> Option<(u64, u64, bool)> {
        let counts = self.counts.filter(|_| !self.counts_stale)?;
        if self.rows.is_empty() {
            return None;
        }
        let n = self.rows.len() as u64;
        let before = if !self.has_prev {
            0
        } else if !self.has_next && !counts.more {
            counts.matching.saturating_sub(n)
        } else {
            self.offset? as u64
        };
        let at = (before + self.selected as u64 + 1).min(counts.matching.max(1));
        Some((at, counts.matching, counts.more))
    }

    /// Whether the sort arrow points up. The age of the newest ticket is
    /// the smallest, so oldest first (created ascending) is age going down.
    pub fn sort_arrow_up(&self) -> bool {
        if self.sort.column == crate::domain::queue::SortColumn::Age {
            !self.sort.ascending
        } else {
            self.sort.ascending
        }
    }

    pub fn selected_row(&self) -> Option<&QueueRow> {
        self.rows.get(self.selected)
    }
}

pub struct DetailState {
    pub id: TicketId,
    pub ticket: Option<Ticket>,
    pub events: Vec<Event>,
    pub entries: Vec<crate::domain::entry::Entry>,
    pub sla: Option<crate::domain::sla::TicketSla>,
    pub handling: Option<crate::domain::work::Handling>,
    /// For a major incident: the incidents linked to it.
    pub children: Vec<Ticket>,
    pub closing: Closing,
    pub scroll: u16,
    /// How far the pane can scroll, as the screen last drew it (its lines
    /// wrapped to the width less the height); `None` before it was drawn.
    pub scroll_limit: std::cell::Cell<Option<u16>>,
    /// The timeline as drawn last; emptied when the ticket loads again.
    pub timeline: crate::panes::detail::TimelineCache,
    /// Who else has it open.
    pub others: Vec<String>,
    /// When this process last said it has it open.
    pub present_since: Option<DateTime<Utc>>,
    /// A key pressed on the queue's row that acts once the ticket is here
    /// (a note, a message, an edit: the same letter as in the pane).
    pub then: Option<crate::keymap::Command>,
    /// Where Esc goes: the queue, or the pane the incident was opened from.
    pub back_to: Screen,
}

pub use crate::service::detail::Closing;

impl DetailState {
    /// A pane for this ticket, waiting for it to load.
    pub fn loading(id: TicketId) -> Self {
        DetailState {
            id,
            ticket: None,
            events: Vec::new(),
            entries: Vec::new(),
            sla: None,
            handling: None,
            children: Vec::new(),
            closing: Closing::default(),
            scroll: 0,
            scroll_limit: std::cell::Cell::new(None),
            timeline: Default::default(),
            others: Vec::new(),
            present_since: None,
            then: None,
            back_to: Screen::Queue,
        }
    }
}

/// A screen and the incident open on it, when something was asked to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    pub screen: Screen,
    pub ticket: Option<TicketId>,
}

pub struct AppState {
    pub ctx: Context,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub queue: QueueState,
    pub detail: Option<DetailState>,
    pub register: Option<RegisterForm>,
    pub wizard: Option<crate::panes::wizard::state::Wizard>,
    pub dialog: Option<crate::panes::dialog::state::Dialog>,
    /// What the open dialog offers its choices from.
    pub dialog_data: Option<Box<super::action::DialogData>>,
    pub compose: Option<crate::panes::compose::state::Compose>,
    /// The user's display name, for messages ("operator").
    pub my_name: String,
    pub record: Option<crate::panes::record::state::RecordPane>,
    /// The edit refused as a conflict, while the user chooses.
    pub conflict: Option<Box<super::action::Conflict>>,
    /// The state of the panes that keep one of their own (admin, library,
    /// reports, my work); the registry gives each its field.
    pub panes: crate::panes::PaneStates,
    /// How far the help is scrolled, when it does not fit.
    pub help_scroll: u16,
    pub pick_lists: PickLists,
    /// The teams of the user, for the "my team" filter.
    pub my_teams: Vec<String>,
    pub message: Option<Message>,
    /// Demo data being loaded, as said on the first-run screen.
    pub busy: Option<String>,
    /// Effects handed to the workers and not answered yet (the spinner's).
    pub work: super::outstanding::Outstanding,
    /// The last save numbered for a pane (`AppState::ask`).
    pub asks: u64,
    /// Whose work the answer being handled is, if a pane's.
    pub answering: Option<super::effect::Ask>,
    /// Where the user was when a dialog, the wizard or a record pane was
    /// asked for: the answer opens it only if they are still there.
    pub opening: Option<Opening>,
    pub width: u16,
    pub height: u16,
    pub now: DateTime<Utc>,
    /// The database holds no ticket at all: the first-run screen shows.
    pub empty_database: bool,
    /// What the user's role allows; None until known (then all is offered).
    pub permissions: Option<Vec<crate::domain::access::Permission>>,
    /// What of the registration form is kept in its draft file.
    pub draft: super::draft::DraftState,
    /// Customer updates due soon or overdue, and the bell (see `update::clock`).
    pub updates: super::update::clock::UpdateWatch,
    pub quit: bool,
}

/// Screen lines the queue uses for other things than rows: title, table
/// header, status bar and key hints.
pub const QUEUE_CHROME_LINES: u16 = 4;

pub fn page_size_for(height: u16) -> usize {
    height.saturating_sub(QUEUE_CHROME_LINES).max(1) as usize
}

impl AppState {
    pub fn new(ctx: Context, width: u16, height: u16, now: DateTime<Utc>) -> Self {
        AppState {
            ctx,
            screen: Screen::Queue,
            overlay: None,
            queue: QueueState::new(page_size_for(height)),
            detail: None,
            register: None,
            wizard: None,
            dialog: None,
            dialog_data: None,
            compose: None,
            my_name: String::new(),
            record: None,
            conflict: None,
            panes: Default::default(),
            help_scroll: 0,
            pick_lists: PickLists::default(),
            my_teams: Vec::new(),
            message: None,
            busy: None,
            work: Default::default(),
            asks: 0,
            answering: None,
            opening: None,
            width,
            height,
            now,
            empty_database: false,
            permissions: None,
            draft: Default::default(),
            updates: Default::default(),
            quit: false,
        }
    }

    pub fn t(&self) -> &'static Catalogue {
        self.ctx.t()
    }

    /// The screen and the incident open on it now.
    pub fn here(&self) -> Opening {
        Opening { screen: self.screen, ticket: self.detail.as_ref().map(|d| d.id) }
    }

    /// A number for a save a pane is about to ask for; the pane keeps it in
    /// its `saving` and sends its effect `asked` with it.
    pub fn ask(&mut self) -> super::effect::Ask {
        super::effect::Ask::next(&mut self.asks)
    }

    /// Whether the answer being handled is the one a pane keeping `saving` waits for.
    pub fn answers(&self, saving: Option<super::effect::Ask>) -> bool {
        saving.is_some() && saving == self.answering
    }

    /// Whether the user may do this, as far as known: the store decides.
    pub fn may(&self, permission: crate::domain::access::Permission) -> bool {
        !self.ctx.read_only && self.permissions.as_ref().is_none_or(|p| p.contains(&permission))
    }
}
