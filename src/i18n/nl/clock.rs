//! Nederlandse woorden voor de klok van de klantupdates: wanneer de
//! volgende moet, hoeveel er moeten, en een gemiste update.

pub(super) fn update_next_in(left: &str) -> String {
    format!("Volgende klantupdate over {left}")
}

pub(super) fn update_overdue(late: &str) -> String {
    format!("Klantupdate {late} te laat")
}

pub(super) const UPDATE_PAUSED: &str = "Klantupdates gepauzeerd zolang op de klant gewacht wordt";

pub(super) fn updates_due(n: u64) -> String {
    if n == 1 { "1 klantupdate te doen".to_string() } else { format!("{n} klantupdates te doen") }
}

pub(super) fn ev_update_missed(due: &str) -> String {
    format!("Klantupdate gemist (moest om {due})")
}

pub(super) fn compose_no_mail(key: &str) -> String {
    format!("Geen mailopdracht: {key} legt het bericht vast (zeg hoe de melder het hoorde)")
}
