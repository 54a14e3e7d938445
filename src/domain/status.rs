//! The incident lifecycle.

use super::ticket::{EditError, coded_enum};

coded_enum! {
    /// Where an incident is in its life. The order is the lifecycle order.
    Status {
        New => "new",
        Assigned => "assigned",
        InProgress => "in_progress",
        WaitingCustomer => "waiting_customer",
        WaitingSupplier => "waiting_supplier",
        Resolved => "resolved",
        Closed => "closed",
    }
}

impl Status {
    /// Open tickets still need work; resolved and closed ones do not.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    /// The statuses an incident may move to from this one.
    pub fn allowed_next(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[Assigned, InProgress, Resolved, Closed],
            Assigned => &[InProgress, WaitingCustomer, WaitingSupplier, Resolved, Closed],
            InProgress => &[Assigned, WaitingCustomer, WaitingSupplier, Resolved],
            WaitingCustomer => &[InProgress, WaitingSupplier, Resolved],
            WaitingSupplier => &[InProgress, WaitingCustomer, Resolved],
            Resolved => &[Closed, InProgress],
            Closed => &[InProgress],
        }
    }

    /// Refuses an illegal transition; the error names the allowed ones.
    pub fn check_transition(self, to: Status) -> Result<(), EditError> {
        if self == to || self.allowed_next().contains(&to) {
            return Ok(());
        }
        Err(EditError::Transition { from: self, to })
    }

    /// Position in the lifecycle, used to sort by status.
    pub fn rank(self) -> i64 {
        Status::ALL.iter().position(|s| *s == self).unwrap_or(0) as i64 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_and_closed_are_not_open() {
        let open: Vec<Status> = Status::ALL.iter().copied().filter(|s| s.is_open()).collect();
        assert_eq!(open.len(), 5);
        assert!(!Status::Resolved.is_open() && !Status::Closed.is_open());
    }

    #[test]
    fn every_status_can_reach_closed_eventually() {
        for start in Status::ALL {
            let mut seen = vec![*start];
            let mut frontier = vec![*start];
            while let Some(s) = frontier.pop() {
                for n in s.allowed_next() {
                    if !seen.contains(n) {
                        seen.push(*n);
                        frontier.push(*n);
                    }
                }
            }
            assert!(seen.contains(&Status::Closed), "{start} cannot reach closed");
        }
    }

    #[test]
    fn refusal_names_allowed_statuses() {
        let err = Status::New.check_transition(Status::WaitingSupplier).unwrap_err();
        assert!(err.to_string().contains("assigned, in_progress, resolved, closed"), "{err}");
    }

    #[test]
    fn rank_follows_lifecycle() {
        assert!(Status::New.rank() < Status::InProgress.rank());
        assert!(Status::Resolved.rank() < Status::Closed.rank());
    }
}
