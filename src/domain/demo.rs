//! Realistic demo incidents: a year of servicedesk work, generated from a
//! seed so the same command gives the same data.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use serde::Deserialize;
use std::collections::BTreeMap;

use super::event::{EventKind, NewEvent};
use super::priority::{Level, PriorityMatrix};
use super::status::Status;
use super::ticket::{Channel, Field, FieldChange, HistoricTicket, NewTicket, Reporter, TicketKind};

const VOCABULARY: &str = include_str!("../../assets/demo.toml");
const DAYS: i64 = 365;

#[derive(Debug, Deserialize)]
pub struct Vocabulary {
    first_names: Vec<String>,
    last_names: Vec<String>,
    mail_domain: String,
    openers: Vec<String>,
    closers: Vec<String>,
    topics: Vec<Topic>,
}

#[derive(Debug, Deserialize)]
struct Topic {
    category: String,
    subcategory: String,
    service: String,
    team: String,
    #[serde(default)]
    kind: Option<TicketKind>,
    titles: Vec<String>,
    symptoms: Vec<String>,
}

/// The vocabulary for a language code (`nl` or anything else for English).
pub fn vocabulary(language: &str) -> Vocabulary {
    let mut all: BTreeMap<String, Vocabulary> =
        toml::from_str(VOCABULARY).expect("the bundled demo vocabulary is valid TOML");
    let key = if language == "nl" { "nl" } else { "en" };
    all.remove(key).expect("the bundled demo vocabulary has en and nl")
}

/// A servicedesk employee created for the demo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAgent {
    pub login: String,
    pub name: String,
    pub email: String,
    pub team: String,
    pub line: u8,
}

pub const SERVICEDESK_TEAM: &str = "Servicedesk";

impl Vocabulary {
    /// The teams the demo tickets are routed to, the servicedesk first.
    pub fn teams(&self) -> Vec<String> {
        let mut teams = vec![SERVICEDESK_TEAM.to_string()];
        for t in &self.topics {
            if !teams.contains(&t.team) {
                teams.push(t.team.clone());
            }
        }
        teams
    }

    /// Four people per team, with unique login names.
    pub fn agents(&self) -> Vec<DemoAgent> {
        let mut rng = SmallRng::seed_from_u64(7);
        let mut agents: Vec<DemoAgent> = Vec::new();
        for (i, team) in self.teams().iter().enumerate() {
            let line = if i == 0 {
                1
            } else if team == "Infrastructure" || team == "Security" {
                3
            } else {
                2
            };
            for _ in 0..4 {
                let first = self.first_names.choose(&mut rng).expect("names");
                let last = self.last_names.choose(&mut rng).expect("names");
                let base: String = format!("{}{}", &first[..1], last.replace(' ', "")).to_lowercase();
                let mut login = base.clone();
                let mut n = 2;
                while agents.iter().any(|a| a.login == login) {
                    login = format!("{base}{n}");
                    n += 1;
                }
                agents.push(DemoAgent {
                    email: format!("{login}@{}", self.mail_domain),
                    login,
                    name: format!("{first} {last}"),
                    team: team.clone(),
                    line,
                });
            }
        }
        agents
    }
}

/// Yields `count` tickets in the order they were created, spread over the
/// year before `now`, busier on weekdays and during office hours.
pub struct DemoGenerator<'v> {
    vocab: &'v Vocabulary,
    agents: Vec<DemoAgent>,
    teams: Vec<String>,
    departments: Vec<String>,
    matrix: PriorityMatrix,
    rng: SmallRng,
    now: DateTime<Utc>,
    first_day: DateTime<Utc>,
    day_counts: Vec<u64>,
    day: usize,
    pending: Vec<DateTime<Utc>>,
}

impl<'v> DemoGenerator<'v> {
    pub fn new(vocab: &'v Vocabulary, agents: Vec<DemoAgent>, count: u64, seed: u64, now: DateTime<Utc>) -> Self {
        let today = Utc.from_utc_datetime(&now.date_naive().and_time(NaiveTime::MIN));
        let first_day = today - Duration::days(DAYS - 1);
        let weights: Vec<f64> = (0..DAYS)
            .map(|d| match (first_day + Duration::days(d)).weekday() {
                Weekday::Sat => 0.12,
                Weekday::Sun => 0.08,
                _ => 1.0,
            })
            .collect();
        let total: f64 = weights.iter().sum();
        let mut day_counts = Vec::with_capacity(DAYS as usize);
        let (mut acc, mut given) = (0.0, 0u64);
        for w in &weights {
            acc += w;
            let upto = ((acc / total) * count as f64).round() as u64;
            day_counts.push(upto - given);
            given = upto;
        }
        DemoGenerator {
            vocab,
            agents,
            teams: vocab.teams(),
            departments: super::reference::ReferenceData::default().departments,
            matrix: PriorityMatrix::default(),
            rng: SmallRng::seed_from_u64(seed),
            now,
            first_day,
            day_counts,
            day: 0,
            pending: Vec::new(),
        }
    }

    /// Creation times for one day, latest first so they can be popped in order.
    fn times_for_day(&mut self, day: usize) -> Vec<DateTime<Utc>> {
        const HOUR_WEIGHTS: [u32; 24] =
            [1, 1, 1, 1, 1, 2, 4, 10, 22, 26, 24, 20, 14, 20, 22, 20, 16, 10, 6, 4, 3, 2, 2, 1];
        let start = self.first_day + Duration::days(day as i64);
        let total: u32 = HOUR_WEIGHTS.iter().sum();
        let last_second = (self.now - start).num_seconds().clamp(1, 86_400);
        let mut times: Vec<DateTime<Utc>> = (0..self.day_counts[day])
            .map(|_| {
                let offset = if last_second < 86_400 {
                    self.rng.random_range(0..last_second)
                } else {
                    let mut pick = self.rng.random_range(0..total);
                    let hour = HOUR_WEIGHTS.iter().position(|w| {
                        if pick < *w {
                            return true;
                        }
                        pick -= w;
                        false
                    });
                    hour.unwrap_or(12) as i64 * 3600 + self.rng.random_range(0..3600)
                };
                start + Duration::seconds(offset)
            })
            .collect();
        times.sort_unstable_by(|a, b| b.cmp(a));
        times
    }

    fn agent_of(&mut self, team: &str) -> Option<String> {
        let members: Vec<&DemoAgent> = self.agents.iter().filter(|a| a.team == team).collect();
        members.choose(&mut self.rng).map(|a| a.login.clone())
    }

    fn level(&mut self, weights: [u32; 4]) -> Level {
        let mut pick = self.rng.random_range(0..weights.iter().sum::<u32>());
        for (i, w) in weights.iter().enumerate() {
            if pick < *w {
                return Level::new(i as u8 + 1).expect("1..=4");
            }
            pick -= w;
        }
        Level::new(4).expect("4")
    }

    fn reporter(&mut self, channel: Channel) -> Reporter {
        if channel == Channel::Monitoring {
            return Reporter { name: "Monitoring".into(), department: Some("IT".into()), ..Reporter::default() };
        }
        let v = self.vocab;
        let first = v.first_names.choose(&mut self.rng).expect("names").clone();
        let last = v.last_names.choose(&mut self.rng).expect("names").clone();
        let email =
            self.rng.random_bool(0.9).then(|| format!("{}.{}@{}", mail_part(&first), mail_part(&last), v.mail_domain));
        let phone = self
            .rng
            .random_bool(0.7)
            .then(|| format!("+31 6 {:04} {:04}", self.rng.random_range(0..10_000), self.rng.random_range(0..10_000)));
        Reporter {
            name: format!("{first} {last}"),
            email,
            phone,
            department: self.departments.choose(&mut self.rng).cloned(),
        }
    }

    fn channel(&mut self) -> Channel {
        const CHANNELS: [(Channel, u32); 6] = [
            (Channel::Phone, 35),
            (Channel::Email, 25),
            (Channel::Portal, 20),
            (Channel::Chat, 10),
            (Channel::WalkIn, 5),
            (Channel::Monitoring, 5),
        ];
        let mut pick = self.rng.random_range(0..100);
        for (c, w) in CHANNELS {
            if pick < w {
                return c;
            }
            pick -= w;
        }
        Channel::Phone
    }

    fn ticket_at(&mut self, created_at: DateTime<Utc>) -> HistoricTicket {
        let v = self.vocab;
        let topic = v.topics.choose(&mut self.rng).expect("topics");
        let channel = self.channel();
        let impact = self.level([3, 10, 27, 60]);
        let urgency = self.level([10, 25, 40, 25]);
        let priority = self.matrix.priority(impact, urgency).expect("the default matrix has 4 × 4 cells");
        let opener = v.openers.choose(&mut self.rng).expect("openers");
        let symptom = topic.symptoms.choose(&mut self.rng).expect("symptoms");
        let closer = v.closers.choose(&mut self.rng).expect("closers");
        let mut ticket = NewTicket::new(topic.titles.choose(&mut self.rng).expect("titles"), "", channel);
        ticket.kind = topic.kind.unwrap_or(TicketKind::Incident);
        ticket.description = format!("{opener}{symptom} {closer}").trim().to_string();
        ticket.reporter = self.reporter(channel);
        ticket.service = Some(topic.service.clone());
        ticket.category = Some(topic.category.clone());
        ticket.subcategory = Some(topic.subcategory.clone());
        ticket.impact = Some(impact);
        ticket.urgency = Some(urgency);
        ticket.priority = Some(priority);

        let operator = self.agent_of(SERVICEDESK_TEAM).unwrap_or_else(|| "servicedesk".into());
        let creator = match channel {
            Channel::Portal => "portal".to_string(),
            Channel::Monitoring => "monitoring".to_string(),
            _ => operator.clone(),
        };
        let mut life = Life::new(created_at, &creator);
        let first_contact =
            matches!(channel, Channel::Phone | Channel::WalkIn | Channel::Chat) && self.rng.random_bool(0.35);
        if first_contact {
            life.wait(self.rng.random_range(60..600));
            life.set(&operator, Field::Team, Some(SERVICEDESK_TEAM));
            life.set(&operator, Field::Assignee, Some(&operator));
            life.status(&operator, Status::InProgress);
            life.wait(self.rng.random_range(120..1_500));
            life.status(&operator, Status::Resolved);
        } else {
            let misrouted = self.rng.random_bool(0.15);
            let first_team =
                if misrouted { self.teams.choose(&mut self.rng).expect("teams").clone() } else { topic.team.clone() };
            life.wait(self.rng.random_range(120..3_600));
            life.set(&operator, Field::Team, Some(&first_team));
            life.status(&operator, Status::Assigned);
            if misrouted && first_team != topic.team {
                life.wait(self.rng.random_range(1_800..14_400));
                life.set(&operator, Field::Team, Some(&topic.team));
            }
            let tech = self.agent_of(&topic.team).unwrap_or_else(|| operator.clone());
            let pickup = if priority.get() == 1 { 60..900 } else { 300..14_400 };
            life.wait(self.rng.random_range(pickup));
            life.set(&tech, Field::Assignee, Some(&tech));
            life.wait(self.rng.random_range(0..3_600));
            life.status(&tech, Status::InProgress);
            // Some need a specialist of another line.
            if self.rng.random_bool(0.08) {
                life.wait(self.rng.random_range(1_800..14_400));
                let line = if self.rng.random_bool(0.7) { "line2" } else { "line3" };
                life.escalate(&tech, line);
            }
            if self.rng.random_bool(0.25) {
                life.wait(self.rng.random_range(600..7_200));
                life.status(&tech, Status::WaitingCustomer);
                life.wait(self.rng.random_range(3_600..172_800));
                life.status(&tech, Status::InProgress);
            }
            if self.rng.random_bool(0.01) {
                life.wait(self.rng.random_range(600..7_200));
                life.status(&tech, Status::WaitingSupplier);
                life.wait(400 * 86_400);
            }
            let work = match priority.get() {
                1 => 1_800..14_400,
                2 => 3_600..28_800,
                3 => 7_200..259_200,
                _ => 14_400..604_800,
            };
            life.wait(self.rng.random_range(work));
            life.status(&tech, Status::Resolved);
        }
        life.wait(self.rng.random_range(86_400..432_000));
        life.status("system", Status::Closed);
        // About a third of the reporters answer the satisfaction question.
        if self.rng.random_bool(0.3) {
            let score = [1, 2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5][self.rng.random_range(0..13usize)];
            life.wait(self.rng.random_range(600..172_800));
            life.feedback = Some((score, life.clock));
        }
        life.until(self.now, ticket)
    }
}

impl Iterator for DemoGenerator<'_> {
    type Item = HistoricTicket;

    fn next(&mut self) -> Option<HistoricTicket> {
        while self.pending.is_empty() {
            if self.day >= self.day_counts.len() {
                return None;
            }
            self.pending = self.times_for_day(self.day);
            self.day += 1;
        }
        let at = self.pending.pop()?;
        Some(self.ticket_at(at))
    }
}

/// The simulated life of one ticket: changes in time order, later cut at "now".
struct Life {
    created_at: DateTime<Utc>,
    clock: DateTime<Utc>,
    status: Status,
    team: Option<String>,
    assignee: Option<String>,
    changes: Vec<(DateTime<Utc>, String, FieldChange)>,
    /// Escalations: when, by whom, to which line.
    escalations: Vec<(DateTime<Utc>, String, &'static str)>,
    feedback: Option<(u8, DateTime<Utc>)>,
    creator: String,
}

impl Life {
    fn new(created_at: DateTime<Utc>, creator: &str) -> Self {
        Life {
            created_at,
            clock: created_at,
            status: Status::New,
            team: None,
            assignee: None,
            changes: Vec::new(),
            escalations: Vec::new(),
            feedback: None,
            creator: creator.to_string(),
        }
    }

    fn wait(&mut self, seconds: i64) {
        self.clock += Duration::seconds(seconds);
    }

    fn set(&mut self, actor: &str, field: Field, value: Option<&str>) {
        let slot = match field {
            Field::Team => &mut self.team,
            _ => &mut self.assignee,
        };
        let old = slot.clone();
        *slot = value.map(str::to_string);
        let change = FieldChange { field, old, new: slot.clone() };
        self.changes.push((self.clock, actor.to_string(), change));
    }

    fn escalate(&mut self, actor: &str, line: &'static str) {
        self.escalations.push((self.clock, actor.to_string(), line));
    }

    fn status(&mut self, actor: &str, to: Status) {
        let change =
            FieldChange { field: Field::Status, old: Some(self.status.code().into()), new: Some(to.code().into()) };
        self.status = to;
        self.changes.push((self.clock, actor.to_string(), change));
    }

    /// Keeps what happened up to `now` and derives the ticket's state from it.
    fn until(self, now: DateTime<Utc>, mut ticket: NewTicket) -> HistoricTicket {
        let mut events = vec![NewEvent::created(self.created_at, &self.creator)];
        let (mut status, mut updated_at) = (Status::New, self.created_at);
        let (mut resolved_at, mut closed_at) = (None, None);
        for (at, actor, change) in self.changes.into_iter().filter(|(at, ..)| *at <= now) {
            match change.field {
                Field::Team => ticket.team = change.new.clone(),
                Field::Assignee => ticket.assignee = change.new.clone(),
                _ => {
                    status = change.new.as_deref().and_then(Status::from_code).unwrap_or(status);
                    match status {
                        Status::Resolved => resolved_at = Some(at),
                        Status::Closed => closed_at = Some(at),
                        _ => {}
                    }
                }
            }
            updated_at = at;
            events.push(NewEvent::changed(at, &actor, &change));
        }
        for (at, actor, line) in self.escalations.into_iter().filter(|(at, ..)| *at <= now) {
            let event = NewEvent::of(EventKind::Escalated, at, &actor, Some("escalation"), None, Some(line.into()));
            events.push(event.with_note("Needs a specialist"));
        }
        let feedback = self.feedback.filter(|(_, at)| *at <= now);
        if let Some((score, at)) = feedback {
            events.push(NewEvent::of(
                EventKind::Feedback,
                at,
                &self.creator,
                Some("satisfaction"),
                None,
                Some(score.to_string()),
            ));
        }
        events.sort_by_key(|e| e.at);
        HistoricTicket {
            ticket,
            status,
            created_at: self.created_at,
            updated_at,
            resolved_at,
            closed_at,
            events,
            feedback,
            source_ref: None,
            closure_code: None,
            problem_ref: None,
        }
    }
}

/// A name as the part of a plain-ASCII address: "Zoë" → "zoe", "de Vries" → "devries".
fn mail_part(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => Some('a'),
            'è' | 'é' | 'ê' | 'ë' => Some('e'),
            'ì' | 'í' | 'î' | 'ï' => Some('i'),
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => Some('o'),
            'ù' | 'ú' | 'û' | 'ü' => Some('u'),
            'ç' => Some('c'),
            'ñ' => Some('n'),
            c if c.is_ascii_alphanumeric() => Some(c),
            _ => None,
        })
        .collect();
    if plain.is_empty() { "x".to_string() } else { plain }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
    }

    #[test]
    fn both_vocabularies_load_with_the_same_topics() {
        let (en, nl) = (vocabulary("en"), vocabulary("nl"));
        assert_eq!(en.topics.len(), nl.topics.len());
        assert_eq!(en.teams(), nl.teams());
        assert!(nl.topics.iter().any(|t| t.titles.iter().any(|s| s.contains("Printer op"))));
    }

    #[test]
    fn generates_exactly_count_in_creation_order_within_the_year() {
        let v = vocabulary("en");
        let tickets: Vec<HistoricTicket> = DemoGenerator::new(&v, v.agents(), 2_000, 1, now()).collect();
        assert_eq!(tickets.len(), 2_000);
        assert!(tickets.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert!(tickets.iter().all(|t| t.created_at <= now() && t.created_at > now() - Duration::days(DAYS)));
        assert!(tickets.iter().all(|t| t.events.iter().all(|e| e.at <= now())));
    }

    #[test]
    fn every_demo_address_is_one_meldpunt_takes() {
        for language in ["en", "nl"] {
            let v = vocabulary(language);
            for t in DemoGenerator::new(&v, v.agents(), 2_000, 5, now()) {
                if let Some(email) = &t.ticket.reporter.email {
                    assert!(crate::domain::validate::is_email_address(email), "{email}");
                }
            }
            assert_eq!(mail_part("Zoë"), "zoe");
        }
    }

    #[test]
    fn same_seed_same_tickets() {
        let v = vocabulary("nl");
        let a: Vec<String> = DemoGenerator::new(&v, v.agents(), 50, 9, now()).map(|t| t.ticket.title).collect();
        let b: Vec<String> = DemoGenerator::new(&v, v.agents(), 50, 9, now()).map(|t| t.ticket.title).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn recent_tickets_are_open_and_old_ones_closed() {
        let v = vocabulary("en");
        let tickets: Vec<HistoricTicket> = DemoGenerator::new(&v, v.agents(), 5_000, 3, now()).collect();
        let old_open =
            tickets.iter().filter(|t| t.created_at < now() - Duration::days(60) && t.status.is_open()).count();
        let new_open =
            tickets.iter().filter(|t| t.created_at > now() - Duration::hours(4) && t.status.is_open()).count();
        let new_total = tickets.iter().filter(|t| t.created_at > now() - Duration::hours(4)).count();
        assert!(old_open * 50 < tickets.len(), "too many old open tickets: {old_open}");
        assert!(new_total == 0 || new_open * 2 > new_total);
        let statuses: std::collections::HashSet<Status> = tickets.iter().map(|t| t.status).collect();
        assert!(statuses.len() >= 5, "{statuses:?}");
    }

    #[test]
    fn history_follows_the_lifecycle() {
        let v = vocabulary("en");
        for t in DemoGenerator::new(&v, v.agents(), 500, 5, now()) {
            let mut status = Status::New;
            for e in t.events.iter().filter(|e| e.field.as_deref() == Some("status")) {
                let to = Status::from_code(e.new.as_deref().unwrap()).unwrap();
                status.check_transition(to).unwrap();
                status = to;
            }
            assert_eq!(status, t.status);
            assert_eq!(t.status == Status::Closed, t.closed_at.is_some());
        }
    }
}
