//! Dutch for what is wrong with a value of the config or a mapping file.

use crate::config::ConfigProblem;

pub(super) fn problem(p: &ConfigProblem) -> String {
    use ConfigProblem::*;
    match p {
        FileMode(mode) => format!(
            "'{}' is geen bestandsmodus waarmee de eigenaar kan lezen en schrijven, zoals \"0660\" of \"0600\"",
            mode.escape_debug()
        ),
        DatabasePassword => {
            "een wachtwoord hoort niet in de configuratie; zet het in ~/.pgpass, PGPASSWORD of een servicebestand"
                .to_string()
        }
        RetentionMonths(months) => format!("{months} is geen aantal maanden van 1 tot 1200"),
        NotPlain(value) => format!(
            "'{}' moet gewone tekst zijn, zonder besturings-, richtings- of onzichtbare tekens",
            value.escape_debug()
        ),
        NumberPrefix(value) => format!(
            "'{}' mag hoogstens 10 tekens lang zijn, zonder cijfers en zonder besturings-, richtings- of onzichtbare \
             tekens",
            value.escape_debug()
        ),
        LevelName(name) => format!(
            "niveaunaam '{}' moet gewone tekst zijn, zonder besturings-, richtings- of onzichtbare tekens",
            name.escape_debug()
        ),
        LevelTwice(name) => format!("niveaunaam '{name}' komt twee keer voor"),
        MatrixNeeded => "de impact- of urgentieniveaus zijn gewijzigd, dus [matrix] moet hun prioriteiten geven".into(),
        NotAnImpactLevel { name, known } => format!("'{name}' is geen impactniveau (niveaus: {})", known.join(", ")),
        RowLength { given, needed } => {
            format!("{given} prioriteiten gegeven, er is er één per urgentieniveau nodig ({needed})")
        }
        NoRow(level) => format!("geen regel voor impactniveau '{level}'"),
        NoWorkingTime => "deze kalender heeft helemaal geen werktijd".into(),
        AtRisk(value) => format!("{value} is geen deel tussen 0 en 1"),
        Duration(e) => (super::refusals::REFUSALS.bad_duration)(e),
        TargetZero => "een norm moet langer zijn dan nul".into(),
        TargetTooLong(most) => format!("een norm mag hoogstens {most} zijn"),
        UnknownCalendar { name, known } => format!("onbekende kalender '{name}' (bekend: {})", known.join(", ")),
        ReopenDays(days) => format!("{days} is geen aantal dagen tussen 0 en 3650"),
        FirstContactMinutes(m) => format!("{m} is geen aantal minuten tussen 1 en 1440"),
        NotAName(name) => {
            format!("'{name}' is geen naam: gebruik kleine letters, cijfers en _ (hoogstens 40)")
        }
        NameTwice(name) => format!("'{name}' komt twee keer voor"),
        NoClosureCode => "er is minstens één afsluitcode nodig".into(),
        NotAField(fields) => format!("geen veld; de velden zijn {}", fields.join(", ")),
        ColumnNeeded => "is nodig: in welke kolom staat het?".into(),
        NotATimeZone(tz) => format!("'{tz}' is geen IANA-tijdzone zoals Europe/Amsterdam"),
        Calendar(problem) => {
            use crate::domain::calendar::CalendarProblem::*;
            match problem {
                NotATimeZone(name) => format!("{name:?} is geen bekende IANA-tijdzone (zoals Europe/Amsterdam)"),
                NotADate(text) => format!("{text:?} is geen datum (JJJJ-MM-DD)"),
                Overlap(first, second) => format!("{first:?} overlapt {second:?}"),
                NotARange(text) => format!("{text:?} is geen tijdvak (UU:MM-UU:MM)"),
                StartsAtMidnight(text) => format!("{text:?} begint om 24:00 (24:00 kan alleen een tijdvak afsluiten)"),
                EndsBeforeStart(text) => format!("{text:?} eindigt niet na het begin"),
            }
        }
        Other(said) => said.clone(),
    }
}
