//! Pure domain logic: no SQL, no terminal, no clock reads (time is passed in).

pub mod access;
pub mod calendar;
pub mod cell;
pub mod classification;
pub mod closure;
pub mod demo;
pub mod duration;
pub mod entry;
pub mod escalation;
pub mod event;
pub mod figures;
pub mod knowledge;
pub mod limits;
pub mod mail;
pub mod number;
pub mod policy;
pub mod priority;
pub mod privacy;
pub mod queue;
pub mod reference;
pub mod report;
pub mod routing;
pub mod servicenow;
pub mod sla;
pub mod status;
pub mod template;
pub mod text;
pub mod ticket;
pub mod validate;

pub use event::{Event, EventKind};
pub use number::NumberFormat;
pub use policy::Policy;
pub use priority::{Level, Priority, PriorityMatrix};
pub use status::Status;
pub use ticket::{Channel, Field, HistoricTicket, NewTicket, Reporter, Ticket, TicketId, TicketKind};
