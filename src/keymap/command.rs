//! Bindable commands: what a user can ask for with a key. Internal actions
//! (data loaded, a save finished) live in `app::action` instead.
//!
//! Every command is one row of one table: its name in keymap files (with
//! its argument, `view mine`), an older name still read from users'
//! configs, the layers where it means something, and its words in English
//! and Dutch (a hint for the footer, a line for the help and the palette).
//! What it does is the pane's: each pane unit runs the commands of its layer.

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
    MyWork,
    Confirm,
}

impl Layer {
    pub const ALL: [Layer; 12] = [
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
        Layer::MyWork,
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
            Layer::MyWork => "my_work",
            Layer::Confirm => "confirm",
        }
    }

    /// The names of all layers, for a message about an unknown one.
    pub fn known() -> String {
        Layer::ALL.map(Layer::code).join(", ")
    }

    pub fn from_code(code: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The queue views a `view` command shows (its argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViewName {
    Open,
    Mine,
    Team,
    Escalated,
    Waiting,
    Lead,
}

/// The queue filters a `filter` command toggles or cycles (its argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilterName {
    /// Open or all tickets.
    Open,
    Mine,
    Unassigned,
    Team,
    Priority,
    Status,
}

/// Every command a key can be bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    Back,
    Search,
    NewTicket,
    SortNext,
    SortReverse,
    Filter(FilterName),
    ClearFilters,
    Refresh,
    LoadDemo,
    NextTicket,
    PrevTicket,
    NextField,
    PrevField,
    Save,
    Cancel,
    Confirm,
    Dismiss,
    StepBack,
    Classify,
    OverridePriority,
    Assign,
    Escalate,
    AskLead,
    LeadHandled,
    StartWork,
    WaitCustomer,
    WaitSupplier,
    Resolve,
    Close,
    Reopen,
    AddNote,
    Message,
    MakeMajor,
    LinkToMajor,
    View(ViewName),
    Send,
    RecordOnly,
    NextField2,
    ToLinked,
    Admin,
    Problems,
    Knowledge,
    Review,
    LinkProblem,
    ApplyKnowledge,
    Duplicate,
    Edit,
    AddChoice,
    Recurring,
    AddItem,
    RemoveItem,
    NextPane,
    Reports,
    NextPeriod,
    CustomDates,
    ReportFilter,
    CellLeft,
    CellRight,
    MyWork,
}

/// What a user reads about a command in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    /// One or two words, for the footer's key hints.
    pub hint: &'static str,
    /// One line, for the help and the command palette.
    pub about: &'static str,
}

/// One command: its names, where it applies, what it is called.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub command: Command,
    /// The name in keymap files, with its argument if it takes one.
    pub name: &'static str,
    /// The name it had before it took an argument; configs may still use it.
    pub alias: Option<&'static str>,
    pub layers: &'static [Layer],
    pub en: Words,
    pub nl: Words,
}

macro_rules! rows {
    ($($command:expr => $name:literal $(aka $alias:literal)? in [$($layer:ident),+]
        en $en_hint:literal, $en_about:literal;
        nl $nl_hint:literal, $nl_about:literal;)+) => {
        &[$(Row {
            command: $command,
            name: $name,
            alias: rows!(@alias $($alias)?),
            layers: &[$(Layer::$layer),+],
            en: Words { hint: $en_hint, about: $en_about },
            nl: Words { hint: $nl_hint, about: $nl_about },
        }),+]
    };
    (@alias) => { None };
    (@alias $alias:literal) => { Some($alias) };
}

/// The command table, in parts by where the commands are used.
mod table {
    use super::Command::*;
    use super::{FilterName, Layer, Row, ViewName, Words};

    /// Moving, opening and leaving, in every pane.
    const GETTING_AROUND: &[Row] = rows! {
        Quit => "quit" in [Global]
            en "quit", "Quit meldpunt";
            nl "afsluiten", "meldpunt afsluiten";
        Help => "help" in [Global]
            en "help", "Show the keys";
            nl "hulp", "Toetsen tonen";
        Up => "up" in [Queue, Detail, Form, Wizard, Dialog, Admin, Library, Reports, MyWork]
            en "up", "Move up";
            nl "omhoog", "Omhoog";
        Down => "down" in [Queue, Detail, Form, Wizard, Dialog, Admin, Library, Reports, MyWork]
            en "down", "Move down";
            nl "omlaag", "Omlaag";
        PageUp => "page_up" in [Queue, Detail, Reports]
            en "page up", "Page up";
            nl "pagina omhoog", "Pagina omhoog";
        PageDown => "page_down" in [Queue, Detail, Reports]
            en "page down", "Page down";
            nl "pagina omlaag", "Pagina omlaag";
        HalfPageUp => "half_page_up" in [Queue, Detail]
            en "half page up", "Half a page up";
            nl "halve pagina omhoog", "Halve pagina omhoog";
        HalfPageDown => "half_page_down" in [Queue, Detail]
            en "half page down", "Half a page down";
            nl "halve pagina omlaag", "Halve pagina omlaag";
        Top => "top" in [Queue, Detail, Reports, MyWork]
            en "first", "Go to the first";
            nl "eerste", "Naar de eerste";
        Bottom => "bottom" in [Queue, Detail, Reports, MyWork]
            en "last", "Go to the last";
            nl "laatste", "Naar de laatste";
        Open => "open" in [Queue, Library, Reports, MyWork]
            en "open", "Open the incident";
            nl "openen", "Melding openen";
        Back => "back" in [Queue, Detail, Admin, Library, Reports, MyWork]
            en "back", "Back to the queue";
            nl "terug", "Terug naar de wachtrij";
        Search => "search" in [Queue, Library]
            en "search", "Search tickets";
            nl "zoeken", "Meldingen zoeken";
    };

    /// The queue: new tickets, sorting, filters, going from ticket to ticket.
    const QUEUE: &[Row] = rows! {
        NewTicket => "new_ticket" in [Queue, Detail]
            en "new", "Register an incident";
            nl "nieuw", "Melding registreren";
        SortNext => "sort_next" in [Queue]
            en "sort", "Sort by next column";
            nl "sorteren", "Sorteren op volgende kolom";
        SortReverse => "sort_reverse" in [Queue]
            en "reverse", "Reverse sort order";
            nl "omdraaien", "Sorteervolgorde omdraaien";
        Filter(FilterName::Open) => "filter open" aka "filter_open" in [Queue]
            en "open/all", "Open or all tickets";
            nl "open/alle", "Open of alle meldingen";
        Filter(FilterName::Mine) => "filter mine" aka "filter_mine" in [Queue]
            en "mine", "Only mine";
            nl "mijn", "Alleen de mijne";
        Filter(FilterName::Unassigned) => "filter unassigned" aka "filter_unassigned" in [Queue]
            en "unassigned", "Only unassigned";
            nl "niet toegewezen", "Alleen niet toegewezen";
        Filter(FilterName::Team) => "filter team" aka "filter_team" in [Queue]
            en "my team", "Only my team";
            nl "mijn team", "Alleen mijn team";
        Filter(FilterName::Priority) => "filter priority" aka "filter_priority" in [Queue]
            en "priority", "Cycle priority filter";
            nl "prioriteit", "Prioriteitsfilter wisselen";
        Filter(FilterName::Status) => "filter status" aka "filter_status" in [Queue]
            en "status", "Cycle status filter";
            nl "status", "Statusfilter wisselen";
        ClearFilters => "clear_filters" in [Queue, Reports]
            en "clear", "Clear filters";
            nl "wissen", "Filters wissen";
        Refresh => "refresh" in [Queue, Detail, Reports, MyWork]
            en "reload", "Reload";
            nl "herladen", "Opnieuw laden";
        LoadDemo => "load_demo" in [Queue]
            en "demo data", "Load demo data";
            nl "demogegevens", "Demogegevens laden";
        NextTicket => "next_ticket" in [Detail]
            en "next", "Next incident";
            nl "volgende", "Volgende melding";
        PrevTicket => "prev_ticket" in [Detail]
            en "previous", "Previous incident";
            nl "vorige", "Vorige melding";
    };

    /// Forms, the wizard, dialogs and questions.
    const FORMS: &[Row] = rows! {
        NextField => "next_field" in [Form]
            en "next field", "Next field";
            nl "volgend veld", "Volgend veld";
        PrevField => "prev_field" in [Form]
            en "previous field", "Previous field";
            nl "vorig veld", "Vorig veld";
        Save => "save" in [Form]
            en "save", "Save";
            nl "opslaan", "Opslaan";
        Cancel => "cancel" in [Form, Wizard, Dialog, Compose, Confirm]
            en "cancel", "Cancel";
            nl "annuleren", "Annuleren";
        Confirm => "confirm" in [Wizard, Dialog, Confirm]
            en "yes", "Yes";
            nl "ja", "Ja";
        Dismiss => "dismiss" in [Confirm]
            en "keep going", "No, keep going";
            nl "doorgaan", "Nee, doorgaan";
        StepBack => "step_back" in [Wizard, Dialog]
            en "back", "Previous step";
            nl "terug", "Vorige stap";
        Classify => "classify" in [Queue, Detail]
            en "classify", "Classify (impact, urgency)";
            nl "inschatten", "Inschatten (impact, urgentie)";
        OverridePriority => "override_priority" in [Wizard]
            en "other priority", "Choose another priority";
            nl "andere prioriteit", "Andere prioriteit kiezen";
    };

    /// Work on a ticket, and the queue's views.
    const TICKET_WORK: &[Row] = rows! {
        Assign => "assign" in [Queue, Detail]
            en "assign", "Assign to a team or person";
            nl "toewijzen", "Toewijzen aan team of persoon";
        Escalate => "escalate" in [Queue, Detail]
            en "escalate", "Escalate to another line";
            nl "escaleren", "Escaleren naar een andere lijn";
        AskLead => "ask_lead" in [Queue, Detail]
            en "lead", "Ask a lead's attention";
            nl "teamleider", "Aandacht teamleider vragen";
        LeadHandled => "lead_handled" in [Queue, Detail]
            en "handled", "Mark a lead's ask handled";
            nl "afgehandeld", "Vraag aan teamleider afhandelen";
        StartWork => "start_work" in [Queue, Detail]
            en "work", "Start work (in progress)";
            nl "behandelen", "In behandeling nemen";
        WaitCustomer => "wait_customer" in [Queue, Detail]
            en "wait customer", "Wait for the customer";
            nl "wacht klant", "Wachten op de klant";
        WaitSupplier => "wait_supplier" in [Queue, Detail]
            en "wait supplier", "Wait for the supplier";
            nl "wacht leverancier", "Wachten op de leverancier";
        Resolve => "resolve" in [Queue, Detail]
            en "resolve", "Resolve";
            nl "oplossen", "Oplossen";
        Close => "close" in [Queue, Detail]
            en "close", "Close";
            nl "sluiten", "Sluiten";
        Reopen => "reopen" in [Queue, Detail]
            en "reopen", "Reopen";
            nl "heropenen", "Heropenen";
        AddNote => "note" in [Queue, Detail]
            en "note", "Add a work note";
            nl "notitie", "Werknotitie toevoegen";
        Message => "message" in [Queue, Detail]
            en "message", "Message the reporter";
            nl "bericht", "Bericht aan de melder";
        MakeMajor => "major" in [Queue, Detail]
            en "major", "Make a major incident";
            nl "major", "Major incident maken";
        LinkToMajor => "link_major" in [Queue, Detail]
            en "link", "Link to a major incident";
            nl "koppelen", "Koppelen aan major incident";
        View(ViewName::Open) => "view open" aka "view_open" in [Queue]
            en "open", "View: all open";
            nl "open", "Weergave: alle open";
        View(ViewName::Mine) => "view mine" aka "view_mine" in [Queue]
            en "mine", "View: assigned to me";
            nl "mijn", "Weergave: mijn meldingen";
        View(ViewName::Team) => "view team" aka "view_team" in [Queue]
            en "team", "View: my team";
            nl "team", "Weergave: mijn team";
        View(ViewName::Escalated) => "view escalated" aka "view_escalated" in [Queue]
            en "escalated", "View: escalated";
            nl "geëscaleerd", "Weergave: geëscaleerd";
        View(ViewName::Waiting) => "view waiting" aka "view_waiting" in [Queue]
            en "waiting", "View: waiting";
            nl "wachtend", "Weergave: wachtend";
        View(ViewName::Lead) => "view lead" aka "view_lead" in [Queue]
            en "asked of me", "View: asked of me (leads)";
            nl "aan mij gevraagd", "Weergave: aan mij gevraagd";
    };

    /// Messages, the other panes and their own commands.
    const PANES: &[Row] = rows! {
        Send => "send" in [Compose]
            en "send", "Send (or save the note)";
            nl "versturen", "Versturen (of notitie opslaan)";
        RecordOnly => "record_only" in [Compose]
            en "record only", "Record only (told by phone)";
            nl "vastleggen", "Alleen vastleggen (telefonisch gemeld)";
        NextField2 => "compose_next" in [Compose]
            en "subject/text", "Subject ↔ text";
            nl "onderwerp/tekst", "Onderwerp ↔ tekst";
        ToLinked => "to_linked" in [Compose]
            en "to all linked", "Also to the linked incidents' reporters";
            nl "aan alle gekoppelde", "Ook aan de melders van gekoppelde meldingen";
        Admin => "admin" in [Queue]
            en "teams", "Teams and people";
            nl "teams", "Teams en mensen";
        Problems => "problems" in [Queue]
            en "problems", "Problems";
            nl "problemen", "Problemen";
        Knowledge => "knowledge" in [Queue]
            en "knowledge", "Knowledge base";
            nl "kennis", "Kennisbank";
        Review => "review" in [Queue, Detail]
            en "review", "Post-incident review";
            nl "evaluatie", "Evaluatie na het incident";
        LinkProblem => "problem" in [Queue, Detail]
            en "problem", "Link to a problem";
            nl "probleem", "Aan een probleem koppelen";
        ApplyKnowledge => "apply_knowledge" in [Queue, Detail]
            en "knowledge", "Apply a knowledge article";
            nl "kennis", "Kennisartikel toepassen";
        Duplicate => "duplicate" in [Queue, Detail]
            en "duplicate", "Duplicate of another incident";
            nl "dubbel", "Dubbel van een andere melding";
        Edit => "edit" in [Queue, Detail]
            en "edit", "Edit what was registered";
            nl "wijzigen", "Wijzigen wat is geregistreerd";
        AddChoice => "add_choice" in [Form, Wizard]
            en "add to list", "Add what was typed to the list";
            nl "aan lijst toevoegen", "Het getypte aan de lijst toevoegen";
        Recurring => "recurring" in [Library]
            en "recurring", "Recurring incidents without a problem";
            nl "terugkerend", "Terugkerende meldingen zonder probleem";
        AddItem => "add" in [Admin, Library]
            en "add", "Add";
            nl "toevoegen", "Toevoegen";
        RemoveItem => "remove" in [Admin]
            en "remove", "Remove";
            nl "verwijderen", "Verwijderen";
        NextPane => "next_pane" in [Queue, Detail, Admin, Reports]
            en "switch", "Queue ↔ incident";
            nl "wisselen", "Wachtrij ↔ melding";
        Reports => "reports" in [Queue]
            en "reports", "Reports";
            nl "rapporten", "Rapportages";
        NextPeriod => "next_period" in [Reports]
            en "period", "Next period: today, this week, last 7 days, this month, last month";
            nl "periode", "Volgende periode: vandaag, deze week, laatste 7 dagen, deze maand, vorige maand";
        CustomDates => "custom_dates" in [Reports]
            en "dates", "Report over dates of your own";
            nl "datums", "Rapport over eigen datums";
        ReportFilter => "report_filter" in [Reports]
            en "filter", "Filter the report on team, priority, category, service or department";
            nl "filter", "Rapport filteren op team, prioriteit, categorie, dienst of afdeling";
        CellLeft => "cell_left" in [Reports]
            en "cell ←", "The cell to the left (open shows its tickets)";
            nl "cel ←", "De cel links (openen toont haar meldingen)";
        CellRight => "cell_right" in [Reports]
            en "cell →", "The cell to the right (open shows its tickets)";
            nl "cel →", "De cel rechts (openen toont haar meldingen)";
        MyWork => "my_work" in [Queue]
            en "my work", "My work, and my teams' unassigned";
            nl "mijn werk", "Mijn werk en onverdeeld teamwerk";
    };

    /// The table of every command, part by part.
    pub(super) const TABLE: &[&[Row]] = &[GETTING_AROUND, QUEUE, FORMS, TICKET_WORK, PANES];
}

/// Every command's row, in the table's order.
pub fn rows() -> impl Iterator<Item = &'static Row> {
    table::TABLE.iter().flat_map(|part| part.iter())
}

impl Command {
    /// Work on one ticket: the same on the queue's selected row as in the
    /// incident pane.
    pub fn works_on_ticket(self) -> bool {
        use Command::*;
        matches!(self, StartWork | WaitCustomer | WaitSupplier | Resolve | Close | Reopen | Assign | Escalate)
            || matches!(self, AskLead | LeadHandled)
            || self.done_in_incident()
    }

    /// Work on a ticket done in the incident pane: from the queue, it opens
    /// the pane first, then acts (editing the ticket too).
    pub fn done_in_incident(self) -> bool {
        use Command::*;
        matches!(self, AddNote | Message | MakeMajor | LinkToMajor | Review | LinkProblem | ApplyKnowledge | Duplicate)
    }

    /// Every command, in the table's order.
    pub fn all() -> impl Iterator<Item = Command> {
        rows().map(|r| r.command)
    }

    /// This command's row of the table.
    pub fn row(self) -> &'static Row {
        // Looked up on every frame, for every hint: found once, kept.
        static BY_COMMAND: std::sync::LazyLock<std::collections::HashMap<Command, &'static Row>> =
            std::sync::LazyLock::new(|| rows().map(|r| (r.command, r)).collect());
        BY_COMMAND.get(&self).expect("every command has a row")
    }

    /// The name used in keymap files (`view mine`).
    pub fn code(self) -> &'static str {
        self.row().name
    }

    /// The command a keymap names: a name and its argument, separated by
    /// blanks (`view  mine` is `view mine`), or an older name (`view_mine`).
    pub fn from_code(code: &str) -> Option<Command> {
        let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
        rows().find(|r| r.name == code || r.alias == Some(code.as_str())).map(|r| r.command)
    }

    /// The layers in which this command means something.
    pub fn layers(self) -> &'static [Layer] {
        self.row().layers
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_row_and_names_are_unique() {
        let mut names = std::collections::HashSet::new();
        for row in rows() {
            assert_eq!(row.command.row().name, row.name, "{} has two rows", row.name);
            assert!(names.insert(row.name), "{} is named twice", row.name);
            if let Some(alias) = row.alias {
                assert!(names.insert(alias), "{alias} is named twice");
            }
            for words in [row.en, row.nl] {
                assert!(!words.hint.is_empty() && !words.about.is_empty(), "{} lacks words", row.name);
            }
        }
    }

    #[test]
    fn arguments_and_older_names_are_read() {
        assert_eq!(Command::from_code("view mine"), Some(Command::View(ViewName::Mine)));
        assert_eq!(Command::from_code(" view   mine "), Some(Command::View(ViewName::Mine)));
        assert_eq!(Command::from_code("view_mine"), Some(Command::View(ViewName::Mine)));
        assert_eq!(Command::from_code("filter_team"), Some(Command::Filter(FilterName::Team)));
        assert_eq!(Command::from_code("filter open"), Some(Command::Filter(FilterName::Open)));
        assert_eq!(Command::from_code("view nobody"), None);
        assert_eq!(Command::View(ViewName::Lead).to_string(), "view lead");
    }
}
