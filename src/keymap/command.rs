//! Bindable commands: what a user can ask for with a key. Internal actions
//! (data loaded, a save finished) live in `app::action` instead.

use std::fmt;

/// The key layers: each pane or mode has its own, and `global` applies
/// wherever typing text does not take precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Queue,
    Detail,
    Form,
    Wizard,
    Dialog,
    Compose,
    Admin,
    Library,
    Reports,
    Confirm,
}

impl Layer {
    pub const ALL: [Layer; 11] = [
        Layer::Global,
        Layer::Queue,
        Layer::Detail,
        Layer::Form,
        Layer::Wizard,
        Layer::Dialog,
        Layer::Compose,
        Layer::Admin,
        Layer::Library,
        Layer::Reports,
        Layer::Confirm,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Layer::Global => "global",
            Layer::Queue => "queue",
            Layer::Detail => "detail",
            Layer::Form => "form",
            Layer::Wizard => "wizard",
            Layer::Dialog => "dialog",
            Layer::Compose => "compose",
            Layer::Admin => "admin",
            Layer::Library => "library",
            Layer::Reports => "reports",
            Layer::Confirm => "confirm",
        }
    }

    pub fn from_code(code: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.code() == code)
    }
}

macro_rules! commands {
    ($($variant:ident => $code:literal in [$($layer:ident),+]),+ $(,)?) => {
        /// Every command a key can be bound to.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command { $($variant),+ }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];

            /// The name used in keymap files.
            pub fn code(self) -> &'static str {
                match self { $(Command::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Command> {
                match code { $($code => Some(Command::$variant),)+ _ => None }
            }

            /// The layers in which this command means something.
            pub fn layers(self) -> &'static [Layer] {
                match self { $(Command::$variant => &[$(Layer::$layer),+]),+ }
            }
        }
    };
}

commands! {
    Quit => "quit" in [Global],
    Help => "help" in [Global],
    Up => "up" in [Queue, Detail, Form, Wizard, Dialog, Admin, Library, Reports],
    Down => "down" in [Queue, Detail, Form, Wizard, Dialog, Admin, Library, Reports],
    PageUp => "page_up" in [Queue, Detail, Reports],
    PageDown => "page_down" in [Queue, Detail, Reports],
    HalfPageUp => "half_page_up" in [Queue, Detail],
    HalfPageDown => "half_page_down" in [Queue, Detail],
    Top => "top" in [Queue, Detail, Reports],
    Bottom => "bottom" in [Queue, Detail, Reports],
    Open => "open" in [Queue, Library, Reports],
    Back => "back" in [Queue, Detail, Admin, Library, Reports],
    Search => "search" in [Queue, Library],
    NewTicket => "new_ticket" in [Queue, Detail],
    SortNext => "sort_next" in [Queue],
    SortReverse => "sort_reverse" in [Queue],
    ToggleOpen => "filter_open" in [Queue],
    FilterMine => "filter_mine" in [Queue],
    FilterUnassigned => "filter_unassigned" in [Queue],
    FilterTeam => "filter_team" in [Queue],
    FilterPriority => "filter_priority" in [Queue],
    FilterStatus => "filter_status" in [Queue],
    ClearFilters => "clear_filters" in [Queue, Reports],
    Refresh => "refresh" in [Queue, Detail, Reports],
    LoadDemo => "load_demo" in [Queue],
    NextTicket => "next_ticket" in [Detail],
    PrevTicket => "prev_ticket" in [Detail],
    NextField => "next_field" in [Form],
    PrevField => "prev_field" in [Form],
    Save => "save" in [Form],
    Cancel => "cancel" in [Form, Wizard, Dialog, Compose, Confirm],
    Confirm => "confirm" in [Wizard, Dialog, Confirm],
    Dismiss => "dismiss" in [Confirm],
    StepBack => "step_back" in [Wizard, Dialog],
    Classify => "classify" in [Queue, Detail],
    OverridePriority => "override_priority" in [Wizard],
    Assign => "assign" in [Queue, Detail],
    Escalate => "escalate" in [Queue, Detail],
    AskLead => "ask_lead" in [Queue, Detail],
    LeadHandled => "lead_handled" in [Queue, Detail],
    StartWork => "start_work" in [Queue, Detail],
    WaitCustomer => "wait_customer" in [Queue, Detail],
    WaitSupplier => "wait_supplier" in [Queue, Detail],
    Resolve => "resolve" in [Queue, Detail],
    Close => "close" in [Queue, Detail],
    Reopen => "reopen" in [Queue, Detail],
    AddNote => "note" in [Queue, Detail],
    Message => "message" in [Queue, Detail],
    MakeMajor => "major" in [Queue, Detail],
    LinkToMajor => "link_major" in [Queue, Detail],
    ViewOpen => "view_open" in [Queue],
    ViewMine => "view_mine" in [Queue],
    ViewTeam => "view_team" in [Queue],
    ViewEscalated => "view_escalated" in [Queue],
    ViewWaiting => "view_waiting" in [Queue],
    ViewLead => "view_lead" in [Queue],
    Send => "send" in [Compose],
    RecordOnly => "record_only" in [Compose],
    NextField2 => "compose_next" in [Compose],
    ToLinked => "to_linked" in [Compose],
    Admin => "admin" in [Queue],
    Problems => "problems" in [Queue],
    Knowledge => "knowledge" in [Queue],
    Review => "review" in [Queue, Detail],
    LinkProblem => "problem" in [Queue, Detail],
    ApplyKnowledge => "apply_knowledge" in [Queue, Detail],
    Duplicate => "duplicate" in [Queue, Detail],
    Edit => "edit" in [Queue, Detail],
    AddChoice => "add_choice" in [Form, Wizard],
    Recurring => "recurring" in [Library],
    AddItem => "add" in [Admin, Library],
    RemoveItem => "remove" in [Admin],
    NextPane => "next_pane" in [Queue, Detail, Admin, Reports],
    Reports => "reports" in [Queue],
    NextPeriod => "next_period" in [Reports],
    CustomDates => "custom_dates" in [Reports],
    ReportFilter => "report_filter" in [Reports],
    CellLeft => "cell_left" in [Reports],
    CellRight => "cell_right" in [Reports],
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
