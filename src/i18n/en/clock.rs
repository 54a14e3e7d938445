//! English words for the customer-update clock: when the next update is
//! due, how many are due, and an update that was missed.

pub(super) fn update_next_in(left: &str) -> String {
    format!("Next customer update in {left}")
}

pub(super) fn update_overdue(late: &str) -> String {
    format!("Customer update overdue {late}")
}

pub(super) const UPDATE_PAUSED: &str = "Customer updates paused while waiting for the customer";

pub(super) fn updates_due(n: u64) -> String {
    if n == 1 { "1 update due".to_string() } else { format!("{n} updates due") }
}

pub(super) fn ev_update_missed(due: &str) -> String {
    format!("Customer update missed (was due {due})")
}

pub(super) fn compose_no_mail(key: &str) -> String {
    format!("No mail command: {key} records the message (say how the reporter was told)")
}
