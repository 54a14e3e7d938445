//! Dutch for why a meldpunt export cannot be imported.

use crate::store::ImportProblem;

pub(super) fn problem(p: &ImportProblem) -> String {
    use ImportProblem::*;
    match p {
        NotAnObject(table) => format!("{table}: een regel is geen object"),
        NoColumn { table, column } => format!("{table} heeft geen kolom {column}"),
        NotJson { line, column, why } => format!("regel {line}, kolom {column}: {why}"),
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
