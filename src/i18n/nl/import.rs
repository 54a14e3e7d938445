//! Dutch for why a meldpunt export cannot be imported.

use crate::domain::servicenow::RowProblem;
use crate::domain::storage::ImportProblem;

pub(super) fn problem(p: &ImportProblem) -> String {
    use ImportProblem::*;
    match p {
        NotAnObject(table) => format!("{table}: een regel is geen object"),
        NoColumn { table, column } => format!("{table} heeft geen kolom {column}"),
        NotJson { line, column, why } => format!("regel {line}, kolom {column}: {why}"),
        ReferenceLate => "de referentiegegevens moeten voor de meldingen staan (zoals een export ze schrijft)".into(),
        NotAnExport => "geen meldpunt-export (geen \"format\": \"meldpunt-export\")".into(),
        Newer { found, known } => {
            format!("geschreven door een nieuwere meldpunt (schema {found}); deze kent {known}")
        }
        NoTicket(n) => format!("melding {n}: geen ticket"),
        NoTicketId(n) => format!("melding {n}: geen ticket.id"),
        NotAList { ticket, table } => format!("melding {ticket}: {table} is geen lijst"),
        Other(said) => said.clone(),
    }
}

/// What is wrong with a value of an imported row, in Dutch.
pub(super) fn row(p: &RowProblem) -> String {
    use RowProblem::*;
    let t = &super::NL;
    match p {
        BeforeEpoch(text) => format!("'{text}' ligt voor 1970"),
        NotADate(text) => format!("'{text}' is geen datum"),
        NotADateAs { text, format } => format!("'{text}' is geen datum als {format}"),
        NotThere(text) => format!("'{text}' bestaat daar niet (de klok verspringt)"),
        NotALevel(text) => format!("'{text}' is geen niveau"),
        NotAPriority(text) => format!("'{text}' is geen prioriteit (P1-P4)"),
        NotAChannel(text) => {
            format!("'{text}' is geen kanaal (phone, email, chat, portal, walk_in, monitoring; of koppel het)")
        }
        NotAStatus(text) => format!(
            "'{text}' is geen status (new, assigned, in_progress, waiting_customer, waiting_supplier, resolved, \
             closed; of koppel het)"
        ),
        Empty => "is leeg".into(),
        NotUtf8 => "is geen geldige UTF-8".into(),
        Value(problem) => (t.problem)(*problem),
        FieldValue { field, problem } => format!("{} {}", t.field(*field), (t.problem)(*problem)),
        Twice { number, first } => format!("{number} staat ook op regel {first}"),
        NotTogether(number) => {
            format!("{number} komt terug na andere incidenten; de regels ervan moeten bij elkaar staan")
        }
        Said(said) => said.clone(),
    }
}
